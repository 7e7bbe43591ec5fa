import Foundation
import PolarisBackend
import PolarisGenerated
import PolarisRuntime
import PolarisTestSupport
import Testing

/// Subscriptions in the runtime: a commit re-runs exactly the queries whose
/// read ranges it wrote into, and subscribers hear only of changed results.
struct SubscriptionTests {
    /// The next update, or a failure after a few seconds.
    private func next(_ iterator: inout AsyncStream<QueryUpdate>.Iterator) async throws -> QueryUpdate {
        try #require(await iterator.next())
    }

    private func names(_ update: QueryUpdate) throws -> [String] {
        try update.result.get().items.compactMap { $0["name"]?.text }
    }

    @Test(arguments: StoreKind.allCases) func aMutationUpdatesOnlyTheSubscriptionsWhoseRangesItWrote(_ store: StoreKind) async throws {
        let backend = try BackendHarness(store, file: true)
        let subscriptions = Subscriptions(runner: backend.runner)
        let alices = subscriptions.subscribe("projects:get", arguments: .object([:]), identity: backend.alice)
        let bobs = subscriptions.subscribe("projects:get", arguments: .object([:]), identity: backend.bob)
        var alice = alices.makeAsyncIterator()
        var bob = bobs.makeAsyncIterator()
        #expect(try names(await next(&alice)) == [])
        #expect(try names(await next(&bob)) == [])

        _ = try backend.project("First", of: backend.alice)
        let update = try await next(&alice)
        #expect(try names(update) == ["First"])
        #expect(update.timestamp > 0)
        _ = try backend.project("Second", of: backend.alice)
        #expect(try names(await next(&alice)) == ["Second", "First"])
        await subscriptions.settle()
        #expect(alices.runs == 3)
        // Bob's range (his owner ID) was never written: his query ran once.
        #expect(bobs.runs == 1)

        _ = try backend.project("Bob's", of: backend.bob)
        #expect(try names(await next(&bob)) == ["Bob's"])
        await subscriptions.settle()
        #expect(alices.runs == 3)
    }

    @Test(arguments: StoreKind.allCases) func aRerunWithTheSameResultIsNotSent(_ store: StoreKind) async throws {
        let backend = try BackendHarness(store, file: true)
        // A query of how many projects Alice has: a rename writes into its range but leaves the count.
        var registry = backend.runner.registry
        registry.query("test:count", access: .public, arguments: .any, returns: .number) { context, _ in
            .float64(Double(try context.db.query(Project.self).withIndex(.byOwner) { $0.eq("alice") }.collect().count))
        }
        let runner = FunctionRunner(registry: registry, store: backend.store, internalKey: nil)
        let subscriptions = Subscriptions(runner: runner)
        let id = try backend.project("Site", of: backend.alice)
        let counted = subscriptions.subscribe("test:count", arguments: .object([:]), identity: nil)
        var iterator = counted.makeAsyncIterator()
        #expect(try await next(&iterator).result == .success(.float64(1)))
        try backend.call("projects:rename", ["id": id, "name": .string("Renamed")], as: backend.alice)
        await subscriptions.settle()
        #expect(counted.runs == 2)
        _ = try backend.project("Second", of: backend.alice)
        // The rename's run changed nothing, so the next update is the new count.
        #expect(try await next(&iterator).result == .success(.float64(2)))
        #expect(counted.runs == 3)
    }

    @Test(arguments: StoreKind.allCases) func failuresAreResultsAndAreReplacedWhenTheDataChanges(_ store: StoreKind) async throws {
        let backend = try BackendHarness(store, file: true)
        let subscriptions = Subscriptions(runner: backend.runner)
        let id = try backend.project("Site", of: backend.alice)
        let asBob = subscriptions.subscribe("projects:getById", arguments: .object(["id": id]), identity: backend.bob)
        var iterator = asBob.makeAsyncIterator()
        #expect(try await next(&iterator).result == .failure(.unauthorized("Unauthorized")))
        let anonymous = subscriptions.subscribe("projects:get", arguments: .object([:]), identity: nil)
        var refused = anonymous.makeAsyncIterator()
        #expect(try await next(&refused).result == .failure(.unauthenticated))
        _ = try backend.project("Other", of: backend.alice)
        await subscriptions.settle()
        // Refused before reading anything: no write re-runs it.
        #expect(anonymous.runs == 1)
    }

    @Test(arguments: StoreKind.allCases) func everySubscriberSeesTheLastStateOfManyCommitsInOrder(_ store: StoreKind) async throws {
        let backend = try BackendHarness(store, file: true)
        let subscriptions = Subscriptions(runner: backend.runner)
        let watched = subscriptions.subscribe("projects:get", arguments: .object([:]), identity: backend.alice)
        var iterator = watched.makeAsyncIterator()
        _ = try await next(&iterator)
        for index in 0..<10 { _ = try backend.project("p\(index)", of: backend.alice) }
        var seen: [Int] = []
        var timestamps: [UInt64] = []
        while seen.last != 10 {
            let update = try await next(&iterator)
            seen.append(try update.result.get().items.count)
            timestamps.append(update.timestamp)
        }
        // A slow reader gets the newest result, never an older one after it.
        #expect(seen == seen.sorted())
        #expect(timestamps == timestamps.sorted())
    }

    @Test(arguments: StoreKind.allCases) func droppingASubscriptionUnsubscribes(_ store: StoreKind) async throws {
        let backend = try BackendHarness(store, file: true)
        let subscriptions = Subscriptions(runner: backend.runner)
        do {
            let watched = subscriptions.subscribe("projects:get", arguments: .object([:]), identity: backend.alice)
            var iterator = watched.makeAsyncIterator()
            _ = try await next(&iterator)
            #expect(subscriptions.statistics.subscriptions == 1)
        }
        await subscriptions.settle()
        #expect(subscriptions.statistics.subscriptions == 0)
    }
}
