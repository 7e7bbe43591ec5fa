/// A checked schema: every rule of the schema language holds, every name is
/// resolved. Every later stage (emitters, evolution, the runtime) reads this,
/// never the YAML.
public struct Schema: Sendable {
    /// The schema language version (1).
    public var version: Int
    /// The named types of `types:`, in schema order.
    public var types: [NamedType]
    /// The tables, in schema order.
    public var tables: [Table]
    /// The function modules, in schema order.
    public var modules: [FunctionModule]

    /// The table with this name.
    public func table(named name: String) -> Table? {
        tables.first { $0.name == name }
    }

    /// The named type with this name.
    public func namedType(_ name: String) -> NamedType? {
        types.first { $0.name == name }
    }
}

/// A reusable type from `types:`.
public struct NamedType: Sendable {
    public var name: String
    /// The Swift type it becomes (the name in UpperCamelCase).
    public var swiftName: String
    public var type: SchemaType
    public var doc: String?
    public var location: SourceLocation
}

/// A table of the schema.
public struct Table: Sendable {
    /// The table's fields, or its variants (`variants:`, every document
    /// matching one of them).
    public enum Shape: Sendable {
        case fields([Field])
        case variants([Variant])
    }

    public var name: String
    /// The generated model's name: `swiftName:`, or the singular of the
    /// table name in UpperCamelCase (`generationEvents` -> `GenerationEvent`).
    public var swiftName: String
    public var doc: String?
    public var shape: Shape
    /// The indexes, in schema order (the built-in `by_id` and
    /// `by_creation_time` are not listed).
    public var indexes: [Index]
    public var location: SourceLocation
}

/// One field set of a table's `variants:`.
public struct Variant: Sendable {
    public var fields: [Field]
    public var location: SourceLocation
}

/// An index: its fields in order; `_creationTime` is implicitly the last.
public struct Index: Sendable {
    public var name: String
    /// Field names; a field inside an object field as a dotted path.
    public var fields: [String]
    public var location: SourceLocation
}

/// The functions of one module, called as `"module:function"`.
public struct FunctionModule: Sendable {
    public var name: String
    public var functions: [Function]
    public var location: SourceLocation
}

/// A query or mutation signature.
public struct Function: Sendable {
    /// Whether a function reads or writes.
    public enum Kind: String, Sendable {
        case query
        case mutation
    }

    /// Who may call a function.
    public enum Access: String, Sendable {
        /// Anyone; the identity, if any, is optional.
        case `public`
        /// An authenticated caller; the handler receives the identity.
        case user
        /// Whoever holds the internal key, passed as the `internalKey` argument.
        case `internal`
    }

    public var module: String
    public var name: String
    public var kind: Kind
    public var access: Access
    /// The arguments in schema order (for `internal`, `internalKey` among them).
    public var arguments: [Field]
    /// The return type; `null` when the schema gives none.
    public var returns: SchemaType
    public var doc: String?
    public var location: SourceLocation

    /// The name clients call it by: `"module:function"`.
    public var path: String { "\(module):\(name)" }
}
