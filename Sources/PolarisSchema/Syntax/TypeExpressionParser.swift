/// Parses the type-expression grammar of the schema language:
///
/// ```
/// type    := member ('|' member)*
/// member  := primary '?'?
/// primary := NAME | id<TABLE> | doc<TABLE> | array<type> | record<type, type>
///          | enum<literal, ...> | literal<literal> | page<type> | '(' type ')'
/// ```
///
/// It stops at the first syntax error, which names the offending token.
struct TypeExpressionParser {
    /// The deepest nesting of `<...>` and `(...)` that is parsed.
    static let maximumDepth = 64

    private var lexer: TypeExpressionLexer
    private var token: TypeToken
    private var depth = 0

    /// Parses a whole type expression.
    static func parse(_ text: String) throws(TypeSyntaxError) -> TypeSyntax {
        var parser = try TypeExpressionParser(text)
        let type = try parser.parseType()
        guard case .end = parser.token.kind else {
            throw TypeSyntaxError(
                message: "expected '|' or the end of the type, found \(parser.token.quoted)", offset: parser.token.offset)
        }
        return type
    }

    private init(_ text: String) throws(TypeSyntaxError) {
        lexer = TypeExpressionLexer(text)
        token = try lexer.next()
    }

    private mutating func advance() throws(TypeSyntaxError) {
        token = try lexer.next()
    }

    private mutating func expect(_ character: Unicode.Scalar, after what: @autoclosure () -> String) throws(TypeSyntaxError) {
        guard isPunctuation(character) else {
            throw TypeSyntaxError(message: "expected '\(character)' \(what()), found \(token.quoted)", offset: token.offset)
        }
        try advance()
    }

    private func isPunctuation(_ character: Unicode.Scalar) -> Bool {
        if case .punctuation(let byte) = token.kind { byte == character.value } else { false }
    }

    private mutating func parseType() throws(TypeSyntaxError) -> TypeSyntax {
        depth += 1
        defer { depth -= 1 }
        guard depth <= Self.maximumDepth else {
            throw TypeSyntaxError(
                message: "the type is nested too deeply (more than \(Self.maximumDepth) levels)", offset: token.offset)
        }
        let first = try parseMember()
        guard isPunctuation("|") else { return first }
        var members = [first]
        while isPunctuation("|") {
            try advance()
            members.append(try parseMember())
        }
        return TypeSyntax(kind: .union(members), offset: first.offset)
    }

    private mutating func parseMember() throws(TypeSyntaxError) -> TypeSyntax {
        let primary = try parsePrimary()
        guard isPunctuation("?") else { return primary }
        let mark = token.offset
        try advance()
        return TypeSyntax(kind: .optional(primary, markOffset: mark), offset: primary.offset)
    }

    private mutating func parsePrimary() throws(TypeSyntaxError) -> TypeSyntax {
        let start = token.offset
        if isPunctuation("(") {
            try advance()
            let inner = try parseType()
            try expect(")", after: "to close '('")
            return inner
        }
        guard case .identifier(let name) = token.kind else {
            throw TypeSyntaxError(message: "expected a type, found \(token.quoted)", offset: token.offset)
        }
        try advance()
        guard let form = GenericForm(rawValue: name) else {
            if isPunctuation("<") {
                let hint = Names.foreignTypeNames[name].map { "; the schema language writes \($0)" }
                    ?? Suggestions.closest(to: name, among: Self.genericKeywords.sorted()).map { "; did you mean '\($0)'?" }
                    ?? "; only id, doc, array, record, enum, literal and page do"
                throw TypeSyntaxError(message: "'\(name)' does not take '<...>'\(hint)", offset: start)
            }
            return TypeSyntax(kind: .name(name), offset: start)
        }
        guard isPunctuation("<") else {
            throw TypeSyntaxError(message: "expected '<' after '\(name)', as in \(form.example)", offset: token.offset)
        }
        try advance()
        let kind: TypeSyntax.Kind
        switch form {
        case .id, .doc:
            guard case .identifier(let table) = token.kind else {
                throw TypeSyntaxError(message: "expected a table name in \(name)<...>, found \(token.quoted)", offset: token.offset)
            }
            kind = .table(form == .id ? .id : .doc, name: table, nameOffset: token.offset)
            try advance()
        case .array:
            kind = .array(try parseType())
        case .page:
            kind = .page(try parseType())
        case .record:
            let keys = try parseType()
            try expect(",", after: "between the key and value types of record<K, V>")
            kind = .record(keys: keys, values: try parseType())
        case .literal:
            kind = .literal(try parseLiteral())
        case .enumeration:
            var literals = [try parseLiteral()]
            while isPunctuation(",") {
                try advance()
                literals.append(try parseLiteral())
            }
            kind = .enumeration(literals)
        }
        try expect(">", after: "to close '\(name)<'")
        return TypeSyntax(kind: kind, offset: start)
    }

    private mutating func parseLiteral() throws(TypeSyntaxError) -> LiteralSyntax {
        let offset = token.offset
        let value: LiteralValue
        switch token.kind {
        case .identifier("true"): value = .boolean(true)
        case .identifier("false"): value = .boolean(false)
        case .identifier("null"):
            throw TypeSyntaxError(message: "null is not a literal; the null type is written 'null'", offset: offset)
        case .identifier(let name): value = .string(name)
        case .string(let text): value = .string(text)
        case .number(let text, isInt64: true):
            guard let integer = Int64(text) else {
                throw TypeSyntaxError(message: "the int64 literal '\(text)n' is out of range", offset: offset)
            }
            value = .int64(integer)
        case .number(let text, isInt64: false):
            guard let number = Double(text), number.isFinite else {
                throw TypeSyntaxError(message: "the number literal '\(text)' is out of range", offset: offset)
            }
            value = .number(number)
        default:
            throw TypeSyntaxError(message: "expected a literal (a name, number, \"string\", true or false), found \(token.quoted)", offset: offset)
        }
        try advance()
        return LiteralSyntax(value: value, offset: offset)
    }

    /// The keywords that take `<...>`.
    private enum GenericForm: String {
        case id, doc, array, record, literal, page
        case enumeration = "enum"

        var example: String {
            switch self {
            case .id: "id<projects>"
            case .doc: "doc<projects>"
            case .array: "array<string>"
            case .record: "record<string, number>"
            case .literal: "literal<\"text\">"
            case .page: "page<doc<messages>>"
            case .enumeration: "enum<free, pro>"
            }
        }
    }

    /// Names that take `<...>` and cannot name a type of their own.
    static let genericKeywords: Set<String> = ["id", "doc", "array", "record", "literal", "page", "enum"]
}
