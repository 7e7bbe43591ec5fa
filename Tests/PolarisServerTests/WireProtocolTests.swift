import Foundation
import PolarisTestSupport
import Testing

/// Convex's official Python client against polaris-server: Tests/Wire, run
/// with pytest from .build/wire-python (made by scripts/setup).
struct WireProtocolTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    @Test func theOfficialPythonClientWorksUnchanged() throws {
        let python = Self.root.appendingPathComponent(".build/wire-python/bin/python")
        try #require(
            FileManager.default.isExecutableFile(atPath: python.path),
            "no \(python.path): run scripts/setup (or scripts/wire-python) first")
        let process = Process()
        process.executableURL = python
        process.arguments = ["-m", "pytest", "-q", "-p", "no:cacheprovider", Self.root.appendingPathComponent("Tests/Wire").path]
        process.environment = ProcessInfo.processInfo.environment.merging(
            ["POLARIS_SERVER": BuiltProducts.executable("polaris-server").path]) { _, new in new }
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
