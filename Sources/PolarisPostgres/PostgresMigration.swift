import PolarisRuntime
import PostgresNIO

/// Brings a PostgreSQL database from the tables it recorded to a schema's,
/// inside the setup's transaction, as the SQLite store does: new tables are
/// created; every changed table is rebuilt in the new layout from its rows,
/// each document checked against the new validator; an empty removed table
/// is dropped. Any failure throws, and the transaction leaves nothing changed.
struct PostgresMigration {
    let recorded: [TableDescription]
    let tables: [PostgresTable]
    let ddl: String

    func apply(_ connection: PostgresConnection) throws {
        for table in recorded where !tables.contains(where: { $0.name == table.name }) {
            let name = TableLayout(table).quotedName
            let count = try connection.run(PostgresQuery(unsafeSQL: "SELECT count(*) FROM \(name)"))[0].decode(Int.self)
            guard count == 0 else { throw MigrationError.removedTableHoldsDocuments(table: table.name, count: count) }
            try connection.execute("DROP TABLE \(name)")
        }
        let changed = tables.compactMap { table -> (old: PostgresTable, new: PostgresTable)? in
            guard let was = recorded.first(where: { $0.name == table.name }), was != table.layout.description else { return nil }
            return (PostgresTable(was), table)
        }
        for (old, _) in changed {
            // Index names are the database's: the new table's would clash with the old one's.
            var bindings = PostgresBindings()
            bindings.append(SQLText.identifier(old.name))
            let indexes = try connection.run(PostgresQuery(unsafeSQL: """
                SELECT "indexname"::text FROM "pg_indexes" WHERE "schemaname" = current_schema() AND "tablename" = $1 \
                AND "indexname" NOT IN (SELECT "conname" FROM "pg_constraint")
                """, binds: bindings))
            for row in indexes { try connection.execute("DROP INDEX \(SQLText.quote(try row.decode(String.self)))") }
            try connection.execute("ALTER TABLE \(old.quotedName) RENAME TO \(Self.previousName(of: old))")
        }
        try PostgresSchemaSetup.execute(script: ddl, connection)
        var report = DocumentCheckReport()
        for (old, new) in changed { try copy(from: old, to: new, connection, report: &report) }
        guard report.isValid else { throw MigrationError.invalidDocuments(report) }
        for (old, _) in changed { try connection.execute("DROP TABLE \(Self.previousName(of: old))") }
    }

    /// Where a changed table's rows wait while the new table is filled.
    private static func previousName(of table: PostgresTable) -> String {
        SQLText.quote(SQLText.identifier(table.name) + ".polaris-previous")
    }

    /// Every valid row of `old` inserted into `new`; invalid ones reported.
    private func copy(from old: PostgresTable, to new: PostgresTable, _ connection: PostgresConnection, report: inout DocumentCheckReport) throws {
        let select = old.selectSQL.replacingOccurrences(of: " FROM \(old.quotedName)", with: " FROM \(Self.previousName(of: old))")
        var pending = PendingWrites()
        var count = 0
        for row in try connection.run(PostgresQuery(unsafeSQL: select)) {
            let document = try old.document(of: row)
            guard case .string(let id)? = document.values.first, case .float64(let creationTime)? = document.values.dropFirst().first else { continue }
            count += 1
            let values: [Value?]
            do {
                values = try new.layout.columnValues(of: document, ignoringSystemFields: true)
            } catch StoreError.invalidDocument(_, let error) {
                report.record(InvalidDocument(table: new.name, id: id, error: error))
                continue
            }
            var json: [UInt8] = []
            try new.appendRow(id: id, creationTime: creationTime, values: values, to: &json)
            pending.insert(new, id: id, row: json)
            if pending.count >= PendingWrites.sendAt { _ = try connection.run(pending.statement(record: nil)) }
        }
        if !pending.isEmpty { _ = try connection.run(pending.statement(record: nil)) }
        report.record(new.name, checked: count)
    }
}
