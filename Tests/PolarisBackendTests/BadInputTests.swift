import PolarisBackend
import PolarisGenerated
import PolarisRuntime
import PolarisTestSupport
import Testing

/// Malformed calls: each gets its clear error and leaves the database as it was.
struct BadInputTests {
    @Test(arguments: StoreKind.allCases) func eachMalformedCallIsRefusedAndChangesNothing(_ store: StoreKind) throws {
        let backend = try BackendHarness(store)
        let project = try backend.project(of: backend.alice)
        let folder = try backend.call("files:createFolder", ["projectId": project, "name": .string("src")], as: backend.alice)
        var deep = Value.string("leaf")
        for _ in 0..<100 { deep = .array([deep]) }
        let forged = Value.string("jd7f3kq9zzzzzzzzzzzzzzzzzzzzzzzz")
        let cases: [(String, [String: Value], String)] = [
            ("projects:create", ["name": .float64(1)], "invalid arguments: name: expected string, got number"),
            ("projects:create", [:], "invalid arguments: (root): missing required field 'name'"),
            ("projects:create", ["name": .string("a"), "owner": .string("bob")], "invalid arguments: (root): unexpected field 'owner'"),
            ("projects:getById", ["id": folder], "invalid arguments: id: expected an ID of table 'projects', got \"\(folder.text!)\""),
            ("projects:getById", ["id": forged], "invalid arguments: id: expected an ID of table 'projects', got \"\(forged.text!)\""),
            ("files:writeFile", ["projectId": project, "name": .string("a"), "content": deep],
             "invalid arguments: content: expected string, got array"),
            ("files:createFolder", ["projectId": project, "parentId": project, "name": .string("x")],
             "invalid arguments: parentId: expected an ID of table 'files', got \"\(project.text!)\""),
            ("projects:rename", ["id": project, "name": .string(String(repeating: "x", count: 2_000_000))],
             "invalid arguments: name: the string is longer than 1048576 bytes"),
            ("nope:nothing", [:], "no function named 'nope:nothing'"),
        ]
        let before = try backend.snapshot()
        for (path, arguments, message) in cases {
            #expect(throws: FunctionError.self) { try backend.call(path, arguments, as: backend.alice) }
            do {
                try backend.call(path, arguments, as: backend.alice)
            } catch {
                #expect(error.description == message, "\(path)")
            }
        }
        #expect(try backend.snapshot() == before)
    }
}
