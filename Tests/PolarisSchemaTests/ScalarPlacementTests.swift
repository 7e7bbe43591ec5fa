import Testing
@testable import PolarisSchema

/// A type error inside a scalar points at the offending token's column,
/// plain and quoted alike.
@Suite struct ScalarPlacementTests {
    private func column(of message: String, in line: String) -> Int? {
        let text = "version: 1\ntables:\n  t:\n    fields:\n\(line)\n"
        let (result, _) = Fixtures.check(text)
        return result.diagnostics.first { $0.message.contains(message) }?.location.column
    }

    @Test(arguments: [
        ("      a: array<strng>", 16),
        ("      a: \"array<strng>\"", 17),
        ("      a: 'array<strng>'", 17),
        ("      a: 'record<string, ''x''>'", 0),
        ("      a: \"\\x41 | strng\"", 18),
        ("      a: { type: \"strng\" }", 19),
    ])
    func pointsAtTheToken(_ line: String, _ expected: Int) {
        if expected == 0 {
            #expect(column(of: "unexpected character", in: line) == 26)
        } else {
            #expect(column(of: "strng", in: line) == expected)
        }
    }

    @Test func aScalarOverSeveralLinesPointsAtItsStart() {
        let (result, _) = Fixtures.check("version: 1\ntables:\n  t:\n    fields:\n      a: array<\n        strng>\n")
        #expect(result.diagnostics.map(\.location) == [SourceLocation(line: 5, column: 10)])
    }
}
