import Foundation
import PolarisRuntime
import ReferenceEverything
import PolarisTestSupport
import Testing

/// The reference schema of every type form stored and read back: JSON
/// columns, bytes, int64, literals, variants, nullable and optional fields.
struct EveryTypeFormTests {
    /// A `data` document's fields in Convex JSON, without its system fields.
    static let dataJSON = """
        {"blob":{"$bytes":"AAH/"},\
        "meta":{"name":"n","inner":{"depth":{"$integer":"KgAAAAAAAAA="},"_hidden":[1.5,null]},"tags":["a","b"]},\
        "lookup":{"pi":3.14},"byId":{"\(DocumentIDs.make(table: "strings"))":true},"anything":{"nested":[{"$integer":"AQAAAAAAAAA="}]},\
        "nothing":null,"either":null,"absentOrNull":null,"mixed":{"$integer":"AQAAAAAAAAA="},\
        "shape":{"kind":"square","side":2.0,"corner":{"x":0.0,"y":1.0}},\
        "shapes":[{"kind":"circle","radius":1.0}],"color":"dark blue","maybe":null,"ratio":0.5,"flag":true,\
        "level":2.0,"ref":"\(DocumentIDs.make(table: "strings"))","payload":{"kind":"text","text":"hi"},"loose":["x"]}
        """

    @Test(arguments: StoreKind.allCases) func everyFormRoundTripsThroughItsColumn(_ kind: StoreKind) throws {
        let store = try kind.open(ReferenceEverything.PolarisDatabase.self)
        let fields = try Value(convexJSON: Self.dataJSON)
        let id = try store.write { db in try db.insert(table: "data", fields: fields) }
        let stored = try #require(try store.read { db in try db.get(table: "data", id: id) }).value
        guard case .object(var read) = stored, case .object(let written) = fields else { Issue.record("not objects"); return }
        #expect(read.removeValue(forKey: "_id") == .string(id))
        #expect(read.removeValue(forKey: "_creationTime") != nil)
        #expect(read == written)
        let typed = try #require(try store.read { db in try db.get(Id<ReferenceEverything.Data>(id)) })
        #expect(typed.absentOrNull == .some(nil))
        #expect(typed.meta.inner.depth == 42)
    }

    /// A query reads columns straight into the model's properties (scalars
    /// directly, the rest through their values); `get` decodes by field name.
    /// Both must give the same model for every form, absent fields included.
    @Test(arguments: StoreKind.allCases) func aQueryReadsEveryColumnAsGetDecodesIt(_ kind: StoreKind) throws {
        let store = try kind.open(ReferenceEverything.PolarisDatabase.self)
        guard case .object(var fields) = try Value(convexJSON: Self.dataJSON) else { return }
        let full = try store.write { db in try db.insert(table: "data", fields: .object(fields)) }
        fields["absentOrNull"] = nil
        fields["color"] = nil
        let sparse = try store.write { db in try db.insert(table: "data", fields: .object(fields)) }
        let strings = try store.write { db in
            try db.insert(ReferenceEverything.String.new(value: "v", self: "s", Type: 1.5, default: true, init: 7))
        }
        try store.read { db in
            let queried = try db.query(ReferenceEverything.Data.self).collect()
            #expect(queried.count == 2)
            #expect(try queried.first { $0._id.rawValue == full } == db.get(Id<ReferenceEverything.Data>(full)))
            #expect(try queried.first { $0._id.rawValue == sparse } == db.get(Id<ReferenceEverything.Data>(sparse)))
            #expect(queried.first { $0._id.rawValue == full }?.absentOrNull == .some(nil))
            #expect(queried.first { $0._id.rawValue == sparse }.map { $0.absentOrNull == nil && $0.color == nil } == true)
            let string = try #require(try db.query(ReferenceEverything.String.self).first())
            #expect(try string == db.get(strings))
            #expect(string.`self` == "s" && string.String_ == nil && string.`init` == 7 && string.`default`)
        }
    }

    /// A model that is not the generated one for the table the store has
    /// (here its fields in another order) is decoded by field name.
    @Test(arguments: StoreKind.allCases) func aModelOfAnotherShapeIsReadByFieldName(_ kind: StoreKind) throws {
        let store = try kind.open(ReferenceEverything.PolarisDatabase.self)
        let id = try store.write { db in try db.insert(ReferenceEverything.Type_.new(name: "kept")) }
        let read = try store.read { db in try db.query(ReorderedType.self).collect() }
        #expect(read.map(\._id.rawValue) == [id.rawValue])
        #expect(read.map(\.name) == ["kept"])
    }

    @Test(arguments: StoreKind.allCases) func absentAndNullStayApartInAnOptionalNullableField(_ kind: StoreKind) throws {
        let store = try kind.open(ReferenceEverything.PolarisDatabase.self)
        guard case .object(var fields) = try Value(convexJSON: Self.dataJSON) else { return }
        let withNull = try store.write { db in try db.insert(table: "data", fields: .object(fields)) }
        fields["absentOrNull"] = nil
        let absent = try store.write { db in try db.insert(table: "data", fields: .object(fields)) }
        let (nullDocument, absentDocument) = try store.read { db in
            (try db.get(table: "data", id: withNull)?.value, try db.get(table: "data", id: absent)?.value)
        }
        #expect(nullDocument?["absentOrNull"] == .null)
        #expect(absentDocument.map { $0["absentOrNull"] == nil } == true)
    }

    @Test(arguments: StoreKind.allCases) func variantsShareColumnsAndQueryByTheirIndex(_ kind: StoreKind) throws {
        let store = try kind.open(ReferenceEverything.PolarisDatabase.self)
        try store.write { db in
            _ = try db.insert(Failure.newDisk(path: "/b", code: 2))
            _ = try db.insert(Failure.newNetwork(code: 1, url: "https://x"))
            _ = try db.insert(Failure.newDisk(path: "/a", code: 3))
        }
        let disks = try store.read { db in
            try db.query(Failure.self).withIndex(.byKindPath) { $0.eq("disk") }.collect()
        }
        let paths = disks.compactMap { if case .disk(let disk) = $0 { disk.path } else { nil } }
        #expect(paths == ["/a", "/b"])
        let byCode = try store.read { db in try db.query(Failure.self).withIndex(.byCode).order(.descending).first() }
        guard case .disk(let first)? = byCode else { Issue.record("expected a disk failure"); return }
        #expect(first.code == 3)
    }
}

extension Value {
    fileprivate subscript(_ field: Swift.String) -> Value? {
        if case .object(let fields) = self { fields[field] } else { nil }
    }
}

/// The `types` table's documents, hand-written with the system fields last.
private struct ReorderedType: Document {
    var name: Swift.String
    var _creationTime: Double
    var _id: Id<ReorderedType>

    static var tableName: Swift.String { "Types" }
    static let validator: Validator = .object([
        .init("name", .string), .init("_creationTime", .number), .init("_id", .id(table: "Types")),
    ])
    static let table = TableDescription(name: "Types", documentValidator: validator, indexes: [])

    init(convexValue value: Value) throws {
        var object = try ObjectDecoder(value)
        name = try object.required("name")
        _creationTime = try object.required("_creationTime")
        _id = try object.required("_id")
        try object.finish()
    }

    /// Reads columns in its own order: right only if the store never hands
    /// it a row by position, since its table description is not the store's.
    init(row: DocumentRow) throws {
        name = try row.required("name")
        _creationTime = try row.required("_creationTime")
        _id = try row.required("_id")
    }

    static func convexValue(of value: ReorderedType) -> Value {
        .object(["name": .string(value.name), "_creationTime": .float64(value._creationTime), "_id": .string(value._id.rawValue)])
    }
}
