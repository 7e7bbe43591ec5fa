import Foundation
import NIOPosix
import PostgresNIO

/// The PostgreSQL server of the benchmarks: `POLARIS_BENCH_POSTGRES` (a URL
/// whose user may create databases), else a throwaway one that
/// `scripts/postgres` starts (fsync off, on loopback) and `stop()` removes.
/// Every contestant gets a fresh database on it.
final class BenchmarkPostgres {
    let url: String
    private let folder: String?
    private var databases = 0

    /// Nil (with the reason printed) when there is no server and none can be started.
    static func start() -> BenchmarkPostgres? {
        if let given = ProcessInfo.processInfo.environment["POLARIS_BENCH_POSTGRES"], !given.isEmpty {
            return BenchmarkPostgres(url: given, folder: nil)
        }
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("polaris-bench-postgres-\(getpid())").path
        let script = FileManager.default.currentDirectoryPath + "/scripts/postgres"
        guard let output = try? Self.shell(script, ["start", folder]) else {
            print("PostgreSQL: skipped (\(script) could not start a server: run scripts/setup, from the project's folder)")
            return nil
        }
        return BenchmarkPostgres(url: output.trimmingCharacters(in: .whitespacesAndNewlines), folder: folder)
    }

    private init(url: String, folder: String?) {
        self.url = url
        self.folder = folder
    }

    /// Stops a server this run started.
    func stop() {
        if let folder { _ = try? Self.shell(FileManager.default.currentDirectoryPath + "/scripts/postgres", ["stop", folder]) }
    }

    /// A new, empty database: its URL.
    func freshDatabase() throws -> String {
        databases += 1
        let name = "polaris_bench_\(getpid())_\(databases)"
        let admin = try PostgresNIOFiles(url: url, ddl: "")
        _ = try admin.run(PostgresQuery(unsafeSQL: "CREATE DATABASE \(name)"))
        try admin.connection.close().wait()
        return String(url[..<url.lastIndex(of: "/")!]) + "/" + name
    }

    private static func shell(_ executable: String, _ arguments: [String]) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { throw PostgresBenchmarkError(message: "\(executable) failed") }
        return String(decoding: data, as: UTF8.self)
    }
}
