import PolarisSchema

/// `polaris check` on a synthetic schema beside libyaml's own event parse of
/// the same file (the floor) and Yams' `compose`.
func schemaFrontEndBenchmark(tables: Int, runs: Int) throws {
    let text = syntheticSchema(tables: tables)
    let bytes = Array(text.utf8)
    let file = SourceFile(path: "synthetic.yaml", bytes: bytes)
    let check = SchemaCompiler.check(file)
    guard check.schema != nil, libyamlEventCount(bytes) > 0 else {
        print(DiagnosticRenderer.text(check.diagnostics, sources: [file.path: file]))
        fatalError("the synthetic schema does not check")
    }
    let floor = medianSeconds(runs: runs) { _ = libyamlEventCount(bytes) }
    let compose = try medianSeconds(runs: runs) { _ = try yamsCompose(text) }
    let composeBasic = try medianSeconds(runs: runs) { _ = try yamsComposeBasic(text) }
    let whole = medianSeconds(runs: runs) { _ = SchemaCompiler.check(SourceFile(path: "synthetic.yaml", bytes: bytes)) }
    let size = String(format: "%.2f", Double(bytes.count) / 1_000_000)
    printTable(
        title: "Schema front end: \(tables) tables x 10 fields x 2 indexes (\(size) MB), median of \(runs) runs",
        baseline: floor,
        rows: [
            ("libyaml event parse (baseline)", floor),
            ("Yams compose (default resolver)", compose),
            ("Yams compose (Resolver.basic)", composeBasic),
            ("polaris check (whole front end)", whole),
        ])
}
