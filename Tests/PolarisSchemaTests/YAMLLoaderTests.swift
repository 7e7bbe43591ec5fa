import Testing
@testable import PolarisSchema

/// The YAML layer: marks, styles, duplicates, and what it refuses.
@Suite struct YAMLLoaderTests {
    private func load(_ text: String) -> (YAMLNode?, [Diagnostic]) {
        var diagnostics = DiagnosticEngine(file: "t.yaml")
        let node = YAMLLoader.load(SourceFile(path: "t.yaml", text: text), into: &diagnostics)
        return (node, diagnostics.diagnostics)
    }

    @Test func everyKeyAndValueKnowsWhereItStands() throws {
        let (node, diagnostics) = load("a:\n  b: [x, 'y']\nc: \"z\"\n")
        #expect(diagnostics.isEmpty)
        guard case .mapping(let top)? = node, case .mapping(let inner) = top.entries[0].value,
            case .sequence(let list) = inner.entries[0].value, case .scalar(let y) = list.items[1],
            case .scalar(let z) = top.entries[1].value
        else {
            Issue.record("unexpected shape")
            return
        }
        #expect(top.entries[0].key.location == SourceLocation(line: 1, column: 1))
        #expect(inner.entries[0].key.location == SourceLocation(line: 2, column: 3))
        #expect(y.location == SourceLocation(line: 2, column: 10))
        #expect(y.style == .singleQuoted && y.value == "y")
        #expect(z.style == .doubleQuoted && z.location == SourceLocation(line: 3, column: 4))
    }

    @Test func columnsCountCharactersNotBytes() throws {
        let (node, _) = load("é: ü\n")
        guard case .mapping(let top)? = node, case .scalar(let value) = top.entries[0].value else {
            Issue.record("unexpected shape")
            return
        }
        #expect(value.location == SourceLocation(line: 1, column: 4))
    }

    @Test func everyDuplicateKeyIsReportedAtTheLaterOne() {
        let (_, diagnostics) = load("a: 1\nb: 2\na: 3\na: 4\n")
        #expect(diagnostics.map(\.message) == ["duplicate key 'a'", "duplicate key 'a'"])
        #expect(diagnostics.map(\.location.line) == [3, 4])
        #expect(diagnostics[0].notes.map(\.location.line) == [1])
    }

    @Test func largeMappingsFindDuplicatesToo() {
        let keys = (0..<40).map { "k\($0): 1" } + ["k7: 2", "k39: 3"]
        let (_, diagnostics) = load(keys.joined(separator: "\n"))
        #expect(diagnostics.map(\.message) == ["duplicate key 'k7'", "duplicate key 'k39'"])
    }

    @Test func deepNestingIsAnErrorNotACrash() {
        let deep = String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000)
        let (node, diagnostics) = load(deep)
        #expect(diagnostics.map(\.message) == ["the schema is nested too deeply (more than 64 levels)"])
        #expect(!node.isSome)
    }

    @Test func deepNestingInsideARejectedNodeIsStoppedToo() {
        let deep = "a: !!seq " + String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000)
        let (node, diagnostics) = load(deep)
        #expect(diagnostics.map(\.message) == [
            "YAML tags ('!!seq') are not supported; write the value without one",
            "the schema is nested too deeply (more than 64 levels)",
        ])
        #expect(!node.isSome)
    }

    @Test func aSyntaxErrorStopsWithItsPlace() {
        let (node, diagnostics) = load("a: [1, 2\nb: 3\n")
        #expect(!node.isSome)
        #expect(diagnostics.count == 1)
        #expect(diagnostics[0].message.hasPrefix("invalid YAML: "))
    }

    @Test func invalidUTF8IsADiagnostic() {
        var diagnostics = DiagnosticEngine(file: "t.yaml")
        let node = YAMLLoader.load(SourceFile(path: "t.yaml", bytes: [0x61, 0x3A, 0x20, 0xFF, 0xFE, 0x0A]), into: &diagnostics)
        #expect(!node.isSome)
        #expect(diagnostics.diagnostics.first?.message.hasPrefix("invalid YAML: ") == true)
    }
}

extension Optional {
    fileprivate var isSome: Bool { self != nil }
}
