import Foundation
import GRDB
import PolarisRuntime
import PolarisTestSupport
import Testing

/// `polaris-data`, the data check and the migration as a user runs them,
/// and a migration killed with SIGKILL halfway.
@Suite struct PolarisDataCommandTests {
    static let executable = BuiltProducts.executable("polaris-data")

    static func run(_ arguments: [String]) throws -> ToolRun {
        try ToolRun(executable, arguments)
    }

    @Test func checkReportsEachFailingDocumentAndMigrateRefusesThem() throws {
        let database = try MigrationDatabase()
        defer { database.remove() }
        let ids = try database.open(MigrationTests.v1).insert("users", [MigrationTests.user("ada", 36, "London")])
        let unsafe = try database.schemaFile(MigrationTests.v3, named: "v3.yaml")
        let check = try Self.run(["check", "--database", database.path, unsafe])
        #expect(check.status == 1)
        #expect(check.stdout == """
            _storage: 0 documents checked
            users: 1 document checked
            posts: 0 documents checked
            1 document does not fit the schema:
              users \(ids[0]): (root): missing required field 'email'

            """)
        let migrate = try Self.run(["migrate", "--database", database.path, unsafe])
        #expect(migrate.status == 1)
        #expect(migrate.stderr.hasPrefix("polaris-data: 1 stored document does not fit the new schema; nothing was changed:\n"))
        let safe = try database.schemaFile(MigrationTests.v2, named: "v2.yaml")
        #expect(try Self.run(["check", "--database", database.path, safe]).stdout.hasSuffix("every stored document fits '\(safe)'\n"))
        let applied = try Self.run(["migrate", "--database", database.path, safe])
        #expect(applied.status == 0)
        #expect(applied.stdout == "'\(database.path)' is at '\(safe)'\n")
    }

    @Test func aMigrationKilledHalfwayLeavesTheOldSchemaAndData() throws {
        let database = try MigrationDatabase()
        defer { database.remove() }
        let count = 150_000
        let store = try database.open(MigrationTests.v1)
        try store.write { db in
            for index in 0..<count {
                _ = try db.insert(table: "users", fields: StoredDocument(fields: MigrationTests.user("u\(index)", Double(index), "c\(index % 97)")))
            }
        }
        let before = try MigrationTests.snapshot(database.path)
        let process = Process()
        process.executableURL = Self.executable
        process.arguments = ["migrate", "--database", database.path, try database.schemaFile(MigrationTests.v2, named: "v2.yaml")]
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        // The migration holds the write lock for its whole transaction: once
        // a writer is refused twice, a while apart, it is under way.
        let probe = try DatabaseQueue(path: database.path)
        var refused = 0
        while process.isRunning, refused < 2 {
            do {
                try probe.inDatabase { db in try db.execute(sql: "BEGIN IMMEDIATE; ROLLBACK") }
            } catch let error as DatabaseError where error.resultCode == .SQLITE_BUSY {
                refused += 1
                if refused < 2 { Thread.sleep(forTimeInterval: 0.2) }
            }
        }
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        try #require(process.terminationReason == .uncaughtSignal, "the migration finished before it could be killed")
        try probe.close()
        #expect(try MigrationTests.snapshot(database.path) == before)
        let reopened = try database.open(MigrationTests.v1)
        let users = try reopened.all("users")
        #expect(users.count == count)
        #expect(users.last?["name"] == .string("u\(count - 1)"))
        #expect(try database.open(MigrationTests.v2).all("users").count == count)
    }
}
