import Foundation
internal import GRDB

extension DocumentStore {
    /// Checks every document stored in the database file at `path` against
    /// the validators of `tables` (the schema about to be deployed), opening
    /// it read-only: nothing is changed. Rows are read in the layout the
    /// database recorded when it was last opened (the layout of `tables`
    /// for a database that recorded none). A stored table that `tables`
    /// lacks is reported with its document count; a table only `tables`
    /// has holds nothing yet and passes.
    public static func checkDocuments(atPath path: String, against tables: [TableDescription]) throws -> DocumentCheckReport {
        guard FileManager.default.fileExists(atPath: path) else {
            throw StoreError.schemaMismatch(table: "", reason: "no database file at '\(path)'")
        }
        var configuration = Configuration()
        configuration.readonly = true
        let database = try DatabaseQueue(path: path, configuration: configuration)
        return try database.read { db in
            let recorded = try RecordedSchema.read(db) ?? tables
            let slots = StatementSlots()
            var report = DocumentCheckReport()
            for stored in recorded {
                let name = SQLText.identifier(stored.name)
                guard try db.tableExists(name) else { continue }
                guard let table = tables.first(where: { $0.name == stored.name }) else {
                    let count = try Int.fetchOne(db, sql: "SELECT count(*) FROM \(SQLText.quote(name))") ?? 0
                    report.record(unknownTable: stored.name, holding: count)
                    continue
                }
                let check = StoredRowsCheck(stored: StoreTable(stored, slots: slots), validator: table.documentValidator)
                try check.run(db, from: name, report: &report)
            }
            return report
        }
    }
}
