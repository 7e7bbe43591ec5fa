import Foundation
import PolarisData
import PolarisGenerated
import PolarisRuntime
import PolarisSchema

/// Checking stored documents against a changed table (`files` of
/// schema/polaris.yaml with one more optional field): the data check
/// (`polaris-data check`, read-only) and the whole migration (every document
/// checked and rewritten in the new layout), beside a plain `SELECT` of the
/// same rows through SQLite's C API.
func migrationBenchmark(documents: Int, runs: Int) throws {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("polaris-migration-bench-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    let path = folder.appendingPathComponent("db.sqlite").path
    let data = FileSamples(count: documents)
    try PolarisStoreFiles(store: try DocumentStore(path: path, schema: PolarisDatabase.self)).insert(data.samples)

    let schemaURL = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("schema/polaris.yaml")
    let text = try String(contentsOf: schemaURL, encoding: .utf8)
        .replacingOccurrences(of: "      updatedAt: number\n    indexes:\n      by_project:", with: "      updatedAt: number\n      archived: boolean?\n    indexes:\n      by_project:")
    guard let changed = SchemaCompiler.check(SourceFile(path: "polaris.yaml", text: text)).schema else {
        fatalError("the changed schema does not check")
    }
    let tables = SchemaTables.descriptions(of: changed)
    precondition(tables != PolarisDatabase.tables, "the files table must change")

    let raw = try RawSQLiteFiles(path: path, ddl: "", cacheKiB: DocumentStore.cacheKiB)
    var counts: Set<Int> = []
    let times = try interleavedRounds(runs: runs, [
        { { counts.insert(try raw.selectAll(strings: false)) } },
        { { counts.insert(try raw.selectAll(strings: true)) } },
        {
            {
                let report = try DocumentStore.checkDocuments(atPath: path, against: tables)
                precondition(report.isValid)
                counts.insert(report.checked.reduce(0) { $0 + $1.count })
            }
        },
    ])
    precondition(counts == [documents], "every contestant reads every document, got \(counts)")
    let medians = times.map(median)

    // The migration itself, once: it changes the file.
    let start = DispatchTime.now().uptimeNanoseconds
    _ = try DocumentStore(path: path, tables: tables, sqliteDDL: SQLGenerator.ddl(for: changed, dialect: .sqlite))
    let migration = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9

    print("Schema migration: \(documents) files-shaped documents, 'files' gains an optional field; median of \(runs)")
    printTable(title: "Reading and checking every document", baseline: medians[0], rows: [
        ("raw SQLite SELECT, columns' bytes", medians[0]),
        ("raw SQLite SELECT, texts as Swift strings", medians[1]),
        ("polaris-data check (validated documents)", medians[2]),
        ("migration (checked and rewritten, once)", migration),
    ])
    let rate = { (seconds: Double) in String(format: "%.0f", Double(documents) / seconds) }
    print("  documents/s: SELECT \(rate(medians[0])), check \(rate(medians[2])), migration \(rate(migration))")
}
