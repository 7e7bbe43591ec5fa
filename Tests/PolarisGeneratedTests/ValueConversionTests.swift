import Foundation
import PolarisRuntime
import ReferenceEverything
import Testing

/// Values decoded into generated types, validated, and encoded back.
struct ValueConversionTests {
    /// A complete `data` document in Convex JSON.
    static let dataJSON: Swift.String = """
        {"_id":"\(TestIDs.of("data", "d1"))","_creationTime":1700000000000.0,"blob":{"$bytes":"AAH/"},\
        "meta":{"name":"n","inner":{"depth":{"$integer":"KgAAAAAAAAA="},"_hidden":[1.5,null]},"tags":["a","b"]},\
        "lookup":{"pi":3.14},"byId":{"\(TestIDs.of("strings", "s1"))":true},"anything":{"nested":[{"$integer":"AQAAAAAAAAA="}]},\
        "nothing":null,"either":null,"absentOrNull":null,"mixed":{"$integer":"AQAAAAAAAAA="},\
        "shape":{"kind":"square","side":2.0,"corner":{"x":0.0,"y":1.0}},\
        "shapes":[{"kind":"circle","radius":1.0}],"color":"dark blue","maybe":null,"ratio":0.5,"flag":true,\
        "level":2.0,"ref":"\(TestIDs.of("strings", "s1"))","payload":{"kind":"text","text":"hi"},"loose":["x"]}
        """

    @Test func everyTypeFormRoundTripsLosslessly() throws {
        let value = try Value(convexJSON: Self.dataJSON)
        let document = try ReferenceEverything.Data(convexValue: value)
        #expect(document.meta.inner.depth == 42)
        #expect(document.color == .darkBlue)
        #expect(document.level == .value_2)
        #expect(document.mixed == .int64(1))
        #expect(document.absentOrNull == .some(nil))
        #expect(document.either == nil)
        #expect(document.file == nil)
        guard case .square(let square) = document.shape else { Issue.record("expected a square"); return }
        #expect(square.corner == Point(x: 0, y: 1))
        #expect(document.convexValue == value)
        try ReferenceEverything.Data.validator.validate(value)
        #expect(try document.convexValue.convexJSON() == value.convexJSON())
    }

    @Test func absentAndNullStayApart() throws {
        var fields = try #require(objectFields(Value(convexJSON: Self.dataJSON)))
        fields["absentOrNull"] = nil
        let absent = try ReferenceEverything.Data(convexValue: .object(fields))
        #expect(absent.absentOrNull == nil)
        #expect(objectFields(absent.convexValue)?["absentOrNull"] == nil)
        fields["absentOrNull"] = .string("x")
        let present = try ReferenceEverything.Data(convexValue: .object(fields))
        #expect(present.absentOrNull == .some("x"))
        fields["absentOrNull"] = .null
        #expect(objectFields(try ReferenceEverything.Data(convexValue: .object(fields)).convexValue)?["absentOrNull"] == .null)
    }

    @Test func codableWritesConvexJSON() throws {
        let document = try ReferenceEverything.Data(convexValue: Value(convexJSON: Self.dataJSON))
        let encoded = try JSONEncoder().encode(document)
        #expect(try JSONDecoder().decode(ReferenceEverything.Data.self, from: encoded) == document)
        let text = Swift.String(decoding: encoded, as: UTF8.self)
        #expect(text.contains("\"$integer\""))
        #expect(text.contains("\"$bytes\""))
    }

    @Test func discriminatedUnionsReportInsideTheMatchingMember() throws {
        let bad = try Value(convexJSON: #"{"kind":"square","side":"wide","corner":{"x":0.0,"y":0.0}}"#)
        for attempt in [{ try Shape.validator.validate(bad) }, { _ = try Shape(convexValue: bad) }] {
            #expect { try attempt() } throws: { ($0 as? ValueError)?.description == "side: expected number, got string" }
        }
        let unknown = try Value(convexJSON: #"{"kind":"hexagon"}"#)
        #expect { try Shape(convexValue: unknown) } throws: {
            ($0 as? ValueError)?.description == "(root): expected object | object, got object"
        }
    }

    @Test func fixedLiteralsAreCheckedAndWritten() throws {
        let value = try Value(convexJSON: #"{"_id":"\#(TestIDs.of("strings", "s"))","_creationTime":1.0,"value":"v","Type":1.0,"default":true,"init":{"$integer":"AQAAAAAAAAA="},"count":{"$integer":"AwAAAAAAAAA="}}"#)
        let strings = try ReferenceEverything.String(convexValue: value)
        #expect(strings.convexValue == value)
        guard case .object(var fields) = value else { return }
        fields["count"] = .int64(4)
        #expect { try ReferenceEverything.String(convexValue: .object(fields)) } throws: {
            ($0 as? ValueError)?.description == "count: expected 3n, got int64"
        }
    }

    /// A table's model reads a value through its `init(row:)`, by field
    /// name: a stray field, a missing one and a wrong one are each refused.
    @Test func aTableModelRefusesStrayMissingAndWrongFields() throws {
        guard case .object(let fields) = try Value(convexJSON: Self.dataJSON) else { return }
        var stray = fields
        stray["zzz"] = .null
        #expect { try ReferenceEverything.Data(convexValue: .object(stray)) } throws: {
            ($0 as? ValueError)?.description == "(root): unexpected field 'zzz'"
        }
        var missing = fields
        missing["blob"] = nil
        #expect { try ReferenceEverything.Data(convexValue: .object(missing)) } throws: {
            ($0 as? ValueError)?.description == "(root): missing required field 'blob'"
        }
        var wrong = fields
        wrong["ratio"] = .string("half")
        #expect { try ReferenceEverything.Data(convexValue: .object(wrong)) } throws: {
            ($0 as? ValueError)?.description == "ratio: expected 0.5, got string"
        }
        #expect { try ReferenceEverything.Data(convexValue: .array([])) } throws: {
            ($0 as? ValueError)?.description == "(root): expected object, got array"
        }
    }

    /// Generated types are equal, and hash alike, exactly when their Convex
    /// values are: floats compare by their bits, as Convex compares them.
    @Test func equalityIsTheConvexValuesEquality() throws {
        #expect(Point(x: 1.5, y: 2) == Point(x: 1.5, y: 2))
        #expect(Point(x: 1.5, y: 2).hashValue == Point(x: 1.5, y: 2).hashValue)
        #expect(Point(x: 1.5, y: 2) != Point(x: 1.5, y: 3))
        #expect(Point(x: -0.0, y: 0) != Point(x: 0.0, y: 0))
        #expect(Point(x: .nan, y: 0) == Point(x: .nan, y: 0))
        #expect(Set([Point(x: 1, y: 1), Point(x: 1, y: 1), Point(x: 2, y: 1)]).count == 2)
        let document = try ReferenceEverything.Data(convexValue: Value(convexJSON: Self.dataJSON))
        var changed = document
        changed.meta.inner.depth += 1
        #expect(document == (try ReferenceEverything.Data(convexValue: document.convexValue)))
        #expect(document != changed)
    }

    /// Enums of strings convert through their raw value, the literal itself.
    @Test func stringEnumsConvertThroughTheirLiterals() throws {
        #expect(try Color(convexValue: .string("dark blue")) == .darkBlue)
        #expect(Color.darkBlue.convexValue == .string("dark blue"))
        #expect(try Color.allCases.map { try Color(convexValue: $0.convexValue) } == Color.allCases)
        #expect { try Color(convexValue: .string("darkBlue")) } throws: {
            ($0 as? ValueError)?.description == #"(root): expected "red" | "green" | "dark blue", got string"#
        }
        #expect { try Color(convexValue: .float64(1)) } throws: { $0 is ValueError }
    }

    @Test func variantTablesDecodeEachVariant() throws {
        let disk = try Failure(convexValue: Value(convexJSON: #"{"_id":"\#(TestIDs.of("errors", "e"))","_creationTime":2.0,"kind":"disk","path":"/","code":5.0}"#))
        guard case .disk(let payload) = disk else { Issue.record("expected the disk variant"); return }
        #expect(payload.path == "/")
        #expect(disk._id == TestIDs.of(Failure.self, "e"))
        #expect(disk._creationTime == 2)
    }

    private func objectFields(_ value: Value) -> [Swift.String: Value]? {
        if case .object(let fields) = value { fields } else { nil }
    }
}
