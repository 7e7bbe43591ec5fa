// Release-mode benchmarks: `swift run -c release polaris-benchmarks`.
// Each prints its figures beside the baselines measured in the same run.
// `polaris-benchmarks compile [TABLES...]` times swiftc on generated code
// (minutes for 1,000 tables, so it is not part of the default run);
// `polaris-benchmarks generate` runs only the code generation figures (for profiling);
// `polaris-benchmarks store [DOCUMENTS]` only the document store's;
// `polaris-benchmarks postgres [DOCUMENTS]` only the PostgreSQL store's, and its real time in one store and across two;
// `polaris-benchmarks realtime` only mutation-to-notification latency and HTTP query throughput;
// `polaris-benchmarks http [QUERIES]` only HTTP query throughput (for profiling);
// `polaris-benchmarks migration [DOCUMENTS]` only the data check and migration (1,000,000 documents).
let arguments = Array(CommandLine.arguments.dropFirst())
switch arguments.first {
case "compile":
    let tables = arguments.dropFirst().compactMap { Int($0) }
    try compileTimeBenchmark(tables: tables.isEmpty ? [100, 1_000] : tables)
case "store":
    let sizes = arguments.dropFirst().compactMap { Int($0) }
    try storeBenchmark(documents: sizes.first ?? 100_000, lookups: 10_000, mutations: 20_000, runs: 5)
case "postgres":
    try postgresBenchmarks(documents: arguments.dropFirst().compactMap { Int($0) }.first ?? 20_000)
case "generate":
    try codeGenerationBenchmark(tables: [100, 1_000], runs: 11)
case "realtime":
    try realtimeBenchmark(subscriptionCounts: [1, 100, 10_000], mutations: 500)
    try await httpQueryBenchmark(queries: 5_000, concurrency: 8)
case "migration":
    try migrationBenchmark(documents: arguments.dropFirst().compactMap { Int($0) }.first ?? 1_000_000, runs: 3)
case "http":
    try await httpQueryBenchmark(queries: arguments.dropFirst().compactMap { Int($0) }.first ?? 5_000, concurrency: 8)
default:
    try schemaFrontEndBenchmark(tables: 1_000, runs: 21)
    print()
    try codeGenerationBenchmark(tables: [100, 1_000], runs: 11)
    print()
    try storeBenchmark(documents: 100_000, lookups: 10_000, mutations: 20_000, runs: 5)
    print()
    try realtimeBenchmark(subscriptionCounts: [1, 100, 10_000], mutations: 500)
    try await httpQueryBenchmark(queries: 5_000, concurrency: 8)
    print()
    try postgresBenchmarks(documents: 20_000)
    print()
    try migrationBenchmark(documents: 1_000_000, runs: 3)
}
