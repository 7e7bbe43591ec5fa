/// Why the store refused an operation.
public enum StoreError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The schema has no table of this name.
    case unknownTable(String)
    /// The schema's table has no index of this name.
    case unknownIndex(table: String, index: String)
    /// A write would store a document its table's validator rejects.
    case invalidDocument(table: String, ValueError)
    /// A value that SQLite cannot keep as it is.
    case unstorable(field: String, reason: String)
    /// The database's tables do not have the columns the generated code expects.
    case schemaMismatch(table: String, reason: String)
    /// Concurrent transactions kept conflicting: the mutation was retried and gave up.
    case conflict(String)

    public var description: String {
        switch self {
        case .unknownTable(let table): "the schema has no table '\(table)'"
        case .unknownIndex(let table, let index): "table '\(table)' has no index '\(index)'"
        case .invalidDocument(let table, let error): "a document of '\(table)' is invalid: \(error)"
        case .unstorable(let field, let reason): "field '\(field)' cannot be stored: \(reason)"
        case .schemaMismatch(let table, let reason): "the database's table '\(table)' does not match the schema: \(reason)"
        case .conflict(let reason): reason
        }
    }
}
