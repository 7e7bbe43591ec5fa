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
    let inserts = try interleavedRounds(runs: runs, [
        {
            raw = try RawSQLiteFiles(path: freshPath(), ddl: ddl, cacheKiB: cache)
            return { try raw.insert(data.samples) }
        },
        {
            grdb = try GRDBFiles(path: freshPath(), ddl: ddl, cacheKiB: cache)
            return { try grdb.insertRecords(data.samples) }
        },
        {
            store = try DocumentStore(path: freshPath(), schema: PolarisDatabase.self)
            return { try PolarisStoreFiles(store: store).insert(data.samples) }
        },
    ])

    // Indexed reads: `lookups` queries of 10 rows each, in one read transaction.
    var counts: Set<Int> = []
    let reads = try interleavedRounds(runs: runs, [
        { { counts.insert(try raw.read(pairs)) } },
        { { counts.insert(try grdb.readRecords(pairs)) } },
        { { counts.insert(try grdb.readRows(pairs)) } },
        { { counts.insert(try PolarisStoreFiles(store: store).read(pairs)) } },
    ])
    precondition(counts == [lookups * 10], "every contestant reads 10 rows per lookup, got \(counts)")

    // One-document mutations, one transaction each.
    let rawIds = data.samples.prefix(mutations).map(\.id)
    let storeIds = try PolarisStoreFiles(store: store).ids(mutations)
    let mutates = try interleavedRounds(runs: runs, [
        { { try raw.renameEach(rawIds) } },
        { { try grdb.renameEach(rawIds) } },
        { { try PolarisStoreFiles(store: store).renameEachThroughRegistry(storeIds) } },
    ])

    print("Document store: \(documents) files-shaped documents, the generated DDL (5 indexes), WAL,")
    let synchronous = [try raw.pragma("synchronous"), try grdb.synchronous(), String(try store.synchronousSetting())]
    precondition(Set(synchronous).count == 1, "every contestant syncs commits alike, got \(synchronous)")
    print("  cache_size -\(cache) (64 MiB) on every connection, synchronous=\(synchronous[0]) (FULL: every commit synced);")
    print("  median of \(runs) rounds; 'x raw' is throughput over raw C's in the same round: at least 0.8 (inserts, reads), 0.7 (mutations) is the goal")
    printRates("bulk inserts, one transaction", unit: "docs/s", count: documents, rows: [
        "raw SQLite C, one prepared statement", "GRDB Codable records", "Polaris typed insert (validated)",
    ], seconds: inserts)
    printRates("indexed reads of 10 rows into models (by_project_parent)", unit: "lookups/s", count: lookups, rows: [
        "raw SQLite C, one prepared statement", "GRDB Codable records, cached statement", "GRDB Row access by position",
        "Polaris typed query, collect()",
    ], seconds: reads)
    printRates("one-document mutations, one transaction each", unit: "txn/s", count: mutations, rows: [
        "raw SQLite C, UPDATE one row", "GRDB write { UPDATE one row }", "Polaris registry call, patch (validated)",
    ], seconds: mutates)
}

/// One line per contestant: its rate (median time) and its ratio to the first
/// (`against`: raw C, or postgres-nio), the median of the ratios within each round.
func printRates(_ title: String, unit: String, count: Int, rows: [String], seconds: [[Double]], against: String = "raw") {
    print(title)
    for (name, times) in zip(rows, seconds) {
        let rate = String(format: "%10.0f", Double(count) / median(times))
        let ratio = String(format: "%6.2f", medianRatio(seconds[0], over: times))
        print("  " + name.padding(toLength: 44, withPad: " ", startingAt: 0) + "\(rate) \(unit)  x \(against) \(ratio)")
    }
}
