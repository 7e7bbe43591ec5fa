/// A parsed type expression, before names are resolved. Offsets are byte
/// offsets into the scalar's value.
struct TypeSyntax {
    indirect enum Kind {
        /// A primitive (`string`), `paginationOpts`, or a name from `types:`.
        case name(String)
        /// `id<TABLE>` or `doc<TABLE>`.
        case table(TableReference, name: String, nameOffset: Int)
        case array(TypeSyntax)
        case record(keys: TypeSyntax, values: TypeSyntax)
        case page(TypeSyntax)
        case enumeration([LiteralSyntax])
        case literal(LiteralSyntax)
        case union([TypeSyntax])
        /// `T?`, with the offset of the `?`.
        case optional(TypeSyntax, markOffset: Int)
    }

    /// `id<...>` or `doc<...>`.
    enum TableReference: String { case id, doc }

    var kind: Kind
    var offset: Int
}

/// A literal inside `literal<...>` or `enum<...>`.
struct LiteralSyntax {
    var value: LiteralValue
    var offset: Int
}

/// A syntax error in a type expression, at a byte offset of the value.
struct TypeSyntaxError: Error {
    var message: String
    var offset: Int
}
