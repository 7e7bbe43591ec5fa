/// What every handler gets: the caller, if authenticated.
public protocol FunctionContext {
    var identity: Identity? { get }
}

extension FunctionContext {
    /// The caller's identity; throws `FunctionError.unauthenticated` without one.
    public func requireIdentity() throws -> Identity {
        guard let identity else { throw FunctionError.unauthenticated }
        return identity
    }
}

/// What a query's handler gets: read-only access to a consistent snapshot.
public struct QueryContext: FunctionContext {
    /// The database, read-only: a query cannot write.
    public let db: any DatabaseReader
    /// The caller, if authenticated.
    public let identity: Identity?

    public init(db: any DatabaseReader, identity: Identity?) {
        self.db = db
        self.identity = identity
    }
}

/// What a mutation's handler gets: read and write access inside one transaction.
public struct MutationContext: FunctionContext {
    /// The database; reads see this mutation's own writes.
    public let db: any DatabaseWriter
    /// The caller, if authenticated.
    public let identity: Identity?

    public init(db: any DatabaseWriter, identity: Identity?) {
        self.db = db
        self.identity = identity
    }
}

/// A failed call, typed so that a server can map each case to its response.
public enum FunctionError: Error, Hashable, Sendable, CustomStringConvertible {
    /// No function has this path.
    case unknownFunction(String)
    /// The arguments do not match the function's validator.
    case invalidArguments(ValueError)
    /// The function needs an authenticated caller.
    case unauthenticated
    /// The caller may not do this (a wrong internal key, another user's document).
    case unauthorized(String)
    /// A document the call needs does not exist.
    case notFound(String)
    /// The call ran into another one's writes and may be retried.
    case conflict(String)
    /// The handler refused the call with a message (and data) for the caller, as `ConvexError` does.
    case application(message: String, data: Value?)
    /// The handler returned a value its `returns:` type does not accept.
    case invalidResult(ValueError)
    /// The handler failed in a way the caller cannot fix (an invalid write, a broken database).
    case failed(String)

    public var description: String {
        switch self {
        case .unknownFunction(let path): "no function named '\(path)'"
        case .invalidArguments(let error): "invalid arguments: \(error)"
        case .unauthenticated: "this function needs an authenticated caller"
        case .unauthorized(let reason): "unauthorized: \(reason)"
        case .notFound(let what): "not found: \(what)"
        case .conflict(let reason): "conflict: \(reason)"
        case .application(let message, _): message
        case .invalidResult(let error): "the function returned an invalid value: \(error)"
        case .failed(let reason): "the function failed: \(reason)"
        }
    }
}

/// What a handler throws to refuse a call with a message the caller sees
/// (Convex's `ConvexError`): `throw ApplicationError("Project limit reached")`.
public struct ApplicationError: Error, Hashable, Sendable, CustomStringConvertible {
    public var message: String
    /// Structured details for the caller, if any.
    public var data: Value?

    public init(_ message: String, data: Value? = nil) {
        self.message = message
        self.data = data
    }

    public var description: String { message }
}
