/// A literal value of `literal<...>` and `enum<...>`.
public enum LiteralValue: Hashable, Sendable {
    case string(String)
    /// A float64, as `literal<42>`.
    case number(Double)
    /// An int64, as `literal<42n>`.
    case int64(Int64)
    case boolean(Bool)
}

/// A checked type of the schema language; names are resolved, optionality
/// belongs to the field that holds the type (see `Field.isOptional`).
public indirect enum SchemaType: Hashable, Sendable {
    case string
    /// A 64-bit float.
    case number
    case int64
    case boolean
    case bytes
    case null
    case any
    /// `id<TABLE>`; the table may be `_storage`.
    case id(table: String)
    /// `doc<TABLE>`: a whole document with `_id` and `_creationTime`.
    case document(table: String)
    case array(SchemaType)
    case record(keys: SchemaType, values: SchemaType)
    case literal(LiteralValue)
    /// Two or more members; `enum<a, b>` is a union of string literals.
    case union([SchemaType])
    case object([Field])
    /// A name from `types:`, kept as a reference so it stays one shared type.
    case named(String)
    /// `page<T>`: a pagination result (returns only).
    case page(SchemaType)
    /// `paginationOpts`: `{numItems, cursor}` (arguments only).
    case paginationOptions
}

/// A field of a table, an object or a function's arguments.
///
/// Two fields are equal when their names, types and optionality are; the
/// doc comment and the source location do not count.
public struct Field: Hashable, Sendable {
    public var name: String
    public var type: SchemaType
    /// The field may be absent (`?` or `optional: true`); absent is not null.
    public var isOptional: Bool
    /// The `doc:` text, for the generated doc comment.
    public var doc: String?
    /// Where the field's name stands.
    public var location: SourceLocation

    /// Creates a field.
    public init(name: String, type: SchemaType, isOptional: Bool = false, doc: String? = nil, location: SourceLocation) {
        self.name = name
        self.type = type
        self.isOptional = isOptional
        self.doc = doc
        self.location = location
    }

    public static func == (lhs: Field, rhs: Field) -> Bool {
        lhs.name == rhs.name && lhs.type == rhs.type && lhs.isOptional == rhs.isOptional
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(name)
        hasher.combine(type)
        hasher.combine(isOptional)
    }
}

extension LiteralValue: CustomStringConvertible {
    /// The literal as the schema language writes it.
    public var description: String {
        switch self {
        case .string(let text):
            let isName = text.utf8.first.map(TypeExpressionLexer.isIdentifierStart) == true
                && text.allUTF8(TypeExpressionLexer.isIdentifierPart) && text != "true" && text != "false"
                && text != "null"
            return isName ? text : "\"" + text.replacingOccurrences("\\", "\\\\").replacingOccurrences("\"", "\\\"") + "\""
        case .number(let value):
            return value == value.rounded() && abs(value) < 1e15 ? String(Int64(value)) : "\(value)"
        case .int64(let value): return "\(value)n"
        case .boolean(let value): return "\(value)"
        }
    }
}

extension SchemaType: CustomStringConvertible {
    /// The type as the schema language writes it.
    public var description: String {
        switch self {
        case .string: "string"
        case .number: "number"
        case .int64: "int64"
        case .boolean: "boolean"
        case .bytes: "bytes"
        case .null: "null"
        case .any: "any"
        case .id(let table): "id<\(table)>"
        case .document(let table): "doc<\(table)>"
        case .array(let element): "array<\(element)>"
        case .record(let keys, let values): "record<\(keys), \(values)>"
        case .literal(let value): "literal<\(value)>"
        case .union(let members):
            members.allSatisfy(\.isStringLiteral)
                ? "enum<" + members.map { "\($0.literalValue!)" }.joined(separator: ", ") + ">"
                : members.map { if case .union = $0 { "(\($0))" } else { "\($0)" } }.joined(separator: " | ")
        case .object(let fields):
            "{ " + fields.map { "\($0.name)\($0.isOptional ? "?" : ""): \($0.type)" }.joined(separator: ", ") + " }"
        case .named(let name): name
        case .page(let item): "page<\(item)>"
        case .paginationOptions: "paginationOpts"
        }
    }

    private var literalValue: LiteralValue? {
        if case .literal(let value) = self { value } else { nil }
    }

    private var isStringLiteral: Bool {
        if case .literal(.string) = self { true } else { false }
    }
}

extension String {
    fileprivate func replacingOccurrences(_ target: String, _ replacement: String) -> String {
        split(separator: target, omittingEmptySubsequences: false).joined(separator: replacement)
    }
}
