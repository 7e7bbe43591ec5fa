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
        let (function, arguments) = try prepare(path, arguments: arguments, identity: identity)
        do {
            switch function.handler {
            case .query(let handler):
                let result = try store.read { db in try handler(QueryContext(db: db, identity: identity), arguments) }
                return try FunctionRegistry.checkResult(result, of: function)
            case .mutation:
                return try commit(function, arguments: arguments, identity: identity).value
            }
        } catch {
            throw Self.functionError(error)
        }
    }

    /// Runs the query `path` as a subscription does: its result (or error),
    /// the ranges it read, and a commit timestamp its snapshot includes.
    public func runQuery(_ path: String, arguments: Value, identity: Identity?) -> QueryRun {
        let function: FunctionRegistry.Function, prepared: Value
        do {
            (function, prepared) = try prepare(path, arguments: arguments, identity: identity)
        } catch {
            // Refused before reading anything: no write can change that.
            return QueryRun(result: .failure(error), reads: ReadSet(), timestamp: store.latestTimestamp)
        }
        guard case .query(let handler) = function.handler else {
            return QueryRun(result: .failure(.unknownFunction(path + " (a mutation, not a query)")), reads: ReadSet(),
                            timestamp: store.latestTimestamp)
        }
        let run = store.readRecording { db in
            try FunctionRegistry.checkResult(handler(QueryContext(db: db, identity: identity), prepared), of: function)
        }
        return QueryRun(result: run.result.mapError(Self.functionError), reads: run.reads, timestamp: run.timestamp)
    }

    /// Runs the mutation `path`: its result and the timestamp of its commit.
    public func runMutation(_ path: String, arguments: Value, identity: Identity?) throws(FunctionError) -> (value: Value, timestamp: UInt64) {
        let (function, arguments) = try prepare(path, arguments: arguments, identity: identity)
        guard !function.isQuery else { throw FunctionError.unknownFunction(path + " (a query, not a mutation)") }
        do {
            return try commit(function, arguments: arguments, identity: identity)
        } catch {
            throw Self.functionError(error)
        }
    }

    private func prepare(_ path: String, arguments: Value, identity: Identity?) throws(FunctionError) -> (function: FunctionRegistry.Function, arguments: Value) {
        do {
            return try registry.prepare(path, arguments: arguments, identity: identity, internalKey: internalKey)
        } catch {
            throw Self.functionError(error)
        }
    }

    private func commit(_ function: FunctionRegistry.Function, arguments: Value, identity: Identity?) throws -> (value: Value, timestamp: UInt64) {
        guard case .mutation(let handler) = function.handler else { throw FunctionError.unknownFunction(function.path) }
        return try store.commit { db in
            try FunctionRegistry.checkResult(handler(MutationContext(db: db, identity: identity), arguments), of: function)
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

/// One run of a query for a subscription.
public struct QueryRun: Sendable {
    public let result: Result<Value, FunctionError>
    /// What the run read: a commit that writes into it may change the result.
    public let reads: ReadSet
    /// A commit the run's snapshot includes, with every one before it.
    public let timestamp: UInt64
}
