import Foundation
import PolarisRuntime
import ReferenceEverything
import PolarisTestSupport
import Testing

/// Indexes on fields stored as JSON and on dotted paths follow Convex's total
/// order of values (absent < null < int64 < float64 < false < true < string <
/// bytes < array < object), through their order key columns.
struct IndexOrderTests {
    /// Values of `any` in Convex's order, each strictly before the next.
    static let ordered: [Value] = [
        .null,
        .int64(.min), .int64(-5), .int64(0), .int64(3), .int64(.max),
        .float64(-.infinity), .float64(-1.5), .float64(-0.0), .float64(0), .float64(2.5), .float64(.infinity),
        .boolean(false), .boolean(true),
        .string(""), .string("a"), .string("a\u{0}"), .string("a\u{0}b"), .string("ab"), .string("b"), .string("é"),
        .bytes([]), .bytes([0]), .bytes([0, 0]), .bytes([1]), .bytes([255]),
        .array([]), .array([.null]), .array([.int64(1)]), .array([.int64(1), .int64(2)]), .array([.float64(0)]),
        .array([.string("a")]), .array([.array([])]),
        .object([:]), .object(["a": .int64(1)]), .object(["a": .int64(1), "b": .null]), .object(["a": .string("x")]),
        .object(["b": .int64(0)]),
    ]

    /// `dataJSON`'s document with `anything` (and `meta.inner.depth`) set.
    private func insert(_ store: any Store, anything: Value, depth: Int64 = 0) throws -> Swift.String {
        guard case .object(var fields) = try Value(convexJSON: EveryTypeFormTests.dataJSON),
            case .object(var meta)? = fields["meta"], case .object(var inner)? = meta["inner"]
        else { throw ValueError.mismatch(expected: "an object", got: .null) }
        inner["depth"] = .int64(depth)
        meta["inner"] = .object(inner)
        fields["meta"] = .object(meta)
        fields["anything"] = anything
        return try store.write { db in try db.insert(table: "data", fields: .object(fields)) }
    }

    private func anythings(_ store: any Store, _ query: (any DatabaseReader) throws -> [ReferenceEverything.Data]) throws -> [Value] {
        try store.read { db in try query(db).map(\.anything) }
    }

    @Test(arguments: StoreKind.allCases) func anIndexOnAnyOrdersValuesAsConvexDoes(_ kind: StoreKind) throws {
        let store = try kind.open(ReferenceEverything.PolarisDatabase.self)
        for value in Self.ordered.reversed() { _ = try insert(store, anything: value) }
        let ascending = try anythings(store) { db in try db.query(ReferenceEverything.Data.self).withIndex(.byAnything).collect() }
        #expect(ascending == Self.ordered)
        let descending = try anythings(store) { db in
            try db.query(ReferenceEverything.Data.self).withIndex(.byAnything).order(.descending).collect()
        }
        #expect(descending == Self.ordered.reversed())
    }

    @Test(arguments: StoreKind.allCases) func rangesOnAnIndexOfAnyCrossTypes(_ kind: StoreKind) throws {
        let store = try kind.open(ReferenceEverything.PolarisDatabase.self)
        for value in Self.ordered.shuffled() { _ = try insert(store, anything: value) }
        let between = try anythings(store) { db in
            try db.query(ReferenceEverything.Data.self).withIndex(.byAnything) { $0.gt(.int64(3)).lte(.string("")) }.collect()
        }
        let from = Self.ordered.firstIndex(of: .int64(3))! + 1
        let through = Self.ordered.firstIndex(of: .string(""))!
        #expect(between == Array(Self.ordered[from...through]))
        let equal = try anythings(store) { db in
            try db.query(ReferenceEverything.Data.self).withIndex(.byAnything) { $0.eq(.object(["a": .int64(1)])) }.collect()
        }
        #expect(equal == [.object(["a": .int64(1)])])
        let negativeZero = try anythings(store) { db in
            try db.query(ReferenceEverything.Data.self).withIndex(.byAnything) { $0.eq(.float64(-0.0)) }.collect()
        }
        #expect(negativeZero.map { $0 == .float64(-0.0) } == [true])
    }

    @Test(arguments: StoreKind.allCases) func pagesOfAnIndexOfAnyNeitherSkipNorRepeat(_ kind: StoreKind) throws {
        let store = try kind.open(ReferenceEverything.PolarisDatabase.self)
        for value in Self.ordered.shuffled() { _ = try insert(store, anything: value) }
        var cursor: Swift.String?
        var read: [Value] = []
        var isDone = false
        while !isDone {
            let page = try store.read { db in
                try db.query(ReferenceEverything.Data.self).withIndex(.byAnything)
                    .paginate(PaginationOptions(numItems: 4, cursor: cursor))
            }
            read += page.page.map(\.anything)
            cursor = page.continueCursor
            isDone = page.isDone
        }
        #expect(read == Self.ordered)
    }

    /// `meta.inner.depth` is an int64 inside JSON: ordered as a number, not as its JSON text.
    @Test(arguments: StoreKind.allCases) func aDottedPathOrdersByItsValue(_ kind: StoreKind) throws {
        let store = try kind.open(ReferenceEverything.PolarisDatabase.self)
        let depths: [Int64] = [300, -2, 10, .min, 3, 1 << 40]
        for depth in depths { _ = try insert(store, anything: .null, depth: depth) }
        let read = try store.read { db in
            try db.query(ReferenceEverything.Data.self).withIndex(.byDepth) { $0.gte(-2) }.collect().map(\.meta.inner.depth)
        }
        #expect(read == depths.filter { $0 >= -2 }.sorted())
    }

    /// The key moves with the value when a document is patched or replaced, and only then.
    @Test(arguments: StoreKind.allCases) func aWriteMovesTheDocumentInTheIndex(_ kind: StoreKind) throws {
        let store = try kind.open(ReferenceEverything.PolarisDatabase.self)
        let moved = try insert(store, anything: .int64(1))
        _ = try insert(store, anything: .string("m"))
        try store.write { db in
            try db.patch(Id<ReferenceEverything.Data>(moved)) { data in
                data.anything = .string("z")
                data.either = "e"
            }
        }
        #expect(try anythings(store) { db in try db.query(ReferenceEverything.Data.self).withIndex(.byAnything).collect() }
            == [.string("m"), .string("z")])
        try store.write { db in try db.patch(Id<ReferenceEverything.Data>(moved)) { $0.either = "f" } }
        let found = try anythings(store) { db in
            try db.query(ReferenceEverything.Data.self).withIndex(.byAnything) { $0.eq(.string("z")) }.collect()
        }
        #expect(found == [.string("z")])
    }

    /// Absent sorts before null, and `eq(nil)` finds only the documents that lack the field.
    @Test(arguments: StoreKind.allCases) func absentComesBeforeNullInAJSONField(_ kind: StoreKind) throws {
        let store = try kind.open(ReferenceEverything.PolarisDatabase.self)
        guard case .object(var fields) = try Value(convexJSON: EveryTypeFormTests.dataJSON) else { return }
        fields["either"] = .string("e")
        fields["absentOrNull"] = .string("s")
        let string = try store.write { db in try db.insert(table: "data", fields: .object(fields)) }
        fields["absentOrNull"] = .null
        let null = try store.write { db in try db.insert(table: "data", fields: .object(fields)) }
        fields["absentOrNull"] = nil
        let absent = try store.write { db in try db.insert(table: "data", fields: .object(fields)) }
        try store.read { db in
            let all = try db.query(ReferenceEverything.Data.self).withIndex(.byEither) { $0.eq("e") }.collect()
            #expect(all.map(\._id.rawValue) == [absent, null, string])
            let lacking = try db.query(ReferenceEverything.Data.self).withIndex(.byEither) { $0.eq("e").eq(nil) }.collect()
            #expect(lacking.map(\._id.rawValue) == [absent])
            let nulls = try db.query(ReferenceEverything.Data.self).withIndex(.byEither) { $0.eq("e").eq(.some(nil)) }.collect()
            #expect(nulls.map(\._id.rawValue) == [null])
        }
    }
}
