import ArgumentParser
import Foundation
import PolarisSchema

/// `polaris generate SCHEMA --output DIR [--check]`.
struct Generate: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Generate the Swift sources for a schema.",
        discussion: """
            Writes the models, table descriptions and index ranges, function handler protocols \
            and client stubs into DIR (created if missing). A file whose bytes would not change \
            is not rewritten; generated files that are no longer produced are removed. On schema \
            errors nothing is written. With --check nothing is written either: each file of DIR \
            that is missing, stale or extra is reported, and the exit status is 1 if there is one.
            """
    )

    @Argument(help: "The schema file.")
    var schema: String

    @Option(name: .long, help: "The folder to write the generated sources into.")
    var output: String

    @Flag(name: .long, help: "Write nothing; report whether the output folder is up to date.")
    var check = false

    @OptionGroup var options: DiagnosticsOptions

    func run() throws {
        let checked = try options.checkedSchema(at: schema)
        let name = URL(fileURLWithPath: schema).lastPathComponent
        let files = SwiftGenerator.files(for: checked, schemaFileName: name)
        let folder = GeneratedFolder(path: output)
        if check {
            let problems = folder.differences(from: files)
            for problem in problems {
                FileHandle.standardError.write(Data("\(problem.path): \(problem.kind.rawValue)\n".utf8))
            }
            if !problems.isEmpty { throw ExitCode.failure }
        } else {
            for change in try folder.write(files) {
                print("\(change.kind.rawValue) \(change.path)")
            }
        }
    }
}
