import Foundation
import Logging
import NIOPosix
import PostgresNIO

/// What an app on postgres-nio writes by hand, on one connection, waiting on
/// each query's future from its own thread (as the store does; the same
/// speed as async/await, measured in issue 7's notes).
struct PostgresNIOFiles {
    let connection: PostgresConnection
    static let logger = Logger(label: "polaris-benchmarks")

    /// Connects to the database at `url` (`postgres://USER@HOST:PORT/DATABASE`) and runs `ddl` there.
    init(url: String, ddl: String) throws {
        let components = URLComponents(string: url)!
        let configuration = PostgresConnection.Configuration(
            host: components.host!, port: components.port ?? 5432, username: components.user ?? "postgres", password: nil,
            database: String(components.path.dropFirst()), tls: .disable)
        connection = try PostgresConnection.connect(
            on: MultiThreadedEventLoopGroup.singleton.next(), configuration: configuration, id: 1, logger: Self.logger
        ).wait()
        for statement in ddl.components(separatedBy: ";\n") where statement.contains("CREATE") {
            _ = try connection.query(PostgresQuery(unsafeSQL: statement), logger: Self.logger).wait()
        }
    }

    func run(_ query: PostgresQuery) throws -> PostgresQueryResult {
        try connection.query(query, logger: Self.logger).wait()
    }

    /// All samples in one transaction, one INSERT each.
    func insert(_ samples: [FileSamples.Sample]) throws {
        _ = try run("BEGIN")
        for sample in samples {
            _ = try run("""
                INSERT INTO "files" ("_id", "_creationTime", "projectId", "parentId", "name", "type", "content", "updatedAt") \
                VALUES (\(sample.id), \(sample.creationTime), \(sample.projectId), \(sample.parentId), \(sample.name), 'file', \
                \(sample.content), \(sample.updatedAt))
                """)
        }
        _ = try run("COMMIT")
    }

    /// Lookups decoded into rows, in one read-only snapshot.
    func read(_ lookups: [(projectId: String, parentId: String)]) throws -> Int {
        _ = try run("BEGIN ISOLATION LEVEL REPEATABLE READ, READ ONLY")
        var count = 0
        for lookup in lookups {
            let rows = try run("""
                SELECT "_id", "_creationTime", "projectId", "parentId", "name", "type", "content", "storageId", "updatedAt" \
                FROM "files" WHERE "projectId" = \(lookup.projectId) AND "parentId" = \(lookup.parentId) ORDER BY "_creationTime"
                """)
            var files: [FileRow] = []
            for row in rows {
                let (id, creationTime, projectId, parentId, name, type, content, storageId, updatedAt) = try row.decode(
                    (String, Double, String, String?, String, String, String?, String?, Double).self)
                files.append(FileRow(
                    _id: id, _creationTime: creationTime, projectId: projectId, parentId: parentId, name: name, type: type,
                    content: content, storageId: storageId, updatedAt: updatedAt))
            }
            count += files.count
        }
        _ = try run("COMMIT")
        return count
    }

    /// One UPDATE per row, each its own transaction.
    func renameEach(_ ids: [String]) throws {
        for (index, id) in ids.enumerated() {
            _ = try run(#"UPDATE "files" SET "name" = \#("renamed-\(index).swift"), "updatedAt" = \#(Double(index)) WHERE "_id" = \#(id)"#)
        }
    }

    /// What a mutation does to each row: read it and write it back changed,
    /// in a SERIALIZABLE transaction.
    func readAndRenameEach(_ ids: [String]) throws {
        for (index, id) in ids.enumerated() {
            _ = try run("BEGIN ISOLATION LEVEL SERIALIZABLE")
            let rows = try run("""
                SELECT "_id", "_creationTime", "projectId", "parentId", "name", "type", "content", "storageId", "updatedAt" \
                FROM "files" WHERE "_id" = \(id)
                """)
            guard rows.count == 1 else { throw PostgresBenchmarkError(message: "no file \(id)") }
            _ = try run(#"UPDATE "files" SET "name" = \#("renamed-\(index).swift"), "updatedAt" = \#(Double(index)) WHERE "_id" = \#(id)"#)
            _ = try run("COMMIT")
        }
    }
}

struct PostgresBenchmarkError: Error, CustomStringConvertible {
    let message: String
    var description: String { message }
}
