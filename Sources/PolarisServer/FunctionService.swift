import Dispatch
import PolarisRuntime

/// What both transports call: the functions, their live queries, and the
/// token check. Store calls block, so they run off the server's event loops.
struct FunctionService: Sendable {
    let runner: FunctionRunner
    let subscriptions: Subscriptions
    /// Checks bearer tokens; nil refuses every token.
    let verifier: TokenVerifier?

    /// The identity a user token proves.
    func identity(fromToken token: String) throws(AuthenticationError) -> Identity {
        guard let verifier else { throw AuthenticationError(code: "NoAuthProvider", message: "this server accepts no user tokens") }
        do {
            return try verifier.identity(fromToken: token)
        } catch {
            throw AuthenticationError(code: "InvalidAuthHeader", message: "Could not verify token: \(error)")
        }
    }

    /// Runs a query once.
    func query(_ path: String, arguments: Value, identity: Identity?) async -> Result<Value, FunctionError> {
        await offload { Result { () throws(FunctionError) in try runner.query(path, arguments: arguments, identity: identity) } }
    }

    /// Runs a mutation: its result and commit timestamp.
    func mutation(_ path: String, arguments: Value, identity: Identity?) async -> Result<(value: Value, timestamp: UInt64), FunctionError> {
        await offload {
            Result { () throws(FunctionError) in try runner.runMutation(path, arguments: arguments, identity: identity) }
        }
    }

    /// Actions: the registry has none, so every path is unknown.
    func action(_ path: String) -> FunctionError {
        .unknownFunction(path)
    }

    private func offload<T: Sendable>(_ body: @escaping @Sendable () -> T) async -> T {
        await withCheckedContinuation { continuation in
            DispatchQueue.global().async { continuation.resume(returning: body()) }
        }
    }
}

/// A token the server does not accept, with Convex's short code.
struct AuthenticationError: Error {
    let code: String
    let message: String
}
