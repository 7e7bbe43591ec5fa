import Foundation
@testable import PolarisSchema

/// The test fixtures beside this file.
enum Fixtures {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")

    /// Whether expected outputs are to be rewritten from the actual ones
    /// (`POLARIS_UPDATE_FIXTURES=1 swift test`), for review in the diff.
    static let updating = ProcessInfo.processInfo.environment["POLARIS_UPDATE_FIXTURES"] == "1"

    /// The names of the files in a fixture folder with the given extension, sorted.
    static func names(in folder: String, extension pathExtension: String) -> [String] {
        let url = root.appendingPathComponent(folder)
        let names = (try? FileManager.default.contentsOfDirectory(atPath: url.path)) ?? []
        return names.filter { $0.hasSuffix(".\(pathExtension)") }.sorted()
    }

    /// Checks text as a schema file named `path` and renders its diagnostics.
    static func check(_ text: String, path: String = "schema.yaml") -> (CheckResult, String) {
        let file = SourceFile(path: path, text: text)
        let result = SchemaCompiler.check(file)
        return (result, DiagnosticRenderer.text(result.diagnostics, sources: [path: file]))
    }
}
