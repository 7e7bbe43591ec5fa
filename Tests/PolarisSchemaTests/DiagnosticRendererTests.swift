import Testing
@testable import PolarisSchema

@Suite struct DiagnosticRendererTests {
    private let file = SourceFile(path: "s.yaml", text: "a:\n\tb: x\n")

    @Test func textHasTheSourceLineAndACaretKeepingTabs() {
        let diagnostic = Diagnostic(
            severity: .warning, message: "look", file: "s.yaml", location: SourceLocation(line: 2, column: 5),
            notes: [Diagnostic(severity: .note, message: "here", file: "s.yaml", location: SourceLocation(line: 1, column: 1))])
        #expect(DiagnosticRenderer.text([diagnostic], sources: ["s.yaml": file]) == """
            s.yaml:2:5: warning: look
            \tb: x
            \t   ^
            s.yaml:1:1: note: here
            a:
            ^

            """)
    }

    @Test func aCaretPastTheLineEndStillShows() {
        let diagnostic = Diagnostic(severity: .error, message: "m", file: "s.yaml", location: SourceLocation(line: 9, column: 3))
        #expect(DiagnosticRenderer.text([diagnostic], sources: ["s.yaml": file]) == "s.yaml:9:3: error: m\n\n  ^\n")
    }

    @Test func jsonEscapesAndFlattensNotes() {
        let diagnostic = Diagnostic(
            severity: .error, message: "bad \"x\"\n\u{1}", file: "a\\b.yaml", location: SourceLocation(line: 1, column: 2),
            notes: [Diagnostic(severity: .note, message: "n", file: "a\\b.yaml", location: SourceLocation(line: 3, column: 4))])
        #expect(DiagnosticRenderer.json([diagnostic]) == """
            [
              {"file": "a\\\\b.yaml", "line": 1, "column": 2, "severity": "error", "message": "bad \\"x\\"\\n\\u0001"},
              {"file": "a\\\\b.yaml", "line": 3, "column": 4, "severity": "note", "message": "n"}
            ]

            """)
        #expect(DiagnosticRenderer.json([]) == "[]\n")
    }
}
