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
    private let store: DocumentStore

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

    /// How many subscriptions are open.
    public var count: Int { engine.queue.sync { engine.entries.count } }

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
    /// A commit the result includes, with every one before it: the latest
    /// commit the subscriptions had handled when it ran.
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
    /// The subscriptions that read each table.
    private var readers: [String: Set<Int>] = [:]

    init(runner: FunctionRunner) {
        self.runner = runner
        handled = Atomic(runner.store.latestTimestamp)
    }

    func nextID() -> Int {
        ids.add(1, ordering: .relaxed).newValue
    }

    func add(_ id: Int, _ entry: Entry) {
        entries[id] = entry
        run(id)
    }

    func remove(_ id: Int) {
        guard let entry = entries.removeValue(forKey: id) else { return }
        for table in entry.reads.tables { readers[table]?.remove(id) }
    }

    func handle(_ commit: Commit) {
        var candidates = Set<Int>()
        for write in commit.writes { candidates.formUnion(readers[write.table] ?? []) }
        for id in candidates.sorted() where entries[id]?.reads.intersects(commit) == true {
            run(id)
        }
        handled.store(commit.timestamp, ordering: .releasing)
    }

    private func run(_ id: Int) {
        guard var entry = entries[id] else { return }
        let run = runner.runQuery(entry.path, arguments: entry.arguments, identity: entry.identity)
        entry.runs.value.add(1, ordering: .releasing)
        for table in entry.reads.tables.subtracting(run.reads.tables) { readers[table]?.remove(id) }
        for table in run.reads.tables { readers[table, default: []].insert(id) }
        entry.reads = run.reads
        let changed = entry.last != run.result
        entry.last = run.result
        entries[id] = entry
        // Labelled with the commit handled last: every query that commit touched has been re-run.
        if changed { entry.deliver(QueryUpdate(result: run.result, timestamp: handled.load(ordering: .relaxed))) }
    }
}
