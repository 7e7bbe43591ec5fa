import Dispatch
import Foundation
import PolarisBackend
import PolarisGenerated
import PolarisRuntime
import Synchronization

/// Mutation-to-notification latency in the runtime: N subscriptions (each
/// to one project, `projects:getById`), one mutation after another renaming
/// the first project, timed until that subscription's new result is
/// delivered; beside the same mutation on the same store with no
/// subscription (the baseline: a commit, with nothing watching). On SQLite
/// files (durability normal).
func realtimeBenchmark(subscriptionCounts: [Int], mutations: Int) throws {
    try realtimeBenchmark(
        "Mutation to notification, one subscription affected, \(mutations) mutations (durability normal)",
        subscriptionCounts: subscriptionCounts, mutations: mutations
    ) { count in
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("polaris-realtime-\(count)")
        try? FileManager.default.removeItem(at: folder)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let store = try DocumentStore(path: folder.appendingPathComponent("db.sqlite").path, schema: PolarisDatabase.self, durability: .normal)
        return (store, store, { try? FileManager.default.removeItem(at: folder) })
    }
}

/// The same figures with the subscriptions on one store and the mutations
/// through another, as two servers: `stores(count)` gives the watched
/// store, the written one, and what removes them.
func realtimeBenchmark(
    _ title: String, subscriptionCounts: [Int], mutations: Int,
    stores: (Int) throws -> (watched: any Store, written: any Store, remove: () -> Void)
) throws {
    let owner = Identity(subject: "u", issuer: "https://benchmark")
    print(title)
    print("  " + "subscriptions".padding(toLength: 30, withPad: " ", startingAt: 0)
        + "p50 ms   p99 ms   baseline p50   baseline p99   x p50")
    for count in subscriptionCounts {
        let (watched, store, remove) = try stores(count)
        defer { remove() }
        let projects = try store.write { db in
            let user = try db.insert(User.new(stackUserId: "u", email: "", projectLimit: -1, createdAt: 0, updatedAt: 0))
            return try (0..<count).map { try db.insert(Project.new(name: "p\($0)", ownerId: "u", userId: user, updatedAt: 0)) }
        }
        let runner = PolarisBackend.runner(store: store, internalKey: nil)
        var name = 0
        func write() throws {
            name += 1
            _ = try runner.runMutation("projects:rename", arguments: .object([
                "id": .string(projects[0].rawValue), "name": .string("n\(name)"),
            ]), identity: owner)
        }
        var baseline: [Double] = []
        for _ in 0..<mutations { baseline.append(try timed(write)) }

        let subscriptions = Subscriptions(runner: PolarisBackend.runner(store: watched, internalKey: nil))
        let delivered = DispatchSemaphore(value: 0)
        let first = Atomic<Int>(0)
        let watches = projects.enumerated().map { index, project in
            subscriptions.watch("projects:getById", arguments: .object(["id": .string(project.rawValue)]), identity: owner) { _ in
                if first.add(1, ordering: .relaxed).newValue > count, index == 0 { delivered.signal() }
            }
        }
        while first.load(ordering: .relaxed) < count { usleep(1_000) }
        var latencies: [Double] = []
        for _ in 0..<mutations {
            latencies.append(try timed {
                try write()
                delivered.wait()
            })
        }
        withExtendedLifetime(watches) {}
        let (p50, p99) = percentiles(latencies), (b50, b99) = percentiles(baseline)
        print("  " + "\(count)".padding(toLength: 30, withPad: " ", startingAt: 0)
            + String(format: "%6.3f   %6.3f   %12.3f   %12.3f   %5.2f", p50 * 1000, p99 * 1000, b50 * 1000, b99 * 1000, p50 / b50))
    }
}

private func timed(_ body: () throws -> Void) rethrows -> Double {
    let start = DispatchTime.now().uptimeNanoseconds
    try body()
    return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
}

private func percentiles(_ times: [Double]) -> (p50: Double, p99: Double) {
    let sorted = times.sorted()
    return (sorted[sorted.count / 2], sorted[min(sorted.count - 1, sorted.count * 99 / 100)])
}
