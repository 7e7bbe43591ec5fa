import Testing
@testable import PolarisSchema

/// Every row of spec/evolution.md's table rules, as a pair of schemas.
@Suite struct TableEvolutionTests {
    static let base = table("      a: string")

    @Test func aSchemaComparedWithItselfHasNoChanges() {
        #expect(diff(Self.base, Self.base) == [])
    }

    @Test func tableAddedIsANote() {
        let new = Self.base + "\n  u: { fields: { b: number } }"
        #expect(diff(Self.base, new) == ["new.yaml:6:3: note: table 'u' added"])
    }

    @Test func tableRemovedIsAnErrorInOld() {
        let old = Self.base + "\n  u: { fields: { b: number } }"
        #expect(diff(old, Self.base) == ["old.yaml:6:3: error: table 'u' removed; its stored documents would be lost"])
    }

    @Test func optionalFieldAddedIsANote() {
        #expect(diff(Self.base, table("      a: string\n      b: number?")) == [
            "new.yaml:6:7: note: optional field 'b' added to table 't'",
        ])
    }

    @Test func requiredFieldAddedIsAnError() {
        #expect(diff(Self.base, table("      a: string\n      b: number")) == [
            "new.yaml:6:7: error: required field 'b' added to table 't'; stored documents lack it",
        ])
    }

    @Test func fieldRemovedIsAnErrorInOld() {
        #expect(diff(table("      a: string\n      b: number?"), Self.base) == [
            "old.yaml:6:7: error: field 'b' removed from table 't'; stored documents still hold it",
        ])
    }

    @Test func widenedFieldTypeIsANote() {
        #expect(diff(table("      a: enum<x, y>"), table("      a: enum<x, y, z>")) == [
            "new.yaml:5:7: note: field 'a' of table 't' widened from 'enum<x, y>' to 'enum<x, y, z>'",
        ])
    }

    @Test func narrowedOrUnrelatedFieldTypeIsAnError() {
        #expect(diff(table("      a: string | null"), Self.base) == [
            "new.yaml:5:7: error: field 'a' of table 't' changed from 'string | null' to 'string'; stored values may not fit",
        ])
        #expect(diff(table("      a: number"), table("      a: int64")) == [
            "new.yaml:5:7: error: field 'a' of table 't' changed from 'number' to 'int64'; stored values may not fit",
        ])
    }

    @Test func requiredToOptionalIsANoteAndBackAnError() {
        #expect(diff(Self.base, table("      a: string?")) == ["new.yaml:5:7: note: field 'a' of table 't' made optional"])
        #expect(diff(table("      a: string?"), Self.base) == [
            "new.yaml:5:7: error: field 'a' of table 't' made required; stored documents may lack it",
        ])
    }

    @Test func nestedObjectFieldsFollowTheSameRulesAtTheirOwnPlace() {
        let old = table("      p:\n        object: { x: number }")
        let new = table("      p:\n        object: { x: number, y: string?, z: boolean }")
        #expect(diff(old, new) == [
            "new.yaml:6:30: note: optional field 'p.y' added to table 't'",
            "new.yaml:6:42: error: required field 'p.z' added to table 't'; stored documents lack it",
        ])
    }

    @Test func indexAddedRemovedOrChangedIsAWarning() {
        let fields = "      a: string\n      b: number"
        let old = table(fields, indexes: "      by_a: [a]\n      by_b: [b]")
        let new = table(fields, indexes: "      by_a: [a, b]\n      by_ba: [b, a]")
        #expect(diff(old, new) == [
            "new.yaml:8:7: warning: index 'by_a' of table 't' changed from [a] to [a, b]; it is rebuilt, and code naming its fields changes",
            "new.yaml:9:7: warning: index 'by_ba' added to table 't'; it is built when the schema is deployed",
            "old.yaml:9:7: warning: index 'by_b' removed from table 't'; code naming it no longer compiles",
        ])
    }

    static func variants(_ lines: String) -> String {
        "version: 1\ntables:\n  t:\n    variants:\n" + lines
    }

    @Test func variantAddedIsANoteAndReorderingIsNoChange() {
        let old = Self.variants("      - { k: literal<a>, x: number }\n      - { k: literal<b> }")
        let new = Self.variants("      - { k: literal<b> }\n      - { k: literal<a>, x: number }\n      - { k: literal<c> }")
        #expect(diff(old, new) == ["new.yaml:7:9: note: variant '{ k: literal<c> }' added to table 't'"])
    }

    @Test func variantRemovedOrNarrowedIsAnErrorAndWidenedANote() {
        let old = Self.variants("      - { k: literal<a>, x: number }\n      - { k: literal<b>, y: string }")
        let new = Self.variants("      - { k: literal<a>, x: number | null }\n      - { k: literal<b>, y: literal<s> }")
        #expect(diff(old, new) == [
            "new.yaml:5:9: note: variant of table 't' widened from '{ k: literal<a>, x: number }' to '{ k: literal<a>, x: number | null }'",
            "new.yaml:6:9: error: variant of table 't' narrowed from '{ k: literal<b>, y: string }' to '{ k: literal<b>, y: literal<s> }'; stored documents of it may not fit",
        ])
    }

    @Test func variantRemovedIsAnErrorInOld() {
        let old = Self.variants("      - { k: literal<a> }\n      - { k: literal<b> }")
        let new = Self.variants("      - { k: literal<a> }")
        #expect(diff(old, new) == [
            "old.yaml:6:9: error: variant '{ k: literal<b> }' of table 't' removed; stored documents of it would not fit",
        ])
    }

    @Test func fieldsBecomingVariantsThatAcceptThemIsANote() {
        let new = Self.variants("      - { a: string }\n      - { b: number }")
        #expect(diff(Self.base, new) == [
            "new.yaml:3:3: note: table 't' changed from '{ a: string }' to '{ a: string } | { b: number }', which accepts every stored document",
        ])
        #expect(diff(new, Self.base) == [
            "new.yaml:3:3: error: table 't' changed from '{ a: string } | { b: number }' to '{ a: string }'; stored documents may not fit",
        ])
    }

    @Test func swiftNameOrDocChangedIsANote() {
        let old = "version: 1\ntables:\n  t:\n    fields: { a: string }"
        let new = "version: 1\ntables:\n  t:\n    swiftName: Thing\n    doc: Things.\n    fields:\n      a: { type: string, doc: An a. }"
        #expect(diff(old, new) == [
            "new.yaml:3:3: note: swiftName of table 't' changed from 'T' to 'Thing'",
            "new.yaml:3:3: note: doc of table 't' changed",
            "new.yaml:7:7: note: doc of field 'a' of table 't' changed",
        ])
    }
}
