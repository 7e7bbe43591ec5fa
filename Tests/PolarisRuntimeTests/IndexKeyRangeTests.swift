@testable import PolarisRuntime
import Testing

/// What a subscription's read range holds: documents whose index key meets
/// the equalities, the bounds (inclusive or not), the cursors and where the scan stopped.
struct IndexKeyRangeTests {
    let fields = ["owner", "rank", "_creationTime"]

    private func document(_ owner: Value?, _ rank: Value?, at time: Double = 1) -> StoredDocument {
        StoredDocument(names: ["_id", "_creationTime", "owner", "rank"], values: [.string("d"), .float64(time), owner, rank])
    }

    private func plan(_ bounds: IndexBounds, _ order: Order = .ascending) -> QueryPlan {
        QueryPlan(table: "t", index: "by_owner_rank", fields: fields, bounds: bounds, order: order)
    }

    @Test func equalitiesAndExclusiveAndInclusiveBounds() {
        let bounds = IndexBounds().eq("owner", .string("a")).lower("rank", .float64(1), inclusive: false)
            .upper("rank", .float64(3), inclusive: true)
        let range = IndexKeyRange(plan(bounds), after: nil, through: nil)
        #expect(!range.contains(document(.string("a"), .float64(1))))
        #expect(range.contains(document(.string("a"), .float64(2))))
        #expect(range.contains(document(.string("a"), .float64(3), at: 99)))
        #expect(!range.contains(document(.string("a"), .float64(3.5))))
        #expect(!range.contains(document(.string("b"), .float64(2))))
        // Convex's order: an int64 is below every float64, a string above.
        #expect(!range.contains(document(.string("a"), .int64(2))))
        #expect(!range.contains(document(.string("a"), .string("2"))))
    }

    @Test func absentAndNullAreDifferentKeys() {
        let absent = IndexKeyRange(plan(IndexBounds().eq("owner", nil)), after: nil, through: nil)
        #expect(absent.contains(document(nil, .float64(1))))
        #expect(!absent.contains(document(.null, .float64(1))))
        let null = IndexKeyRange(plan(IndexBounds().eq("owner", .null)), after: nil, through: nil)
        #expect(null.contains(document(.null, nil)))
        #expect(!null.contains(document(nil, nil)))
    }

    @Test func aScanThatStoppedEarlyReadOnlyUpToWhereItStopped() {
        var ascending = IndexKeyRange(plan(IndexBounds().eq("owner", .string("a"))), after: nil, through: nil)
        ascending.stop(at: IndexPosition(keys: [.string("a"), .float64(5), .float64(10)]), order: .ascending)
        #expect(ascending.contains(document(.string("a"), .float64(5), at: 10)))
        #expect(ascending.contains(document(.string("a"), .float64(4), at: 50)))
        #expect(!ascending.contains(document(.string("a"), .float64(5), at: 11)))
        var descending = IndexKeyRange(plan(IndexBounds().eq("owner", .string("a")), .descending), after: nil, through: nil)
        descending.stop(at: IndexPosition(keys: [.string("a"), .float64(5), .float64(10)]), order: .descending)
        #expect(descending.contains(document(.string("a"), .float64(6))))
        #expect(!descending.contains(document(.string("a"), .float64(4))))
    }

    @Test func cursorsBoundThePageInScanOrder() {
        let start = IndexPosition(keys: [.string("a"), .float64(2), .float64(1)])
        let end = IndexPosition(keys: [.string("a"), .float64(4), .float64(1)])
        let page = IndexKeyRange(plan(IndexBounds()), after: start, through: end)
        #expect(!page.contains(document(.string("a"), .float64(2))))
        #expect(page.contains(document(.string("a"), .float64(3))))
        #expect(page.contains(document(.string("a"), .float64(4))))
        #expect(!page.contains(document(.string("a"), .float64(4), at: 2)))
        let backwards = IndexKeyRange(plan(IndexBounds(), .descending), after: end, through: start)
        #expect(backwards.contains(document(.string("a"), .float64(3))))
        #expect(!backwards.contains(document(.string("a"), .float64(4))))
        #expect(backwards.contains(document(.string("a"), .float64(2))))
    }

    @Test func aPointReadHoldsOnlyItsDocument() {
        let range = IndexKeyRange(table: "t", id: "abc")
        #expect(range.contains(StoredDocument(names: ["_id"], values: [.string("abc")])))
        #expect(!range.contains(StoredDocument(names: ["_id"], values: [.string("abcd")])))
    }
}
