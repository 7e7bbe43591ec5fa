import ArgumentParser
import Foundation
import PolarisSchema

/// `polaris sql SCHEMA [--dialect sqlite|postgres]`, and
/// `polaris sql --from OLD --to NEW`: the migration between two versions.
struct SQL: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Print the SQL that creates a schema's tables and indexes, or that migrates a database between two versions.",
        discussion: """
            Prints the DDL the runtime executes: one table per schema table, one index per \
            schema index, and the _storage table. With --from OLD --to NEW (files or REV:PATH) \
            it prints instead the migration the runtime applies when it opens a database of OLD \
            with NEW, in one transaction; columns SQL cannot fill (a field whose stored form \
            changes, an order key on a new path) get a warning, and such a migration is for the \
            runtime (polaris-data migrate) to apply. Diagnostics go to stderr (JSON too, since \
            stdout is the SQL).
            """
    )

    @Argument(help: "The schema file.")
    var schema: String?

    @Option(name: .long, help: "The schema the database is at (a file, or REV:PATH): print the migration from it.")
    var from: String?

    @Option(name: .long, help: "The schema to migrate to (a file, or REV:PATH); with --from.")
    var to: String?

    @Option(name: .long, help: "The SQL dialect: 'sqlite' (the default) or 'postgres'.")
    var dialect: SQLDialect = .sqlite

    @OptionGroup var options: DiagnosticsOptions

    func validate() throws {
        switch (schema, from, to) {
        case (_?, nil, nil), (nil, _?, _?): return
        default: throw ValidationError("give either SCHEMA, or both --from OLD and --to NEW")
        }
    }

    func run() throws {
        guard let from, let to else {
            let checked = try options.checkedSchema(at: schema!, jsonTo: .standardError)
            print(SQLGenerator.ddl(for: checked, dialect: dialect), terminator: "")
            return
        }
        let versions = try options.checkedVersions(from, to, jsonTo: .standardError)
        let migration = SQLMigration.sql(from: versions.old, to: versions.new, newFile: to, dialect: dialect)
        options.emit(versions.diagnostics + migration.diagnostics, sources: versions.sources, to: .standardError)
        print(migration.sql, terminator: "")
    }
}

extension SQLDialect: ExpressibleByArgument {}
