import ArgumentParser
import Foundation
import PolarisSchema

/// `polaris sql SCHEMA [--dialect sqlite|postgres]`.
struct SQL: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Print the SQL that creates a schema's tables and indexes.",
        discussion: """
            Prints the DDL the runtime executes: one table per schema table, one index per \
            schema index, and the _storage table. Diagnostics go to stderr (JSON too, since \
            stdout is the DDL).
            """
    )

    @Argument(help: "The schema file.")
    var schema: String

    @Option(name: .long, help: "The SQL dialect: 'sqlite' (the default) or 'postgres'.")
    var dialect: SQLDialect = .sqlite

    @OptionGroup var options: DiagnosticsOptions

    func run() throws {
        let checked = try options.checkedSchema(at: schema, jsonTo: .standardError)
        print(SQLGenerator.ddl(for: checked, dialect: dialect), terminator: "")
    }
}

extension SQLDialect: ExpressibleByArgument {}
