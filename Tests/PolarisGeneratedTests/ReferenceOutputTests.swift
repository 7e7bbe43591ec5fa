import Foundation
import PolarisSchema
import Testing

/// The generated files for each reference schema, compared byte for byte with
/// the checked-in output that the package compiles (targets
/// `ReferenceEverything` and `PolarisGenerated`).
struct ReferenceOutputTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    @Test(arguments: [
        ("Tests/Reference/everything.yaml", "Tests/Reference/Everything"),
        ("schema/polaris.yaml", "Generated"),
    ])
    func generatedFilesMatchTheReference(schema: String, folder: String) throws {
        let path = Self.root.appendingPathComponent(schema).path
        let bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: path)))
        let checked = try #require(SchemaCompiler.check(SourceFile(path: path, bytes: bytes)).schema)
        let name = URL(fileURLWithPath: schema).lastPathComponent
        let files = SwiftGenerator.files(for: checked, schemaFileName: name)
        #expect(files.map(\.name) == SwiftGenerator.fileNames(schemaFileName: name))
        let checkedIn = try FileManager.default.contentsOfDirectory(atPath: Self.root.appendingPathComponent(folder).path)
            .filter { $0.hasSuffix(".swift") }.sorted()
        #expect(checkedIn == files.map(\.name).sorted())
        for file in files {
            let reference = try String(contentsOf: Self.root.appendingPathComponent(folder).appendingPathComponent(file.name), encoding: .utf8)
            #expect(file.contents == reference, "\(file.name) differs; run: swift run polaris generate \(schema) --output \(folder)")
        }
    }

    @Test func generationIsDeterministic() throws {
        let path = Self.root.appendingPathComponent("Tests/Reference/everything.yaml").path
        let bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: path)))
        let first = try #require(SchemaCompiler.check(SourceFile(path: path, bytes: bytes)).schema)
        let second = try #require(SchemaCompiler.check(SourceFile(path: path, bytes: bytes)).schema)
        #expect(SwiftGenerator.files(for: first, schemaFileName: "everything.yaml")
            == SwiftGenerator.files(for: second, schemaFileName: "everything.yaml"))
        #expect(SQLGenerator.ddl(for: first, dialect: .postgres) == SQLGenerator.ddl(for: second, dialect: .postgres))
    }

    @Test func fileNamesDependOnlyOnTheSchemaFileName() {
        #expect(SwiftGenerator.fileNames(schemaFileName: "polaris.yaml")
            == ["PolarisModels.swift", "PolarisTables.swift", "PolarisFunctions.swift", "PolarisClient.swift"])
        #expect(SwiftGenerator.fileNames(schemaFileName: "dir/app-schema.yml").first == "AppSchemaModels.swift")
    }
}
