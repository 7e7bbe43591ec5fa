import ArgumentParser
import Foundation
import PolarisSchema

/// How diagnostics are written.
enum DiagnosticsFormat: String, ExpressibleByArgument, CaseIterable {
    /// `FILE:LINE:COLUMN: error: MESSAGE`, the source line and a caret, to stderr.
    case text
    /// One JSON array of `{"file", "line", "column", "severity", "message"}`, to stdout.
    case json
}

/// The `--diagnostics` option every command shares.
struct DiagnosticsOptions: ParsableArguments {
    @Option(name: .long, help: "How to write diagnostics: 'text' (stderr) or 'json' (an array, on stdout).")
    var diagnostics: DiagnosticsFormat = .text

    /// Writes the diagnostics in the chosen format.
    func emit(_ diagnostics: [Diagnostic], sources: [String: SourceFile]) {
        switch self.diagnostics {
        case .text:
            let text = DiagnosticRenderer.text(diagnostics, sources: sources)
            if !text.isEmpty { FileHandle.standardError.write(Data(text.utf8)) }
        case .json:
            FileHandle.standardOutput.write(Data(DiagnosticRenderer.json(diagnostics).utf8))
        }
    }
}

/// Reads a schema file named on the command line.
func readSchemaFile(_ path: String) throws(ToolFailure) -> SourceFile {
    guard let data = FileManager.default.contents(atPath: path) else {
        var isDirectory: ObjCBool = false
        let exists = FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory)
        let reason = !exists ? "no such file" : isDirectory.boolValue ? "it is a directory" : "permission denied"
        throw ToolFailure(message: "cannot read '\(path)': \(reason)")
    }
    return SourceFile(path: path, bytes: [UInt8](data))
}
