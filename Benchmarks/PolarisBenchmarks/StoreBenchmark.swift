import Foundation
import PolarisGenerated
import PolarisRuntime

/// The document store against its floors, in one run on the same data (`files`-shaped
/// documents, the generated table and indexes, WAL, a 64 MiB page cache everywhere):
/// bulk inserts, indexed reads of 10 rows decoded into models, and one-document mutations
/// through the function registry, each beside raw SQLite C calls and GRDB.
func storeBenchmark(documents: Int, lookups: Int, mutations: Int, runs: Int) throws {
    let data = FileSamples(count: documents)
    let pairs = data.lookups(lookups)
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("polaris-store-bench-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    var fileNumber = 0
    func freshPath() -> String {
        fileNumber += 1
        return folder.appendingPathComponent("db-\(fileNumber).sqlite").path
    }
    let ddl = PolarisDatabase.sqliteDDL, cache = DocumentStore.cacheKiB

    // Bulk inserts: one transaction each, a new database each run.
    var raw: RawSQLiteFiles!, grdb: GRDBFiles!, store: DocumentStore!
    let rawInsert = try medianSeconds(runs: runs, prepared: { () throws -> () throws -> Void in
        raw = try RawSQLiteFiles(path: freshPath(), ddl: ddl, cacheKiB: cache)
        return { try raw.insert(data.samples) }
    })
    let grdbInsert = try medianSeconds(runs: runs, prepared: { () throws -> () throws -> Void in
        grdb = try GRDBFiles(path: freshPath(), ddl: ddl, cacheKiB: cache)
        return { try grdb.insertRecords(data.samples) }
    })
    let storeInsert = try medianSeconds(runs: runs, prepared: { () throws -> () throws -> Void in
        store = try DocumentStore(path: freshPath(), schema: PolarisDatabase.self)
        return { try PolarisStoreFiles(store: store).insert(data.samples) }
    })

    // Indexed reads: `lookups` queries of 10 rows each, in one read transaction.
    var counts: Set<Int> = []
    let rawRead = try medianSeconds(runs: runs, prepared: { { counts.insert(try raw.read(pairs)) } })
    let grdbRecordRead = try medianSeconds(runs: runs, prepared: { { counts.insert(try grdb.readRecords(pairs)) } })
    let grdbRowRead = try medianSeconds(runs: runs, prepared: { { counts.insert(try grdb.readRows(pairs)) } })
    let storeRead = try medianSeconds(runs: runs, prepared: { { counts.insert(try PolarisStoreFiles(store: store).read(pairs)) } })
    precondition(counts == [lookups * 10], "every contestant reads 10 rows per lookup, got \(counts)")

    // One-document mutations, one transaction each.
    let rawIds = data.samples.prefix(mutations).map(\.id)
    let storeIds = try PolarisStoreFiles(store: store).ids(mutations)
    let rawMutate = try medianSeconds(runs: runs, prepared: { { try raw.renameEach(rawIds) } })
    let grdbMutate = try medianSeconds(runs: runs, prepared: { { try grdb.renameEach(rawIds) } })
    let storeMutate = try medianSeconds(runs: runs, prepared: { { try PolarisStoreFiles(store: store).renameEachThroughRegistry(storeIds) } })

    print("Document store: \(documents) files-shaped documents, the generated DDL (5 indexes), WAL,")
    print("  cache_size -\(cache) (64 MiB) on every connection, synchronous=\(try raw.pragma("synchronous")) (SQLite's default);")
    print("  median of \(runs) runs; 'x raw' is throughput over raw C's: at least 0.8 (inserts, reads), 0.7 (mutations) is the goal")
    printRates("bulk inserts, one transaction", unit: "docs/s", count: documents, baseline: rawInsert, rows: [
        ("raw SQLite C, one prepared statement", rawInsert),
        ("GRDB Codable records", grdbInsert),
        ("Polaris typed insert (validated)", storeInsert),
    ])
    printRates("indexed reads of 10 rows into models (by_project_parent)", unit: "lookups/s", count: lookups, baseline: rawRead, rows: [
        ("raw SQLite C, one prepared statement", rawRead),
        ("GRDB Codable records, cached statement", grdbRecordRead),
        ("GRDB Row access by position", grdbRowRead),
        ("Polaris typed query, collect()", storeRead),
    ])
    printRates("one-document mutations, one transaction each", unit: "txn/s", count: mutations, baseline: rawMutate, rows: [
        ("raw SQLite C, UPDATE one row", rawMutate),
        ("GRDB write { UPDATE one row }", grdbMutate),
        ("Polaris registry call, patch (validated)", storeMutate),
    ])
}

private func printRates(_ title: String, unit: String, count: Int, baseline: Double, rows: [(String, Double)]) {
    print(title)
    for (name, seconds) in rows {
        let rate = String(format: "%10.0f", Double(count) / seconds)
        let ratio = String(format: "%6.2f", baseline / seconds)
        print("  " + name.padding(toLength: 44, withPad: " ", startingAt: 0) + "\(rate) \(unit)  x raw \(ratio)")
    }
}
