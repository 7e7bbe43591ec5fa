import Foundation
import GRDB

extension FileRow: FetchableRecord, PersistableRecord {
    static let databaseTableName = "files"
}

/// What an app on GRDB writes by hand: a Codable record, and Row access by position.
struct GRDBFiles {
    let pool: DatabasePool

    init(path: String, ddl: String, cacheKiB: Int) throws {
        var configuration = Configuration()
        configuration.prepareDatabase { db in try db.execute(sql: "PRAGMA cache_size = -\(cacheKiB)") }
        pool = try DatabasePool(path: path, configuration: configuration)
        try pool.writeWithoutTransaction { db in try db.execute(sql: "PRAGMA synchronous = FULL") }
        try pool.write { db in try db.execute(sql: ddl) }
    }

    static let selectByProjectParent = #"""
        SELECT "_id", "_creationTime", "projectId", "parentId", "name", "type", "content", "storageId", "updatedAt"
        FROM "files" WHERE "projectId" = ? AND "parentId" = ? ORDER BY "_creationTime"
        """#

    /// All samples in one transaction, as Codable records.
    func insertRecords(_ samples: [FileSamples.Sample]) throws {
        try pool.write { db in
            for sample in samples {
                try FileRow(
                    _id: sample.id, _creationTime: sample.creationTime, projectId: sample.projectId,
                    parentId: sample.parentId, name: sample.name, type: "file", content: sample.content, storageId: nil,
                    updatedAt: sample.updatedAt
                ).insert(db)
            }
        }
    }

    /// Lookups decoded as Codable records, in one read.
    func readRecords(_ lookups: [(projectId: String, parentId: String)]) throws -> Int {
        try pool.read { db in
            var count = 0
            for lookup in lookups {
                let statement = try db.cachedStatement(sql: Self.selectByProjectParent)
                count += try FileRow.fetchAll(statement, arguments: [lookup.projectId, lookup.parentId]).count
            }
            return count
        }
    }

    /// Lookups read by column position from GRDB rows, in one read.
    func readRows(_ lookups: [(projectId: String, parentId: String)]) throws -> Int {
        try pool.read { db in
            var count = 0
            for lookup in lookups {
                let statement = try db.cachedStatement(sql: Self.selectByProjectParent)
                let rows = try Row.fetchCursor(statement, arguments: [lookup.projectId, lookup.parentId])
                var files: [FileRow] = []
                while let row = try rows.next() {
                    files.append(FileRow(
                        _id: row[0], _creationTime: row[1], projectId: row[2], parentId: row[3], name: row[4], type: row[5],
                        content: row[6], storageId: row[7], updatedAt: row[8]))
                }
                count += files.count
            }
            return count
        }
    }

    /// One `write` per update of one row's name and time.
    func renameEach(_ ids: [String]) throws {
        for (index, id) in ids.enumerated() {
            try pool.write { db in
                try db.execute(
                    sql: #"UPDATE "files" SET "name" = ?, "updatedAt" = ? WHERE "_id" = ?"#,
                    arguments: ["renamed-\(index).swift", Double(index), id])
            }
        }
    }

    /// The writer's `PRAGMA synchronous`.
    func synchronous() throws -> String {
        try pool.writeWithoutTransaction { db in try String.fetchOne(db, sql: "PRAGMA synchronous") ?? "?" }
    }
}
