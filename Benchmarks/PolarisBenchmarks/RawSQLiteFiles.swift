import Foundation
import GRDBSQLite

/// The floor: SQLite's C API by hand, one prepared statement per operation, the same table and
/// indexes as the generated DDL, WAL, and the store's page cache.
final class RawSQLiteFiles {
    private var db: OpaquePointer?
    private static let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)

    init(path: String, ddl: String, cacheKiB: Int) throws {
        guard sqlite3_open(path, &db) == SQLITE_OK else { throw RawError.failed("open \(path)") }
        try execute("PRAGMA journal_mode = WAL; PRAGMA cache_size = -\(cacheKiB); \(ddl)")
    }

    deinit { sqlite3_close(db) }

    func execute(_ sql: String) throws {
        guard sqlite3_exec(db, sql, nil, nil, nil) == SQLITE_OK else { throw RawError.failed(String(cString: sqlite3_errmsg(db))) }
    }

    func prepare(_ sql: String) throws -> OpaquePointer? {
        var statement: OpaquePointer?
        guard sqlite3_prepare_v3(db, sql, -1, UInt32(SQLITE_PREPARE_PERSISTENT), &statement, nil) == SQLITE_OK else {
            throw RawError.failed(String(cString: sqlite3_errmsg(db)))
        }
        return statement
    }

    /// All samples in one transaction through one prepared INSERT.
    func insert(_ samples: [FileSamples.Sample]) throws {
        let insert = try prepare(#"""
            INSERT INTO "files" ("_id", "_creationTime", "projectId", "parentId", "name", "type", "content", "storageId", "updatedAt")
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
            """#)
        defer { sqlite3_finalize(insert) }
        try execute("BEGIN IMMEDIATE")
        for sample in samples {
            sqlite3_bind_text(insert, 1, sample.id, -1, Self.transient)
            sqlite3_bind_double(insert, 2, sample.creationTime)
            sqlite3_bind_text(insert, 3, sample.projectId, -1, Self.transient)
            sqlite3_bind_text(insert, 4, sample.parentId, -1, Self.transient)
            sqlite3_bind_text(insert, 5, sample.name, -1, Self.transient)
            sqlite3_bind_text(insert, 6, "file", -1, Self.transient)
            sqlite3_bind_text(insert, 7, sample.content, -1, Self.transient)
            sqlite3_bind_null(insert, 8)
            sqlite3_bind_double(insert, 9, sample.updatedAt)
            guard sqlite3_step(insert) == SQLITE_DONE else { throw RawError.failed(String(cString: sqlite3_errmsg(db))) }
            sqlite3_reset(insert)
        }
        try execute("COMMIT")
    }

    /// One `by_project_parent` lookup per pair, in one read transaction; returns the rows read.
    func read(_ lookups: [(projectId: String, parentId: String)]) throws -> Int {
        let select = try prepare(#"""
            SELECT "_id", "_creationTime", "projectId", "parentId", "name", "type", "content", "storageId", "updatedAt"
            FROM "files" WHERE "projectId" = ? AND "parentId" = ? ORDER BY "_creationTime"
            """#)
        defer { sqlite3_finalize(select) }
        var count = 0
        try execute("BEGIN")
        for lookup in lookups {
            sqlite3_bind_text(select, 1, lookup.projectId, -1, Self.transient)
            sqlite3_bind_text(select, 2, lookup.parentId, -1, Self.transient)
            var rows: [FileRow] = []
            while sqlite3_step(select) == SQLITE_ROW {
                rows.append(FileRow(
                    _id: text(select, 0)!, _creationTime: sqlite3_column_double(select, 1), projectId: text(select, 2)!,
                    parentId: text(select, 3), name: text(select, 4)!, type: text(select, 5)!, content: text(select, 6),
                    storageId: text(select, 7), updatedAt: sqlite3_column_double(select, 8)))
            }
            sqlite3_reset(select)
            count += rows.count
        }
        try execute("COMMIT")
        return count
    }

    /// One transaction per update of one row's name and time.
    func renameEach(_ ids: [String]) throws {
        let update = try prepare(#"UPDATE "files" SET "name" = ?, "updatedAt" = ? WHERE "_id" = ?"#)
        defer { sqlite3_finalize(update) }
        for (index, id) in ids.enumerated() {
            try execute("BEGIN IMMEDIATE")
            sqlite3_bind_text(update, 1, "renamed-\(index).swift", -1, Self.transient)
            sqlite3_bind_double(update, 2, Double(index))
            sqlite3_bind_text(update, 3, id, -1, Self.transient)
            guard sqlite3_step(update) == SQLITE_DONE, sqlite3_changes(db) == 1 else {
                throw RawError.failed("update \(id)")
            }
            sqlite3_reset(update)
            try execute("COMMIT")
        }
    }

    /// `SELECT` every column of every row of `files`, each column's bytes
    /// touched (texts as Swift strings when `strings`); returns the rows read.
    func selectAll(strings: Bool) throws -> Int {
        let statement = try prepare(
            "SELECT \"_id\", \"_creationTime\", \"projectId\", \"parentId\", \"name\", \"type\", \"content\", \"storageId\", \"updatedAt\" FROM \"files\"")
        defer { sqlite3_finalize(statement) }
        var rows = 0, bytes = 0
        while sqlite3_step(statement) == SQLITE_ROW {
            rows += 1
            for column in Int32(0)..<9 {
                switch sqlite3_column_type(statement, column) {
                case SQLITE_TEXT:
                    if strings { bytes += text(statement, column)?.utf8.count ?? 0 } else { bytes += Int(sqlite3_column_bytes(statement, column)) }
                case SQLITE_FLOAT: bytes += Int(sqlite3_column_double(statement, column).exponent)
                default: break
                }
            }
        }
        precondition(bytes > 0)
        return rows
    }

    /// The text of column `index`, nil for NULL.
    private func text(_ statement: OpaquePointer?, _ index: Int32) -> String? {
        guard let bytes = sqlite3_column_text(statement, index) else { return nil }
        return String(cString: bytes)
    }

    func pragma(_ name: String) throws -> String {
        let statement = try prepare("PRAGMA \(name)")
        defer { sqlite3_finalize(statement) }
        guard sqlite3_step(statement) == SQLITE_ROW else { return "?" }
        return text(statement, 0) ?? "?"
    }
}

enum RawError: Error {
    case failed(String)
}
