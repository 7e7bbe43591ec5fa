// Release-mode benchmarks: `swift run -c release polaris-benchmarks`.
// Each prints its figures beside the baselines measured in the same run.
try schemaFrontEndBenchmark(tables: 1_000, runs: 21)
