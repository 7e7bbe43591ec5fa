import Testing
@testable import PolarisSchema

/// spec/evolution.md's `A <: B` over the whole type language.
@Suite struct SubtypingTests {
    /// Checks `types:` texts and says whether OLD's type `A` <: NEW's type `B`.
    static func isSubtype(_ a: String, _ b: String, oldTypes: String = "", newTypes: String = "") -> Bool {
        func schema(_ type: String, _ types: String) -> Schema? {
            let text = "version: 1\ntypes:\n  X: \(type)\n\(types)\ntables:\n  a: { fields: { x: string } }"
            return SchemaCompiler.check(SourceFile(path: "s.yaml", text: text)).schema
        }
        guard let lhs = schema(a, oldTypes), let rhs = schema(b, newTypes) else {
            Issue.record("a schema has errors: \(a) / \(b)")
            return false
        }
        var subtyping = Subtyping(lhs, rhs)
        return subtyping.isSubtype(.named("X"), .named("X"))
    }

    @Test(arguments: [
        ("string", "string"), ("string", "any"), ("null", "null"), ("literal<x>", "string"), ("literal<1>", "number"),
        ("literal<1n>", "int64"), ("literal<true>", "boolean"), ("id<_storage>", "string"),
        ("id<a>", "id<a>"), ("enum<a, b>", "enum<a, b, c>"), ("string", "string | null"),
        ("string | null", "null | string | number"), ("boolean", "literal<true> | literal<false>"),
        ("array<literal<a>>", "array<string>"), ("record<string, int64>", "record<string, int64 | null>"),
        ("record<id<a>, number>", "record<string, number>"),
        ("{ object: { a: string } }", "{ object: { a: string, b: number? } }"),
        ("{ object: { a: literal<x> } }", "{ object: { a: string? } }"),
        ("{ object: { a: { object: { b: literal<1> } } } }", "{ object: { a: { object: { b: number } } } }"),
        ("{ object: { a: string } }", "record<string, string>"),
        ("{ union: [{ object: { a: string } }, { object: { b: number } }] }", "{ union: [{ object: { b: number? } }, null, { object: { a: string } }] }"),
    ])
    func holds(_ pair: (String, String)) {
        #expect(Self.isSubtype(pair.0, pair.1), "\(pair.0) <: \(pair.1)")
    }

    @Test(arguments: [
        ("any", "string"), ("string", "literal<x>"), ("int64", "number"), ("number", "int64"), ("bytes", "string"),
        ("string", "bytes"), ("string", "id<_storage>"), ("enum<a, b, c>", "enum<a, b>"), ("string | null", "string"),
        ("array<string>", "array<literal<a>>"), ("record<string, number>", "record<id<a>, number>"),
        ("{ object: { a: string, b: number } }", "{ object: { a: string } }"),
        ("{ object: { a: string? } }", "{ object: { a: string } }"),
        ("{ object: { a: string } }", "{ object: { a: string, b: number } }"),
        ("{ object: { a: { object: { b: number } } } }", "{ object: { a: { object: { b: int64 } } } }"),
        ("null", "{ object: { a: string? } }"),
    ])
    func fails(_ pair: (String, String)) {
        #expect(!Self.isSubtype(pair.0, pair.1), "not \(pair.0) <: \(pair.1)")
    }

    @Test func namedTypesAreComparedByTheirDefinitionsNotTheirNames() {
        let old = "  Point: { object: { x: number } }"
        let new = "  Spot: { object: { x: number, label: string? } }"
        #expect(Self.isSubtype("array<Point>", "array<Spot>", oldTypes: old, newTypes: new))
        #expect(!Self.isSubtype("array<Spot>", "array<Point>", oldTypes: new, newTypes: old))
        let renamedNarrower = "  Point: { object: { x: int64 } }"
        #expect(!Self.isSubtype("Point", "Point", oldTypes: old, newTypes: renamedNarrower))
    }

    @Test func idsOfDifferentTablesAreUnrelated() {
        func schema(_ table: String) -> Schema {
            SchemaCompiler.check(SourceFile(path: "s.yaml", text: "version: 1\ntables:\n  a: { fields: { x: string } }\n  b: { fields: { x: string } }")).schema!
        }
        var subtyping = Subtyping(schema("a"), schema("b"))
        let same = subtyping.isSubtype(.id(table: "a"), .id(table: "a"))
        let other = subtyping.isSubtype(.id(table: "a"), .id(table: "b"))
        #expect(same)
        #expect(!other)
    }
}
