import Foundation
import Logging
import NIOCore
import PolarisRuntime
import PostgresNIO
import Synchronization

/// The commits of every server on one database, in commit order: each write
/// transaction appends its record (the documents it changed, reduced to the
/// fields indexes read) to `_polaris_commits` under a transaction-scoped
/// advisory lock, numbered by a sequence after taking the lock, so numbers
/// follow commit order, and notifies channel `polaris_commits`. Each store
/// follows the log from the last number it handled: at its own commits, at
/// each notification, and every `pollInterval` (which also reconnects a
/// lost listening connection), so a server that missed notifications, or
/// was away, catches up in order without losing or repeating a commit. The
/// log keeps the newest `retention` numbers; a server that falls further
/// behind tells its observers that every subscription must run again.
final class CommitLog: @unchecked Sendable {
    static let table = "_polaris_commits"
    static let sequence = "_polaris_commit_ids"
    static let horizon = "_polaris_commit_horizon"
    static let channel = "polaris_commits"
    /// The advisory lock that orders commits ('plrs').
    static let lockKey = 0x706c_7273
    static let retention: UInt64 = 100_000
    static let pollInterval = DispatchTimeInterval.milliseconds(500)

    private let url: PostgresURL
    private let tables: [String: PostgresTable]
    /// Guards everything below; held while delivering, so observers hear of commits one at a time, in order.
    private let lock = NSLock()
    private var last: UInt64
    private var observers: [ObjectIdentifier: @Sendable (Commit) -> Void] = [:]
    private var connection: PostgresConnection?
    private let latest: Atomic<UInt64>
    private let timer: DispatchSourceTimer
    private let queue = DispatchQueue(label: "polaris.postgres.commits")

    init(url: PostgresURL, tables: [String: PostgresTable], last: UInt64) {
        self.url = url
        self.tables = tables
        self.last = last
        latest = Atomic(last)
        timer = DispatchSource.makeTimerSource(queue: queue)
        timer.schedule(deadline: .now() + Self.pollInterval, repeating: Self.pollInterval)
        timer.setEventHandler { [weak self] in self?.catchUp() }
        timer.resume()
    }

    deinit {
        timer.cancel()
        _ = try? connection?.close().wait()
    }

    /// The number of the latest commit handled.
    var latestNumber: UInt64 { latest.load(ordering: .acquiring) }

    func addObserver(_ owner: AnyObject, _ observer: @escaping @Sendable (Commit) -> Void) {
        lock.withLock { observers[ObjectIdentifier(owner)] = observer }
    }

    func removeObserver(_ owner: AnyObject) {
        _ = lock.withLock { observers.removeValue(forKey: ObjectIdentifier(owner)) }
    }

    /// This server's commit `number` with its writes: delivered now when it
    /// follows the last one handled, else after catching up with the log.
    func committed(_ number: UInt64, writes: [DocumentWrite]) {
        lock.withLock {
            guard number > last else { return }
            if number == last + 1 {
                deliver(Commit(timestamp: number, writes: writes))
            } else {
                catchUpLocked()
            }
        }
    }

    /// Reads and delivers every commit after the last one handled.
    func catchUp() {
        lock.withLock { catchUpLocked() }
    }

    /// `readLog()`; a failure (the database out of reach) is logged, and the next poll tries again.
    private func catchUpLocked() {
        do {
            try readLog()
        } catch {
            PostgresConnection.logger.error("polaris: cannot read the commit log, trying again in 500 ms: \(PostgresStoreError(error))")
        }
    }

    private func readLog() throws {
        let connection = try listeningConnection()
        while true {
            var bindings = PostgresBindings()
            bindings.append(Int64(last))
            let rows = try connection.run(PostgresQuery(unsafeSQL: """
                SELECT "h"."pruned", "c"."id", "c"."writes" FROM "\(Self.horizon)" AS "h" LEFT JOIN LATERAL \
                (SELECT "id", "writes" FROM "\(Self.table)" WHERE "id" > $1 ORDER BY "id" LIMIT 1000) AS "c" ON TRUE ORDER BY "c"."id"
                """, binds: bindings))
            var count = 0
            var horizon: UInt64 = 0
            for row in rows {
                let (pruned, number, writes) = try row.decode((Int64, Int64?, String?).self)
                horizon = UInt64(pruned)
                if UInt64(pruned) > last {
                    // The log no longer holds every commit since the last one handled.
                    deliver(Commit(timestamp: UInt64(pruned), writes: [], writesUnknown: true))
                }
                guard let number, let writes, UInt64(number) > last else { continue }
                let decoded = decode(writes)
                deliver(Commit(timestamp: UInt64(number), writes: decoded ?? [], writesUnknown: decoded == nil))
                count += 1
            }
            if count < 1000 {
                if let prune = prune(after: horizon) { _ = try? connection.run(prune) }
                return
            }
        }
    }

    /// Hands `commit` to every observer and makes it the last handled.
    private func deliver(_ commit: Commit) {
        for observer in observers.values { observer(commit) }
        last = commit.timestamp
        latest.store(commit.timestamp, ordering: .releasing)
    }

    /// The statement that drops log entries beyond `retention` behind the
    /// last handled, when there are twice as many (run by whichever server sees it first).
    private func prune(after pruned: UInt64) -> PostgresQuery? {
        guard last > pruned + 2 * Self.retention else { return nil }
        var bindings = PostgresBindings()
        bindings.append(Int64(last - Self.retention))
        return PostgresQuery(unsafeSQL: """
            WITH "gone" AS (DELETE FROM "\(Self.table)" WHERE "id" <= $1) \
            UPDATE "\(Self.horizon)" SET "pruned" = GREATEST("pruned", $1)
            """, binds: bindings)
    }

    /// The commit's writes from its record; nil when the record cannot be
    /// read (then every subscription runs again rather than the log stalling).
    private func decode(_ text: String) -> [DocumentWrite]? {
        var writes: [DocumentWrite] = []
        for line in text.split(separator: "\n") {
            guard case .array(let parts)? = try? Value(convexJSON: Array(line.utf8)), parts.count == 3,
                case .string(let table) = parts[0]
            else { return nil }
            func document(_ value: Value) -> StoredDocument? {
                if case .object(let fields) = value { StoredDocument(fields: fields) } else { nil }
            }
            writes.append(DocumentWrite(table: table, old: document(parts[1]), new: document(parts[2])))
        }
        return writes
    }

    /// The connection that listens for notifications and reads the log, opened again when it broke.
    private func listeningConnection() throws -> PostgresConnection {
        if let connection, !connection.isClosed { return connection }
        let connection = try PostgresConnection.open(url)
        connection.addListener(channel: Self.channel) { [weak self] _, notification in
            // Each commit's notification carries its number: one handled already needs no read.
            guard let self, UInt64(notification.payload).map({ $0 > self.latestNumber }) ?? true else { return }
            queue.async { self.catchUp() }
        }
        try connection.execute("LISTEN \(Self.channel)")
        self.connection = connection
        return connection
    }

    /// A commit's record: a line `[table, old, new]` of Convex JSON per
    /// write, documents with only their watched fields (lines, so that a
    /// commit of any size is recorded, beyond a value's array limit).
    static func record(of writes: [DocumentWrite], tables: [String: PostgresTable]) throws -> String {
        var text: [UInt8] = []
        for write in writes {
            let table = tables[write.table]
            func watched(_ document: StoredDocument?) -> Value {
                guard let document else { return .null }
                return table?.watched(document) ?? document.value
            }
            if !text.isEmpty { text.append(UInt8(ascii: "\n")) }
            try Value.array([.string(write.table), watched(write.old), watched(write.new)]).writeConvexJSON(into: &text)
        }
        return String(decoding: text, as: UTF8.self)
    }
}
