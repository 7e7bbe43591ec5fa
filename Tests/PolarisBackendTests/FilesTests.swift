import PolarisBackend
import PolarisGenerated
import PolarisRuntime
import PolarisTestSupport
import Testing

/// `files:*` and the file functions of `system:*`.
struct FilesTests {
    func names(_ files: Value) -> [String] { files.items.compactMap { $0["name"]?.text } }

    @Test(arguments: StoreKind.allCases) func aTreeIsBuiltListedAndReadByPath(_ store: StoreKind) throws {
        let backend = try BackendHarness(store)
        let project = try backend.project(of: backend.alice)
        let src = try backend.call("files:createFolder", ["projectId": project, "name": .string("src")], as: backend.alice)
        let file = try backend.call(
            "files:writeFile", ["projectId": project, "parentId": src, "name": .string("a.ts"), "content": .string("x")],
            as: backend.alice)
        _ = try backend.call(
            "files:writeFile", ["projectId": project, "name": .string("README.md"), "content": .string("# hi")], as: backend.alice)
        #expect(names(try backend.call("files:getFiles", ["projectId": project], as: backend.alice)) == ["src", "README.md"])
        #expect(names(try backend.call("files:getFiles", ["projectId": project, "parentId": src], as: backend.alice)) == ["a.ts"])
        let byPath = try backend.call("files:getFileByPath", ["projectId": project, "path": .string("src/a.ts")], as: backend.alice)
        #expect(byPath["_id"] == file)
        #expect(try backend.call("files:getFileByPath", ["projectId": project, "path": .string("src/b.ts")], as: backend.alice) == .null)
        #expect(try backend.call("files:getFile", ["id": file], as: backend.alice)["content"] == .string("x"))
        #expect(throws: FunctionError.unauthorized("Unauthorized")) {
            try backend.call("files:getFile", ["id": file], as: backend.bob)
        }
        #expect(throws: FunctionError.unauthorized("Unauthorized")) {
            try backend.call("files:getFiles", ["projectId": project], as: backend.bob)
        }
    }

    @Test(arguments: StoreKind.allCases) func contentRenameAndMove(_ store: StoreKind) throws {
        let backend = try BackendHarness(store)
        let project = try backend.project(of: backend.alice)
        let a = try backend.call("files:createFolder", ["projectId": project, "name": .string("a")], as: backend.alice)
        let b = try backend.call("files:createFolder", ["projectId": project, "parentId": a, "name": .string("b")], as: backend.alice)
        let file = try backend.call(
            "files:writeFile", ["projectId": project, "name": .string("f"), "content": .string("1")], as: backend.alice)
        try backend.call("files:updateContent", ["id": file, "content": .string("2")], as: backend.alice)
        try backend.call("files:rename", ["id": file, "newName": .string("g")], as: backend.alice)
        try backend.call("files:move", ["id": file, "newParentId": b], as: backend.alice)
        let moved = try backend.call("files:getFileByPath", ["projectId": project, "path": .string("a/b/g")], as: backend.alice)
        #expect(moved["content"] == .string("2"))
        #expect(throws: FunctionError.application(message: "Cannot move a folder into itself", data: nil)) {
            try backend.call("files:move", ["id": a, "newParentId": b], as: backend.alice)
        }
        #expect(throws: FunctionError.application(message: "Cannot set the content of a folder", data: nil)) {
            try backend.call("files:updateContent", ["id": a, "content": .string("x")], as: backend.alice)
        }
        try backend.call("files:move", ["id": file], as: backend.alice)
        #expect(try backend.call("files:getFileByPath", ["projectId": project, "path": .string("g")], as: backend.alice)["_id"] == file)
        #expect(throws: FunctionError.unauthorized("Unauthorized")) {
            try backend.call("files:rename", ["id": file, "newName": .string("h")], as: backend.bob)
        }
    }

    @Test(arguments: StoreKind.allCases) func deletingAFolderRemovesEverythingInItAndTheirBlobs(_ store: StoreKind) throws {
        let backend = try BackendHarness(store)
        let project = try backend.project(of: backend.alice)
        let folder = try backend.call("files:createFolder", ["projectId": project, "name": .string("assets")], as: backend.alice)
        let blob = try backend.store.write { db in try db.store([1, 2, 3], contentType: "image/png") }
        let stored = try #require(try backend.store.read { db in try db.get(blob) })
        #expect(stored.size == 3)
        #expect(stored.sha256 == "039058c6f2c0cb492c533b0a4d14ef77cc0f78abccced5287d84a1a2011cfb81")
        #expect(stored.contentType == "image/png")
        _ = try backend.call(
            "files:uploadFile", ["projectId": project, "parentId": folder, "name": .string("logo.png"), "storageId": .string(blob.rawValue)],
            as: backend.alice)
        try backend.system("writeFileByPath", ["projectId": project, "path": .string("assets/deep/x.txt"), "content": .string("x")])
        #expect(try backend.call("files:getFiles", ["projectId": project, "parentId": folder], as: backend.alice).items.count == 2)
        try backend.call("files:delete", ["id": folder], as: backend.alice)
        #expect(try backend.system("getAllProjectFiles", ["projectId": project]).items.isEmpty)
        #expect(try backend.store.read { db in try db.get(blob) } == nil)
        #expect(try backend.store.read { db in try db.contents(of: blob) } == nil)
    }

    @Test(arguments: StoreKind.allCases) func aFailedMutationLeavesNoBlobBehind(_ store: StoreKind) throws {
        let backend = try BackendHarness(store)
        struct Stop: Error {}
        #expect(throws: Stop.self) {
            try backend.store.write { db in
                _ = try db.store(Array(repeating: 7, count: 1000))
                throw Stop()
            }
        }
        #expect(try backend.store.read { db in try db.query(StoredFile.self).collect() }.isEmpty)
    }

    @Test(arguments: StoreKind.allCases) func writeFileByPathCreatesParentsAndUpdatesInPlace(_ store: StoreKind) throws {
        let backend = try BackendHarness(store)
        let project = try backend.project(of: backend.alice)
        let first = try backend.system("writeFileByPath", ["projectId": project, "path": .string("src/lib/a.ts"), "content": .string("1")])
        let again = try backend.system("writeFileByPath", ["projectId": project, "path": .string("/src//lib/a.ts"), "content": .string("2")])
        #expect(first == again)
        _ = try backend.system("writeFileByPath", ["projectId": project, "path": .string("src/b.ts"), "content": .string("b")])
        let all = try backend.system("getAllProjectFiles", ["projectId": project]).items
        #expect(all.compactMap { $0["name"]?.text }.sorted() == ["a.ts", "b.ts", "lib", "src"])
        #expect(try backend.call("files:getFile", ["id": first], as: backend.alice)["content"] == .string("2"))
    }

    @Test(arguments: StoreKind.allCases) func concurrentWritesByPathLeaveOneFolderPerPath(_ store: StoreKind) async throws {
        let backend = try BackendHarness(store, file: true)
        let project = try backend.project(of: backend.alice)
        await withTaskGroup(of: Void.self) { group in
            for index in 0..<20 {
                group.addTask {
                    _ = try? backend.system(
                        "writeFileByPath", ["projectId": project, "path": .string("a/b/c/f\(index % 5).txt"), "content": .string("\(index)")])
                }
            }
        }
        let all = try backend.system("getAllProjectFiles", ["projectId": project]).items
        let folders = all.filter { $0["type"] == .string("folder") }.compactMap { $0["name"]?.text }
        #expect(folders.sorted() == ["a", "b", "c"])
        #expect(all.count == 8)
    }

    @Test(arguments: StoreKind.allCases) func theInternalApiNeedsTheKey(_ store: StoreKind) throws {
        let backend = try BackendHarness(store)
        let project = try backend.project(of: backend.alice)
        let arguments: [String: Value] = ["projectId": project, "path": .string("a"), "content": .string("")]
        #expect(throws: FunctionError.self) { try backend.call("system:writeFileByPath", arguments, as: backend.alice) }
        var wrong = arguments
        wrong["internalKey"] = .string("guess")
        #expect(throws: FunctionError.unauthorized("the internal key of 'system:writeFileByPath' is wrong")) {
            try backend.call("system:writeFileByPath", wrong, as: nil)
        }
        #expect(try backend.snapshot().count == 2)
    }
}
