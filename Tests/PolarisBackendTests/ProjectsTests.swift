import PolarisBackend
import PolarisGenerated
import PolarisRuntime
import PolarisTestSupport
import Testing

/// `projects:*` through the registry, with every access rule.
struct ProjectsTests {
    @Test(arguments: StoreKind.allCases) func createMakesTheUserOnceAndGetListsNewestFirst(_ store: StoreKind) throws {
        let backend = try BackendHarness(store)
        let first = try backend.project("One", of: backend.alice)
        let second = try backend.project("Two", of: backend.alice)
        _ = try backend.project("Bob's", of: backend.bob)
        let listed = try backend.call("projects:get", as: backend.alice).items
        #expect(listed.map { $0["name"] } == [.string("Two"), .string("One")])
        #expect(listed.map { $0["_id"] } == [second, first])
        let users = try backend.store.read { db in try db.query(User.self).collect() }
        #expect(users.map(\.stackUserId) == ["alice", "bob"])
        #expect(users[0].email == "alice@example.com")
        #expect(users[0].projectLimit == 10)
        #expect(listed[0]["userId"] == .string(users[0]._id.rawValue))
    }

    @Test(arguments: StoreKind.allCases) func theProjectLimitHoldsAndMinusOneIsUnlimited(_ store: StoreKind) throws {
        let backend = try BackendHarness(store)
        for index in 0..<10 { _ = try backend.project("p\(index)", of: backend.alice) }
        #expect(throws: FunctionError.application(message: "Project limit reached", data: nil)) {
            try backend.project("eleventh", of: backend.alice)
        }
        try backend.store.write { db in
            let user = try #require(try db.query(User.self).withIndex(.byStackUser) { $0.eq("alice") }.unique())
            try db.patch(user._id) { $0.projectLimit = -1 }
        }
        _ = try backend.project("eleventh", of: backend.alice)
        #expect(try backend.call("projects:get", as: backend.alice).items.count == 11)
    }

    @Test(arguments: StoreKind.allCases) func getByIdAndRenameCheckTheOwner(_ store: StoreKind) throws {
        let backend = try BackendHarness(store)
        let id = try backend.project(of: backend.alice)
        #expect(try backend.call("projects:getById", ["id": id], as: backend.alice)["name"] == .string("Site"))
        #expect(throws: FunctionError.unauthorized("Unauthorized")) {
            try backend.call("projects:getById", ["id": id], as: backend.bob)
        }
        #expect(throws: FunctionError.unauthorized("Unauthorized")) {
            try backend.call("projects:rename", ["id": id, "name": .string("Mine")], as: backend.bob)
        }
        try backend.call("projects:rename", ["id": id, "name": .string("Renamed")], as: backend.alice)
        #expect(try backend.call("projects:getById", ["id": id], as: backend.alice)["name"] == .string("Renamed"))
        try backend.store.write { db in try db.delete(Id<Project>(id.text!)) }
        #expect(throws: FunctionError.notFound("Project not found")) {
            try backend.call("projects:getById", ["id": id], as: backend.alice)
        }
    }

    @Test(arguments: StoreKind.allCases) func userFunctionsNeedAnIdentity(_ store: StoreKind) throws {
        let backend = try BackendHarness(store)
        #expect(throws: FunctionError.unauthenticated) { try backend.call("projects:get", as: nil) }
        #expect(throws: FunctionError.unauthenticated) { try backend.call("projects:create", ["name": .string("x")], as: nil) }
    }

    @Test(arguments: StoreKind.allCases) func fiftyConcurrentCreatesLeaveExactlyTheLimit(_ store: StoreKind) async throws {
        let backend = try BackendHarness(store, file: true)
        let alice = backend.alice
        let outcomes = await withTaskGroup(of: Bool.self) { group in
            for index in 0..<50 {
                group.addTask {
                    (try? backend.call("projects:create", ["name": .string("p\(index)")], as: alice)) != nil
                }
            }
            return await group.reduce(into: [Bool]()) { $0.append($1) }
        }
        #expect(outcomes.filter { $0 }.count == 10)
        #expect(try backend.call("projects:get", as: alice).items.count == 10)
        #expect(try backend.store.read { db in try db.query(User.self).collect() }.count == 1)
    }
}
