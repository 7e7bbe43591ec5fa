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

    /// Writes the diagnostics in the chosen format; JSON goes to `jsonHandle`.
    func emit(_ diagnostics: [Diagnostic], sources: [String: SourceFile], to jsonHandle: FileHandle = .standardOutput) {
        switch self.diagnostics {
        case .text:
            let text = DiagnosticRenderer.text(diagnostics, sources: sources)
            if !text.isEmpty { FileHandle.standardError.write(Data(text.utf8)) }
        case .json:
            jsonHandle.write(Data(DiagnosticRenderer.json(diagnostics).utf8))
        }
    }

    /// Reads and checks the schema at `path`, writing its diagnostics; fails
    /// when it has errors. JSON diagnostics go to `jsonHandle`.
    func checkedSchema(at path: String, jsonTo jsonHandle: FileHandle = .standardOutput) throws -> Schema {
        let file = try readSchemaFile(path)
        let result = SchemaCompiler.check(file)
        emit(result.diagnostics, sources: [path: file], to: jsonHandle)
        guard let schema = result.schema else { throw ExitCode.failure }
        return schema
    }
}
