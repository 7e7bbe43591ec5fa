import Foundation
import Testing

/// `polaris diff OLD NEW` as CI jobs run it: exit status, diagnostics, and
/// schemas read from git.
@Suite struct DiffCommandTests {
    static let old = """
        version: 1
        tables:
          users:
            fields: { name: string }
        """
    static let safe = """
        version: 1
        tables:
          users:
            fields: { name: string, bio: string? }
        """
    static let breaking = """
        version: 1
        tables:
          users:
            fields: { name: int64 }
        """

    @Test func aSchemaAgainstItselfPrintsNothingAndExitsWithZero() throws {
        let run = try PolarisBinary.run(["diff", "a.yaml", "a.yaml"], files: ["a.yaml": Self.old])
        #expect(run.status == 0)
        #expect(run.stdout == "")
        #expect(run.stderr == "")
    }

    @Test func safeChangesAreNotesAndExitWithZero() throws {
        let run = try PolarisBinary.run(["diff", "old.yaml", "new.yaml"], files: ["old.yaml": Self.old, "new.yaml": Self.safe])
        #expect(run.status == 0)
        #expect(run.stderr == """
            new.yaml:4:29: note: optional field 'bio' added to table 'users'
                fields: { name: string, bio: string? }
                                        ^

            """)
        #expect(run.stdout == "1 change: 0 breaking, 0 to review, 1 safe\n")
    }

    @Test func aBreakingChangeExitsWithOneAndJSONGoesToStdout() throws {
        let run = try PolarisBinary.run(
            ["diff", "old.yaml", "new.yaml", "--diagnostics", "json"], files: ["old.yaml": Self.old, "new.yaml": Self.breaking])
        #expect(run.status == 1)
        #expect(run.stderr == "")
        let array = try #require(JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [[String: Any]])
        #expect(array.count == 1)
        #expect(array.first?["file"] as? String == "new.yaml")
        #expect(array.first?["line"] as? Int == 4)
        #expect(array.first?["column"] as? Int == 15)
        #expect(array.first?["severity"] as? String == "error")
        #expect(array.first?["message"] as? String
            == "field 'name' of table 'users' changed from 'string' to 'int64'; stored values may not fit")
    }

    @Test func schemaErrorsExitWithOneAndUnreadableFilesWithTwo() throws {
        let errors = try PolarisBinary.run(["diff", "old.yaml", "bad.yaml"], files: ["old.yaml": Self.old, "bad.yaml": "version: 1\n"])
        #expect(errors.status == 1)
        #expect(errors.stderr.hasPrefix("bad.yaml:1:1: error:"))
        let missing = try PolarisBinary.run(["diff", "old.yaml", "missing.yaml"], files: ["old.yaml": Self.old])
        #expect(missing.status == 2)
        #expect(missing.stderr.contains("cannot read 'missing.yaml'"))
    }

    @Test func revisionColonPathReadsTheFileFromGit() throws {
        let scratch = try Scratch(["schema.yaml": Self.old])
        defer { scratch.remove() }
        for arguments in [["init", "-q", "-b", "main"], ["add", "schema.yaml"],
            ["-c", "user.name=t", "-c", "user.email=t@t", "commit", "-q", "-m", "old"]]
        {
            #expect(try Self.git(arguments, in: scratch.url) == 0)
        }
        try Self.breaking.write(to: scratch.url.appendingPathComponent("schema.yaml"), atomically: true, encoding: .utf8)
        let run = try PolarisBinary.run(["diff", "main:schema.yaml", "schema.yaml"], in: scratch.url)
        #expect(run.status == 1)
        #expect(run.stderr.hasPrefix("schema.yaml:4:15: error: field 'name' of table 'users' changed from 'string' to 'int64'"))
        let removed = try PolarisBinary.run(["diff", "schema.yaml", "main:schema.yaml"], in: scratch.url)
        #expect(removed.stderr.hasPrefix("main:schema.yaml:4:15: error: field 'name' of table 'users' changed from 'int64' to 'string'"))
        let unknown = try PolarisBinary.run(["diff", "nope:schema.yaml", "schema.yaml"], in: scratch.url)
        #expect(unknown.status == 2)
        #expect(unknown.stderr.contains("cannot read 'nope:schema.yaml': no such file, and fatal:"))
    }

    static func git(_ arguments: [String], in directory: URL) throws -> Int32 {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["git"] + arguments
        process.currentDirectoryURL = directory
        try process.run()
        process.waitUntilExit()
        return process.terminationStatus
    }
}
