import Foundation
import PolarisBackend
import PolarisGenerated
import PolarisRuntime
import PolarisTestSupport
import Testing

/// `conversations:*`, `messages:*`, `generationEvents:*` and the status
/// functions of `system:*`.
struct ConversationsTests {
    @Test(arguments: StoreKind.allCases) func conversationsAreListedMostRecentlyUpdatedFirst(_ store: StoreKind) throws {
        let backend = try BackendHarness(store)
        let project = try backend.project(of: backend.alice)
        let first = try backend.call("conversations:create", ["projectId": project, "title": .string("One")], as: backend.alice)
        _ = try backend.call("conversations:create", ["projectId": project, "title": .string("Two")], as: backend.alice)
        Thread.sleep(forTimeInterval: 0.005)  // updatedAt counts whole milliseconds, as Date.now() does
        try backend.call("conversations:updateTitle", ["id": first, "title": .string("One again")], as: backend.alice)
        let listed = try backend.call("conversations:getByProject", ["projectId": project], as: backend.alice).items
        #expect(listed.map { $0["title"] } == [.string("One again"), .string("Two")])
        #expect(try backend.call("conversations:getById", ["id": first], as: backend.alice)["title"] == .string("One again"))
        #expect(throws: FunctionError.unauthorized("Unauthorized")) {
            try backend.call("conversations:getById", ["id": first], as: backend.bob)
        }
        #expect(throws: FunctionError.unauthorized("Unauthorized")) {
            try backend.call("conversations:create", ["projectId": project, "title": .string("x")], as: backend.bob)
        }
    }

    @Test(arguments: StoreKind.allCases) func sendAddsTwoMessagesAndTheJobFillsTheReply(_ store: StoreKind) throws {
        let backend = try BackendHarness(store)
        let project = try backend.project(of: backend.alice)
        let conversation = try backend.call("conversations:create", ["projectId": project, "title": .string("c")], as: backend.alice)
        let reply = try backend.call("messages:send", ["conversationId": conversation, "content": .string("hello")], as: backend.alice)
        var messages = try backend.call("messages:getByConversation", ["conversationId": conversation], as: backend.alice).items
        #expect(messages.map { $0["role"] } == [.string("user"), .string("assistant")])
        #expect(messages[1]["_id"] == reply)
        #expect(messages[1]["status"] == .string("processing"))
        try backend.system("updateMessage", [
            "messageId": reply, "content": .string("hi!"), "status": .string("completed"), "triggerRunId": .string("run-1"),
            "toolCalls": .array([.object(["id": .string("t1"), "name": .string("write"), "args": .object([:])])]),
        ])
        messages = try backend.call("messages:getByConversation", ["conversationId": conversation], as: backend.alice).items
        #expect(messages[1]["content"] == .string("hi!"))
        #expect(messages[1]["toolCalls"]?.items.count == 1)
        #expect(throws: FunctionError.application(message: "Only a processing assistant message can be cancelled", data: nil)) {
            try backend.call("messages:cancel", ["messageId": reply], as: backend.alice)
        }
        #expect(throws: FunctionError.unauthorized("Unauthorized")) {
            try backend.call("messages:getByConversation", ["conversationId": conversation], as: backend.bob)
        }
    }

    @Test(arguments: StoreKind.allCases) func cancelAndPagedListing(_ store: StoreKind) throws {
        let backend = try BackendHarness(store)
        let project = try backend.project(of: backend.alice)
        let conversation = try backend.call("conversations:create", ["projectId": project, "title": .string("c")], as: backend.alice)
        var replies: [Value] = []
        for index in 0..<3 {
            replies.append(try backend.call("messages:send", ["conversationId": conversation, "content": .string("m\(index)")], as: backend.alice))
        }
        #expect(throws: FunctionError.unauthorized("Unauthorized")) {
            try backend.call("messages:cancel", ["messageId": replies[0]], as: backend.bob)
        }
        try backend.call("messages:cancel", ["messageId": replies[0]], as: backend.alice)
        var cursor: Value = .null
        var seen: [Value] = []
        while true {
            let page = try backend.call("messages:list", [
                "conversationId": conversation, "paginationOpts": .object(["numItems": .float64(4), "cursor": cursor]),
            ], as: backend.alice)
            seen += page["page"]?.items ?? []
            guard page["isDone"] == .boolean(false), let next = page["continueCursor"] else { break }
            cursor = next
        }
        #expect(seen.count == 6)
        #expect(seen.first?["_id"] == replies[2])
        #expect(seen.last?["content"] == .string("m0"))
        #expect(seen.contains { $0["_id"] == replies[0] && $0["status"] == .string("cancelled") })
    }

    @Test(arguments: StoreKind.allCases) func generationEventsNewestFirstWithALimit(_ store: StoreKind) throws {
        let backend = try BackendHarness(store)
        let project = try backend.project(of: backend.alice)
        for index in 0..<3 {
            try backend.system("addGenerationEvent", [
                "projectId": project, "type": .string("step"), "message": .string("step \(index)"),
            ])
        }
        let recent = try backend.call("generationEvents:recent", ["projectId": project, "limit": .float64(2)], as: backend.alice).items
        #expect(recent.count == 2)
        #expect(try backend.call("generationEvents:recent", ["projectId": project], as: backend.alice).items.count == 3)
        // A client's number never traps: a huge limit is all, a negative one none.
        #expect(try backend.call("generationEvents:recent", ["projectId": project, "limit": .float64(1e300)], as: backend.alice).items.count == 3)
        #expect(try backend.call("generationEvents:recent", ["projectId": project, "limit": .float64(-5)], as: backend.alice).items.isEmpty)
        #expect(throws: FunctionError.unauthorized("Unauthorized")) {
            try backend.call("generationEvents:recent", ["projectId": project], as: backend.bob)
        }
    }

    @Test(arguments: StoreKind.allCases) func importAndExportStatuses(_ store: StoreKind) throws {
        let backend = try BackendHarness(store)
        let project = try backend.project(of: backend.alice)
        try backend.system("updateProjectImportStatus", ["projectId": project, "status": .string("importing")])
        try backend.system("updateProjectExportStatus", [
            "projectId": project, "status": .string("completed"), "repoUrl": .string("https://github.com/a/b"),
        ])
        let stored = try backend.call("projects:getById", ["id": project], as: backend.alice)
        #expect(stored["importStatus"] == .string("importing"))
        #expect(stored["exportStatus"] == .string("completed"))
        #expect(stored["exportRepoUrl"] == .string("https://github.com/a/b"))
        let missing = Value.string(DocumentIDs.make(table: "projects"))
        #expect(throws: FunctionError.notFound("Project not found")) {
            try backend.system("updateProjectImportStatus", ["projectId": missing, "status": .string("failed")])
        }
    }
}
