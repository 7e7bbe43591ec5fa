import Dispatch
import Synchronization

/// Live query results on a store. Each run of a subscribed query records
/// the index ranges it read; a commit re-runs only the subscriptions whose
/// ranges its writes touch (the old or new version of a document falls in
/// one), and a subscriber hears only of results that changed. Commits are
/// handled one at a time in commit order, on one queue, and every run reads
/// a committed snapshot, so no subscriber sees half a mutation or an older
/// result after a newer one.
public final class Subscriptions: Sendable {
    private let engine: SubscriptionEngine
    private let store: any Store

    public init(runner: FunctionRunner) {
        let engine = SubscriptionEngine(runner: runner)
        self.engine = engine
        store = runner.store
        store.addObserver(self) { commit in engine.queue.async { engine.handle(commit) } }
    }

    deinit {
        store.removeObserver(self)
    }

    /// Subscribes to the query `path` with `arguments`, run as `identity`:
    /// the first result, then each changed one. A slow reader gets the
    /// newest result, never a backlog. Dropping the sequence unsubscribes.
    public func subscribe(_ path: String, arguments: Value, identity: Identity?) -> QuerySubscription {
        let (stream, continuation) = AsyncStream.makeStream(of: QueryUpdate.self, bufferingPolicy: .bufferingNewest(1))
        let subscription = QuerySubscription(stream: stream)
        let id = add(path, arguments: arguments, identity: identity, runs: subscription.counter) { continuation.yield($0) }
        let engine = engine
        continuation.onTermination = { _ in engine.queue.async { engine.remove(id) } }
        return subscription
    }

    /// Calls `onUpdate` with the first result of the query `path`, then with
    /// each changed one, on the subscriptions' queue (it must not block),
    /// until the watch is cancelled or released.
    public func watch(
        _ path: String, arguments: Value, identity: Identity?, _ onUpdate: @escaping @Sendable (QueryUpdate) -> Void
    ) -> QueryWatch {
        let counter = RunCounter()
        let id = add(path, arguments: arguments, identity: identity, runs: counter, deliver: onUpdate)
        return QueryWatch(engine: engine, id: id, counter: counter)
    }

    private func add(
        _ path: String, arguments: Value, identity: Identity?, runs: RunCounter,
        deliver: @escaping @Sendable (QueryUpdate) -> Void
    ) -> Int {
        let entry = SubscriptionEngine.Entry(path: path, arguments: arguments, identity: identity, deliver: deliver, runs: runs)
        let engine = engine
        let id = engine.nextID()
        engine.queue.async { engine.add(id, entry) }
        return id
    }

    /// Counts for monitoring and tests: open subscriptions, query runs since
    /// the start, and how many open subscriptions have run more than once.
    public var statistics: (subscriptions: Int, runs: Int, rerunSubscriptions: Int) {
        engine.queue.sync {
            let rerun = engine.entries.values.count { $0.runs.value.load(ordering: .relaxed) > 1 }
            return (engine.entries.count, engine.runs, rerun)
        }
    }

    /// The latest commit whose effects on every subscription have been
    /// delivered (with every commit before it): results delivered so far
    /// are at least this new.
    public var handledTimestamp: UInt64 { engine.handled.load(ordering: .acquiring) }

    /// Waits until every commit and subscription so far has been handled and its results delivered.
    public func settle() async {
        await withCheckedContinuation { continuation in engine.queue.async { continuation.resume() } }
    }
}

/// A watched query; cancelled when released.
public final class QueryWatch: Sendable {
    private let engine: SubscriptionEngine
    private let id: Int
    private let counter: RunCounter

    init(engine: SubscriptionEngine, id: Int, counter: RunCounter) {
        self.engine = engine
        self.id = id
        self.counter = counter
    }

    /// How many times the query has run for this watch.
    public var runs: Int { counter.value.load(ordering: .acquiring) }

    /// Stops the updates (none is delivered after the queue handles this).
    public func cancel() {
        let (engine, id) = (engine, id)
        engine.queue.async { engine.remove(id) }
    }

    deinit {
        cancel()
    }
}

/// A subscribed query's result at a commit.
public struct QueryUpdate: Sendable, Equatable {
    public let result: Result<Value, FunctionError>
    /// A commit the result includes, with every one before it: the commit
    /// that made it run again (or, for the first result, the latest handled).
    public let timestamp: UInt64
}

/// The results of one subscription, as they change.
public struct QuerySubscription: AsyncSequence, Sendable {
    public typealias Element = QueryUpdate
    let stream: AsyncStream<QueryUpdate>
    let counter = RunCounter()

    /// How many times the query has run for this subscription.
    public var runs: Int { counter.value.load(ordering: .acquiring) }

    public func makeAsyncIterator() -> AsyncStream<QueryUpdate>.Iterator {
        stream.makeAsyncIterator()
    }
}

final class RunCounter: Sendable {
    let value = Atomic<Int>(0)
}

/// The subscriptions' state, touched only on `queue`.
final class SubscriptionEngine: @unchecked Sendable {
    struct Entry {
        let path: String
        let arguments: Value
        let identity: Identity?
        let deliver: @Sendable (QueryUpdate) -> Void
        let runs: RunCounter
        var reads = ReadSet()
        var last: Result<Value, FunctionError>?
    }

    let queue = DispatchQueue(label: "polaris.subscriptions")
    private let runner: FunctionRunner
    private let ids = Atomic<Int>(0)
    /// The latest commit handled in full.
    let handled: Atomic<UInt64>
    private(set) var entries: [Int: Entry] = [:]
    /// Query runs since the start.
    private(set) var runs = 0
    /// The subscriptions whose read ranges are filed under each bucket, so
    /// that a write finds the few it may touch without checking them all.
    private var readers: [IndexKeyRange.Bucket: Set<Int>] = [:]
    /// Each table's index field lists that some range uses, with how many buckets use them.
    private var indexes: [String: [[String]: Int]] = [:]

    init(runner: FunctionRunner) {
        self.runner = runner
        handled = Atomic(runner.store.latestTimestamp)
    }

    func nextID() -> Int {
        ids.add(1, ordering: .relaxed).newValue
    }

    func add(_ id: Int, _ entry: Entry) {
        entries[id] = entry
        // The snapshot holds every commit handled so far.
        run(id, at: handled.load(ordering: .relaxed))
    }

    func remove(_ id: Int) {
        guard let entry = entries.removeValue(forKey: id) else { return }
        for bucket in entry.reads.buckets { unfile(id, bucket) }
    }

    func handle(_ commit: Commit) {
        var candidates = commit.writesUnknown ? Set(entries.keys) : Set<Int>()
        for write in commit.writes {
            for fields in (indexes[write.table] ?? [:]).keys {
                candidates.formUnion(readers[IndexKeyRange.Bucket(table: write.table, fields: fields, firstKey: nil)] ?? [])
                for document in [write.old, write.new] {
                    guard let document else { continue }
                    let key = OrderKey.bytes(of: document.field(atPath: fields[0]))
                    candidates.formUnion(readers[IndexKeyRange.Bucket(table: write.table, fields: fields, firstKey: key)] ?? [])
                }
            }
        }
        for id in candidates.sorted() where commit.writesUnknown || entries[id]?.reads.intersects(commit) == true {
            run(id, at: commit.timestamp)
        }
        handled.store(commit.timestamp, ordering: .releasing)
    }

    private func file(_ id: Int, _ bucket: IndexKeyRange.Bucket) {
        if readers[bucket, default: []].insert(id).inserted, readers[bucket]?.count == 1 {
            indexes[bucket.table, default: [:]][bucket.fields, default: 0] += 1
        }
    }

    private func unfile(_ id: Int, _ bucket: IndexKeyRange.Bucket) {
        guard readers[bucket]?.remove(id) != nil, readers[bucket]?.isEmpty == true else { return }
        readers[bucket] = nil
        indexes[bucket.table]?[bucket.fields]? -= 1
        if indexes[bucket.table]?[bucket.fields] == 0 { indexes[bucket.table]?[bucket.fields] = nil }
    }

    /// Runs a subscription's query; `timestamp` is a commit its snapshot is known to hold.
    private func run(_ id: Int, at timestamp: UInt64) {
        guard var entry = entries[id] else { return }
        let run = runner.runQuery(entry.path, arguments: entry.arguments, identity: entry.identity)
        entry.runs.value.add(1, ordering: .releasing)
        runs += 1
        let (old, new) = (entry.reads.buckets, run.reads.buckets)
        for bucket in old.subtracting(new) { unfile(id, bucket) }
        for bucket in new.subtracting(old) { file(id, bucket) }
        entry.reads = run.reads
        let changed = entry.last != run.result
        entry.last = run.result
        entries[id] = entry
        if changed { entry.deliver(QueryUpdate(result: run.result, timestamp: timestamp)) }
    }
}
