internal import GRDB

/// Runs calls of a registry's functions on a store, by path and with
/// untyped arguments, as a server does: access and arguments checked, a
/// query on a snapshot, a mutation in one transaction that commits only when
/// its handler returns a valid result, and every failure a `FunctionError`.
public struct FunctionRunner: Sendable {
    public let registry: FunctionRegistry
    public let store: DocumentStore
    /// The secret that `internal` functions need as their `internalKey` argument.
    public let internalKey: String?

    public init(registry: FunctionRegistry, store: DocumentStore, internalKey: String?) {
        self.registry = registry
        self.store = store
        self.internalKey = internalKey
    }

    /// Runs `path` (`"module:function"`) with `arguments` for `identity`; returns the result.
    public func run(_ path: String, arguments: Value, identity: Identity?) throws(FunctionError) -> Value {
        do {
            let (function, arguments) = try registry.prepare(
                path, arguments: arguments, identity: identity, internalKey: internalKey)
            switch function.handler {
            case .query(let handler):
                let result = try store.read { db in try handler(QueryContext(db: db, identity: identity), arguments) }
                return try FunctionRegistry.checkResult(result, of: function)
            case .mutation(let handler):
                return try store.write { db in
                    try FunctionRegistry.checkResult(handler(MutationContext(db: db, identity: identity), arguments), of: function)
                }
            }
        } catch {
            throw Self.functionError(error)
        }
    }

    /// The typed error a server maps for any error a handler or the store threw.
    static func functionError(_ error: any Error) -> FunctionError {
        switch error {
        case let error as FunctionError: error
        case let error as ApplicationError: .application(message: error.message, data: error.data)
        case let error as DocumentNotFound: .notFound(error.description)
        case let error as DatabaseError where error.resultCode == .SQLITE_BUSY: .conflict(error.message ?? "the database is busy")
        default: .failed(String(describing: error))
        }
    }
}
