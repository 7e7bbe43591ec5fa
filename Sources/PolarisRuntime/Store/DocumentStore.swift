import Foundation
import Synchronization
internal import GRDB

/// The document store on SQLite: a generated schema's tables in one database
/// file (WAL mode: one writer, concurrent readers) or in memory. Every write
/// happens in `write`, one serializable transaction that commits only if its
/// body returns; `read` sees a consistent snapshot and cannot write.
public final class DocumentStore: Store {
    private let database: any GRDB.DatabaseWriter
    private let tables: [String: StoreTable]
    private let clock: CreationClock
    private let begin, commit, rollback: StatementSlot
    /// Each connection's prepared statements, by connection.
    private let connections = Mutex<[ObjectIdentifier: ConnectionStatements]>([:])
    /// Who is told of each commit, in commit order; while there is anyone,
    /// write transactions record the documents they change.
    private let observers = Mutex<[ObjectIdentifier: @Sendable (Commit) -> Void]>([:])
    private let timestamps = CommitClock()

    /// The page cache of each connection, in KiB (SQLite's default is 2 MiB).
    public static let cacheKiB = 65_536

    /// When a commit reaches the disk.
    public enum Durability: String, Sendable {
        /// Every commit is synced before the mutation returns (`synchronous = FULL`):
        /// an acknowledged mutation survives a power loss, as in Convex.
        case full = "FULL"
        /// Commits are synced at WAL checkpoints (`synchronous = NORMAL`, GRDB's
        /// default): an acknowledged mutation survives a crash of the process,
        /// but a power loss may undo the last ones. The file is never corrupted.
        case normal = "NORMAL"
    }

    /// Opens (creating if needed) the database file at `path` for `schema`.
    ///
    /// The database records the schema it was opened with. When `schema`
    /// differs, the database is migrated in one transaction before the store
    /// opens: new tables are created, changed tables rebuilt with every stored
    /// document checked against the new validators, empty removed tables
    /// dropped. If a document does not fit (or a removed table is not empty)
    /// this throws a `MigrationError` and the database is left as it was.
    public convenience init(path: String, schema: any DatabaseSchema.Type, durability: Durability = .full) throws {
        try self.init(path: path, tables: schema.tables, sqliteDDL: schema.sqliteDDL, durability: durability)
    }

    /// Opens the database file at `path` for tables known at run time (a
    /// schema file compiled by a tool, as `polaris-data` does) rather than
    /// generated code; `sqliteDDL` is what `polaris sql` prints for them.
    public convenience init(path: String, tables: [TableDescription], sqliteDDL: String, durability: Durability = .full) throws {
        var configuration = Configuration()
        configuration.busyMode = .timeout(10)
        configuration.prepareDatabase { db in try db.execute(sql: "PRAGMA cache_size = -\(DocumentStore.cacheKiB)") }
        let pool = try DatabasePool(path: path, configuration: configuration)
        // After GRDB's WAL setup, which sets NORMAL; only the writer's setting matters.
        try pool.writeWithoutTransaction { db in try db.execute(sql: "PRAGMA synchronous = \(durability.rawValue)") }
        try self.init(database: pool, tables: tables, ddl: sqliteDDL)
    }

    /// A database that lives in memory only, for `schema`.
    public static func inMemory(schema: any DatabaseSchema.Type) throws -> DocumentStore {
        try DocumentStore(database: try DatabaseQueue(), tables: schema.tables, ddl: schema.sqliteDDL)
    }

    private init(database: any GRDB.DatabaseWriter, tables descriptions: [TableDescription], ddl: String) throws {
        self.database = database
        let slots = StatementSlots()
        (begin, commit, rollback) = (slots.make("BEGIN IMMEDIATE"), slots.make("COMMIT"), slots.make("ROLLBACK"))
        let tables = descriptions.map { StoreTable($0, slots: slots) }
        self.tables = Dictionary(uniqueKeysWithValues: tables.map { ($0.name, $0) })
        let latest = try database.write { db in
            let recorded = try RecordedSchema.read(db)
            if let recorded, recorded != descriptions {
                try SchemaMigration(recorded: recorded, tables: tables, ddl: ddl).apply(db)
                try RecordedSchema.write(descriptions, db)
            } else {
                try db.execute(sql: ddl)
                if recorded == nil { try RecordedSchema.write(descriptions, db) }
            }
            var latest = 0.0
            for table in tables {
                try Self.checkColumns(of: table, in: db)
                latest = max(latest, try Double.fetchOne(db, sql: "SELECT max(\"_creationTime\") FROM \(table.quotedName)") ?? 0)
            }
            return latest
        }
        clock = CreationClock(latest: latest)
    }

    /// The writer connection's `PRAGMA synchronous` (0 OFF, 1 NORMAL, 2 FULL).
    public func synchronousSetting() throws -> Int {
        try database.writeWithoutTransaction { db in try Int.fetchOne(db, sql: "PRAGMA synchronous") ?? -1 }
    }

    /// Runs `body` on a consistent snapshot of the database.
    public func read<T>(_ body: (any DatabaseReader) throws -> T) throws -> T {
        try database.read { db in try body(StoreTransaction(database: db, store: self, statements: statements(of: db))) }
    }

    /// `read`, and the ranges of indexes `body` read, also when it throws.
    public func readRecording<T>(_ body: (any DatabaseReader) throws -> T) -> (result: Result<T, any Error>, reads: ReadSet) {
        let log = AccessLog()
        let result = Result {
            try database.read { db in
                try body(StoreTransaction(database: db, store: self, statements: statements(of: db), log: log))
            }
        }
        return (result, log.reads)
    }

    /// `write`, and the commit's timestamp. Observers hear of the commit
    /// before the next write transaction starts, so they hear of all in order.
    public func commit<T>(_ body: (any DatabaseWriter) throws -> T) throws -> (value: T, timestamp: UInt64) {
        try database.writeWithoutTransaction { db in
            let statements = statements(of: db)
            let observers = observers.withLock { Array($0.values) }
            let log = observers.isEmpty ? nil : AccessLog()
            let value = try inTransaction(db, statements) {
                try body(StoreTransaction(database: db, store: self, statements: statements, log: log))
            }
            let commit = Commit(timestamp: timestamps.next(), writes: log?.writes ?? [])
            for observer in observers { observer(commit) }
            return (value, commit.timestamp)
        }
    }

    /// The timestamp of the latest commit (0 before any since the store opened).
    public var latestTimestamp: UInt64 { timestamps.latest }

    /// Calls `observer` with every commit from now on, in commit order, on
    /// the writer's thread (it must not block) until `removeObserver(owner)`.
    public func addObserver(_ owner: AnyObject, _ observer: @escaping @Sendable (Commit) -> Void) {
        observers.withLock { $0[ObjectIdentifier(owner)] = observer }
    }

    public func removeObserver(_ owner: AnyObject) {
        _ = observers.withLock { $0.removeValue(forKey: ObjectIdentifier(owner)) }
    }

    /// `BEGIN IMMEDIATE`, `body`, `COMMIT` on prepared statements (GRDB's
    /// `inTransaction` prepares them anew each time); `ROLLBACK` if `body` or
    /// the commit throws, unless SQLite already rolled back.
    private func inTransaction<T>(_ db: Database, _ statements: ConnectionStatements, _ body: () throws -> T) throws -> T {
        try statements.statement(begin).run(in: db)
        do {
            let result = try body()
            try statements.statement(commit).run(in: db)
            return result
        } catch {
            if db.isInsideTransaction { try statements.statement(rollback).run(in: db) }
            throw error
        }
    }

    /// The prepared statements of the connection `db`.
    private func statements(of db: Database) -> ConnectionStatements {
        connections.withLock { connections in
            if let statements = connections[ObjectIdentifier(db)] { return statements }
            let statements = ConnectionStatements(db)
            connections[ObjectIdentifier(db)] = statements
            return statements
        }
    }

    /// The table named `name` in the schema.
    func table(_ name: String) throws -> StoreTable {
        guard let table = tables[name] else { throw StoreError.unknownTable(name) }
        return table
    }

    /// A creation time in milliseconds since the epoch, later than every one before.
    func nextCreationTime() -> Double {
        clock.next()
    }

    /// The table in the database has the columns the generated code expects.
    private static func checkColumns(of table: StoreTable, in db: Database) throws {
        let found = try db.columns(in: SQLText.identifier(table.name)).map { "\($0.name) \($0.type)" }
        let expected = ["_id TEXT", "_creationTime REAL"]
            + table.columns.map { "\(SQLText.identifier($0.name)) \($0.kind.declaredType)" }
            + table.orderKeys.map { "\($0.name) BLOB" }
            + (table.name == StoredFile.tableName ? ["data BLOB"] : [])
        guard found == expected else {
            throw StoreError.schemaMismatch(
                table: table.name,
                reason: "columns are [\(found.joined(separator: ", "))], expected [\(expected.joined(separator: ", "))]")
        }
    }
}

/// Commit timestamps: the wall clock in nanoseconds since the epoch, but
/// always after the last one given.
private final class CommitClock: Sendable {
    private let value = Atomic<UInt64>(0)

    var latest: UInt64 { value.load(ordering: .acquiring) }

    /// Called by the writer only, one commit at a time.
    func next() -> UInt64 {
        let now = UInt64(Date().timeIntervalSince1970 * 1e9)
        let next = max(now, value.load(ordering: .relaxed) + 1)
        value.store(next, ordering: .releasing)
        return next
    }
}
