/// Where a type stands, which decides what it may use.
struct TypeSite: Hashable {
    /// The part of the schema the type belongs to.
    enum Region {
        case table, namedType, arguments, returns
    }

    /// The type's position within that part.
    enum Position {
        /// The whole type of a table field, object field or argument: `?` is allowed.
        case field
        /// The whole return type of a function.
        case returnType
        /// The whole definition of a named type.
        case namedType
        /// Inside another type.
        case nested
    }

    var region: Region
    var position: Position

    /// The same region, inside another type.
    var nested: TypeSite { TypeSite(region: region, position: .nested) }

    /// Why `?` or `optional: true` is not allowed here; nil where it is.
    var optionalProblem: String? {
        switch position {
        case .field: nil
        case .returnType: "a return type cannot be optional; a function that may return nothing returns 'T | null'"
        case .namedType: "a named type cannot be optional; mark the fields that use it optional instead"
        case .nested: "'?' (optional) is allowed only on object fields, table fields and function arguments"
        }
    }
}

/// A resolved type with what its field needs to know.
struct ResolvedType {
    var type: SchemaType
    var isOptional = false
    var doc: String?

    /// What a type that failed to resolve (already reported) becomes, so that
    /// checking goes on without further errors about it.
    static let placeholder = ResolvedType(type: .any)
}

/// A type expression lowered without a diagnostic, reused wherever the same
/// text stands at the same kind of site.
struct LoweredExpression {
    struct Key: Hashable {
        var text: String
        var site: TypeSite
    }

    var resolved: ResolvedType
    /// The record key types to check, by byte offset into the expression.
    var recordKeys: [(keys: SchemaType, offset: Int)]
}
