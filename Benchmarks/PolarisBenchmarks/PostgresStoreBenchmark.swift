import Foundation
import PolarisGenerated
import PolarisPostgres
import PolarisRuntime

/// The PostgreSQL figures, on a server of their own (see `BenchmarkPostgres`).
func postgresBenchmarks(documents: Int) throws {
    guard let server = BenchmarkPostgres.start() else { return }
    defer { server.stop() }
    try postgresStoreBenchmark(server: server, documents: documents, lookups: 2_000, mutations: 2_000, runs: 3)
    print()
    for across in [false, true] {
        try realtimeBenchmark(
            "Mutation to notification on PostgreSQL, 300 mutations, " + (across ? "subscribed on a second store (another server)" : "one store"),
            subscriptionCounts: [1, 100], mutations: 300
        ) { _ in
            let url = try server.freshDatabase()
            let written = try PostgresStore(url: url, schema: PolarisDatabase.self)
            return (across ? try PostgresStore(url: url, schema: PolarisDatabase.self) : written, written, {})
        }
    }
}

/// The PostgreSQL store against postgres-nio by hand, in one run on one
/// server (fresh databases, the generated DDL): the store benchmark's
/// three operations, each contestant on its own database.
func postgresStoreBenchmark(server: BenchmarkPostgres, documents: Int, lookups: Int, mutations: Int, runs: Int) throws {
    let data = FileSamples(count: documents)
    let pairs = data.lookups(lookups)
    let ddl = PolarisDatabase.postgresDDL

    // Bulk inserts: one transaction each, a new database each run.
    var nio: PostgresNIOFiles!, store: PostgresStore!
    let inserts = try interleavedRounds(runs: runs, [
        {
            nio = try PostgresNIOFiles(url: server.freshDatabase(), ddl: ddl)
            return { try nio.insert(data.samples) }
        },
        {
            store = try PostgresStore(url: server.freshDatabase(), schema: PolarisDatabase.self)
            return { try PolarisStoreFiles(store: store).insert(data.samples) }
        },
    ])

    // Indexed reads: `lookups` queries of 10 rows each, in one read transaction.
    var counts: Set<Int> = []
    let reads = try interleavedRounds(runs: runs, [
        { { counts.insert(try nio.read(pairs)) } },
        { { counts.insert(try PolarisStoreFiles(store: store).read(pairs)) } },
    ])
    precondition(counts == [lookups * 10], "every contestant reads 10 rows per lookup, got \(counts)")

    // One-document mutations, one transaction each.
    let nioIds = data.samples.prefix(mutations).map(\.id)
    let storeIds = try PolarisStoreFiles(store: store).ids(mutations)
    let mutates = try interleavedRounds(runs: runs, [
        { { try nio.readAndRenameEach(nioIds) } },
        { { try nio.renameEach(nioIds) } },
        { { try PolarisStoreFiles(store: store).renameEachThroughRegistry(storeIds) } },
    ])

    print("Document store on PostgreSQL: \(documents) files-shaped documents, the generated DDL (5 indexes), loopback,")
    print("  a server from scripts/postgres (fsync off: round trips, not the disk, decide);")
    print("  median of \(runs) rounds; 'x nio' is throughput over the first postgres-nio line's in the same round: at least 0.8 is the goal")
    printRates("bulk inserts, one transaction", unit: "docs/s", count: documents, rows: [
        "postgres-nio, one INSERT per row", "Polaris typed insert (validated)",
    ], seconds: inserts, against: "nio")
    printRates("indexed reads of 10 rows into models (by_project_parent)", unit: "lookups/s", count: lookups, rows: [
        "postgres-nio, decoded into structs", "Polaris typed query, collect()",
    ], seconds: reads, against: "nio")
    printRates("one-document mutations, one transaction each", unit: "txn/s", count: mutations, rows: [
        "postgres-nio, SELECT + UPDATE, SERIALIZABLE", "postgres-nio, UPDATE alone (autocommit)",
        "Polaris registry call, patch (validated)",
    ], seconds: mutates, against: "nio")
}
