import ArgumentParser
import Foundation

/// The `polaris` command line: a thin shell over PolarisSchema.
///
/// Exit statuses: 0 success, 1 schema errors (or, for `diff`, breaking
/// changes), 64 usage errors, 2 any other failure (an unreadable file).
@main
struct Polaris: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "polaris",
        abstract: "The Polaris schema compiler.",
        discussion: "Checks schema files of the Polaris schema language (version 1) and generates Swift and SQL from them.",
        subcommands: [Check.self, Generate.self, SQL.self, Diff.self]
    )

    /// Runs the command, keeping exit status 1 for schema errors: failures that
    /// are not the schema's own (an unreadable file, an unexpected error) exit with 2.
    static func main() {
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch {
            if exitCode(for: error) == .failure, !(error is ExitCode) {
                FileHandle.standardError.write(Data("polaris: error: \(error)\n".utf8))
                Foundation.exit(ToolFailure.exitStatus)
            }
            exit(withError: error)
        }
    }
}

/// A failure that is not a problem of the schema: exits with status 2.
struct ToolFailure: Error, CustomStringConvertible {
    static let exitStatus: Int32 = 2
    var message: String

    var description: String { message }
}
