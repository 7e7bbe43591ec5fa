import PolarisRuntime
import PostgresNIO

/// The inserts and replacements a write transaction has made but not yet
/// sent, kept as rows of JSON by table: sent as one statement (a
/// data-modifying CTE per table and kind) before the transaction's next read,
/// at its commit, or when many have piled up. A replacement of a row
/// inserted since the last send changes the insert.
struct PendingWrites {
    private struct Rows {
        var ids: [String] = []
        var rows: [String: [UInt8]] = [:]
    }

    private var inserts: [(table: PostgresTable, rows: Rows)] = []
    private var updates: [(table: PostgresTable, rows: Rows)] = []
    private(set) var count = 0
    /// Rows beyond this many are sent before the next write.
    static let sendAt = 10_000

    var isEmpty: Bool { count == 0 }

    mutating func insert(_ table: PostgresTable, id: String, row: [UInt8]) {
        if Self.add(&inserts, table, id: id, row: row) { count += 1 }
    }

    mutating func replace(_ table: PostgresTable, id: String, row: [UInt8]) {
        if let index = inserts.firstIndex(where: { $0.table === table }), inserts[index].rows.rows[id] != nil {
            inserts[index].rows.rows[id] = row
        } else {
            if Self.add(&updates, table, id: id, row: row) { count += 1 }
        }
    }

    /// Adds or replaces the row of `id`; whether it is a new one.
    private static func add(_ list: inout [(table: PostgresTable, rows: Rows)], _ table: PostgresTable, id: String, row: [UInt8]) -> Bool {
        var index = list.firstIndex { $0.table === table }
        if index == nil {
            list.append((table, Rows()))
            index = list.count - 1
        }
        guard list[index!].rows.rows.updateValue(row, forKey: id) == nil else { return false }
        list[index!].rows.ids.append(id)
        return true
    }

    /// One statement doing every pending write, then (given a commit's
    /// record) taking the commit lock, numbering the commit and recording
    /// it; it returns the commit's number, or 1 without a record. Empties
    /// the buffer.
    mutating func statement(record: String?) -> PostgresQuery {
        var bindings = PostgresBindings()
        var parts: [String] = []
        func rows(_ rows: Rows) -> String {
            var text: [UInt8] = [UInt8(ascii: "[")]
            for (position, id) in rows.ids.enumerated() {
                if position > 0 { text.append(UInt8(ascii: ",")) }
                text += rows.rows[id]!
            }
            text.append(UInt8(ascii: "]"))
            return String(decoding: text, as: UTF8.self)
        }
        for (number, (table, pending)) in inserts.enumerated() {
            bindings.append(rows(pending))
            let columns = table.writtenColumns.joined(separator: ", ")
            parts.append("""
                "polaris_insert_\(number)" AS (INSERT INTO \(table.quotedName) (\(columns)) \
                SELECT \(columns) FROM json_populate_recordset(NULL::\(table.quotedName), $\(bindings.count)::json))
                """)
        }
        for (number, (table, pending)) in updates.enumerated() {
            bindings.append(rows(pending))
            let sets = table.writtenColumns.dropFirst(2).map { "\($0) = \"r\".\($0)" }.joined(separator: ", ")
            parts.append("""
                "polaris_update_\(number)" AS (UPDATE \(table.quotedName) AS "d" SET \(sets) \
                FROM json_populate_recordset(NULL::\(table.quotedName), $\(bindings.count)::json) AS "r" \
                WHERE "d"."_id" = "r"."_id")
                """)
        }
        var last = "SELECT 1"
        if let record {
            bindings.append(record)
            parts.append("\"polaris_lock\" AS (SELECT pg_advisory_xact_lock(\(CommitLog.lockKey)))")
            parts.append("""
                "polaris_commit" AS (INSERT INTO "\(CommitLog.table)" ("id", "writes") \
                SELECT nextval('"\(CommitLog.sequence)"'), $\(bindings.count) FROM "polaris_lock" RETURNING "id")
                """)
            last = "SELECT \"id\", pg_notify('\(CommitLog.channel)', \"id\"::text) FROM \"polaris_commit\""
        }
        inserts = []
        updates = []
        count = 0
        let sql = parts.isEmpty ? last : "WITH " + parts.joined(separator: ", ") + " " + last
        return PostgresQuery(unsafeSQL: sql, binds: bindings)
    }
}
