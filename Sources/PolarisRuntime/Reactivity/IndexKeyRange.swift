/// A range of one index of one table, in the index's key space: what a
/// query's scan (or `get`) read. Keys are the index fields' `OrderKey`s
/// concatenated (each is prefix-free, so byte order is tuple order), and a
/// document is in the range when its key meets every lower and upper end
/// (the bounds', the cursors', and where the scan stopped).
package struct IndexKeyRange: Hashable, Sendable {
    /// Where the range starts.
    enum Lower: Hashable, Sendable {
        /// Keys at or after these bytes.
        case from([UInt8])
        /// Keys after every key that starts with these bytes.
        case after([UInt8])
    }

    /// Where the range ends.
    enum Upper: Hashable, Sendable {
        /// Keys before these bytes.
        case before([UInt8])
        /// Keys up to and including every key that starts with these bytes.
        case through([UInt8])
    }

    let table: String
    /// The index's fields, `_creationTime` (or `_id`) last.
    let fields: [String]
    private(set) var lowers: [Lower]
    private(set) var uppers: [Upper]
    /// The key of the first field when the range fixes it (an equality, or
    /// the ID of a point read): only documents with that key can be in the range.
    let firstKey: [UInt8]?

    /// The range a scan of `plan` reads strictly after `start` and through
    /// `end` (`stop(at:order:)` ends it where the scan stopped early).
    package init(_ plan: QueryPlan, after start: IndexPosition?, through end: IndexPosition?) {
        table = plan.table
        fields = plan.fields
        let bounds = plan.bounds
        let equalities = bounds.equalities.map { OrderKey.bytes(of: $0.value) }
        let prefix = equalities.flatMap { $0 }
        firstKey = equalities.first
        lowers = [bounds.lower.map { $0.isInclusive ? .from(prefix + OrderKey.bytes(of: $0.value)) : .after(prefix + OrderKey.bytes(of: $0.value)) }
            ?? .from(prefix)]
        uppers = [bounds.upper.map { $0.isInclusive ? .through(prefix + OrderKey.bytes(of: $0.value)) : .before(prefix + OrderKey.bytes(of: $0.value)) }
            ?? .through(prefix)]
        // Cursors are positions in scan order: after `start`, through `end`.
        let ascending = plan.order == .ascending
        if let start { ascending ? lowers.append(.after(Self.key(start))) : uppers.append(.before(Self.key(start))) }
        if let end { ascending ? uppers.append(.through(Self.key(end))) : lowers.append(.from(Self.key(end))) }
    }

    /// The single document `id` of `table`.
    package init(table: String, id: String) {
        self.table = table
        fields = ["_id"]
        let key = OrderKey.bytes(of: .string(id))
        firstKey = key
        lowers = [.from(key)]
        uppers = [.through(key)]
    }

    /// Ends the range at `position` (a scan in `order` stopped there).
    package mutating func stop(at position: IndexPosition, order: Order) {
        let key = Self.key(position)
        order == .ascending ? uppers.append(.through(key)) : lowers.append(.from(key))
    }

    /// Whether `document` (of this range's table) has a key in the range.
    func contains(_ document: StoredDocument) -> Bool {
        contains(key: Self.key(IndexPosition(of: document, fields: fields)))
    }

    func contains(key: [UInt8]) -> Bool {
        lowers.allSatisfy { lower in
            switch lower {
            case .from(let bytes): !key.lexicographicallyPrecedes(bytes)
            case .after(let bytes): bytes.lexicographicallyPrecedes(key) && !key.starts(with: bytes)
            }
        }
            && uppers.allSatisfy { upper in
                switch upper {
                case .before(let bytes): key.lexicographicallyPrecedes(bytes)
                case .through(let bytes): key.lexicographicallyPrecedes(bytes) || key.starts(with: bytes)
                }
            }
    }

    /// Where the range is filed for finding it from a write: its table, index
    /// fields, and first key when it has one.
    var bucket: Bucket { Bucket(table: table, fields: fields, firstKey: firstKey) }

    struct Bucket: Hashable, Sendable {
        let table: String
        let fields: [String]
        let firstKey: [UInt8]?
    }

    static func key(_ position: IndexPosition) -> [UInt8] {
        position.keys.reduce(into: []) { $0 += OrderKey.bytes(of: $1) }
    }
}
