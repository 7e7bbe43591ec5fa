import Crypto
import Foundation
import NIOCore
import PolarisRuntime
import PostgresNIO

/// Reads and writes inside one PostgreSQL transaction of a `PostgresStore`,
/// on one connection: what handlers get as `db`. A snapshot for queries
/// (REPEATABLE READ, READ ONLY), SERIALIZABLE for mutations. `BEGIN` goes
/// out with the first read, so a mutation that only writes is one statement
/// (and a transaction of its own); writes are held until the next read, a
/// delete or the commit, and go out together in one statement.
final class PostgresTransaction: DatabaseWriter {
    enum Mode { case snapshot, write }

    private let store: PostgresStore
    private let connection: PostgresConnection
    private let mode: Mode
    /// Reads and writes, when recorded (always in a mutation: the commit's record needs its writes).
    let log: AccessLog?
    private var pending = PendingWrites()
    /// Statements sent without waiting, whose errors the next wait reports.
    private var unanswered: [EventLoopFuture<PostgresQueryResult>] = []
    private(set) var begun = false
    /// The first conflict with a concurrent transaction any statement met,
    /// even if the handler caught it: the mutation must run again.
    private(set) var conflict: PostgresStoreError?

    init(store: PostgresStore, connection: PostgresConnection, mode: Mode, log: AccessLog?) {
        self.store = store
        self.connection = connection
        self.mode = mode
        self.log = log
    }

    // MARK: Reading

    func get(table name: String, id: String) throws -> StoredDocument? {
        let table = try store.table(name)
        log?.reads.ranges.append(IndexKeyRange(table: name, id: id))
        guard DocumentIDs.belongs(id, to: name) else { return nil }
        var bindings = PostgresBindings()
        bindings.append(id)
        let rows = try run(PostgresQuery(unsafeSQL: table.selectSQL + #" WHERE "_id" = $1"#, binds: bindings))
        return try rows.first.map(table.document)
    }

    func scan(
        _ plan: QueryPlan, after start: IndexPosition?, through end: IndexPosition?,
        _ visit: (StoredDocument) throws -> Bool
    ) throws {
        try rows(plan, after: start, through: end) { table, row in try visit(try table.document(of: row)) }
    }

    /// Decodes each row straight from its columns when `Model` is the
    /// generated model of the table the store has (else by field name).
    func scan<Model: Document>(
        _ plan: QueryPlan, after start: IndexPosition?, through end: IndexPosition?, as model: Model.Type,
        _ visit: (Model) throws -> Bool
    ) throws {
        var byPosition: Bool?
        // Made at the first row, then refilled row after row.
        let current = CurrentColumns()
        var row: DocumentRow?
        try rows(plan, after: start, through: end) { table, cells in
            let positional = byPosition ?? (Model.tableName == table.name && Model.table == table.layout.description)
            byPosition = positional
            guard positional else { return try visit(try Model(stored: table.document(of: cells))) }
            try table.read(cells, into: &current.values)
            let reader = row ?? DocumentRow(names: table.layout.names) { current.values[$0] }
            row = reader
            reader.rewind()
            return try visit(try Model(row: reader))
        }
    }

    /// The scan's rows in batches (64, then 8 times more each time, up to
    /// 8,192), each continuing after the last row of the one before, until
    /// `visit` returns false or the range ends.
    private func rows(
        _ plan: QueryPlan, after start: IndexPosition?, through end: IndexPosition?,
        _ visit: (PostgresTable, PostgresRow) throws -> Bool
    ) throws {
        let table = try store.table(plan.table)
        var range = log.map { _ in IndexKeyRange(plan, after: start, through: end) }
        defer { if let range { log?.reads.ranges.append(range) } }
        var cursor = start
        var limit = 64
        while true {
            let rows = try run(try PostgresScan(plan, table: table, after: cursor, through: end, limit: limit).query)
            for row in rows {
                guard try visit(table, row) else {
                    if range != nil {
                        range?.stop(at: IndexPosition(of: try table.document(of: row), fields: plan.fields), order: plan.order)
                    }
                    return
                }
            }
            guard rows.count == limit, let last = rows.last else { return }
            cursor = IndexPosition(of: try table.document(of: last), fields: plan.fields)
            limit = min(limit * 8, 8_192)
        }
    }

    func fileContents(id: String) throws -> [UInt8]? {
        log?.reads.ranges.append(IndexKeyRange(table: StoredFile.tableName, id: id))
        guard DocumentIDs.belongs(id, to: StoredFile.tableName) else { return nil }
        var bindings = PostgresBindings()
        bindings.append(id)
        let rows = try run(PostgresQuery(unsafeSQL: #"SELECT "data" FROM "_storage" WHERE "_id" = $1"#, binds: bindings))
        return try rows.first.map { row in
            var cells = row.makeIterator()
            return Array(try cells.next()!.decode(ByteBuffer.self).readableBytesView)
        }
    }

    // MARK: Writing

    func insert(table name: String, fields: StoredDocument) throws -> String {
        let table = try store.table(name)
        guard name != StoredFile.tableName else {
            throw StoreError.unstorable(field: "data", reason: "files are stored with storeFile, not inserted")
        }
        let values = try table.layout.columnValues(of: fields, ignoringSystemFields: false)
        let id = DocumentIDs.make(table: name)
        let creationTime = store.nextCreationTime()
        var row: [UInt8] = []
        try table.appendRow(id: id, creationTime: creationTime, values: values, to: &row)
        try sendIfFull()
        pending.insert(table, id: id, row: row)
        log?.writes.append(DocumentWrite(
            table: name, old: nil, new: StoredDocument(names: table.layout.names, values: [.string(id), .float64(creationTime)] + values)))
        return id
    }

    func replace(table name: String, current: StoredDocument, fields: StoredDocument) throws {
        let table = try store.table(name)
        let values = try table.layout.columnValues(of: fields, ignoringSystemFields: true)
        guard case .string(let id)? = current.values.first, case .float64(let creationTime)? = current.values.dropFirst().first,
            current.names == table.layout.names
        else {
            throw StoreError.invalidDocument(table: name, .mismatch(expected: "a stored document of '\(name)'", got: current.value))
        }
        let system = TableLayout.systemColumns.count
        guard !values.indices.allSatisfy({ current.values[system + $0] == values[$0] }) else { return }
        var row: [UInt8] = []
        try table.appendRow(id: id, creationTime: creationTime, values: values, to: &row)
        try sendIfFull()
        pending.replace(table, id: id, row: row)
        log?.writes.append(DocumentWrite(
            table: name, old: current, new: StoredDocument(names: table.layout.names, values: Array(current.values.prefix(system)) + values)))
    }

    func delete(table name: String, id: String) throws {
        let table = try store.table(name)
        guard DocumentIDs.belongs(id, to: name) else { throw DocumentNotFound(table: name, id: id) }
        var bindings = PostgresBindings()
        bindings.append(id)
        let rows = try run(PostgresQuery(unsafeSQL: table.deleteSQL, binds: bindings))
        guard let row = rows.first else { throw DocumentNotFound(table: name, id: id) }
        log?.writes.append(DocumentWrite(table: name, old: try table.document(of: row), new: nil))
    }

    func storeFile(_ bytes: [UInt8], contentType: String?) throws -> String {
        let id = DocumentIDs.make(table: StoredFile.tableName)
        let sha256 = SHA256.hash(data: bytes).map { String(format: "%02x", $0) }.joined()
        let creationTime = store.nextCreationTime()
        var bindings = PostgresBindings()
        bindings.append(id)
        bindings.append(creationTime)
        bindings.append(sha256)
        bindings.append(Int64(bytes.count))
        bindings.append(contentType)
        bindings.append(ByteBuffer(bytes: bytes))
        try begin()
        unanswered.append(connection.send(PostgresQuery(unsafeSQL: """
            INSERT INTO "_storage" ("_id", "_creationTime", "sha256", "size", "contentType", "data") VALUES ($1, $2, $3, $4, $5, $6)
            """, binds: bindings)))
        let document = StoredDocument(
            names: try store.table(StoredFile.tableName).layout.names, values: [.string(id), .float64(creationTime), .string(sha256), .int64(Int64(bytes.count)), contentType.map(Value.string)])
        log?.writes.append(DocumentWrite(table: StoredFile.tableName, old: nil, new: document))
        return id
    }

    // MARK: The transaction

    /// Commits a transaction that wrote: sends the pending writes with the
    /// commit's record and returns the commit's number.
    func commit(record: String) throws -> UInt64 {
        let rows = try wait(connection.send(pending.statement(record: record)))
        if begun { _ = try wait(connection.send("COMMIT")) }
        begun = false
        guard let row = rows.first else { throw PostgresStoreError(message: "the commit's record returned no number") }
        var cells = row.makeIterator()
        return UInt64(try cells.next()!.decode(Int64.self))
    }

    /// Ends a transaction that wrote nothing (or only read).
    func end() throws {
        try waitUnanswered()
        if begun { _ = try wait(connection.send(mode == .write ? "COMMIT" : "ROLLBACK")) }
        begun = false
    }

    /// Undoes whatever was sent; the connection is ready for another transaction.
    func rollBack() {
        for future in unanswered { _ = try? future.wait() }
        unanswered = []
        if begun { _ = try? connection.send("ROLLBACK").wait() }
        begun = false
    }

    private func begin() throws {
        guard !begun else { return }
        begun = true
        unanswered.append(connection.send(
            mode == .write ? "BEGIN ISOLATION LEVEL SERIALIZABLE" : "BEGIN ISOLATION LEVEL REPEATABLE READ, READ ONLY"))
    }

    private func sendIfFull() throws {
        guard pending.count >= PendingWrites.sendAt else { return }
        try begin()
        unanswered.append(connection.send(pending.statement(record: nil)))
    }

    /// Sends the pending writes (inside the transaction), then `query`; its rows.
    private func run(_ query: PostgresQuery) throws -> [PostgresRow] {
        try begin()
        if !pending.isEmpty { unanswered.append(connection.send(pending.statement(record: nil))) }
        return try wait(connection.send(query)).rows
    }

    /// Waits for `future` after every statement sent before it, reporting the first error.
    private func wait<T: Sendable>(_ future: EventLoopFuture<T>) throws -> T {
        try waitUnanswered()
        return try noted { try connection.wait(future) }
    }

    /// `body`, keeping the first conflict it throws.
    private func noted<T>(_ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let error as PostgresStoreError {
            if error.isConflict, conflict == nil { conflict = error }
            throw error
        }
    }

    private func waitUnanswered() throws {
        let futures = unanswered
        unanswered = []
        var first: (any Error)?
        for future in futures {
            do { _ = try noted { try connection.wait(future) } } catch { first = first ?? error }
        }
        if let first { throw first }
    }
}

/// The columns of the row a scan is on, which its `DocumentRow` reads.
private final class CurrentColumns {
    var values: [StoredColumnValue] = []
}
