import Foundation
internal import GRDB

/// Why opening a database with a new schema changed nothing.
public enum MigrationError: Error, Sendable, CustomStringConvertible {
    /// Stored documents of changed tables that the new validators reject.
    case invalidDocuments(DocumentCheckReport)
    /// The new schema has no table that still holds documents.
    case removedTableHoldsDocuments(table: String, count: Int)

    public var description: String {
        switch self {
        case .invalidDocuments(let report):
            let shown = report.failures.count < report.failureCount ? " (the first \(report.failures.count) shown)" : ""
            return "\(report.failureCount) stored document\(report.failureCount == 1 ? " does" : "s do") not fit the new schema\(shown); "
                + "nothing was changed:\n" + report.failures.map { "  \($0)" }.joined(separator: "\n")
        case .removedTableHoldsDocuments(let table, let count):
            return "the new schema has no table '\(table)', which holds \(count) document\(count == 1 ? "" : "s"); nothing was changed"
        }
    }
}

/// Brings a database from the tables it recorded to a schema's, inside the
/// caller's transaction: new tables are created; every changed table is
/// rebuilt in the new layout (new columns, indexes and order keys) from its
/// rows, each checked against the new validator; an empty removed table is
/// dropped. Any failure throws, and the transaction leaves nothing changed.
struct SchemaMigration {
    let recorded: [TableDescription]
    let tables: [StoreTable]
    let ddl: String

    /// The tables whose description changed, with the layout they were stored in.
    private var changed: [(old: StoreTable, new: StoreTable)] {
        let slots = StatementSlots()
        return tables.compactMap { table in
            guard let was = recorded.first(where: { $0.name == table.name }), was != table.description else { return nil }
            return (StoreTable(was, slots: slots), table)
        }
    }

    func apply(_ db: Database) throws {
        for table in recorded where !tables.contains(where: { $0.name == table.name }) {
            let name = SQLText.quote(SQLText.identifier(table.name))
            let count = try Int.fetchOne(db, sql: "SELECT count(*) FROM \(name)") ?? 0
            guard count == 0 else { throw MigrationError.removedTableHoldsDocuments(table: table.name, count: count) }
            try db.execute(sql: "DROP TABLE \(name)")
        }
        let changed = changed
        for (old, _) in changed {
            try Self.dropIndexes(of: old, db)
            try db.execute(sql: "ALTER TABLE \(old.quotedName) RENAME TO \(SQLText.quote(Self.previousName(of: old)))")
        }
        try db.execute(sql: ddl)
        var report = DocumentCheckReport()
        for (old, new) in changed {
            // Filled first and indexed after: one sort per index instead of a B-tree insert per row.
            try Self.dropIndexes(of: new, db)
            try copy(from: old, to: new, db, report: &report)
        }
        guard report.isValid else { throw MigrationError.invalidDocuments(report) }
        for (old, _) in changed { try db.execute(sql: "DROP TABLE \(SQLText.quote(Self.previousName(of: old)))") }
        try db.execute(sql: ddl)
    }

    /// Drops the indexes SQL made for `table` (its primary key's stays).
    private static func dropIndexes(of table: StoreTable, _ db: Database) throws {
        let indexes = try String.fetchAll(
            db, sql: "SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = ? AND sql IS NOT NULL",
            arguments: [SQLText.identifier(table.name)])
        for index in indexes { try db.execute(sql: "DROP INDEX \(SQLText.quote(index))") }
    }

    /// Where a changed table's rows wait while the new table is filled.
    private static func previousName(of table: StoreTable) -> String {
        SQLText.identifier(table.name) + ".polaris-previous"
    }

    /// Every valid row of `old` inserted into `new`; invalid ones reported.
    private func copy(from old: StoreTable, to new: StoreTable, _ db: Database, report: inout DocumentCheckReport) throws {
        let insert = try db.makeStatement(sql: new.insert.sql)
        let check = StoredRowsCheck(stored: old, validator: new.description.documentValidator)
        let offsets = new.columns.map { column in old.names.firstIndex(of: column.name) }
        try check.run(db, from: Self.previousName(of: old), report: &report) { values in
            insert.bind(try StoreTable.systemColumns[0].databaseValue(values[0]), at: 1)
            insert.bind(try StoreTable.systemColumns[1].databaseValue(values[1]), at: 2)
            try new.bind(offsets.map { $0.flatMap { values[$0] } }, to: insert, from: 3)
            try insert.run(in: db)
        }
    }
}
