import Foundation
import Testing
@testable import PolarisSchema

/// File-based reference tests: each `Fixtures/check/NAME.yaml` is checked and
/// its rendered diagnostics are compared exactly with `NAME.diagnostics`.
/// Cases named `valid-*` must check with no diagnostic at all.
@Suite struct CheckReferenceTests {
    static let cases = Fixtures.names(in: "check", extension: "yaml")

    @Test func thereAreCases() {
        #expect(Self.cases.count > 20)
    }

    @Test(arguments: cases)
    func diagnosticsMatchTheReference(_ name: String) throws {
        let folder = Fixtures.root.appendingPathComponent("check")
        let bytes = try [UInt8](Data(contentsOf: folder.appendingPathComponent(name)))
        let file = SourceFile(path: name, bytes: bytes)
        let result = SchemaCompiler.check(file)
        let actual = DiagnosticRenderer.text(result.diagnostics, sources: [name: file])
        let expectedURL = folder.appendingPathComponent(String(name.dropLast(5)) + ".diagnostics")
        if Fixtures.updating {
            try actual.write(to: expectedURL, atomically: true, encoding: .utf8)
        }
        let expected = try String(contentsOf: expectedURL, encoding: .utf8)
        #expect(actual == expected)
        if name.hasPrefix("valid-") {
            #expect(result.diagnostics.isEmpty)
            #expect(result.schema != nil)
        } else {
            #expect(result.hasErrors)
            #expect(result.schema == nil)
        }
    }
}
