import PolarisRuntime
import ReferenceEverything
import Testing

/// The names the client stubs add give way to the schema's own.
struct ClientNamingTests {
    @Test func queryCallsAndOptimisticUpdatesStepAsideForTheSchemasNames() async throws {
        let transport = FunctionGlueTests.Transport()
        let api = PolarisAPI(transport: transport)
        // `statsQuery` is a function of its own, so `stats`'s QueryCall is `statsQuery2`.
        #expect(api.data.statsQuery2().path == "data:stats")
        #expect(api.data.statsQueryQuery().path == "data:statsQuery")
        // An argument named `optimisticUpdate` keeps its label; the update is `optimisticUpdate2`.
        try await api.data.default(internalKey: "k", self: "s", transport: 1, optimisticUpdate: "note", optimisticUpdate2: { _ in })
        #expect(transport.calls.last?.arguments == .object([
            "internalKey": .string("k"), "self": .string("s"), "transport": .float64(1), "optimisticUpdate": .string("note"),
        ]))
    }
}
