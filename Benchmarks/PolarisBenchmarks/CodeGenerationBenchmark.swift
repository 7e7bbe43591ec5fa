import Foundation
import PolarisSchema

/// `polaris generate` (check, then the Swift files, which embed the SQL DDL
/// of both dialects) on synthetic schemas beside libyaml's event parse of the same file.
func codeGenerationBenchmark(tables: [Int], runs: Int) throws {
    for count in tables {
        let bytes = Array(syntheticSchema(tables: count).utf8)
        _ = generateAll(bytes)  // warm-up
        // Interleaved, so that a slow spell of this shared machine falls on both alike.
        let times = try interleavedRounds(runs: runs, [
            { { _ = libyamlEventCount(bytes) } },
            { { _ = generateAll(bytes) } },
        ])
        let floor = median(times[0]), generate = median(times[1])
        printTable(
            title: "Code generation: \(count) tables, median of \(runs) interleaved rounds",
            baseline: floor,
            rows: [("libyaml event parse (baseline)", floor), ("polaris generate (check + Swift files)", generate)])
        print(String(format: "  median of the rounds' own ratios: %.2fx", medianRatio(times[1], over: times[0])))
    }
}

/// Everything `polaris generate` computes, without the disk.
func generateAll(_ bytes: [UInt8]) -> Int {
    guard let schema = SchemaCompiler.check(SourceFile(path: "synthetic.yaml", bytes: bytes)).schema else {
        fatalError("the synthetic schema does not check")
    }
    let files = SwiftGenerator.files(for: schema, schemaFileName: "synthetic.yaml")
    return files.reduce(0) { $0 + $1.bytes.count }
}

/// `swiftc -c -Onone` on the generated module beside the same number of plain
/// structs with synthesized Codable (what a hand-written model costs). The
/// figure is the compiler's CPU time (user + system), the least of a few
/// interleaved runs: wall time on this shared machine moves by a third.
func compileTimeBenchmark(tables: [Int]) throws {
    let executable = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
    let modules = executable.deletingLastPathComponent().appendingPathComponent("Modules")
    var previous: (tables: Int, seconds: Double)?
    for count in tables {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("polaris-compile-\(count)")
        try? FileManager.default.removeItem(at: folder)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        guard let schema = SchemaCompiler.check(SourceFile(path: "s.yaml", bytes: Array(syntheticSchema(tables: count).utf8))).schema
        else { fatalError("the synthetic schema does not check") }
        var generated: [String] = []
        for file in SwiftGenerator.files(for: schema, schemaFileName: "synthetic.yaml") {
            let url = folder.appendingPathComponent(file.name)
            try Data(file.bytes).write(to: url, options: .atomic)
            generated.append(url.path)
        }
        let plain = folder.appendingPathComponent("Plain.swift")
        try handWrittenModels(count, enums: false).write(to: plain, atomically: true, encoding: .utf8)
        let handWritten = folder.appendingPathComponent("HandWritten.swift")
        try handWrittenModels(count, enums: true).write(to: handWritten, atomically: true, encoding: .utf8)
        let runs = count <= 100 ? 3 : 1
        var baseline = Double.infinity, equivalent = Double.infinity, polaris = Double.infinity
        for _ in 0..<runs {
            baseline = min(baseline, try swiftc([plain.path], modules: modules, folder: folder))
            equivalent = min(equivalent, try swiftc([handWritten.path], modules: modules, folder: folder))
            polaris = min(polaris, try swiftc(generated, modules: modules, folder: folder))
        }
        printTable(
            title: "Compile time, swiftc -c -Onone -wmo: \(count) tables, CPU time, least of \(runs) runs",
            baseline: baseline,
            rows: [
                ("\(count) plain Codable structs (baseline)", baseline),
                ("the same, with the schema's enums as enums", equivalent),
                ("generated module (Polaris)", polaris),
            ])
        if let previous {
            print(String(format: "  growth %d -> %d tables: %.1fx", previous.tables, count, polaris / previous.seconds))
        }
        previous = (count, polaris)
    }
}

private func swiftc(_ files: [String], modules: URL, folder: URL) throws -> Double {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    // PolarisRuntime's module names GRDB's GRDBSQLite module map, in the build folder's checkouts.
    let sqlite = modules.deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("checkouts/GRDB.swift/Sources/GRDBSQLite")
    process.arguments = ["swiftc", "-c", "-Onone", "-wmo", "-swift-version", "6", "-parse-as-library",
        "-module-name", "Bench", "-I", modules.path, "-I", sqlite.path, "-o", folder.appendingPathComponent("out.o").path] + files
    let before = childrenCPUSeconds()
    try process.run()
    process.waitUntilExit()
    guard process.terminationStatus == 0 else { fatalError("swiftc failed on \(files.first ?? "")") }
    return childrenCPUSeconds() - before
}

/// User and system time of every child process waited for so far.
private func childrenCPUSeconds() -> Double {
    var usage = rusage()
    getrusage(RUSAGE_CHILDREN.rawValue, &usage)
    func seconds(_ time: timeval) -> Double { Double(time.tv_sec) + Double(time.tv_usec) / 1_000_000 }
    return seconds(usage.ru_utime) + seconds(usage.ru_stime)
}

/// What a developer would write by hand for a synthetic table: Codable,
/// Hashable structs with the same fields; with `enums`, public and with
/// `Status` and `kind` as String-backed enums, else with plain strings.
private func handWrittenModels(_ count: Int, enums: Bool) -> String {
    let access = enums ? "public " : ""
    let status = enums ? "Status" : "String"
    let kind = enums ? "Kind" : "String"
    var text = "import Foundation\n"
    if enums { text += "public enum Status: String, Codable, Hashable, Sendable, CaseIterable { case draft, active, archived }\n" }
    for index in 0..<count {
        text += """
            \(access)struct Model\(index): Codable, Hashable, Sendable {
                \(access)struct Place: Codable, Hashable, Sendable { \(access)var x: Double; \(access)var y: Double }
                \(enums ? "public enum Kind: String, Codable, Hashable, Sendable, CaseIterable { case a, b, c }" : "")
                \(access)var _id: String; \(access)var _creationTime: Double
                \(access)var title: String; \(access)var count: Int64; \(access)var score: Double?; \(access)var done: Bool
                \(access)var ref: String; \(access)var tags: [String]; \(access)var status: \(status)
                \(access)var meta: [String: Double]; \(access)var kind: \(kind)?; \(access)var place: Place
            }

            """
    }
    return text
}
