import Foundation
import GRDB
import PolarisRuntime
import PolarisTestSupport
import Testing

/// Opening a database with a changed schema: safe changes applied to the
/// stored data in one transaction, unsafe ones refused with nothing changed.
@Suite struct MigrationTests {
    static let v1 = """
        version: 1
        tables:
          users:
            fields:
              name: string
              age: number
              meta: { object: { city: string } }
            indexes:
              by_name: [name]
          posts:
            fields: { title: string }
        """
    /// Safe: an optional field, a widened field (to a JSON column), an index
    /// on a dotted path (an order key column), an index removed, a new table.
    static let v2 = """
        version: 1
        tables:
          users:
            fields:
              name: string
              bio: string?
              age: number | string
              meta: { object: { city: string } }
            indexes:
              by_city: [meta.city]
          posts:
            fields: { title: string }
          tags:
            fields: { label: string }
        """
    /// Unsafe for stored users: a required field they lack.
    static let v3 = v1.replacingOccurrences(of: "      age: number\n", with: "      age: number\n      email: string\n")

    static func user(_ name: String, _ age: Double, _ city: String) -> [String: Value] {
        ["name": .string(name), "age": .float64(age), "meta": .object(["city": .string(city)])]
    }

    /// The recorded schema and the tables' SQL: what must not change when a migration is refused.
    static func snapshot(_ path: String) throws -> [String] {
        let queue = try DatabaseQueue(path: path)
        return try queue.read { db in
            try String.fetchAll(db, sql: "SELECT tables FROM _polaris_schema")
                + String.fetchAll(db, sql: "SELECT coalesce(sql, name) FROM sqlite_master ORDER BY name")
        }
    }

    @Test(arguments: StoreKind.allCases) func safeChangesKeepEveryDocumentAndApplyTheNewLayout(_ kind: StoreKind) throws {
        let database = try MigrationDatabase(kind)
        defer { database.remove() }
        let ids = try database.open(Self.v1).insert("users", [
            Self.user("ada", 36, "London"), Self.user("bo", 20, "Austin"), Self.user("cy", 50, "Berlin"),
        ])
        let before = try database.open(Self.v1).all("users")
        let store = try database.open(Self.v2)
        let after = try store.all("users")
        #expect(after.map { $0["_id"] } == ids.map(Value.string))
        for (old, new) in zip(before, after) {
            for name in ["_id", "_creationTime", "name", "age", "meta"] { #expect(old[name] == new[name]) }
            #expect(new["bio"] == nil)
        }
        let byCity = try store.documents("users", index: "by_city", fields: ["meta.city", "_creationTime"])
        #expect(byCity.map { $0["name"] } == [.string("bo"), .string("cy"), .string("ada")])
        let id = try store.insert("users", [["name": .string("di"), "age": .string("unknown"), "meta": .object(["city": .string("Oslo")])]])
        #expect(try store.read { try $0.get(table: "users", id: id[0]) }?["age"] == .string("unknown"))
        #expect(try store.insert("tags", [["label": .string("new")]]).count == 1)
        #expect(throws: StoreError.self) { try store.documents("users", index: "by_name", fields: ["name", "_creationTime"]) }
        let reopened = try database.open(Self.v2)
        #expect(try reopened.all("users").count == 4)
    }

    @Test(arguments: StoreKind.allCases) func anUnsafeChangeIsRefusedWithTheFailingIDsAndNothingChanged(_ kind: StoreKind) throws {
        let database = try MigrationDatabase(kind)
        defer { database.remove() }
        let ids = try database.open(Self.v1).insert("users", [Self.user("ada", 36, "London"), Self.user("bo", 20, "Austin")])
        let before = try database.snapshot()
        let error = try #require(throws: MigrationError.self) { try database.open(Self.v3) }
        guard case .invalidDocuments(let report) = error else {
            Issue.record("expected invalid documents, got \(error)")
            return
        }
        #expect(report.failureCount == 2)
        #expect(report.failures.map(\.id) == ids)
        #expect(report.failures.map(\.table) == ["users", "users"])
        #expect(report.failures.map { "\($0.error)" } == Array(repeating: "(root): missing required field 'email'", count: 2))
        #expect("\(error)".hasPrefix("2 stored documents do not fit the new schema; nothing was changed:\n  users \(ids[0]): (root): missing required field 'email'\n"))
        #expect(try database.snapshot() == before)
        #expect(try database.open(Self.v1).all("users").map { $0["name"] } == [.string("ada"), .string("bo")])
    }

    @Test(arguments: StoreKind.allCases) func atMostTheFirstHundredFailuresAreListedWithTheirCount(_ kind: StoreKind) throws {
        let database = try MigrationDatabase(kind)
        defer { database.remove() }
        _ = try database.open(Self.v1).insert("users", (0..<150).map { Self.user("u\($0)", Double($0), "c") })
        let error = try #require(throws: MigrationError.self) { try database.open(Self.v3) }
        guard case .invalidDocuments(let report) = error else { return }
        #expect(report.failureCount == 150)
        #expect(report.failures.count == 100)
        #expect("\(error)".hasPrefix("150 stored documents do not fit the new schema (the first 100 shown); nothing was changed"))
    }

    @Test(arguments: StoreKind.allCases) func aRemovedTableIsDroppedOnlyWhenEmpty(_ kind: StoreKind) throws {
        let database = try MigrationDatabase(kind)
        defer { database.remove() }
        _ = try database.open(Self.v1).insert("posts", [["title": .string("hello")]])
        let withoutPosts = Self.v1.replacingOccurrences(of: "\n  posts:\n    fields: { title: string }", with: "")
        #expect(throws: MigrationError.removedTableHoldsDocuments(table: "posts", count: 1).description) {
            do { _ = try database.open(withoutPosts) } catch { throw "\(error)" }
        }
        let store = try database.open(Self.v1)
        try store.write { db in
            for post in try store.all("posts") { try db.delete(table: "posts", id: post["_id"]!.stringValue!) }
        }
        _ = try database.open(withoutPosts)
        #expect(try database.snapshot().contains { $0.contains("posts") } == false)
    }

    @Test func theDataCheckReportsWithoutChangingAnything() throws {
        let database = try MigrationDatabase()
        defer { database.remove() }
        let ids = try database.open(Self.v1).insert("users", [Self.user("ada", 36, "London")])
        let before = try Self.snapshot(database.path)
        let unsafe = try DocumentStore.checkDocuments(atPath: database.path, against: MigrationDatabase.compile(Self.v3).tables)
        #expect(unsafe.failures.map(\.description) == ["users \(ids[0]): (root): missing required field 'email'"])
        #expect(!unsafe.isValid)
        let safe = try DocumentStore.checkDocuments(atPath: database.path, against: MigrationDatabase.compile(Self.v2).tables)
        #expect(safe.isValid)
        #expect(safe.checked.map(\.table) == ["_storage", "users", "posts"])
        #expect(safe.checked.map(\.count) == [0, 1, 0])
        #expect(try Self.snapshot(database.path) == before)
    }
}

extension String: @retroactive Error {}
