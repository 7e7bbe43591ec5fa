import PolarisData
import PolarisGenerated
import PolarisRuntime
import PolarisSchema
import ReferenceEverything
import Testing
import Foundation

/// The tables `polaris-data` reads from a schema file are exactly the ones
/// the generated code declares, so the data check and the server agree.
@Suite struct SchemaTablesTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static func compile(_ relativePath: Swift.String) throws -> (tables: [TableDescription], ddl: Swift.String) {
        let text = try Swift.String(contentsOf: root.appendingPathComponent(relativePath), encoding: .utf8)
        return try MigrationDatabase.compile(text)
    }

    @Test func thePolarisSchemaMatchesGenerated() throws {
        let (tables, ddl) = try Self.compile("schema/polaris.yaml")
        #expect(tables == PolarisGenerated.PolarisDatabase.tables)
        #expect(ddl == PolarisGenerated.PolarisDatabase.sqliteDDL + "\n")
    }

    @Test func theReferenceSchemaOfEveryFormMatchesGenerated() throws {
        let (tables, ddl) = try Self.compile("Tests/Reference/everything.yaml")
        #expect(tables == ReferenceEverything.PolarisDatabase.tables)
        #expect(ddl == ReferenceEverything.PolarisDatabase.sqliteDDL + "\n")
    }
}
