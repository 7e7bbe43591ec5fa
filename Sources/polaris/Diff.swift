import ArgumentParser
import Foundation
import PolarisSchema

/// `polaris diff OLD NEW`: whether NEW can replace OLD in production.
struct Diff: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Compare two versions of a schema and report every change.",
        discussion: """
            Judges each change by the evolution rules: error for a breaking change (stored \
            documents or older clients no longer fit), warning for one that needs attention, \
            note for a safe one; each is placed in NEW, or in OLD for what was removed. OLD and \
            NEW are files, or REV:PATH to read a file from git (main:schema/polaris.yaml). \
            Exits with 1 when a change is breaking or either schema has errors, 0 otherwise.
            """
    )

    @Argument(help: "The schema as it is deployed: a file, or REV:PATH.")
    var old: String

    @Argument(help: "The schema that would replace it: a file, or REV:PATH.")
    var new: String

    @OptionGroup var options: DiagnosticsOptions

    func run() throws {
        // Warnings of the schemas themselves are `polaris check`'s to report; diff reports changes only.
        let versions = try options.checkedVersions(old, new)
        let changes = SchemaDiff.diagnostics(old: versions.old, oldFile: old, new: versions.new, newFile: new)
        options.emit(changes, sources: versions.sources)
        if options.diagnostics == .text, !changes.isEmpty {
            let count = { (severity: Severity) in changes.count { $0.severity == severity } }
            print("\(changes.count) change\(changes.count == 1 ? "" : "s"): \(count(.error)) breaking, \(count(.warning)) to review, \(count(.note)) safe")
        }
        if changes.contains(where: { $0.severity == .error }) { throw ExitCode.failure }
    }
}
