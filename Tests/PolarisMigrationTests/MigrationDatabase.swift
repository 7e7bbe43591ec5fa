import Foundation
import PolarisData
import PolarisRuntime
import PolarisSchema
import Testing

/// A database file in a folder of its own, opened with schemas given as YAML text.
struct MigrationDatabase {
    let folder: URL
    var path: String { folder.appendingPathComponent("db.sqlite").path }

    init() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("polaris-migration-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    }

    func remove() {
        try? FileManager.default.removeItem(at: folder)
    }

    /// The schema text checked, as the runtime describes its tables, with its SQLite DDL.
    static func compile(_ yaml: String) throws -> (tables: [TableDescription], ddl: String) {
        let result = SchemaCompiler.check(SourceFile(path: "schema.yaml", text: yaml))
        let schema = try #require(result.schema, "schema errors: \(result.diagnostics.map(\.message))")
        return (SchemaTables.descriptions(of: schema), SQLGenerator.ddl(for: schema, dialect: .sqlite))
    }

    /// Opens the file with the schema `yaml`, migrating it if needed.
    func open(_ yaml: String) throws -> DocumentStore {
        let (tables, ddl) = try Self.compile(yaml)
        return try DocumentStore(path: path, tables: tables, sqliteDDL: ddl)
    }

    /// Writes the file to `yaml` under a file name, for `polaris-data`.
    func schemaFile(_ yaml: String, named name: String) throws -> String {
        let url = folder.appendingPathComponent(name)
        try yaml.write(to: url, atomically: true, encoding: .utf8)
        return url.path
    }
}

extension DocumentStore {
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
