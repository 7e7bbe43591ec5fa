import Hummingbird
import HummingbirdWebSocket
import Logging
import NIOCore
import PolarisRuntime

/// A server of a function registry over Convex's wire protocol: the HTTP
/// function API and the WebSocket sync protocol at `/api/sync` and
/// `/api/<version>/sync`, with live queries from the runtime's `Subscriptions`.
public struct PolarisServer: Sendable {
    public var host: String
    public var port: Int
    private let service: FunctionService
    private let mutations = MutationResults()

    /// Serves `runner`'s functions; `verifier` checks user tokens (nil: none is accepted).
    public init(runner: FunctionRunner, verifier: TokenVerifier?, host: String = "127.0.0.1", port: Int = 3210) {
        self.host = host
        self.port = port
        service = FunctionService(runner: runner, subscriptions: Subscriptions(runner: runner), verifier: verifier)
    }

    /// The live queries the server keeps.
    public var subscriptions: Subscriptions { service.subscriptions }

    /// Serves until SIGTERM or SIGINT, then stops gracefully: requests and
    /// mutations in flight finish. `onListening` gets the bound address.
    public func run(onListening: @escaping @Sendable (_ host: String, _ port: Int) async -> Void = { _, _ in }) async throws {
        try await application(onListening: onListening).runService()
    }

    /// The Hummingbird application, for a caller that runs it in its own service group.
    public func application(
        onListening: @escaping @Sendable (_ host: String, _ port: Int) async -> Void = { _, _ in }
    ) -> some ApplicationProtocol {
        let router = Router()
        HTTPFunctionAPI(service: service).add(to: router)
        router.get("/") { _, _ in "This is a Polaris server, speaking Convex's wire protocol at /api.\n" }
        router.get("/api/polaris/statistics") { [subscriptions] _, _ in
            let counts = subscriptions.statistics
            return HTTPFunctionAPI.json(.ok, .object([
                ("subscriptions", .integer(counts.subscriptions)), ("runs", .integer(counts.runs)),
                ("rerunSubscriptions", .integer(counts.rerunSubscriptions)),
            ]))
        }
        let (service, mutations, host) = (service, mutations, host)
        var logger = Logger(label: "polaris-server")
        logger.logLevel = .warning
        return Application(
            router: router,
            server: .http1WebSocketUpgrade(
                configuration: .init(ws: .init(maxFrameSize: SyncSession.maximumMessage, autoPing: .enabled(timePeriod: .seconds(5))))
            ) { request, _, _ in
                guard Self.isSyncPath(request.path ?? "") else { return .dontUpgrade }
                return .upgrade([:]) { inbound, outbound, _ in
                    await SyncSession(service: service, mutations: mutations).run(inbound: inbound, outbound: outbound)
                }
            },
            configuration: .init(address: .hostname(host, port: port), serverName: "polaris-server"),
            onServerRunning: { channel in await onListening(host, channel.localAddress?.port ?? 0) },
            logger: logger)
    }

    /// `/api/sync` (Rust and Python clients) or `/api/<version>/sync` (JavaScript).
    static func isSyncPath(_ path: String) -> Bool {
        let parts = path.split(separator: "?", maxSplits: 1).first.map { $0.split(separator: "/") } ?? []
        return parts.first == "api" && parts.last == "sync" && (parts.count == 2 || parts.count == 3)
    }
}
