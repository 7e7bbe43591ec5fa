/// A change a mutation makes at once to the client's subscribed query
/// results, before the server answers (Convex's optimistic updates).
public typealias OptimisticUpdate = @Sendable (inout OptimisticLocalStore) -> Void

/// The client's subscribed query results as an optimistic update sees them:
/// the server's results with the earlier pending updates applied. Reading a
/// query that is not subscribed, or has no result yet, gives nil; setting one
/// that is not subscribed does nothing.
public struct OptimisticLocalStore: Sendable {
    /// A query by path and arguments.
    public struct Key: Hashable, Sendable {
        public let path: String
        public let arguments: Value

        public init(path: String, arguments: Value) {
            self.path = path
            self.arguments = arguments
        }
    }

    /// Each subscribed query's result; nil while it has none (loading or failed).
    public private(set) var results: [Key: Value?]

    public init(results: [Key: Value?]) { self.results = results }

    /// A subscribed query's result, typed; nil when there is none or it does not decode.
    public subscript<Result>(query: QueryCall<Result>) -> Result? {
        get { self[query.path, query.arguments].flatMap { try? query.decode($0) } }
        set { self[query.path, query.arguments] = newValue.map(query.encode) }
    }

    /// A subscribed query's result as a Convex value.
    public subscript(path: String, arguments: Value) -> Value? {
        get { results[Key(path: path, arguments: arguments)] ?? nil }
        set {
            let key = Key(path: path, arguments: arguments)
            if results[key] != nil { results[key] = .some(newValue) }
        }
    }

    /// The arguments of every subscribed query of `path`, with their results.
    public func queries(_ path: String) -> [(arguments: Value, result: Value?)] {
        results.filter { $0.key.path == path }.map { ($0.key.arguments, $0.value) }
    }
}
