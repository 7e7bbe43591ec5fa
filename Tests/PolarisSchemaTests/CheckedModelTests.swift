import Foundation
import Testing
@testable import PolarisSchema

/// The checked `Schema` that every later stage reads: what the reference
/// schema and the type forms resolve to.
@Suite struct CheckedModelTests {
    static let referenceSchema: Schema? = {
        let url = Fixtures.root.deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("schema/polaris.yaml")
        let text = (try? String(contentsOf: url, encoding: .utf8)) ?? ""
        return Fixtures.check(text, path: "schema/polaris.yaml").0.schema
    }()

    @Test func theReferenceSchemaHasTheSeedsTablesAndIndexes() throws {
        let schema = try #require(Self.referenceSchema)
        #expect(schema.tables.map(\.name) == ["users", "projects", "files", "conversations", "messages", "generationEvents"])
        #expect(schema.tables.map(\.swiftName) == ["User", "Project", "File", "Conversation", "Message", "GenerationEvent"])
        let indexes = schema.tables.map { table in table.indexes.map { "\($0.name)(\($0.fields.joined(separator: ",")))" } }
        #expect(indexes == [
            ["by_stack_user(stackUserId)", "by_autumn_customer(autumnCustomerId)"],
            ["by_owner(ownerId)", "by_user(userId)"],
            ["by_project(projectId)", "by_parent(parentId)", "by_project_parent(projectId,parentId)"],
            ["by_project(projectId)"],
            ["by_conversation(conversationId)", "by_project_status(projectId,status)"],
            ["by_project_created_at(projectId,createdAt)"],
        ])
    }

    @Test func fieldsKeepTheirTypesOptionalityAndDocs() throws {
        let files = try #require(Self.referenceSchema?.table(named: "files"))
        guard case .fields(let fields) = files.shape else {
            Issue.record("files has variants")
            return
        }
        let byName = Dictionary(uniqueKeysWithValues: fields.map { ($0.name, $0) })
        #expect(byName["projectId"]?.type == .id(table: "projects"))
        #expect(byName["projectId"]?.isOptional == false)
        #expect(byName["parentId"]?.type == .id(table: "files"))
        #expect(byName["parentId"]?.isOptional == true)
        #expect(byName["parentId"]?.doc == "Parent folder")
        #expect(byName["type"]?.type == .union([.literal(.string("file")), .literal(.string("folder"))]))
        #expect(byName["storageId"]?.type == .id(table: "_storage"))
        #expect(files.doc == "Project files and folders")
    }

    @Test func functionsKeepKindAccessArgumentsAndReturns() throws {
        let schema = try #require(Self.referenceSchema)
        let functions = Dictionary(uniqueKeysWithValues: schema.modules.flatMap(\.functions).map { ($0.path, $0) })
        let get = try #require(functions["projects:get"])
        #expect(get.kind == .query && get.access == .user && get.arguments.isEmpty)
        #expect(get.returns == .array(.document(table: "projects")))
        let create = try #require(functions["projects:create"])
        #expect(create.kind == .mutation && create.returns == .id(table: "projects"))
        let write = try #require(functions["system:writeFileByPath"])
        #expect(write.access == .internal)
        #expect(write.arguments.map(\.name) == ["internalKey", "projectId", "path", "content"])
        #expect(functions["files:rename"]?.returns == .null)
        #expect(functions["messages:list"]?.returns == .page(.document(table: "messages")))
        #expect(functions["messages:list"]?.arguments.last?.type == .paginationOptions)
        #expect(functions["files:getFileByPath"]?.returns == .union([.document(table: "files"), .null]))
        for required in ["projects:getById", "files:writeFile", "files:uploadFile", "system:getAllProjectFiles",
            "system:updateProjectImportStatus", "system:updateProjectExportStatus", "files:getFiles", "files:move",
            "files:delete", "conversations:create", "messages:send", "generationEvents:recent"]
        {
            #expect(functions[required] != nil, "\(required)")
        }
    }

    @Test func namedTypesStayReferences() throws {
        let schema = try #require(Self.referenceSchema)
        let messages = try #require(schema.table(named: "messages"))
        let toolCalls = messages.allFields.first { $0.name == "toolCalls" }
        #expect(toolCalls?.type == .array(.named("ToolCall")))
        #expect(toolCalls?.isOptional == true)
        #expect(schema.namedType("ToolCall")?.type.description == "{ id: string, name: string, args: any, result?: any }")
    }

    @Test(arguments: [
        ("string | (number | null)", "string | number | null"),
        ("enum<a, b>", "enum<a, b>"),
        ("enum<a>", "literal<a>"),
        ("literal<42>", "literal<42>"),
        ("literal<42n>", "literal<42n>"),
        ("'literal<\"two words\">'", "literal<\"two words\">"),
        ("record<string | id<t>, array<bytes>>", "record<string | id<t>, array<bytes>>"),
        ("{ object: { a: string?, _b: int64 } }", "{ a?: string, _b: int64 }"),
        ("{ union: [string, { array: boolean }] }", "string | array<boolean>"),
    ])
    func typesResolve(_ written: String, _ resolved: String) throws {
        let text = "version: 1\ntables:\n  t:\n    fields:\n      f: \(written)\n"
        let (result, rendered) = Fixtures.check(text)
        let table = try #require(result.schema?.tables.first, "\(rendered)")
        #expect(table.allFields.first?.type.description == resolved)
    }

    @Test func absentAndNullStayDifferent() throws {
        let text = "version: 1\ntables:\n  t:\n    fields:\n      a: string?\n      b: string | null\n      c: string? | null\n"
        let fields = try #require(Fixtures.check(text).0.schema?.tables.first?.allFields)
        #expect(fields.map(\.isOptional) == [true, false, true])
        #expect(fields.map(\.type) == [.string, .union([.string, .null]), .union([.string, .null])])
    }

    @Test(arguments: [
        ("generationEvents", "GenerationEvent"), ("categories", "Category"), ("boxes", "Box"), ("addresses", "Address"),
        ("status", "Status"), ("data", "Data"), ("user_profiles", "UserProfile"),
    ])
    func tableModelNames(_ table: String, _ swiftName: String) {
        #expect(SwiftNames.typeName(forTable: table) == swiftName)
    }

    @Test func theCheckerNeverStopsAtTheFirstError() {
        let text = """
            version: 1
            tables:
              a: { fields: { x: strng } }
              b: { fields: { y: id<nowhere> } }
            functions:
              m:
                f: { kind: query, access: nobody }
            """
        let (result, _) = Fixtures.check(text)
        #expect(result.diagnostics.map(\.location.line) == [3, 4, 7])
    }
}
