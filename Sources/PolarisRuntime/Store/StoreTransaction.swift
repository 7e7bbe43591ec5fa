import Foundation
internal import Crypto
internal import GRDB

/// Reads and writes inside one SQLite transaction of a `DocumentStore`:
/// what query and mutation handlers get as `db`. Every write validates the
/// whole resulting document against its table's validator first.
struct StoreTransaction: DatabaseWriter {
    let database: Database
    let store: DocumentStore
    /// The connection's prepared statements.
    let statements: ConnectionStatements
    /// Where reads and writes are recorded, when subscriptions need them.
    var log: AccessLog? = nil

    func get(table name: String, id: String) throws -> StoredDocument? {
        let table = try store.table(name)
        log?.reads.ranges.append(IndexKeyRange(table: name, id: id))
        guard DocumentIDs.belongs(id, to: name) else { return nil }
        let statement = try statements.statement(table.selectById)
        defer { statement.finishReading() }
        statement.bind(text: id, at: 1)
        return try statement.step(in: database) ? try table.document(at: statement) : nil
    }

    func scan(
        _ plan: QueryPlan, after start: IndexPosition?, through end: IndexPosition?,
        _ visit: (StoredDocument) throws -> Bool
    ) throws {
        try rows(plan, after: start, through: end) { table, statement in
            try visit(try table.document(at: statement))
        }
    }

    /// Decodes each row straight from its columns when `Model` is the
    /// generated model of the table the store has (else by field name).
    func scan<Model: Document>(
        _ plan: QueryPlan, after start: IndexPosition?, through end: IndexPosition?, as model: Model.Type,
        _ visit: (Model) throws -> Bool
    ) throws {
        // Made at the first row, then moved from row to row.
        var row: DocumentRow?
        var byPosition: Bool?
        try rows(plan, after: start, through: end) { table, statement in
            let positional = byPosition ?? table.readsByPosition(Model.self)
            byPosition = positional
            guard positional else { return try visit(try Model(stored: table.document(at: statement))) }
            let current = row ?? table.row(at: statement)
            row = current
            current.rewind()
            return try visit(try Model(row: current))
        }
    }

    /// Runs the scan's statement, giving each row until `visit` returns false.
    private func rows(
        _ plan: QueryPlan, after start: IndexPosition?, through end: IndexPosition?,
        _ visit: (StoreTable, Statement) throws -> Bool
    ) throws {
        let table = try store.table(plan.table)
        let scan = try IndexScanSQL(plan, table: table, after: start, through: end)
        let statement = try scan.slot.map(statements.statement) ?? database.cachedStatement(sql: scan.sql)
        defer { statement.finishReading() }
        for (offset, argument) in scan.arguments.enumerated() { statement.bind(argument, at: Int32(offset + 1)) }
        var range = log.map { _ in IndexKeyRange(plan, after: start, through: end) }
        defer { if let range { log?.reads.ranges.append(range) } }
        while try statement.step(in: database) {
            guard try visit(table, statement) else {
                if range != nil {
                    range?.stop(at: IndexPosition(of: try table.document(at: statement), fields: plan.fields), order: plan.order)
                }
                return
            }
        }
    }

    func fileContents(id: String) throws -> [UInt8]? {
        log?.reads.ranges.append(IndexKeyRange(table: StoredFile.tableName, id: id))
        guard DocumentIDs.belongs(id, to: StoredFile.tableName) else { return nil }
        let statement = try database.cachedStatement(sql: #"SELECT "data" FROM "_storage" WHERE "_id" = ?"#)
        return try Data.fetchOne(statement, arguments: [id]).map { Array($0) }
    }

    func storeFile(_ bytes: [UInt8], contentType: String?) throws -> String {
        let id = DocumentIDs.make(table: StoredFile.tableName)
        let sha256 = SHA256.hash(data: bytes).map { String(format: "%02x", $0) }.joined()
        let statement = try database.cachedStatement(sql: #"""
            INSERT INTO "_storage" ("_id", "_creationTime", "sha256", "size", "contentType", "data") VALUES (?, ?, ?, ?, ?, ?)
            """#)
        try statement.execute(arguments: [id, store.nextCreationTime(), sha256, Int64(bytes.count), contentType, Data(bytes)])
        if let log { log.writes.append(DocumentWrite(table: StoredFile.tableName, old: nil, new: try unlogged.get(table: StoredFile.tableName, id: id))) }
        return id
    }

    func insert(table name: String, fields: StoredDocument) throws -> String {
        let table = try store.table(name)
        guard name != StoredFile.tableName else {
            throw StoreError.unstorable(field: "data", reason: "files are stored with storeFile, not inserted")
        }
        let values = try table.columnValues(of: fields, ignoringSystemFields: false)
        let id = DocumentIDs.make(table: name)
        let statement = try statements.statement(table.insert)
        let creationTime = store.nextCreationTime()
        statement.bind(text: id, at: 1)
        statement.bind(creationTime.databaseValue, at: 2)
        try table.bind(values, to: statement, from: 3)
        try statement.run(in: database)
        if let log {
            let document = StoredDocument(names: table.names, values: [.string(id), .float64(creationTime)] + values)
            log.writes.append(DocumentWrite(table: name, old: nil, new: document))
        }
        return id
    }

    /// Writes only the columns whose values change, so indexes on the others are left alone.
    func replace(table name: String, current: StoredDocument, fields: StoredDocument) throws {
        let table = try store.table(name)
        let values = try table.columnValues(of: fields, ignoringSystemFields: true)
        guard case .string(let id) = current.values.first, current.names == table.names else {
            throw StoreError.invalidDocument(table: name, .mismatch(expected: "a stored document of '\(name)'", got: current.value))
        }
        let system = StoreTable.systemColumns.count
        let changed = table.columns.indices.filter { current.values[system + $0] != values[$0] }
        guard !changed.isEmpty else { return }
        let update = table.update(changing: changed)
        let statement = try statements.statement(update.statement)
        for (position, offset) in changed.enumerated() {
            try statement.bind(values[offset], as: table.columns[offset], at: Int32(position + 1))
        }
        for (position, key) in update.keys.enumerated() {
            statement.bind(table.orderKeys[key].key(of: values), at: Int32(changed.count + position + 1))
        }
        statement.bind(text: id, at: Int32(changed.count + update.keys.count + 1))
        try statement.run(in: database)
        if let log {
            let document = StoredDocument(names: table.names, values: Array(current.values.prefix(system)) + values)
            log.writes.append(DocumentWrite(table: name, old: current, new: document))
        }
    }

    func delete(table name: String, id: String) throws {
        let table = try store.table(name)
        guard DocumentIDs.belongs(id, to: name) else { throw DocumentNotFound(table: name, id: id) }
        let old = try log.flatMap { _ in try unlogged.get(table: name, id: id) }
        let statement = try statements.statement(table.delete)
        try statement.execute(arguments: [id])
        guard database.changesCount == 1 else { throw DocumentNotFound(table: name, id: id) }
        if let log, let old { log.writes.append(DocumentWrite(table: name, old: old, new: nil)) }
    }

    /// This transaction without its log: for the store's own reads.
    private var unlogged: StoreTransaction {
        var transaction = self
        transaction.log = nil
        return transaction
    }
}
