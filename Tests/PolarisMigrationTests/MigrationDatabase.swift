import Foundation
import PolarisData
import PolarisPostgres
import PolarisRuntime
import PolarisSchema
import PolarisTestSupport
import Testing

/// A database file in a folder of its own (or a fresh PostgreSQL database),
/// opened with schemas given as YAML text.
struct MigrationDatabase {
    let kind: StoreKind
    let folder: URL
    /// The PostgreSQL database's URL (nil for SQLite).
    let url: String?
    var path: String { folder.appendingPathComponent("db.sqlite").path }

    init(_ kind: StoreKind = .sqlite) throws {
        self.kind = kind
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("polaris-migration-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        url = kind == .postgres ? try TestPostgres.freshDatabase() : nil
    }

    func remove() {
        try? FileManager.default.removeItem(at: folder)
    }

    /// The schema text checked, as the runtime describes its tables, with its DDL for `dialect`.
    static func compile(_ yaml: String, dialect: SQLDialect = .sqlite) throws -> (tables: [TableDescription], ddl: String) {
        let result = SchemaCompiler.check(SourceFile(path: "schema.yaml", text: yaml))
        let schema = try #require(result.schema, "schema errors: \(result.diagnostics.map(\.message))")
        return (SchemaTables.descriptions(of: schema), SQLGenerator.ddl(for: schema, dialect: dialect))
    }

    /// Opens the database with the schema `yaml`, migrating it if needed.
    func open(_ yaml: String) throws -> any Store {
        guard let url else {
            let (tables, ddl) = try Self.compile(yaml)
            return try DocumentStore(path: path, tables: tables, sqliteDDL: ddl)
        }
        let (tables, ddl) = try Self.compile(yaml, dialect: .postgres)
        return try PostgresStore(url: url, tables: tables, postgresDDL: ddl)
    }

    /// What a refused migration must leave as it was: the recorded schema, and every table's columns and indexes.
    func snapshot() throws -> [String] {
        guard let url else { return try MigrationTests.snapshot(path) }
        let run = try ToolRun(URL(fileURLWithPath: "/usr/bin/env"), ["psql", url, "-At", "-c", """
            SELECT tables FROM _polaris_schema;
            SELECT table_name || ' ' || column_name || ' ' || data_type FROM information_schema.columns
                WHERE table_schema = current_schema() ORDER BY table_name, ordinal_position;
            SELECT indexdef FROM pg_indexes WHERE schemaname = current_schema() ORDER BY indexname;
            """])
        try #require(run.status == 0, "\(run.stderr)")
        return run.stdout.split(separator: "\n").map(String.init)
    }

    /// Writes the file to `yaml` under a file name, for `polaris-data`.
    func schemaFile(_ yaml: String, named name: String) throws -> String {
        let url = folder.appendingPathComponent(name)
        try yaml.write(to: url, atomically: true, encoding: .utf8)
        return url.path
    }
}

extension Store {
    /// Every document of `table` in creation order.
    func all(_ table: String) throws -> [StoredDocument] {
        try documents(table, index: "by_creation_time", fields: ["_creationTime"])
    }

    /// Every document of `table` in the order of `index`.
    func documents(_ table: String, index: String, fields: [String]) throws -> [StoredDocument] {
        try read { db in
            var documents: [StoredDocument] = []
            try db.scan(QueryPlan(table: table, index: index, fields: fields), after: nil, through: nil) {
                documents.append($0)
                return true
            }
            return documents
        }
    }

    /// Inserts documents of `table` from field dictionaries; returns their IDs.
    func insert(_ table: String, _ documents: [[String: Value]]) throws -> [String] {
        try write { db in try documents.map { try db.insert(table: table, fields: StoredDocument(fields: $0)) } }
    }
}

extension StoredDocument {
    subscript(name: String) -> Value? {
        names.firstIndex(of: name).flatMap { values[$0] }
    }
}
