import ArgumentParser
import Foundation
import PolarisData
import PolarisRuntime
import PolarisSchema

/// `polaris-data`: a database file against a schema file. Kept out of
/// `polaris`, the compiler the build plugin builds, which must not link the
/// database layer.
///
/// Exit statuses: 0 the data fits (or was migrated), 1 it does not (or the
/// schema has errors), 2 any other failure.
@main
struct PolarisDataCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "polaris-data",
        abstract: "Check or migrate the data stored in a Polaris database file against a schema.",
        subcommands: [CheckData.self, Migrate.self]
    )

    static func main() {
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch {
            if exitCode(for: error) == .failure, !(error is ExitCode) {
                FileHandle.standardError.write(Data("polaris-data: error: \(error)\n".utf8))
                Foundation.exit(2)
            }
            exit(withError: error)
        }
    }
}

/// The options both commands take.
struct DatabaseAndSchema: ParsableArguments {
    @Option(name: .long, help: "The database file.")
    var database: String

    @Argument(help: "The schema file to check or migrate the data against.")
    var schema: String

    /// The schema's tables; its diagnostics go to stderr, and errors exit with 1.
    func tables() throws -> (descriptions: [TableDescription], schema: Schema) {
        guard let data = FileManager.default.contents(atPath: schema) else {
            throw ValidationError("cannot read '\(schema)'")
        }
        let file = SourceFile(path: schema, bytes: [UInt8](data))
        let result = SchemaCompiler.check(file)
        let text = DiagnosticRenderer.text(result.diagnostics, sources: [schema: file])
        if !text.isEmpty { FileHandle.standardError.write(Data(text.utf8)) }
        guard let checked = result.schema else { throw ExitCode.failure }
        return (SchemaTables.descriptions(of: checked), checked)
    }
}

/// `polaris-data check --database FILE SCHEMA`: changes nothing.
struct CheckData: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Report whether every stored document fits the schema, changing nothing.",
        discussion: """
            Reads every document of the database file (read-only) and checks it against the \
            schema's validators. Prints the documents checked per table, then each document that \
            does not fit (the first 100, with the path of the bad value) and how many in all. \
            Exits with 0 when everything fits, 1 otherwise.
            """
    )

    @OptionGroup var options: DatabaseAndSchema

    func run() throws {
        let (tables, _) = try options.tables()
        let report = try DocumentStore.checkDocuments(atPath: options.database, against: tables)
        for (table, count) in report.checked {
            print("\(table): \(count) document\(count == 1 ? "" : "s") checked")
        }
        for (table, count) in report.unknownTables {
            print("\(table): not in the schema, holds \(count) document\(count == 1 ? "" : "s")")
        }
        if report.failureCount > 0 {
            print("\(report.failureCount) document\(report.failureCount == 1 ? " does" : "s do") not fit the schema:")
            for failure in report.failures { print("  \(failure)") }
            if report.failureCount > report.failures.count {
                print("  ... and \(report.failureCount - report.failures.count) more")
            }
        }
        guard report.isValid else { throw ExitCode.failure }
        print("every stored document fits '\(options.schema)'")
    }
}

/// `polaris-data migrate --database FILE SCHEMA`: what the server does when it opens the file.
struct Migrate: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Migrate the database file to the schema, as the runtime does when it opens it.",
        discussion: """
            In one transaction: creates new tables, rebuilds changed ones with every stored \
            document checked against the new validators, drops empty removed tables. If a \
            document does not fit, nothing changes and the failing ids are printed; exits with 1.
            """
    )

    @OptionGroup var options: DatabaseAndSchema

    func run() throws {
        let (tables, schema) = try options.tables()
        do {
            _ = try DocumentStore(path: options.database, tables: tables, sqliteDDL: SQLGenerator.ddl(for: schema, dialect: .sqlite))
        } catch let error as MigrationError {
            FileHandle.standardError.write(Data("polaris-data: \(error)\n".utf8))
            throw ExitCode.failure
        }
        print("'\(options.database)' is at '\(options.schema)'")
    }
}
