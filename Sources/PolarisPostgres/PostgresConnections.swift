import Foundation
import Logging
import NIOCore
import NIOPosix
import PolarisRuntime
import PostgresNIO

/// Where a PostgreSQL database is: `postgres://USER[:PASSWORD]@HOST[:PORT]/DATABASE`
/// (or `postgresql://`), as libpq and Convex's self-hosting docs write it.
public struct PostgresURL: Sendable, CustomStringConvertible {
    let configuration: PostgresConnection.Configuration
    /// The URL without its password.
    public let description: String

    public init(_ text: String) throws {
        guard let components = URLComponents(string: text), components.scheme == "postgres" || components.scheme == "postgresql",
            let host = components.host, !host.isEmpty
        else {
            throw PostgresStoreError(message: "'\(text)' is not a PostgreSQL URL (postgres://USER@HOST[:PORT]/DATABASE)")
        }
        let database = String(components.path.drop { $0 == "/" })
        let user = components.user ?? "postgres"
        for item in components.queryItems ?? [] where item.name == "sslmode" && item.value != "disable" {
            throw PostgresStoreError(message: "sslmode=\(item.value ?? "") is not supported: Polaris connects without TLS (use sslmode=disable on a trusted network)")
        }
        var configuration = PostgresConnection.Configuration(
            host: host, port: components.port ?? 5432, username: user, password: components.password,
            database: database.isEmpty ? user : database, tls: .disable)
        configuration.options.additionalStartupParameters = [("application_name", "polaris")]
        self.configuration = configuration
        description = "postgres://\(user)@\(host):\(components.port ?? 5432)/\(database.isEmpty ? user : database)"
    }
}

/// An error PostgreSQL reported (or the connection to it), with its SQLSTATE.
public struct PostgresStoreError: Error, Sendable, CustomStringConvertible {
    /// The SQLSTATE code, when the server sent one (`40001`: serialization failure).
    public var sqlState: String?
    public var message: String

    public var description: String { sqlState.map { "PostgreSQL error \($0): \(message)" } ?? "PostgreSQL: \(message)" }

    init(sqlState: String? = nil, message: String) {
        self.sqlState = sqlState
        self.message = message
    }

    /// postgres-nio's error, with the server's message rather than its redacted description.
    init(_ error: any Error) {
        if let error = error as? PostgresStoreError {
            self = error
        } else if let error = error as? PSQLError {
            let detail = error.serverInfo?[.detail].map { " (\($0))" } ?? ""
            self.init(sqlState: error.serverInfo?[.sqlState], message: (error.serverInfo?[.message] ?? "\(error.code)") + detail)
        } else {
            self.init(message: String(describing: error))
        }
    }

    /// A transaction that lost to a concurrent one: running it again may succeed.
    var isConflict: Bool { sqlState == "40001" || sqlState == "40P01" }
}

/// Blocking calls on postgres-nio's futures, for the store's synchronous
/// interface. Never called on an event loop: servers run store calls on
/// their own threads.
extension PostgresConnection {
    static let logger: Logger = {
        var logger = Logger(label: "polaris.postgres")
        logger.logLevel = .error
        return logger
    }()

    /// Opens a connection (blocking).
    static func open(_ url: PostgresURL) throws -> PostgresConnection {
        do {
            return try connect(
                on: MultiThreadedEventLoopGroup.singleton.next(), configuration: url.configuration, id: 0, logger: logger
            ).wait()
        } catch {
            throw PostgresStoreError(message: "cannot connect to \(url): \(PostgresStoreError(error).message)")
        }
    }

    /// Sends `query` without waiting; its future fails with the server's error.
    func send(_ query: PostgresQuery) -> EventLoopFuture<PostgresQueryResult> {
        self.query(query, logger: Self.logger)
    }

    /// Runs `query` and returns its rows.
    func run(_ query: PostgresQuery) throws -> [PostgresRow] {
        try wait(send(query)).rows
    }

    /// Runs a statement whose rows (if any) do not matter.
    func execute(_ sql: String) throws {
        _ = try run(PostgresQuery(unsafeSQL: sql))
    }

    func wait<T: Sendable>(_ future: EventLoopFuture<T>) throws -> T {
        do {
            return try future.wait()
        } catch {
            throw PostgresStoreError(error)
        }
    }
}

/// Up to `size` open connections, each used by one transaction at a time;
/// a caller waits for one when all are busy. A connection that broke is
/// replaced by the next caller.
final class ConnectionPool: @unchecked Sendable {
    private let url: PostgresURL
    private let size: Int
    private let condition = NSCondition()
    private var idle: [PostgresConnection] = []
    private var open = 0

    init(url: PostgresURL, size: Int) {
        self.url = url
        self.size = size
    }

    func with<T>(_ body: (PostgresConnection) throws -> T) throws -> T {
        let connection = try take()
        defer { give(connection) }
        return try body(connection)
    }

    private func take() throws -> PostgresConnection {
        condition.lock()
        while idle.isEmpty && open >= size { condition.wait() }
        if let connection = idle.popLast() {
            condition.unlock()
            return connection
        }
        open += 1
        condition.unlock()
        do {
            return try PostgresConnection.open(url)
        } catch {
            condition.lock()
            open -= 1
            condition.signal()
            condition.unlock()
            throw error
        }
    }

    private func give(_ connection: PostgresConnection) {
        condition.lock()
        if connection.isClosed {
            open -= 1
        } else {
            idle.append(connection)
        }
        condition.signal()
        condition.unlock()
    }

    /// Closes the idle connections.
    func close() {
        condition.lock()
        let connections = idle
        idle = []
        open -= connections.count
        condition.unlock()
        for connection in connections { _ = try? connection.close().wait() }
    }
}
