import Foundation
import PolarisRuntime
import ReferenceEverything
import Testing

/// The reference schema of every type form stored and read back: JSON
/// columns, bytes, int64, literals, variants, nullable and optional fields.
struct EveryTypeFormTests {
    let store = try! DocumentStore.inMemory(schema: ReferenceEverything.PolarisDatabase.self)

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

    @Test func everyFormRoundTripsThroughItsColumn() throws {
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

    @Test func absentAndNullStayApartInAnOptionalNullableField() throws {
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

    @Test func variantsShareColumnsAndQueryByTheirIndex() throws {
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
