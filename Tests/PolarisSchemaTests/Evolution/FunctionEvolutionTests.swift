import Testing
@testable import PolarisSchema

/// Every row of spec/evolution.md's function rules, as a pair of schemas.
@Suite struct FunctionEvolutionTests {
    static let query = function("      kind: query\n      access: public\n      args: { a: string }\n      returns: string")

    static func query(args: String = "{ a: string }", returns: String = "string") -> String {
        function("      kind: query\n      access: public\n      args: \(args)\n      returns: \(returns)")
    }

    @Test func functionAddedIsANoteAndRemovedAnErrorInOld() {
        let base = "version: 1\ntables:\n  t: { fields: { a: string } }"
        #expect(diff(base, Self.query) == ["new.yaml:6:5: note: function 'm:f' added"])
        #expect(diff(Self.query, base) == ["old.yaml:6:5: error: function 'm:f' removed; older clients still call it"])
    }

    @Test func kindOrAccessChangedIsAnError() {
        let mutation = function("      kind: mutation\n      access: user\n      args: { a: string }\n      returns: string")
        #expect(diff(Self.query, mutation) == [
            "new.yaml:6:5: error: 'm:f' changed from a query to a mutation; older clients call it as a query",
            "new.yaml:6:5: error: access of 'm:f' changed from public to user",
        ])
    }

    @Test func internalKeyComesWithInternalAccessWithoutASecondDiagnostic() {
        let internalOnly = function("      kind: query\n      access: internal\n      args: { a: string, internalKey: string }\n      returns: string")
        #expect(diff(Self.query, internalOnly) == ["new.yaml:6:5: error: access of 'm:f' changed from public to internal"])
    }

    @Test func optionalArgumentAddedIsANoteAndRequiredAnError() {
        #expect(diff(Self.query, Self.query(args: "{ a: string, b: number? }")) == [
            "new.yaml:9:26: note: optional argument 'b' added to 'm:f'",
        ])
        #expect(diff(Self.query, Self.query(args: "{ a: string, b: number }")) == [
            "new.yaml:9:26: error: required argument 'b' added to 'm:f'; older clients do not send it",
        ])
    }

    @Test func argumentRemovedIsAnErrorInOld() {
        #expect(diff(Self.query(args: "{ a: string, b: number? }"), Self.query) == [
            "old.yaml:9:26: error: argument 'b' removed from 'm:f'; older clients still send it",
        ])
    }

    @Test func widenedArgumentIsANoteAndAnyOtherChangeAnError() {
        #expect(diff(Self.query, Self.query(args: "{ a: string | null }")) == [
            "new.yaml:9:15: note: argument 'a' of 'm:f' widened from 'string' to 'string | null'",
        ])
        #expect(diff(Self.query, Self.query(args: "{ a: id<t> }")) == [
            "new.yaml:9:15: error: argument 'a' of 'm:f' changed from 'string' to 'id<t>'; older clients may send values it rejects",
        ])
    }

    @Test func argumentOptionalityFollowsTheClients() {
        #expect(diff(Self.query, Self.query(args: "{ a: string? }")) == ["new.yaml:9:15: note: argument 'a' of 'm:f' made optional"])
        #expect(diff(Self.query(args: "{ a: string? }"), Self.query) == [
            "new.yaml:9:15: error: argument 'a' of 'm:f' made required; older clients may not send it",
        ])
    }

    @Test func narrowedReturnIsANoteAndWidenedAnError() {
        #expect(diff(Self.query(returns: "string | null"), Self.query) == [
            "new.yaml:6:5: note: return type of 'm:f' narrowed from 'string | null' to 'string'",
        ])
        #expect(diff(Self.query, Self.query(returns: "string | null")) == [
            "new.yaml:6:5: error: return type of 'm:f' changed from 'string' to 'string | null'; older clients cannot decode it",
        ])
    }

    @Test func optionalFieldAddedToAReturnedObjectIsANoteWhereTheFieldStands() {
        let old = Self.query(returns: "{ object: { x: number } }")
        let new = Self.query(returns: "{ object: { x: number, y: string? } }")
        #expect(diff(old, new) == ["new.yaml:10:39: note: 'm:f' returns a new optional field 'y'; older clients ignore it"])
        let required = Self.query(returns: "{ object: { x: number, y: string } }")
        #expect(diff(old, required) == [
            "new.yaml:6:5: error: return type of 'm:f' changed from '{ x: number }' to '{ x: number, y: string }'; older clients cannot decode it",
        ])
    }

    @Test func aReturnedDocumentFollowsItsTable() {
        func schema(_ fields: String) -> String {
            "version: 1\ntables:\n  t:\n    fields: { \(fields) }\nfunctions:\n  m:\n    f: { kind: query, access: public, returns: doc<t> }"
        }
        #expect(diff(schema("a: string"), schema("a: string, b: number?")) == [
            "new.yaml:4:26: note: optional field 'b' added to table 't'",
            "new.yaml:4:26: note: 'm:f' returns a new optional field 'b'; older clients ignore it",
        ])
        #expect(diff(schema("a: string"), schema("a: string | null")) == [
            "new.yaml:4:15: note: field 'a' of table 't' widened from 'string' to 'string | null'",
            "new.yaml:7:5: error: return type of 'm:f' 'doc<t>' changed with the types it names; older clients cannot decode it",
        ])
    }
}
