import Foundation
import PolarisTestSupport
import Testing

/// `polaris sql`: the DDL loads into the real databases, sqlite3 and PostgreSQL.
struct SQLCommandTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    static let schemas = ["schema/polaris.yaml", "Tests/Reference/everything.yaml"]

    private func ddl(_ schema: String, _ dialect: String) throws -> String {
        let run = try PolarisBinary.run(["sql", schema, "--dialect", dialect], in: Self.root)
        #expect(run.status == 0)
        #expect(run.stderr.isEmpty)
        return run.stdout
    }

    /// Runs a command with `input` on its standard input.
    private func shell(_ arguments: [String], input: String) throws -> ToolRun {
        try ToolRun(URL(fileURLWithPath: "/usr/bin/env"), arguments, input: input)
    }

    @Test(arguments: schemas)
    func sqliteDDLLoadsTwiceAndCreatesEveryTable(schema: String) throws {
        let sql = try ddl(schema, "sqlite")
        let run = try shell(["sqlite3", "-bail", ":memory:"], input: sql + sql + ".tables\n")
        #expect(run.status == 0)
        #expect(run.stderr.isEmpty)
        #expect(run.stdout.contains("_storage"))
        #expect(sql.contains("CREATE INDEX IF NOT EXISTS \"files.by_project_parent\" ON \"files\" (\"projectId\", \"parentId\", \"_creationTime\");")
            || schema != "schema/polaris.yaml")
    }

    @Test func sqliteDDLEnforcesRequiredFieldsAndLiteralSets() throws {
        let sql = try ddl("schema/polaris.yaml", "sqlite")
        let bad = """
            INSERT INTO "messages" ("_id", "_creationTime", "conversationId", "projectId", "role", "content")
            VALUES ('m', 1.0, 'c', 'p', 'robot', 'hi');
            """
        let run = try shell(["sqlite3", "-bail", ":memory:"], input: sql + bad)
        #expect(run.status != 0)
        #expect(run.stderr.contains("CHECK constraint failed"))
    }

    @Test(arguments: schemas)
    func postgresDDLLoadsIntoPostgreSQL(schema: String) throws {
        let sql = try ddl(schema, "postgres")
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("polaris-pg-\(UUID().uuidString)")
        let start = try shell([Self.root.appendingPathComponent("scripts/postgres").path, "start", folder.path], input: "")
        try #require(start.status == 0, "scripts/postgres could not start PostgreSQL: \(start.stderr)")
        defer { _ = try? shell([Self.root.appendingPathComponent("scripts/postgres").path, "stop", folder.path], input: "") }
        let url = start.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        let run = try shell(
            ["psql", url, "-q", "-v", "ON_ERROR_STOP=1", "-X"],
            input: "SET client_min_messages = warning;\n" + sql + sql + "SELECT count(*) FROM information_schema.tables WHERE table_schema = 'public';\n")
        #expect(run.status == 0)
        #expect(run.stderr.isEmpty)
        #expect(run.stdout.contains(schema == "schema/polaris.yaml" ? " 7" : " 5"))
    }

    @Test func fromAndToPrintTheMigrationAndWarnOnStderr() throws {
        let files = [
            "old.yaml": "version: 1\ntables:\n  t:\n    fields: { a: string }\n",
            "new.yaml": "version: 1\ntables:\n  t:\n    fields: { a: string, b: number? }\n  u:\n    fields: { c: int64 }\n",
            "json.yaml": "version: 1\ntables:\n  t:\n    fields: { a: string | number }\n",
        ]
        let run = try PolarisBinary.run(["sql", "--from", "old.yaml", "--to", "new.yaml"], files: files)
        #expect(run.status == 0)
        #expect(run.stderr == "")
        #expect(run.stdout.contains("INSERT INTO \"t\" (\"_id\", \"_creationTime\", \"a\", \"b\")\n    SELECT \"_id\", \"_creationTime\", \"a\", NULL FROM \"t.polaris-previous\";"))
        #expect(run.stdout.contains("CREATE TABLE IF NOT EXISTS \"u\""))
        let warned = try PolarisBinary.run(["sql", "--from", "old.yaml", "--to", "json.yaml", "--diagnostics", "json"], files: files)
        #expect(warned.status == 0)
        #expect(warned.stderr.contains("\"severity\": \"warning\", \"message\": \"field 'a' of table 't' is now stored as Convex JSON, not TEXT"))
        let usage = try PolarisBinary.run(["sql", "--from", "old.yaml"], files: files)
        #expect(usage.status == 64)
        #expect(usage.stderr.contains("give either SCHEMA, or both --from OLD and --to NEW"))
    }

    @Test func theMigrationRunsOnPostgreSQLAndFailsWhole() throws {
        let files = [
            "old.yaml": "version: 1\ntables:\n  t:\n    fields: { a: string }\n    indexes: { by_a: [a] }\n",
            "new.yaml": "version: 1\ntables:\n  t:\n    fields: { a: string, b: number? }\n  u:\n    fields: { c: int64 }\n",
            "json.yaml": "version: 1\ntables:\n  t:\n    fields: { a: string | number }\n",
        ]
        let old = try PolarisBinary.run(["sql", "old.yaml", "--dialect", "postgres"], files: files).stdout
        let migration = try PolarisBinary.run(["sql", "--from", "old.yaml", "--to", "new.yaml", "--dialect", "postgres"], files: files)
        let refused = try PolarisBinary.run(["sql", "--from", "old.yaml", "--to", "json.yaml", "--dialect", "postgres"], files: files)
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("polaris-pg-\(UUID().uuidString)")
        let start = try shell([Self.root.appendingPathComponent("scripts/postgres").path, "start", folder.path], input: "")
        try #require(start.status == 0, "scripts/postgres could not start PostgreSQL: \(start.stderr)")
        defer { _ = try? shell([Self.root.appendingPathComponent("scripts/postgres").path, "stop", folder.path], input: "") }
        let url = start.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        func psql(_ input: String) throws -> ToolRun {
            try shell(["psql", url, "-q", "-v", "ON_ERROR_STOP=1", "-X", "-A", "-t"], input: "SET client_min_messages = warning;\n" + input)
        }
        let rows = "SELECT string_agg(\"_id\" || '=' || \"a\", ',') FROM \"t\";\n"
        #expect(try psql(old + "INSERT INTO \"t\" VALUES ('k1', 1.0, 'x'), ('k2', 2.0, 'y');\n").status == 0)
        let failed = try psql(refused.stdout)
        #expect(failed.status != 0)
        #expect(failed.stderr.contains("null value in column \"a\""))
        #expect(try psql(rows).stdout == "k1=x,k2=y\n")
        let applied = try psql(migration.stdout + rows + "SELECT count(*) FROM \"u\";\n")
        #expect(applied.status == 0)
        #expect(applied.stderr.isEmpty)
        #expect(applied.stdout == "k1=x,k2=y\n0\n")
    }
}
