import Foundation
import PolarisTestSupport
import Testing

/// Convex's official Python client against polaris-server: Tests/Wire, run
/// with pytest from .build/wire-python (made by scripts/setup), on SQLite
/// files and on PostgreSQL databases (`POLARIS_WIRE_POSTGRES`: the server
/// in which each test makes its own).
struct WireProtocolTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    @Test(arguments: StoreKind.allCases) func theOfficialPythonClientWorksUnchanged(_ kind: StoreKind) throws {
        let python = Self.root.appendingPathComponent(".build/wire-python/bin/python")
        try #require(
            FileManager.default.isExecutableFile(atPath: python.path),
            "no \(python.path): run scripts/setup (or scripts/wire-python) first")
        let process = Process()
        process.executableURL = python
        process.arguments = ["-m", "pytest", "-q", "-p", "no:cacheprovider", Self.root.appendingPathComponent("Tests/Wire").path]
        var environment = ["POLARIS_SERVER": BuiltProducts.executable("polaris-server").path]
        if kind == .postgres { environment["POLARIS_WIRE_POSTGRES"] = try TestPostgres.serverURL() }
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { _, new in new }
        let output = Pipe()
        process.standardOutput = output
        process.standardError = output
        try process.run()
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "\(text)")
        #expect(text.contains(" passed"), "\(text)")
    }
}
