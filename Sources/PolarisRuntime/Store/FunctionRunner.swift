internal import GRDB

/// Runs calls of a registry's functions on a store, by path and with
/// untyped arguments, as a server does: access and arguments checked, a
/// query on a snapshot, a mutation in one transaction that commits only when
/// its handler returns a valid result, and every failure a `FunctionError`.
public struct FunctionRunner: Sendable {
    public let registry: FunctionRegistry
    public let store: any Store
    /// The secret that `internal` functions need as their `internalKey` argument.
    public let internalKey: String?

    public init(registry: FunctionRegistry, store: any Store, internalKey: String?) {
        self.registry = registry
        self.store = store
        self.internalKey = internalKey
    }

    /// Runs `path` (`"module:function"`) with `arguments` for `identity`; returns the result.
    public func run(_ path: String, arguments: Value, identity: Identity?) throws(FunctionError) -> Value {
        let (function, arguments) = try prepare(path, arguments: arguments, identity: identity)
        return function.isQuery
            ? try read(function, arguments: arguments, identity: identity)
            : try commit(function, arguments: arguments, identity: identity).value
    }

    /// Runs the query `path` once; the path of a mutation is refused.
    public func query(_ path: String, arguments: Value, identity: Identity?) throws(FunctionError) -> Value {
        let (function, arguments) = try prepare(path, arguments: arguments, identity: identity, kind: .query)
        return try read(function, arguments: arguments, identity: identity)
    }

    /// Runs the query `path` as a subscription does: its result (or error)
    /// and the ranges it read.
    public func runQuery(_ path: String, arguments: Value, identity: Identity?) -> QueryRun {
        let function: FunctionRegistry.Function, prepared: Value
        do {
            (function, prepared) = try prepare(path, arguments: arguments, identity: identity, kind: .query)
        } catch {
            // Refused before reading anything: no write can change that.
            return QueryRun(result: .failure(error), reads: ReadSet())
        }
        let run = store.readRecording { db in try handle(function, prepared, db: db, identity: identity) }
        return QueryRun(result: run.result.mapError(Self.functionError), reads: run.reads)
    }

    /// Runs the mutation `path` (the path of a query is refused): its result
    /// and the timestamp of its commit.
    public func runMutation(_ path: String, arguments: Value, identity: Identity?) throws(FunctionError) -> (value: Value, timestamp: UInt64) {
        let (function, arguments) = try prepare(path, arguments: arguments, identity: identity, kind: .mutation)
        return try commit(function, arguments: arguments, identity: identity)
    }

    private enum Kind { case query, mutation }

    /// The function and the arguments its handler gets, once the call passes
    /// its access and argument checks (and is of `kind`, when given).
    private func prepare(
        _ path: String, arguments: Value, identity: Identity?, kind: Kind? = nil
    ) throws(FunctionError) -> (function: FunctionRegistry.Function, arguments: Value) {
        let prepared: (function: FunctionRegistry.Function, arguments: Value)
        do {
            prepared = try registry.prepare(path, arguments: arguments, identity: identity, internalKey: internalKey)
        } catch {
            throw Self.functionError(error)
        }
        switch (kind, prepared.function.isQuery) {
        case (.query, false): throw .unknownFunction(path + " (a mutation, not a query)")
        case (.mutation, true): throw .unknownFunction(path + " (a query, not a mutation)")
        default: return prepared
        }
    }

    /// A query's handler on a snapshot, its result checked.
    private func read(_ function: FunctionRegistry.Function, arguments: Value, identity: Identity?) throws(FunctionError) -> Value {
        do {
            return try store.read { db in try handle(function, arguments, db: db, identity: identity) }
        } catch {
            throw Self.functionError(error)
        }
    }

    private func handle(
        _ function: FunctionRegistry.Function, _ arguments: Value, db: any DatabaseReader, identity: Identity?
    ) throws -> Value {
        guard case .query(let handler) = function.handler else { throw FunctionError.unknownFunction(function.path) }
        return try FunctionRegistry.checkResult(handler(QueryContext(db: db, identity: identity), arguments), of: function)
    }

    /// A mutation's handler in one transaction that commits when its result is valid.
    private func commit(
        _ function: FunctionRegistry.Function, arguments: Value, identity: Identity?
    ) throws(FunctionError) -> (value: Value, timestamp: UInt64) {
        guard case .mutation(let handler) = function.handler else { throw .unknownFunction(function.path) }
        do {
            return try store.commit { db in
                try FunctionRegistry.checkResult(handler(MutationContext(db: db, identity: identity), arguments), of: function)
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
        case StoreError.conflict(let reason): .conflict(reason)
        case let error as DatabaseError where error.resultCode == .SQLITE_BUSY: .conflict(error.message ?? "the database is busy")
        default: .failed(String(describing: error))
        }
    }
}

/// One run of a query for a subscription.
public struct QueryRun: Sendable {
    public let result: Result<Value, FunctionError>
    /// What the run read: a commit that writes into it may change the result.
    public let reads: ReadSet
}
