import Foundation
import PolarisRuntime
import PostgresNIO

/// What a store does when it opens a database, in one transaction under an
/// advisory lock (servers starting together take turns): records the
/// schema, creates what is missing (the DDL is idempotent) or migrates from
/// the recorded schema, creates the commit log, checks that every table has
/// the columns the schema needs, and reads where the store starts from.
struct PostgresSchemaSetup {
    let url: PostgresURL
    let tables: [PostgresTable]
    let ddl: String
    /// The advisory lock of schema changes ('plsc').
    static let lockKey = 0x706c_7363
    static let schemaTable = "_polaris_schema"
    static let nodeSequence = "_polaris_nodes"

    struct State {
        /// The newest commit in the log (0 for none).
        var lastCommit: UInt64
        /// The latest `_creationTime` of any document.
        var latestCreationTime: Double
        /// This store's number among those that opened the database.
        var node: Int
    }

    func run() throws -> State {
        let connection = try PostgresConnection.open(url)
        defer { _ = try? connection.close().wait() }
        try connection.execute("BEGIN")
        do {
            let state = try setUp(connection)
            try connection.execute("COMMIT")
            return state
        } catch {
            _ = try? connection.execute("ROLLBACK")
            throw error
        }
    }

    private func setUp(_ connection: PostgresConnection) throws -> State {
        try connection.execute("SELECT pg_advisory_xact_lock(\(Self.lockKey))")
        try connection.execute(#"CREATE TABLE IF NOT EXISTS "\#(Self.schemaTable)" ("id" INTEGER PRIMARY KEY, "tables" TEXT NOT NULL)"#)
        let descriptions = tables.map(\.layout.description)
        let recorded = try recordedTables(connection)
        if let recorded, recorded != descriptions {
            try PostgresMigration(recorded: recorded, tables: tables, ddl: ddl).apply(connection)
        } else {
            try Self.execute(script: ddl, connection)
        }
        var bindings = PostgresBindings()
        bindings.append(try Value.array(descriptions.map(\.recordedValue)).convexJSON())
        _ = try connection.run(PostgresQuery(unsafeSQL: """
            INSERT INTO "\(Self.schemaTable)" ("id", "tables") VALUES (1, $1) ON CONFLICT ("id") DO UPDATE SET "tables" = EXCLUDED."tables"
            """, binds: bindings))
        let nanoseconds = Int64(Date().timeIntervalSince1970 * 1e9)
        try connection.execute(#"CREATE SEQUENCE IF NOT EXISTS "\#(CommitLog.sequence)" START WITH \#(nanoseconds)"#)
        try connection.execute(#"CREATE TABLE IF NOT EXISTS "\#(CommitLog.table)" ("id" BIGINT PRIMARY KEY, "writes" TEXT NOT NULL)"#)
        try connection.execute(#"CREATE TABLE IF NOT EXISTS "\#(CommitLog.horizon)" ("pruned" BIGINT NOT NULL)"#)
        // Nothing pruned yet: the horizon is just before the first number.
        try connection.execute(#"""
            INSERT INTO "\#(CommitLog.horizon)" SELECT \#(nanoseconds - 1) WHERE NOT EXISTS (SELECT 1 FROM "\#(CommitLog.horizon)")
            """#)
        try connection.execute(#"CREATE SEQUENCE IF NOT EXISTS "\#(Self.nodeSequence)" START WITH 0 MINVALUE 0"#)
        try checkColumns(connection)
        let times = tables.map { #"(SELECT max("_creationTime") FROM \#($0.layout.quotedName))"# }.joined(separator: ", ")
        let row = try connection.run(PostgresQuery(unsafeSQL: """
            SELECT GREATEST(0, \(times))::float8, \
            COALESCE((SELECT max("id") FROM "\(CommitLog.table)"), (SELECT "pruned" FROM "\(CommitLog.horizon)")), \
            nextval('"\(Self.nodeSequence)"')
            """))[0]
        let (time, last, node) = try row.decode((Double, Int64, Int64).self)
        return State(lastCommit: UInt64(last), latestCreationTime: time, node: Int(node))
    }

    private func recordedTables(_ connection: PostgresConnection) throws -> [TableDescription]? {
        let rows = try connection.run(PostgresQuery(unsafeSQL: #"SELECT "tables" FROM "\#(Self.schemaTable)" WHERE "id" = 1"#))
        guard let row = rows.first else { return nil }
        guard case .array(let tables) = try Value(convexJSON: try row.decode(String.self)) else {
            throw StoreError.schemaMismatch(table: Self.schemaTable, reason: "the recorded schema is not an array of tables")
        }
        return try tables.map(TableDescription.init(recorded:))
    }

    /// Each table has exactly the columns the schema gives it, of the types the DDL declares.
    private func checkColumns(_ connection: PostgresConnection) throws {
        let rows = try connection.run(PostgresQuery(unsafeSQL: """
            SELECT "table_name"::text, "column_name"::text, "data_type"::text FROM "information_schema"."columns" \
            WHERE "table_schema" = current_schema() ORDER BY "table_name", "ordinal_position"
            """))
        var found: [String: [String]] = [:]
        for row in rows {
            let (table, column, type) = try row.decode((String, String, String).self)
            found[table, default: []].append("\(column) \(type)")
        }
        for table in tables {
            let layout = table.layout
            let expected = layout.storedColumns.map { "\(SQLText.identifier($0.name)) \(Self.typeName($0.kind))" }
                + layout.orderKeys.map { "\($0.name) bytea" }
                + (layout.name == StoredFile.tableName ? ["data bytea"] : [])
            let columns = found[SQLText.identifier(layout.name)] ?? []
            guard columns == expected else {
                throw StoreError.schemaMismatch(
                    table: layout.name,
                    reason: "columns are [\(columns.joined(separator: ", "))], expected [\(expected.joined(separator: ", "))]")
            }
        }
    }

    private static func typeName(_ kind: StoredColumn.Kind) -> String {
        switch kind {
        case .text: "text"
        case .real: "double precision"
        case .integer: "bigint"
        case .boolean: "boolean"
        case .blob: "bytea"
        case .json: "text"
        }
    }

    /// Runs each statement of a script (postgres-nio sends one statement per query).
    static func execute(script: String, _ connection: PostgresConnection) throws {
        for statement in statements(of: script) { try connection.execute(statement) }
    }

    /// The statements of a script: split at each `;` outside quotes, `--` comments dropped.
    static func statements(of script: String) -> [String] {
        var statements: [String] = []
        var current = ""
        var quote: Character?
        var comment = false
        var previous: Character = " "
        for character in script {
            if comment {
                if character == "\n" { comment = false }
                previous = character
                continue
            }
            if let open = quote {
                if character == open { quote = nil }
            } else if character == "'" || character == "\"" {
                quote = character
            } else if character == "-" && previous == "-" {
                current.removeLast()
                comment = true
                previous = " "
                continue
            } else if character == ";" {
                let statement = current.trimmingCharacters(in: .whitespacesAndNewlines)
                if !statement.isEmpty { statements.append(statement) }
                current = ""
                previous = character
                continue
            }
            current.append(character)
            previous = character
        }
        let rest = current.trimmingCharacters(in: .whitespacesAndNewlines)
        if !rest.isEmpty { statements.append(rest) }
        return statements
    }
}
