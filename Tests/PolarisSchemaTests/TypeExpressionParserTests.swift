import Testing
@testable import PolarisSchema

/// The type-expression grammar: what parses to what, and where errors point.
@Suite struct TypeExpressionParserTests {
    /// Renders syntax back to a canonical string to compare shapes.
    private func shape(_ syntax: TypeSyntax) -> String {
        switch syntax.kind {
        case .name(let name): name
        case .table(let reference, let name, _): "\(reference.rawValue)<\(name)>"
        case .array(let element): "array<\(shape(element))>"
        case .record(let keys, let values): "record<\(shape(keys)), \(shape(values))>"
        case .page(let item): "page<\(shape(item))>"
        case .enumeration(let literals): "enum<" + literals.map { "\($0.value)" }.joined(separator: ", ") + ">"
        case .literal(let literal): "literal<\(literal.value)>"
        case .union(let members): "(" + members.map(shape).joined(separator: " | ") + ")"
        case .optional(let inner, _): shape(inner) + "?"
        }
    }

    @Test(arguments: [
        ("string", "string"),
        ("  array < id<users> >  ", "array<id<users>>"),
        ("record<string, array<number>>", "record<string, array<number>>"),
        ("string | null", "(string | null)"),
        ("(string | null)?", "(string | null)?"),
        ("string? | null", "(string? | null)"),
        ("enum<free, \"so so\", 1, 2n, true>", "enum<free, \"so so\", 1, 2n, true>"),
        ("literal<-1.5>", "literal<-1.5>"),
        ("literal<42n>", "literal<42n>"),
        ("literal<42>", "literal<42>"),
        ("page<doc<messages>>", "page<doc<messages>>"),
        ("id<_storage>", "id<_storage>"),
        ("a|b|c", "(a | b | c)"),
    ])
    func parses(_ input: String, _ expected: String) throws {
        #expect(shape(try TypeExpressionParser.parse(input)) == expected)
    }

    @Test func numberLiteralsKeepTheirKind() throws {
        let float = try TypeExpressionParser.parse("literal<42>")
        let integer = try TypeExpressionParser.parse("literal<42n>")
        guard case .literal(let a) = float.kind, case .literal(let b) = integer.kind else {
            Issue.record("not literals")
            return
        }
        #expect(a.value == .number(42))
        #expect(b.value == .int64(42))
        #expect(a.value != b.value)
    }

    @Test(arguments: [
        ("array<strng", 11, "expected '>' to close 'array<', found the end of the type"),
        ("array<%>", 6, "unexpected character '%' in a type"),
        ("string string", 7, "expected '|' or the end of the type, found 'string'"),
        ("enum<a,>", 7, "expected a literal (a name, number, \"string\", true or false), found '>'"),
        ("literal<null>", 8, "null is not a literal; the null type is written 'null'"),
        ("literal<1.5n>", 8, "an int64 literal ('n' suffix) must be a whole number, not '1.5'"),
        ("literal<\"x>", 8, "unterminated string literal"),
        ("map<string, number>", 0, "'map' does not take '<...>'; the schema language writes 'record<K, V>'"),
        ("arry<string>", 0, "'arry' does not take '<...>'; did you mean 'array'?"),
        ("", 0, "expected a type, found the end of the type"),
    ])
    func reportsTheOffendingToken(_ input: String, _ offset: Int, _ message: String) {
        #expect(throws: TypeSyntaxError.self) { try TypeExpressionParser.parse(input) }
        do {
            _ = try TypeExpressionParser.parse(input)
        } catch {
            #expect(error.offset == offset)
            #expect(error.message == message)
        }
    }

    @Test func deepNestingIsAnErrorNotACrash() {
        let deep = String(repeating: "array<", count: 100_000) + "string" + String(repeating: ">", count: 100_000)
        do {
            _ = try TypeExpressionParser.parse(deep)
            Issue.record("parsed")
        } catch {
            #expect(error.message == "the type is nested too deeply (more than 64 levels)")
        }
        let parens = String(repeating: "(", count: 100_000)
        #expect(throws: TypeSyntaxError.self) { try TypeExpressionParser.parse(parens) }
    }

    @Test func longFlatUnionsParse() throws {
        let wide = Array(repeating: "string", count: 50_000).joined(separator: " | ")
        guard case .union(let members) = try TypeExpressionParser.parse(wide).kind else {
            Issue.record("not a union")
            return
        }
        #expect(members.count == 50_000)
    }
}
