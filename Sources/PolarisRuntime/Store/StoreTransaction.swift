import Foundation
internal import Crypto
internal import GRDB

/// Reads and writes inside one SQLite transaction of a `DocumentStore`:
/// what query and mutation handlers get as `db`. Every write validates the
/// whole resulting document against its table's validator first.
struct StoreTransaction: DatabaseWriter {
    let database: Database
    let store: DocumentStore

    func get(table name: String, id: String) throws -> Value? {
        let table = try store.table(name)
        guard DocumentIDs.belongs(id, to: name) else { return nil }
        let statement = try database.cachedStatement(sql: table.selectByIdSQL)
        guard let row = try Row.fetchOne(statement, arguments: [id]) else { return nil }
        return try table.document(from: row)
    }

    func scan(
        _ plan: QueryPlan, after start: IndexPosition?, through end: IndexPosition?, _ visit: (Value) throws -> Bool
    ) throws {
        let table = try store.table(plan.table)
        let scan = try IndexScanSQL(plan, table: table, after: start, through: end)
        let statement = try database.cachedStatement(sql: scan.sql)
        let rows = try Row.fetchCursor(statement, arguments: StatementArguments(scan.arguments))
        while let row = try rows.next() {
            guard try visit(try table.document(from: row)) else { return }
        }
    }

    func fileContents(id: String) throws -> [UInt8]? {
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
        return id
    }

    func insert(table name: String, fields: Value) throws -> String {
        let table = try store.table(name)
        guard name != StoredFile.tableName else {
            throw StoreError.unstorable(field: "data", reason: "files are stored with storeFile, not inserted")
        }
        var document = try objectFields(fields, of: table)
        let id = DocumentIDs.make(table: name)
        let creationTime = store.nextCreationTime()
        document["_id"] = .string(id)
        document["_creationTime"] = .float64(creationTime)
        try validate(document, of: table)
        let statement = try database.cachedStatement(sql: table.insertSQL)
        let values = [id.databaseValue, creationTime.databaseValue] + (try table.columnValues(of: document))
        try statement.execute(arguments: StatementArguments(values))
        return id
    }

    func replace(table name: String, id: String, fields: Value) throws {
        let table = try store.table(name)
        var document = try objectFields(fields, of: table)
        let lookup = try database.cachedStatement(sql: table.creationTimeSQL)
        guard DocumentIDs.belongs(id, to: name), let creationTime = try Double.fetchOne(lookup, arguments: [id]) else {
            throw DocumentNotFound(table: name, id: id)
        }
        document["_id"] = .string(id)
        document["_creationTime"] = .float64(creationTime)
        try validate(document, of: table)
        let statement = try database.cachedStatement(sql: table.updateSQL)
        try statement.execute(arguments: StatementArguments(try table.columnValues(of: document) + [id.databaseValue]))
    }

    func delete(table name: String, id: String) throws {
        let table = try store.table(name)
        guard DocumentIDs.belongs(id, to: name) else { throw DocumentNotFound(table: name, id: id) }
        let statement = try database.cachedStatement(sql: table.deleteSQL)
        try statement.execute(arguments: [id])
        guard database.changesCount == 1 else { throw DocumentNotFound(table: name, id: id) }
    }

    private func objectFields(_ fields: Value, of table: StoreTable) throws -> [String: Value] {
        guard case .object(let document) = fields else {
            throw StoreError.invalidDocument(table: table.name, .mismatch(expected: "object", got: fields))
        }
        return document
    }

    private func validate(_ document: [String: Value], of table: StoreTable) throws {
        do {
            try table.validator.validate(.object(document))
        } catch {
            throw StoreError.invalidDocument(table: table.name, error)
        }
    }
}
