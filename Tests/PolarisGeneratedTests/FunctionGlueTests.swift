import PolarisGenerated
import PolarisRuntime
import Testing

/// Handlers registered through the generated glue, called by path with
/// untyped arguments; and the client stubs over a transport.
struct FunctionGlueTests {
    struct Projects: ProjectsHandlers {
        func get(_ context: QueryContext, identity: Identity) throws -> [Project] {
            [Project(_id: TestIDs.of(Project.self, "p1"), _creationTime: 1, name: identity.subject, ownerId: identity.subject, updatedAt: 1)]
        }
        func getById(_ context: QueryContext, identity: Identity, _ arguments: ProjectsFunctions.GetByIdArgs) throws -> Project {
            Project(_id: arguments.id, _creationTime: 1, name: "n", ownerId: identity.subject, updatedAt: 1)
        }
        func create(_ context: MutationContext, identity: Identity, _ arguments: ProjectsFunctions.CreateArgs) throws -> Id<Project> {
            try context.db.insert(Project.new(name: arguments.name, ownerId: identity.subject, updatedAt: 0))
        }
        func rename(_ context: MutationContext, identity: Identity, _ arguments: ProjectsFunctions.RenameArgs) throws {}
    }

    struct System: SystemHandlers {
        func writeFileByPath(_ context: MutationContext, _ arguments: SystemFunctions.WriteFileByPathArgs) throws -> Id<File> {
            TestIDs.of(File.self, arguments.path)
        }
        func getAllProjectFiles(_ context: QueryContext, _ arguments: SystemFunctions.GetAllProjectFilesArgs) throws -> [File] { [] }
        func updateProjectImportStatus(_ context: MutationContext, _ arguments: SystemFunctions.UpdateProjectImportStatusArgs) throws {}
        func updateProjectExportStatus(_ context: MutationContext, _ arguments: SystemFunctions.UpdateProjectExportStatusArgs) throws {}
        func updateMessage(_ context: MutationContext, _ arguments: SystemFunctions.UpdateMessageArgs) throws {}
        func addGenerationEvent(_ context: MutationContext, _ arguments: SystemFunctions.AddGenerationEventArgs) throws -> Id<GenerationEvent> {
            TestIDs.of(GenerationEvent.self, "e")
        }
    }

    let registry: FunctionRegistry = {
        var registry = FunctionRegistry()
        Projects().register(in: &registry)
        System().register(in: &registry)
        return registry
    }()
    let alice = Identity(subject: "alice", issuer: "https://auth.example")
    let project = TestIDs.of("projects", "p")

    func run(_ path: String, _ arguments: Value, identity: Identity?, key: String? = "secret") throws -> Value {
        let database = RecordingDatabase()
        let (function, arguments) = try registry.prepare(path, arguments: arguments, identity: identity, internalKey: key)
        let result: Value
        switch function.handler {
        case .query(let run): result = try run(QueryContext(db: database, identity: identity), arguments)
        case .mutation(let run): result = try run(MutationContext(db: database, identity: identity), arguments)
        }
        return try FunctionRegistry.checkResult(result, of: function)
    }

    @Test func callsByPathWithValidatedDecodedArguments() throws {
        #expect(try run("projects:create", .object(["name": .string("Site")]), identity: alice) == .string(TestIDs.of("projects", "new1")))
        let listed = try run("projects:get", .object([:]), identity: alice)
        #expect(try [Project](convexValue: listed).first?.ownerId == "alice")
        #expect(try run("projects:rename", .object(["id": .string(project), "name": .string("x")]), identity: alice) == .null)
    }

    @Test func userAccessNeedsAnIdentity() {
        #expect(throws: FunctionError.unauthenticated) { try run("projects:get", .object([:]), identity: nil) }
    }

    @Test func argumentsAreValidatedWithTheirPath() {
        #expect(throws: FunctionError.invalidArguments(ValueError(path: ValuePath([.field("name")]), message: "expected string, got number"))) {
            try run("projects:create", .object(["name": .float64(1)]), identity: alice)
        }
        #expect(throws: FunctionError.invalidArguments(ValueError(path: ValuePath(), message: "unexpected field 'extra'"))) {
            try run("projects:rename", .object(["id": .string(project), "name": .string("x"), "extra": .null]), identity: alice)
        }
        #expect(throws: FunctionError.unknownFunction("projects:nope")) { try run("projects:nope", .object([:]), identity: alice) }
    }

    @Test func internalFunctionsNeedTheKeyAndNeverSeeIt() throws {
        let arguments = Value.object([
            "internalKey": .string("secret"), "projectId": .string(project), "path": .string("src/a.ts"), "content": .string(""),
        ])
        #expect(try run("system:writeFileByPath", arguments, identity: nil) == .string(TestIDs.of("files", "src/a.ts")))
        #expect(throws: FunctionError.self) { try run("system:writeFileByPath", arguments, identity: nil, key: "other") }
        #expect(throws: FunctionError.self) { try run("system:writeFileByPath", arguments, identity: nil, key: nil) }
        guard case .object(var fields) = arguments else { return }
        fields["internalKey"] = nil
        #expect(throws: FunctionError.self) { try run("system:writeFileByPath", .object(fields), identity: nil) }
    }

    @Test func internalKeysCompareWhole() {
        #expect(InternalKey.matches("abc", "abc"))
        #expect(!InternalKey.matches("abc", "abd"))
        #expect(!InternalKey.matches("ab", "abc"))
        #expect(!InternalKey.matches("", "abc"))
    }

    /// A transport that records each call and answers with a fixed value.
    final class Transport: PolarisTransport, @unchecked Sendable {
        var calls: [(kind: String, path: String, arguments: Value)] = []
        var answer: Value = .null

        func query(_ path: String, arguments: Value) async throws -> Value {
            calls.append(("query", path, arguments))
            return answer
        }

        func mutation(_ path: String, arguments: Value, optimisticUpdate: OptimisticUpdate?) async throws -> Value {
            calls.append(("mutation", path, arguments))
            return answer
        }

        func subscribe(_ path: String, arguments: Value, buffering: QueryBuffering) -> QueryResults {
            calls.append(("subscribe", path, arguments))
            let answer = answer
            return QueryResults(AsyncThrowingStream { $0.yield(answer); $0.finish() }, onRelease: {})
        }
    }

    @Test func clientStubsSendTypedCalls() async throws {
        let transport = Transport()
        let api = PolarisAPI(transport: transport)
        transport.answer = .string("p9")
        #expect(try await api.projects.create(name: "Site") == Id("p9"))
        #expect(transport.calls.last?.path == "projects:create")
        #expect(transport.calls.last?.kind == "mutation")
        #expect(transport.calls.last?.arguments == .object(["name": .string("Site")]))
        transport.answer = .null
        #expect(try await api.files.getFileByPath(projectId: Id("p"), path: "a") == nil)
        transport.answer = .array([])
        let files = api.files.getFilesQuery(projectId: Id("p"))
        #expect(files.path == "files:getFiles")
        #expect(files.arguments == .object(["projectId": .string("p")]))
        for try await children in files.subscribe() { #expect(children.isEmpty) }
        #expect(transport.calls.last?.kind == "subscribe")
        try await api.system.updateProjectExportStatus(internalKey: "k", projectId: Id("p"), status: .completed)
        #expect(transport.calls.last?.arguments == .object([
            "internalKey": .string("k"), "projectId": .string("p"), "status": .string("completed"),
        ]))
    }
}
