import Foundation
import PolarisClient
import PolarisGenerated
import PolarisRuntime
import PolarisTestSupport
import Testing

/// Two `polaris-server` processes on one PostgreSQL database, as a team
/// runs them behind a load balancer.
@Suite struct MultiServerTests {
    @Test func aSubscriberOfOneServerSeesEveryMutationMadeThroughTheOtherInOrder() async throws {
        let a = try ServerProcess(kind: .postgres)
        let b = try ServerProcess(database: a.database)
        let token = ServerProcess.token("user-1")
        let (reader, writer) = (try PolarisSyncClient(url: a.url, token: token), try PolarisSyncClient(url: b.url, token: token))
        let guardian = SyncClientTests.closing(reader, writer)
        defer { guardian.cancel(); reader.close(); writer.close() }

        var projects = PolarisAPI(transport: reader).projects.getQuery().subscribe(buffering: .every).makeAsyncIterator()
        #expect(try await projects.next() == [])
        for name in ["One", "Two", "Three"] { _ = try await PolarisAPI(transport: writer).projects.create(name: name) }
        var seen: [[String]] = []
        while seen.last?.count != 3, let next = try await projects.next() { seen.append(next.map(\.name)) }
        // Newest first; never an older state after a newer one.
        #expect(seen.last == ["Three", "Two", "One"])
        #expect(seen.map(\.count) == seen.map(\.count).sorted())
        #expect(seen.allSatisfy { ["Three", "Two", "One"].suffix($0.count).elementsEqual($0) })
    }

    @Test func fiftyConcurrentCreatesOverBothServersLeaveExactlyTheLimit() async throws {
        let a = try ServerProcess(kind: .postgres)
        let b = try ServerProcess(database: a.database)
        let outcomes = try await withThrowingTaskGroup(of: Result<Value, FunctionError>.self) { group in
            for index in 0..<50 {
                group.addTask {
                    try await (index.isMultiple(of: 2) ? a : b).call("mutation", "projects:create", #"{"name": "p\#(index)"}"#, as: "alice")
                }
            }
            return try await group.reduce(into: []) { $0.append($1) }
        }
        #expect(outcomes.count { if case .success = $0 { true } else { false } } == 10)
        #expect(outcomes.allSatisfy { if case .failure(let error) = $0 { error == .failed("Project limit reached") } else { true } })
        for server in [a, b] {
            let listed = try await server.call("query", "projects:get", "{}", as: "alice").get()
            guard case .array(let projects) = listed else { Issue.record("not a list: \(listed)"); continue }
            #expect(projects.count == 10)
        }
    }

    @Test func killingOneServerLosesNoAcknowledgedMutationAndLeavesTheOthersClientsAlone() async throws {
        let a = try ServerProcess(kind: .postgres)
        let b = try ServerProcess(database: a.database)
        let watcher = try PolarisSyncClient(url: a.url, token: ServerProcess.token("alice"))
        let guardian = SyncClientTests.closing(watcher)
        defer { guardian.cancel(); watcher.close() }
        let api = PolarisAPI(transport: watcher)
        var results = api.projects.getQuery().subscribe(buffering: .every).makeAsyncIterator()
        #expect(try await results.next() == [])

        // Writers through B, one project each, until B dies under them.
        let acknowledged = Task {
            var users: [String] = []
            for index in 0..<100_000 {
                guard case .success? = try? await b.call("mutation", "projects:create", #"{"name": "w"}"#, as: "writer-\(index)")
                else { break }
                users.append("writer-\(index)")
            }
            return users
        }
        try await Task.sleep(for: .milliseconds(400))
        b.kill()
        let users = await acknowledged.value
        #expect(!users.isEmpty)
        for user in users {
            let listed = try await a.call("query", "projects:get", "{}", as: user).get()
            guard case .array(let projects) = listed else { Issue.record("not a list: \(listed)"); continue }
            #expect(projects.count == 1, "\(user)'s acknowledged project")
        }

        // A's client did not notice: its subscription still follows its own mutations, on its first connection.
        _ = try await api.projects.create(name: "After")
        var names: [String] = []
        while names != ["After"], let projects = try await results.next() { names = projects.map(\.name) }
        #expect(names == ["After"])
        #expect(watcher.connectionCount == 1)
    }
}
