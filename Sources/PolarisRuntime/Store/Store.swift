/// A database of a schema's documents that runs queries on consistent
/// snapshots and mutations in all-or-nothing transactions, and tells its
/// observers of every commit in commit order: what `FunctionRunner`,
/// `Subscriptions` and the server need. `DocumentStore` (SQLite) and
/// `PostgresStore` (module PolarisPostgres) are the two there are.
public protocol Store: AnyObject, Sendable {
    /// Runs `body` on a consistent snapshot of the database.
    func read<T>(_ body: (any DatabaseReader) throws -> T) throws -> T
    /// `read`, and the ranges of indexes `body` read, also when it throws.
    func readRecording<T>(_ body: (any DatabaseReader) throws -> T) -> (result: Result<T, any Error>, reads: ReadSet)
    /// Runs `body` in one transaction that commits when `body` returns and
    /// leaves no trace when it throws; returns its value and the commit's
    /// timestamp. Observers hear of the commit before this returns.
    func commit<T>(_ body: (any DatabaseWriter) throws -> T) throws -> (value: T, timestamp: UInt64)
    /// The timestamp of the latest commit the observers have heard of.
    var latestTimestamp: UInt64 { get }
    /// Calls `observer` with every commit from now on, in commit order (it
    /// must not block), until `removeObserver(owner)`.
    func addObserver(_ owner: AnyObject, _ observer: @escaping @Sendable (Commit) -> Void)
    func removeObserver(_ owner: AnyObject)
}

extension Store {
    /// Runs `body` in one transaction: it commits when `body` returns and
    /// leaves no trace when `body` throws. Reads inside see its own writes.
    public func write<T>(_ body: (any DatabaseWriter) throws -> T) throws -> T {
        try commit(body).value
    }
}
