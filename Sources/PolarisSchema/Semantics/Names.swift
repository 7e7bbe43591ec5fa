/// The naming rules of the schema language.
enum Names {
    /// The longest field name, as in Convex.
    static let maximumFieldNameLength = 64

    /// `[A-Za-z_][A-Za-z0-9_]*`.
    static func isIdentifier(_ name: String) -> Bool {
        guard let first = name.utf8.first, TypeExpressionLexer.isIdentifierStart(first) else { return false }
        return name.allUTF8(TypeExpressionLexer.isIdentifierPart)
    }

    /// An identifier of at most 64 characters.
    static func isFieldName(_ name: String) -> Bool {
        isIdentifier(name) && name.utf8.count <= maximumFieldNameLength
    }

    /// The primitive type names.
    static let primitives: [String: SchemaType] = [
        "string": .string, "number": .number, "int64": .int64, "boolean": .boolean,
        "bytes": .bytes, "null": .null, "any": .any,
    ]

    /// Every name the language itself defines, in the order suggestions list them.
    static let builtInTypeNames = ["string", "number", "int64", "boolean", "bytes", "null", "any", "paginationOpts"]

    /// Names users reach for from other languages, and how the schema language writes them.
    static let foreignTypeNames: [String: String] = [
        "float64": "'number'", "float": "'number'", "double": "'number'", "int": "'int64'", "integer": "'int64'",
        "bigint": "'int64'", "bool": "'boolean'", "str": "'string'", "text": "'string'",
        "object": "an object with the mapping form 'object:'", "optional": "'T?' on a field", "union": "'A | B'",
        "undefined": "'?' on a field (absent)", "list": "'array<T>'", "map": "'record<K, V>'",
        "dictionary": "'record<K, V>'",
    ]

    /// `"'a', 'b' or 'c'"`.
    static func list(_ names: [String]) -> String {
        let quoted = names.map { "'\($0)'" }
        return quoted.count <= 1 ? quoted.joined() : quoted.dropLast().joined(separator: ", ") + " or " + quoted.last!
    }
}
