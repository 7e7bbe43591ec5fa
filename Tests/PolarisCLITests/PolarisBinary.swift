import Foundation
import PolarisTestSupport

/// Runs the `polaris` executable that `swift build` put beside the tests.
struct PolarisBinary {
    /// What one run gave.
    typealias Run = ToolRun

    /// The built `polaris`, found beside the test bundle.
    static let url = BuiltProducts.executable("polaris")

    /// Runs `polaris ARGUMENTS` in a temporary folder holding `files` (name: text).
    static func run(_ arguments: [String], files: [String: String]) throws -> Run {
        let scratch = try Scratch(files)
        defer { scratch.remove() }
        return try run(arguments, in: scratch.url)
    }

    /// Runs `polaris ARGUMENTS` in `directory`.
    static func run(_ arguments: [String], in directory: URL) throws -> Run {
        try ToolRun(url, arguments, in: directory)
    }
}

/// A temporary folder holding the given files, removed by `remove()`.
struct Scratch {
    let url: URL

    init(_ files: [String: String]) throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("polaris-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        for (name, text) in files {
            try text.write(to: url.appendingPathComponent(name), atomically: true, encoding: .utf8)
        }
    }

    func remove() {
        try? FileManager.default.removeItem(at: url)
    }
}
