/// How generated client stubs reach a backend: a network client such as
/// `PolarisSyncClient`, or anything else that runs functions by path.
/// Arguments and results are Convex values; the stubs type them.
public protocol PolarisTransport: Sendable {
    /// Runs the query `path` ("module:function") once.
    func query(_ path: String, arguments: Value) async throws -> Value
    /// Runs the mutation `path`. `optimisticUpdate`, when the transport keeps
    /// local query results, changes them at once until the mutation's effects
    /// arrive from the server, and is rolled back if the mutation fails.
    func mutation(_ path: String, arguments: Value, optimisticUpdate: OptimisticUpdate?) async throws -> Value
    /// The results of the query `path`: the first, then each changed one.
    func subscribe(_ path: String, arguments: Value, buffering: QueryBuffering) -> QueryResults
}

extension PolarisTransport {
    /// Runs the mutation `path` without an optimistic update.
    public func mutation(_ path: String, arguments: Value) async throws -> Value {
        try await mutation(path, arguments: arguments, optimisticUpdate: nil)
    }
}

/// Which results a subscriber that reads slower than they change gets.
public enum QueryBuffering: Sendable {
    /// Only the newest result waits to be read (the default: a view shows the latest state).
    case latest
    /// Every result, in order (a log, or a test that checks each step).
    case every
}

/// A subscription's results as Convex values. It ends by throwing the error
/// of a failed run; the subscription ends when the iteration is cancelled or
/// the sequence and its iterators are released.
public struct QueryResults: AsyncSequence, Sendable {
    public typealias Element = Value
    private let stream: AsyncThrowingStream<Value, any Error>
    private let lifetime: Lifetime

    /// `stream`'s values; `onRelease` runs once the sequence and every iterator are gone.
    public init(_ stream: AsyncThrowingStream<Value, any Error>, onRelease: @escaping @Sendable () -> Void) {
        self.stream = stream
        self.lifetime = Lifetime(onRelease)
    }

    public struct AsyncIterator: AsyncIteratorProtocol {
        var base: AsyncThrowingStream<Value, any Error>.Iterator
        let lifetime: Lifetime

        public mutating func next() async throws -> Value? {
            try await base.next()
        }
    }

    public func makeAsyncIterator() -> AsyncIterator {
        AsyncIterator(base: stream.makeAsyncIterator(), lifetime: lifetime)
    }

    /// Runs a closure when the last holder lets go.
    final class Lifetime: Sendable {
        let onRelease: @Sendable () -> Void
        init(_ onRelease: @escaping @Sendable () -> Void) { self.onRelease = onRelease }
        deinit { onRelease() }
    }
}
