import Foundation
import PolarisGenerated
import PolarisPostgres
import PolarisRuntime
import PolarisTestSupport
import Testing

/// The commit log that keeps stores on one PostgreSQL database in step
/// (`CommitLog`): two stores in one process stand for two servers.
struct PostgresCommitLogTests {
    @Test func aFreshLogNeedsNoCatchingUpAndIsNotPrunedEarly() async throws {
        let url = try TestPostgres.freshDatabase()
        let store = try PostgresStore(url: url, schema: PolarisDatabase.self)
        let opened = store.latestTimestamp
        let (_, first) = try store.commit { db in try db.insert(Project.new(name: "p", ownerId: "o", updatedAt: 0)) }
        #expect(first == opened + 1)
        #expect(store.latestTimestamp == first)
        store.catchUp()
        let horizon = try ToolRun(URL(fileURLWithPath: "/usr/bin/env"), ["psql", url, "-At", "-c", #"SELECT "pruned" FROM "_polaris_commit_horizon""#])
        #expect(horizon.stdout.trimmingCharacters(in: .whitespacesAndNewlines) == String(opened))
    }

    @Test func anotherStoresCommitsReachTheObserversInOrderEvenAHugeOne() async throws {
        let url = try TestPostgres.freshDatabase()
        let (a, b) = (try PostgresStore(url: url, schema: PolarisDatabase.self), try PostgresStore(url: url, schema: PolarisDatabase.self))
        let subscriptions = Subscriptions(runner: FunctionRunner(registry: Self.registry, store: a, internalKey: nil))
        var counts = subscriptions.subscribe("test:count", arguments: .object([:]), identity: nil).makeAsyncIterator()
        #expect(try await counts.next()?.result.get() == .float64(0))
        // More documents than a value's array may hold, in one commit.
        try b.write { db in
            for index in 0..<9_000 { try db.insert(Project.new(name: "p\(index)", ownerId: "o", updatedAt: 0)) }
        }
        let update = try #require(await counts.next())
        #expect(try update.result.get() == .float64(9_000))
        #expect(update.timestamp == b.latestTimestamp)
        _ = try b.write { db in try db.insert(Project.new(name: "last", ownerId: "o", updatedAt: 0)) }
        let next = try #require(await counts.next())
        #expect(try next.result.get() == .float64(9_001))
        #expect(next.timestamp > update.timestamp)
    }

    @Test func aStoreThatFellBehindThePrunedLogRunsEverySubscriptionAgain() async throws {
        let url = try TestPostgres.freshDatabase()
        let store = try PostgresStore(url: url, schema: PolarisDatabase.self)
        let subscriptions = Subscriptions(runner: FunctionRunner(registry: Self.registry, store: store, internalKey: nil))
        let watch = subscriptions.watch("test:count", arguments: .object([:]), identity: nil) { _ in }
        await subscriptions.settle()
        #expect(watch.runs == 1)
        let before = store.latestTimestamp
        // As if the log had been pruned past every commit this store has handled.
        let pruned = try ToolRun(
            URL(fileURLWithPath: "/usr/bin/env"), ["psql", url, "-q", "-c", #"UPDATE "_polaris_commit_horizon" SET "pruned" = "pruned" + 5"#])
        try #require(pruned.status == 0, "\(pruned.stderr)")
        store.catchUp()
        await subscriptions.settle()
        #expect(watch.runs == 2)
        #expect(store.latestTimestamp == before + 5)
    }

    /// `test:count`: how many projects there are.
    static let registry: FunctionRegistry = {
        var registry = FunctionRegistry()
        registry.query("test:count", access: .public, arguments: .any, returns: .number) { context, _ in
            .float64(Double(try context.db.query(Project.self).collect().count))
        }
        return registry
    }()
}
