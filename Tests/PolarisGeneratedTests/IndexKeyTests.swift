import Foundation
import PolarisRuntime
import ReferenceEverything
import Testing

/// Index keys of nullable and optional fields, and of dotted paths, in the
/// reference schema: nil is null for a nullable field and absence for an
/// optional one; `.some(nil)` asks for null in a field that is both.
struct IndexKeyTests {
    let database = RecordingDatabase()

    @Test func nullableAndOptionalKeysSayNullOrAbsent() throws {
        _ = try database.query(ReferenceEverything.Data.self).withIndex(.byEither) { $0.eq(nil).eq(.some(nil)) }.collect()
        #expect(database.plans.last?.bounds.equalities == [
            .init(field: "either", value: .null),
            .init(field: "absentOrNull", value: .null),
        ])
        _ = try database.query(ReferenceEverything.Data.self).withIndex(.byEither) { $0.eq("a").eq(nil) }.collect()
        #expect(database.plans.last?.bounds.equalities == [
            .init(field: "either", value: .string("a")),
            .init(field: "absentOrNull", value: nil),
        ])
    }

    @Test func dottedPathsRangeOverTheNestedValue() throws {
        let blob = Foundation.Data([1, 2])
        _ = try database.query(ReferenceEverything.Data.self).withIndex(.byMetaName) { $0.eq("n").gte(blob) }.collect()
        let bounds = try #require(database.plans.last?.bounds)
        #expect(bounds.equalities == [.init(field: "meta.name", value: .string("n"))])
        #expect(bounds.lower == .init(field: "blob", value: .bytes([1, 2]), isInclusive: true))
        #expect(bounds.upper == nil)
    }
}
