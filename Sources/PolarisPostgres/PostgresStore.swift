import Foundation
import PolarisRuntime
import PostgresNIO

/// The document store on PostgreSQL: a generated schema's tables (the DDL
/// `polaris sql --dialect postgres` prints) in one database that any number
/// of servers share. Queries read a snapshot (REPEATABLE READ); mutations
/// run SERIALIZABLE, and one that loses to a concurrent transaction is run
/// again, up to `attempts` times, as Convex retries optimistic conflicts.
/// Every server's commits reach every store's observers in commit order
/// (see `CommitLog`). Calls block: run them off event loops, as the server does.
public final class PostgresStore: Store {
    private let tables: [String: PostgresTable]
    private let pool: ConnectionPool
    private let log: CommitLog
    private let clock: CreationClock
    /// How many times a mutation runs before a conflict is reported.
    public static let attempts = 16
    /// Servers beyond this many share creation-time ticks (see `CreationClock`).
    static let nodes = 16

    /// Opens the database at `url` for `schema`, creating its tables (and
    /// the commit log) when they are missing; `connections` is the most
    /// this store holds open at once (one more follows the commit log).
    public convenience init(url: String, schema: any DatabaseSchema.Type, connections: Int = 8) throws {
        try self.init(url: url, tables: schema.tables, postgresDDL: schema.postgresDDL, connections: connections)
    }

    /// Opens the database at `url` for tables known at run time;
    /// `postgresDDL` is what `polaris sql --dialect postgres` prints for them.
    public init(url: String, tables descriptions: [TableDescription], postgresDDL: String, connections: Int = 8) throws {
        let url = try PostgresURL(url)
        let tables = Dictionary(uniqueKeysWithValues: descriptions.map { ($0.name, PostgresTable($0)) })
        let state = try PostgresSchemaSetup(url: url, tables: descriptions.map { tables[$0.name]! }, ddl: postgresDDL).run()
        self.tables = tables
        pool = ConnectionPool(url: url, size: max(1, connections))
        log = CommitLog(url: url, tables: tables, last: state.lastCommit)
        clock = CreationClock(latest: state.latestCreationTime, node: state.node % Self.nodes, of: Self.nodes)
    }

    deinit {
        pool.close()
    }

    public func read<T>(_ body: (any DatabaseReader) throws -> T) throws -> T {
        try snapshot(log: nil, body)
    }

    public func readRecording<T>(_ body: (any DatabaseReader) throws -> T) -> (result: Result<T, any Error>, reads: ReadSet) {
        let log = AccessLog()
        return (Result { try snapshot(log: log, body) }, log.reads)
    }

    /// `body` on a snapshot, its reads kept in `log` when given.
    private func snapshot<T>(log: AccessLog?, _ body: (any DatabaseReader) throws -> T) throws -> T {
        try pool.with { connection in
            let transaction = PostgresTransaction(store: self, connection: connection, mode: .snapshot, log: log)
            do {
                let value = try body(transaction)
                try transaction.end()
                return value
            } catch {
                transaction.rollBack()
                throw error
            }
        }
    }

    public func commit<T>(_ body: (any DatabaseWriter) throws -> T) throws -> (value: T, timestamp: UInt64) {
        var attempt = 1
        while true {
            do {
                return try pool.with { connection in try commitOnce(body, on: connection) }
            } catch let error as PostgresStoreError where error.isConflict {
                guard attempt < Self.attempts else {
                    throw StoreError.conflict("the mutation conflicted with concurrent ones \(attempt) times: \(error.message)")
                }
                attempt += 1
                // A random pause before trying again, so that the same transactions do not meet again.
                usleep(UInt32.random(in: 0...UInt32(min(50_000, 500 << min(attempt, 6)))))
            }
        }
    }

    private func commitOnce<T>(_ body: (any DatabaseWriter) throws -> T, on connection: PostgresConnection) throws -> (value: T, timestamp: UInt64) {
        let transaction = PostgresTransaction(store: self, connection: connection, mode: .write, log: AccessLog())
        do {
            let value = try body(transaction)
            let writes = transaction.log?.writes ?? []
            guard !writes.isEmpty else {
                try transaction.end()
                return (value, log.latestNumber)
            }
            let number = try transaction.commit(record: try CommitLog.record(of: writes, tables: tables))
            log.committed(number, writes: writes)
            return (value, number)
        } catch {
            transaction.rollBack()
            throw transaction.conflict ?? error
        }
    }

    /// The number of the latest commit this store's observers heard of: a
    /// sequence that started at the nanoseconds since the epoch when the
    /// database was made, one more per commit of any server.
    public var latestTimestamp: UInt64 { log.latestNumber }

    public func addObserver(_ owner: AnyObject, _ observer: @escaping @Sendable (Commit) -> Void) {
        log.addObserver(owner, observer)
    }

    public func removeObserver(_ owner: AnyObject) {
        log.removeObserver(owner)
    }

    /// Reads the commits other servers made since the last one handled, now
    /// rather than at their notification or the next poll.
    public func catchUp() {
        log.catchUp()
    }

    func table(_ name: String) throws -> PostgresTable {
        guard let table = tables[name] else { throw StoreError.unknownTable(name) }
        return table
    }

    func nextCreationTime() -> Double {
        clock.next()
    }
}
