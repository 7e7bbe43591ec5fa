import Foundation
import PolarisClient
import PolarisGenerated
import PolarisRuntime
import PolarisTestSupport
import Testing

/// PolarisSyncClient and the generated stubs against a real polaris-server.
/// Each test closes its clients after 60 s at most, which ends every
/// subscription and call, so a failure shows as a failed expectation, not a hang.
@Suite struct SyncClientTests {
    @Test(arguments: StoreKind.allCases) func twoClientsSeeEachOthersMutations(_ kind: StoreKind) async throws {
        let server = try ServerProcess(kind: kind)
        let token = ServerProcess.token("user-1")
        let (reader, writer) = (try PolarisSyncClient(url: server.url, token: token), try PolarisSyncClient(url: server.url, token: token))
        let guardian = Self.closing(reader, writer)
        defer { guardian.cancel(); reader.close(); writer.close() }
        let (readerAPI, writerAPI) = (PolarisAPI(transport: reader), PolarisAPI(transport: writer))

        var projects = readerAPI.projects.getQuery().subscribe(buffering: .every).makeAsyncIterator()
        #expect(try await projects.next() == [])
        let id = try await writerAPI.projects.create(name: "Site")
        let seen = try await projects.next()
        #expect(seen?.map(\.name) == ["Site"])
        #expect(seen?.first?._id == id)
        #expect(try await readerAPI.projects.getById(id: id).name == "Site")
    }

    @Test(arguments: StoreKind.allCases) func anUnauthenticatedClientCannotCallUserFunctions(_ kind: StoreKind) async throws {
        let server = try ServerProcess(kind: kind)
        let anonymous = try PolarisSyncClient(url: server.url)
        let refused = try PolarisSyncClient(url: server.url, token: "not-a-token")
        let guardian = Self.closing(anonymous, refused)
        defer { guardian.cancel(); anonymous.close(); refused.close() }

        for client in [anonymous, refused] {
            let api = PolarisAPI(transport: client)
            await #expect(throws: FunctionError.failed("this function needs an authenticated caller")) {
                try await api.projects.get()
            }
            await #expect(throws: FunctionError.self) { try await api.projects.create(name: "Site") }
        }
        #expect(anonymous.authenticationError == nil)
        #expect(refused.authenticationError != nil)
        // A good token afterwards is used from then on.
        refused.setAuth(token: ServerProcess.token("user-1"))
        #expect(try await PolarisAPI(transport: refused).projects.get() == [])
    }

    @Test(arguments: StoreKind.allCases) func anOptimisticUpdateShowsAtOnceAndIsRolledBackWhenTheMutationFails(_ kind: StoreKind) async throws {
        let server = try ServerProcess(kind: kind)
        let client = try PolarisSyncClient(url: server.url, token: ServerProcess.token("user-2"))
        let guardian = Self.closing(client)
        defer { guardian.cancel(); client.close() }
        let api = PolarisAPI(transport: client)
        for number in 1...10 { _ = try await api.projects.create(name: "P\(number)") }

        let query = api.projects.getQuery()
        var results = query.subscribe(buffering: .every).makeAsyncIterator()
        let before = try #require(try await results.next())
        #expect(before.count == 10)
        let placeholder = Project(_id: Id("optimistic"), _creationTime: 0, name: "P11", ownerId: "user-2", updatedAt: 0)
        // The eleventh project is over the limit: the server refuses it.
        let creating = Task {
            try await api.projects.create(name: "P11") { store in store[query] = [placeholder] + (store[query] ?? []) }
        }
        let optimistic = try await results.next()
        #expect(optimistic?.first == placeholder)
        #expect(optimistic?.count == 11)
        await #expect(throws: FunctionError.application(message: "Project limit reached", data: .string("Project limit reached"))) {
            try await creating.value
        }
        #expect(try await results.next() == before)
    }

    @Test(arguments: StoreKind.allCases) func anOptimisticUpdateIsReplacedByTheServersResult(_ kind: StoreKind) async throws {
        let server = try ServerProcess(kind: kind)
        let client = try PolarisSyncClient(url: server.url, token: ServerProcess.token("user-2"))
        let guardian = Self.closing(client)
        defer { guardian.cancel(); client.close() }
        let api = PolarisAPI(transport: client)
        let id = try await api.projects.create(name: "Site")

        let query = api.projects.getQuery()
        var results = query.subscribe(buffering: .every).makeAsyncIterator()
        #expect(try await results.next()?.map(\.name) == ["Site"])
        try await api.projects.rename(id: id, name: "Renamed") { store in
            store[query] = store[query]?.map { project in
                var project = project
                if project._id == id { project.name = "Renamed (saving)" }
                return project
            }
        }
        #expect(try await results.next()?.map(\.name) == ["Renamed (saving)"])
        #expect(try await results.next()?.map(\.name) == ["Renamed"])
    }

    @Test(arguments: StoreKind.allCases) func aDroppedConnectionReconnectsAndResubscribesWithoutLosingAnUpdate(_ kind: StoreKind) async throws {
        let server = try ServerProcess(kind: kind)
        let token = ServerProcess.token("user-3")
        let client = try PolarisSyncClient(url: server.url, token: token)
        let guardian = Self.closing(client)
        defer { guardian.cancel(); client.close() }
        let api = PolarisAPI(transport: client)
        _ = try await api.projects.create(name: "Before")
        var results = api.projects.getQuery().subscribe().makeAsyncIterator()
        #expect(try await results.next()?.map(\.name) == ["Before"])

        server.kill()
        // Sent once the client is connected again, and run once.
        let offline = Task { try await api.projects.create(name: "Offline") }
        // While the client is away, another one changes the data through a second server on the same database.
        let other = try ServerProcess(database: server.database)
        let writer = try PolarisSyncClient(url: other.url, token: token)
        _ = try await PolarisAPI(transport: writer).projects.create(name: "While away")
        writer.close()
        other.kill()
        try server.start(port: server.port)

        let expected: Set<String> = ["Before", "While away", "Offline"]
        var names: Set<String> = []
        while names != expected, let projects = try await results.next() { names = Set(projects.map(\.name)) }
        #expect(names == expected)
        _ = try await offline.value
        #expect(client.connectionCount >= 2)
        #expect(try await api.projects.get().count == 3)
    }

    /// Closes the clients after `seconds` unless cancelled first.
    static func closing(_ clients: PolarisSyncClient..., seconds: Int = 60) -> Task<Void, Never> {
        Task {
            try? await Task.sleep(for: .seconds(seconds))
            if !Task.isCancelled { for client in clients { client.close() } }
        }
    }
}
