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

    /// Two versions of a schema, checked: `Diff` and `SQL --from --to`.
    struct Versions {
        var old: Schema
        var new: Schema
        /// Both files, by the names they were given as.
        var sources: [String: SourceFile]
        /// What checking both found (warnings and notes only).
        var diagnostics: [Diagnostic]
    }

    /// Reads OLD and NEW (files or `REV:PATH`) and checks both; when either
    /// has errors, writes the diagnostics of both (JSON to `jsonHandle`) and fails.
    func checkedVersions(_ old: String, _ new: String, jsonTo jsonHandle: FileHandle = .standardOutput) throws -> Versions {
        let files = (try readSchema(fileOrRevision: old), try readSchema(fileOrRevision: new))
        let sources = [old: files.0].merging([new: files.1]) { first, _ in first }
        let checked = (SchemaCompiler.check(files.0), SchemaCompiler.check(files.1))
        let diagnostics = checked.0.diagnostics + checked.1.diagnostics
        guard let before = checked.0.schema, let after = checked.1.schema else {
            emit(diagnostics, sources: sources, to: jsonHandle)
            throw ExitCode.failure
        }
        return Versions(old: before, new: after, sources: sources, diagnostics: diagnostics)
    }
}
