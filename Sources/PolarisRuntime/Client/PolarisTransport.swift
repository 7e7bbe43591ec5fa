/// How generated client stubs reach a backend: the in-process runtime, or a
/// network client. Arguments and results are Convex values; the stubs type them.
public protocol PolarisTransport: Sendable {
    /// Runs the query `path` ("module:function").
    func query(_ path: String, arguments: Value) async throws -> Value
    /// Runs the mutation `path` ("module:function").
    func mutation(_ path: String, arguments: Value) async throws -> Value
}
