import Foundation
import PolarisTestSupport
import Testing

/// How `polaris-server` picks its database: `--database FILE`, a PostgreSQL
/// URL, or `POLARIS_DATABASE`; and what it says when it cannot open one.
struct ServerDatabaseOptionTests {
    /// Runs the server to its exit (it exits at once on a bad database): status and stderr.
    static func refused(_ arguments: [String], environment: [String: String] = [:]) throws -> (status: Int32, stderr: String) {
        let process = Process()
        process.executableURL = BuiltProducts.executable("polaris-server")
        process.arguments = arguments + ["--port", "0"]
        var base = ProcessInfo.processInfo.environment
        base["POLARIS_DATABASE"] = nil
        process.environment = base.merging(environment) { $1 }
        let error = Pipe()
        process.standardError = error
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        let text = String(decoding: error.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        return (process.terminationStatus, text)
    }

    @Test func withoutADatabaseTheServerSaysHowToGiveOne() throws {
        let (status, stderr) = try Self.refused([])
        #expect(status == 64)
        #expect(stderr.contains("--database FILE|postgres://... or POLARIS_DATABASE"))
    }

    @Test func anUnreachableDatabaseIsRefusedWithoutItsPassword() throws {
        let (status, stderr) = try Self.refused(["--database", "postgres://app:hunter2@127.0.0.1:1/polaris"])
        #expect(status == 64)
        #expect(stderr.contains("cannot open the database 'postgres://app@127.0.0.1:1/polaris'"))
        #expect(stderr.contains("cannot connect"))
        #expect(!stderr.contains("hunter2"))
    }

    @Test func tlsIsRefusedWithItsReason() throws {
        let (status, stderr) = try Self.refused(["--database", "postgres://app@127.0.0.1:5432/polaris?sslmode=require"])
        #expect(status == 64)
        #expect(stderr.contains("sslmode=require is not supported"))
    }

    @Test func theEnvironmentNamesAPostgreSQLDatabase() throws {
        let url = try TestPostgres.freshDatabase()
        let process = Process()
        process.executableURL = BuiltProducts.executable("polaris-server")
        process.arguments = ["--port", "0"]
        process.environment = ProcessInfo.processInfo.environment.merging(["POLARIS_DATABASE": url]) { $1 }
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        defer { process.terminate(); process.waitUntilExit() }
        let line = String(decoding: output.fileHandleForReading.availableData, as: UTF8.self)
        #expect(line.hasPrefix("listening on http://127.0.0.1:"))
        let tables = try ToolRun(URL(fileURLWithPath: "/usr/bin/env"), ["psql", url, "-At", "-c", "SELECT count(*) FROM projects"])
        #expect(tables.stdout.trimmingCharacters(in: .whitespacesAndNewlines) == "0")
    }
}
