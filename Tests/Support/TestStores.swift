import Foundation
import PolarisPostgres
import PolarisRuntime

/// The stores every runtime and backend test runs on, as GRDB runs its
/// tests on each kind of connection.
public enum StoreKind: String, CaseIterable, Sendable {
    /// A SQLite file in a fresh temporary folder (a WAL pool, for concurrency).
    case sqlite
    /// A fresh database on the test PostgreSQL server (`TestPostgres`).
    case postgres


    /// A new, empty store of `schema`.
    public func open(_ schema: any DatabaseSchema.Type) throws -> any Store {
        switch self {
        case .sqlite: try DocumentStore(path: Self.freshFile(), schema: schema)
        case .postgres: try PostgresStore(url: TestPostgres.freshDatabase(), schema: schema)
        }
    }

    /// The path of a database file in a new temporary folder.
    public static func freshFile() throws -> String {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("polaris-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return folder.appendingPathComponent("db.sqlite").path
    }
}

/// The PostgreSQL server of the tests: the one `POLARIS_TEST_POSTGRES` names
/// (a URL whose user may create databases), else one that `scripts/postgres`
/// starts on loopback with a throwaway data folder at the first use, and
/// stops when the test process exits.
public enum TestPostgres {
    private static let lock = NSLock()
    nonisolated(unsafe) private static var server: String?
    nonisolated(unsafe) private static var folder: String?
    nonisolated(unsafe) private static var databases = 0

    /// The server's URL (of its `postgres` database), for tools that make their own databases.
    public static func serverURL() throws -> String {
        try lock.withLock { try startedServer() }
    }

    /// A new, empty database on the server: its URL.
    public static func freshDatabase() throws -> String {
        try lock.withLock {
            let server = try startedServer()
            databases += 1
            let name = "polaris_test_\(getpid())_\(databases)"
            let created = try ToolRun(URL(fileURLWithPath: "/usr/bin/env"), ["psql", server, "-q", "-c", "CREATE DATABASE \(name)"])
            guard created.status == 0 else { throw TestPostgresError(message: "cannot create a database: \(created.stderr)") }
            return String(server[..<server.lastIndex(of: "/")!]) + "/" + name
        }
    }

    private static func startedServer() throws -> String {
        if let server { return server }
        if let given = ProcessInfo.processInfo.environment["POLARIS_TEST_POSTGRES"], !given.isEmpty {
            server = given
            return given
        }
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("polaris-test-postgres-\(getpid())").path
        let started = try ToolRun(script, ["start", folder])
        guard started.status == 0 else {
            throw TestPostgresError(message: "scripts/postgres could not start PostgreSQL (run scripts/setup): \(started.stderr)")
        }
        self.folder = folder
        atexit {
            guard let folder = TestPostgres.folder else { return }
            _ = try? ToolRun(TestPostgres.script, ["stop", folder])
        }
        let url = started.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        server = url
        return url
    }

    private static var script: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("scripts/postgres")
    }
}

struct TestPostgresError: Error, CustomStringConvertible {
    let message: String
    var description: String { message }
}
