import ArgumentParser
import Foundation
import PolarisSchema

/// `polaris check SCHEMA...`: parses and checks each schema file.
struct Check: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Check schema files and report every problem in them.",
        discussion: """
            Writes every diagnostic as FILE:LINE:COLUMN: error|warning|note: MESSAGE \
            to stderr (or as JSON to stdout with --diagnostics json). \
            Exits with 0 when no file has an error (warnings allowed), 1 when one has.
            """
    )

    @Argument(help: "The schema files to check.")
    var schemas: [String]

    @OptionGroup var options: DiagnosticsOptions

    func validate() throws {
        if schemas.isEmpty { throw ValidationError("name at least one schema file") }
    }

    func run() throws {
        var diagnostics: [Diagnostic] = []
        var sources: [String: SourceFile] = [:]
        var summaries: [String] = []
        var unreadable: ToolFailure?
        for path in schemas {
            let file: SourceFile
            do {
                file = try readSchemaFile(path)
            } catch {
                unreadable = unreadable ?? error
                continue
            }
            sources[path] = file
            let result = SchemaCompiler.check(file)
            diagnostics += result.diagnostics
            if let schema = result.schema {
                summaries.append("\(path): ok (\(schema.summary))")
            }
        }
        options.emit(diagnostics, sources: sources)
        if options.diagnostics == .text, !summaries.isEmpty {
            print(summaries.joined(separator: "\n"))
        }
        if let unreadable { throw unreadable }
        if diagnostics.contains(where: { $0.severity == .error }) { throw ExitCode.failure }
    }
}

extension Schema {
    /// `6 tables, 13 indexes, 20 functions`.
    fileprivate var summary: String {
        func count(_ number: Int, _ singular: String, _ plural: String) -> String {
            "\(number) \(number == 1 ? singular : plural)"
        }
        return [
            count(tables.count, "table", "tables"),
            count(tables.reduce(0) { $0 + $1.indexes.count }, "index", "indexes"),
            count(modules.reduce(0) { $0 + $1.functions.count }, "function", "functions"),
        ].joined(separator: ", ")
    }
}
