/// A committed write transaction: its timestamp and the documents it changed.
public struct Commit: Sendable {
    /// Unique per commit and increasing in commit order: nanoseconds since
    /// the Unix epoch on SQLite; on PostgreSQL, a sequence that started at
    /// the nanoseconds when the database was made, one more per commit.
    public let timestamp: UInt64
    let writes: [DocumentWrite]
    /// Whether the writes are not known (a server that fell behind the
    /// others' commits): every subscription must run again.
    let writesUnknown: Bool

    package init(timestamp: UInt64, writes: [DocumentWrite], writesUnknown: Bool = false) {
        self.timestamp = timestamp
        self.writes = writes
        self.writesUnknown = writesUnknown
    }
}

/// One document a transaction wrote: before (nil for an insert) and after (nil for a delete).
package struct DocumentWrite: Sendable {
    package let table: String
    package let old: StoredDocument?
    package let new: StoredDocument?

    package init(table: String, old: StoredDocument?, new: StoredDocument?) {
        self.table = table
        self.old = old
        self.new = new
    }
}

/// What one run of a query read: ranges of indexes. A commit that writes a
/// document whose old or new key falls in one of them may change the result.
public struct ReadSet: Sendable {
    package var ranges: [IndexKeyRange] = []

    /// Where the ranges are filed.
    var buckets: Set<IndexKeyRange.Bucket> { Set(ranges.map(\.bucket)) }

    /// Whether `commit` wrote a document this read set covers.
    public func intersects(_ commit: Commit) -> Bool {
        commit.writes.contains { write in
            ranges.contains { range in
                range.table == write.table
                    && (write.old.map(range.contains) ?? false || write.new.map(range.contains) ?? false)
            }
        }
    }
}

/// Collects what a transaction reads or writes, when someone is watching.
package final class AccessLog {
    package var reads = ReadSet()
    package var writes: [DocumentWrite] = []

    package init() {}
}
