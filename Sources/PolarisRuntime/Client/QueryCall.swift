/// One query with its arguments, typed: what generated stubs return from
/// `<query>Query(...)`. Run it once, subscribe to it, or read and change its
/// local result in an optimistic update.
public struct QueryCall<Result: Sendable>: Sendable {
    /// "module:function".
    public let path: String
    public let arguments: Value
    let transport: any PolarisTransport
    let decode: @Sendable (Value) throws -> Result
    let encode: @Sendable (Result) -> Value

    public init(
        transport: any PolarisTransport, path: String, arguments: Value,
        decode: @escaping @Sendable (Value) throws -> Result, encode: @escaping @Sendable (Result) -> Value
    ) {
        self.transport = transport
        self.path = path
        self.arguments = arguments
        self.decode = decode
        self.encode = encode
    }

    /// Runs the query once.
    public func run() async throws -> Result {
        try decode(await transport.query(path, arguments: arguments))
    }

    /// The query's result now and each time it changes, until the iteration stops.
    public func subscribe(buffering: QueryBuffering = .latest) -> LiveQuery<Result> {
        LiveQuery(results: transport.subscribe(path, arguments: arguments, buffering: buffering), decode: decode)
    }
}

/// A subscription's typed results: the first, then each changed one. It ends
/// by throwing when the query fails or a result does not decode.
public struct LiveQuery<Result: Sendable>: AsyncSequence, Sendable {
    public typealias Element = Result
    let results: QueryResults
    let decode: @Sendable (Value) throws -> Result

    public struct AsyncIterator: AsyncIteratorProtocol {
        var values: QueryResults.AsyncIterator
        let decode: @Sendable (Value) throws -> Result

        public mutating func next() async throws -> Result? {
            try await values.next().map(decode)
        }
    }

    public func makeAsyncIterator() -> AsyncIterator {
        AsyncIterator(values: results.makeAsyncIterator(), decode: decode)
    }
}
