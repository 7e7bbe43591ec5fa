import Foundation
import Testing

/// `polaris check` as users run it: exit status, stdout and stderr together.
@Suite struct CheckCommandTests {
    static let valid = """
        version: 1
        tables:
          users:
            fields: { name: string }
        """
    static let invalid = """
        version: 1
        tables:
          users:
            fields: { name: strng }
        """
    static let warningOnly = """
        version: 1
        tables:
          users:
            fields: { name: string }
        functions:
          users:
            get: { kind: query, access: public, args: { internalKey: string } }
        """

    @Test func aValidSchemaExitsWithZeroAndSaysSo() throws {
        let run = try PolarisBinary.run(["check", "ok.yaml"], files: ["ok.yaml": Self.valid])
        #expect(run.status == 0)
        #expect(run.stdout == "ok.yaml: ok (1 table, 0 indexes, 0 functions)\n")
        #expect(run.stderr == "")
    }

    @Test func schemaErrorsExitWithOneAndNameTheFileAsGiven() throws {
        let run = try PolarisBinary.run(["check", "./bad.yaml"], files: ["bad.yaml": Self.invalid])
        #expect(run.status == 1)
        #expect(run.stdout == "")
        #expect(run.stderr == """
            ./bad.yaml:4:21: error: unknown type 'strng'; did you mean 'string'?
                fields: { name: strng }
                                ^

            """)
    }

    @Test func warningsAloneExitWithZero() throws {
        let run = try PolarisBinary.run(["check", "warn.yaml"], files: ["warn.yaml": Self.warningOnly])
        #expect(run.status == 0)
        #expect(run.stderr.hasPrefix("warn.yaml:7:49: warning: 'internalKey' is checked only"))
    }

    @Test func everyFileIsCheckedAndAnyErrorFailsTheRun() throws {
        let run = try PolarisBinary.run(["check", "bad.yaml", "ok.yaml"], files: ["bad.yaml": Self.invalid, "ok.yaml": Self.valid])
        #expect(run.status == 1)
        #expect(run.stderr.hasPrefix("bad.yaml:4:21: error:"))
        #expect(run.stdout == "ok.yaml: ok (1 table, 0 indexes, 0 functions)\n")
    }

    @Test func jsonDiagnosticsGoToStdoutAsOneArray() throws {
        let run = try PolarisBinary.run(["check", "bad.yaml", "--diagnostics", "json"], files: ["bad.yaml": Self.invalid])
        #expect(run.status == 1)
        #expect(run.stderr == "")
        let array = try #require(JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [[String: Any]])
        #expect(array.count == 1)
        #expect(array[0]["file"] as? String == "bad.yaml")
        #expect(array[0]["line"] as? Int == 4)
        #expect(array[0]["column"] as? Int == 21)
        #expect(array[0]["severity"] as? String == "error")
        #expect(array[0]["message"] as? String == "unknown type 'strng'; did you mean 'string'?")
    }

    @Test func jsonForAValidSchemaIsAnEmptyArray() throws {
        let run = try PolarisBinary.run(["check", "--diagnostics", "json", "ok.yaml"], files: ["ok.yaml": Self.valid])
        #expect(run.status == 0)
        #expect(run.stdout == "[]\n")
        #expect(run.stderr == "")
    }

    @Test func anUnreadableFileIsNotASchemaError() throws {
        let missing = try PolarisBinary.run(["check", "ok.yaml", "missing.yaml"], files: ["ok.yaml": Self.valid])
        #expect(missing.status == 2)
        #expect(missing.stderr == "polaris: error: cannot read 'missing.yaml': no such file\n")
        let directory = try PolarisBinary.run(["check", "."], files: [:])
        #expect(directory.status == 2)
        #expect(directory.stderr == "polaris: error: cannot read '.': it is a directory\n")
    }

    @Test func usageErrorsExitWithSixtyFour() throws {
        for arguments in [["check"], ["check", "--no-such-flag", "x.yaml"], ["check", "--diagnostics", "xml", "x.yaml"], ["nope"]] {
            let run = try PolarisBinary.run(arguments, files: [:])
            #expect(run.status == 64, "\(arguments)")
            #expect(!run.stderr.isEmpty, "\(arguments)")
        }
    }

    @Test func helpExitsWithZero() throws {
        let run = try PolarisBinary.run(["check", "--help"], files: [:])
        #expect(run.status == 0)
        #expect(run.stdout.contains("--diagnostics"))
    }

    @Test func theReferenceSchemaChecksClean() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        let run = try PolarisBinary.run(["check", "schema/polaris.yaml"], in: root)
        #expect(run.status == 0)
        #expect(run.stderr == "")
    }
}
