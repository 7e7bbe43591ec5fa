import Foundation
import PolarisTestSupport
import Testing

/// The misuse docs/code-generation.md lists is refused by the Swift compiler:
/// each snippet is type-checked by `swiftc` against the built `PolarisGenerated`
/// module, and the same snippet with the misuse fixed must type-check.
struct MisuseDoesNotCompileTests {
    /// One misuse: the statement that must not compile, the one that must, and
    /// a fragment of the compiler's complaint.
    struct Misuse: CustomTestStringConvertible, Sendable {
        var name: String
        var wrong: String
        var right: String
        var complaint: String
        var testDescription: String { name }
    }

    static let misuses: [Misuse] = [
        Misuse(
            name: "an Int64 for a string field of an index",
            wrong: "_ = try q.db.query(Project.self).withIndex(.byOwner) { $0.eq(42 as Int64) }.collect()",
            right: "_ = try q.db.query(Project.self).withIndex(.byOwner) { $0.eq(\"42\") }.collect()",
            complaint: "cannot convert value of type 'Int64'"),
        Misuse(
            name: "skipping the first field of an index",
            wrong: "_ = try q.db.query(File.self).withIndex(.byProjectParent) { $0.eq(nil) }.collect()",
            right: "_ = try q.db.query(File.self).withIndex(.byProjectParent) { $0.eq(project).eq(nil) }.collect()",
            complaint: "'nil' is not compatible with expected argument type 'Id<Project>'"),
        Misuse(
            name: "an upper bound before the lower bound",
            wrong: "_ = try q.db.query(GenerationEvent.self).withIndex(.byProjectCreatedAt) { $0.eq(project).lt(2).gt(1) }.collect()",
            right: "_ = try q.db.query(GenerationEvent.self).withIndex(.byProjectCreatedAt) { $0.eq(project).gt(1).lt(2) }.collect()",
            complaint: "has no member 'gt'"),
        Misuse(
            name: "an Id of another table",
            wrong: "_ = try q.db.query(File.self).withIndex(.byProject) { $0.eq(file) }.collect()",
            right: "_ = try q.db.query(File.self).withIndex(.byProject) { $0.eq(project) }.collect()",
            complaint: "cannot convert value of type 'Id<File>' to expected argument type 'Id<Project>'"),
        Misuse(
            name: "an insert from a query",
            wrong: "_ = try q.db.insert(Project.new(name: \"a\", ownerId: \"o\", updatedAt: 1))",
            right: "_ = try m.db.insert(Project.new(name: \"a\", ownerId: \"o\", updatedAt: 1))",
            complaint: "value of type 'any DatabaseReader' has no member 'insert'"),
        Misuse(
            name: "a document field assigned the wrong type",
            wrong: "_ = try m.db.insert(Project.new(name: 3, ownerId: \"o\", updatedAt: 1))",
            right: "_ = try m.db.insert(Project.new(name: \"3\", ownerId: \"o\", updatedAt: 1))",
            complaint: "cannot convert value of type 'Int'"),
    ]

    @Test(arguments: misuses) func isRefused(_ misuse: Misuse) throws {
        let right = try Self.typecheck(misuse.right)
        #expect(right.status == 0, "the fixed form must compile:\n\(right.output)")
        let wrong = try Self.typecheck(misuse.wrong)
        #expect(wrong.status != 0, "compiled, but must not: \(misuse.wrong)")
        #expect(wrong.output.contains(misuse.complaint), "unexpected complaint:\n\(wrong.output)")
    }

    /// Type-checks `statement` inside a function that has a query context `q`,
    /// a mutation context `m`, an `Id<Project>` and an `Id<File>`.
    static func typecheck(_ statement: String) throws -> (status: Int32, output: String) {
        let source = """
            import PolarisGenerated
            import PolarisRuntime

            func use(q: QueryContext, m: MutationContext, project: Id<Project>, file: Id<File>) throws {
                \(statement)
            }

            """
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("polaris-misuse-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("Misuse.swift")
        try source.write(to: file, atomically: true, encoding: .utf8)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [
            "swiftc", "-typecheck", "-swift-version", "6", "-I", modules.path, "-I", systemSQLiteModule.path,
            "-module-cache-path", folder.appendingPathComponent("cache").path, file.path,
        ]
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let output = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: output, as: UTF8.self))
    }

    /// The folder of GRDB's `GRDBSQLite` module map, which PolarisRuntime's
    /// module names as a dependency: in the build folder's package checkouts.
    static var systemSQLiteModule: URL {
        modules.deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("checkouts/GRDB.swift/Sources/GRDBSQLite")
    }

    /// The folder of built `.swiftmodule`s beside the test bundle.
    static let modules = BuiltProducts.folder(holding: "Modules/PolarisGenerated.swiftmodule").appendingPathComponent("Modules")
}
