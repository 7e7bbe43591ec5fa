import Foundation
import HummingbirdWSClient
import Logging
import PolarisRuntime
import Synchronization

/// A client of a Polaris server (or any server that speaks Convex's sync
/// protocol) over one WebSocket, for the generated stubs:
/// `PolarisAPI(transport: PolarisSyncClient(url: ...))`.
///
/// Queries are subscriptions (a one-shot query subscribes until its first
/// result); identical subscriptions share one query on the server. Mutations
/// run in order, and return once their effects are in the subscribed
/// results. When the socket drops, the client reconnects with backoff,
/// subscribes again and resends the mutations the server had not answered,
/// which the server runs only once. Call `close()` when done.
public final class PolarisSyncClient: PolarisTransport, Sendable {
    private let state = Mutex(SyncState())
    private let socketURL: String
    private let inactivityTimeout: Duration
    private let logger: Logger
    private let connection = Mutex<Task<Void, Never>?>(nil)

    /// The largest message read.
    static let maximumMessage = 16 << 20

    /// Connects to the deployment at `url` (`http://host:port`; `https` for TLS).
    /// Without a message for `inactivityTimeout` (servers ping every 15 s), the socket is replaced.
    public init(
        url: URL, token: String? = nil, inactivityTimeout: Duration = .seconds(30),
        logger: Logger = Logger(label: "polaris.client")
    ) throws {
        guard var parts = URLComponents(url: url, resolvingAgainstBaseURL: false), let scheme = parts.scheme,
            ["http", "https", "ws", "wss"].contains(scheme), parts.host != nil
        else { throw PolarisClientError.invalidURL(url.absoluteString) }
        parts.scheme = scheme == "https" || scheme == "wss" ? "wss" : "ws"
        parts.path = parts.path.hasSuffix("/api/sync") ? parts.path : parts.path.trimmingSuffix("/") + "/api/sync"
        guard let socketURL = parts.string else { throw PolarisClientError.invalidURL(url.absoluteString) }
        self.socketURL = socketURL
        self.inactivityTimeout = inactivityTimeout
        self.logger = logger
        state.withLock { $0.authenticate(token) }
        connection.withLock { $0 = Task { await self.maintainConnection() } }
    }

    // MARK: PolarisTransport

    public func query(_ path: String, arguments: Value) async throws -> Value {
        for try await value in subscribe(path, arguments: arguments, buffering: .latest) { return value }
        try Task.checkCancellation()
        throw PolarisClientError.closed
    }

    public func mutation(_ path: String, arguments: Value, optimisticUpdate: OptimisticUpdate?) async throws -> Value {
        try await withCheckedThrowingContinuation { caller in
            update { $0.mutate(path, arguments, optimisticUpdate, caller) }
        }
    }

    public func subscribe(_ path: String, arguments: Value, buffering: QueryBuffering) -> QueryResults {
        let (stream, subscriber) = AsyncThrowingStream.makeStream(
            of: Value.self, bufferingPolicy: buffering == .latest ? .bufferingNewest(1) : .unbounded)
        let key = OptimisticLocalStore.Key(path: path, arguments: arguments)
        let id = update { $0.subscribe(key, subscriber) }
        let end: @Sendable () -> Void = { [weak self] in self?.update { $0.unsubscribe(key, id) } }
        subscriber.onTermination = { _ in end() }
        return QueryResults(stream, onRelease: end)
    }

    // MARK: Authentication and lifetime

    /// Sets the JWT functions run with (nil: none); subscribed queries run again as the new caller.
    public func setAuth(token: String?) {
        update { $0.authenticate(token) }
    }

    /// Why the server last refused the token (the client then goes on without one); nil otherwise.
    public var authenticationError: String? { state.withLock { $0.authenticationError } }

    /// How many sockets the client has opened.
    public var connectionCount: Int { state.withLock { $0.connections } }

    /// Closes the socket for good: subscriptions end and pending mutations throw `PolarisClientError.closed`.
    public func close() {
        update { $0.close() }
        connection.withLock { $0?.cancel() }
    }

    // MARK: The socket

    /// Runs `body` on the state, then the effects it queued, outside the lock.
    private func update<Result>(_ body: (inout SyncState) -> Result) -> Result {
        let (result, effects) = state.withLock { state in
            let result = body(&state)
            defer { state.effects = [] }
            return (result, state.effects)
        }
        for effect in effects { effect() }
        return result
    }

    /// Opens sockets until the client closes: backoff from 100 ms doubling to 15 s with jitter,
    /// back to 100 ms once a socket has received a message.
    private func maintainConnection() async {
        var backoff = Duration.milliseconds(100)
        while !Task.isCancelled, !state.withLock({ $0.isClosed }) {
            let (reason, received) = await connectOnce()
            update { $0.disconnected(reason: reason) }
            if received { backoff = .milliseconds(100) }
            logger.debug("socket closed (\(reason)); reconnecting in about \(backoff)")
            try? await Task.sleep(for: backoff * Double.random(in: 0.5...1.5))
            backoff = min(backoff * 2, .seconds(15))
        }
    }

    /// One socket, from connect to close: returns why it ended and whether a message arrived.
    private func connectOnce() async -> (reason: String, received: Bool) {
        let activity = SocketActivity()
        let configuration = WebSocketClientConfiguration(maxFrameSize: Self.maximumMessage)
        let inactivityTimeout = inactivityTimeout
        let client = WebSocketClient(url: socketURL, configuration: configuration, logger: logger) { inbound, outbound, _ in
            let (messages, outbox) = AsyncStream.makeStream(of: String.self)
            self.update { $0.connected(outbox) }
            try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask {
                    for await text in messages { try await outbound.write(.text(text)) }
                }
                group.addTask {
                    for try await message in inbound.messages(maxSize: Self.maximumMessage) {
                        activity.withLock { $0.received = true; $0.last = .now }
                        guard case .text(let text) = message else { continue }
                        do {
                            let value = try Value(convexJSON: text)
                            // The effects run even when the message breaks the protocol.
                            try self.update { state in Result { () throws(SyncState.Failure) in try state.receive(value) } }.get()
                        } catch let failure as SyncState.Failure {
                            activity.withLock { $0.reason = failure.reason }
                            return
                        } catch {
                            activity.withLock { $0.reason = "a message that is not Convex JSON: \(error)" }
                            return
                        }
                    }
                }
                group.addTask {
                    while true {
                        try await Task.sleep(for: .seconds(1))
                        if activity.withLock({ ContinuousClock.now - $0.last }) > inactivityTimeout {
                            activity.withLock { $0.reason = "InactiveServer" }
                            return
                        }
                    }
                }
                _ = try await group.next()
                group.cancelAll()
            }
        }
        do {
            try await client.run()
        } catch {
            activity.withLock { $0.reason = $0.received ? "\(error)" : "could not connect: \(error)" }
        }
        return activity.withLock { ($0.reason, $0.received) }
    }
}

/// What one socket saw: whether and when a message last arrived, and why it ended.
private final class SocketActivity: Sendable {
    private let state = Mutex((received: false, last: ContinuousClock.now, reason: "ServerClosed"))

    func withLock<Result>(_ body: (inout (received: Bool, last: ContinuousClock.Instant, reason: String)) -> Result) -> Result {
        state.withLock { body(&$0) }
    }
}

/// What the client itself refuses.
public enum PolarisClientError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The client was closed.
    case closed
    /// The deployment URL is not http(s) or ws(s) with a host.
    case invalidURL(String)

    public var description: String {
        switch self {
        case .closed: "the client is closed"
        case .invalidURL(let url): "'\(url)' is not a deployment URL such as http://127.0.0.1:3210"
        }
    }
}

extension String {
    fileprivate func trimmingSuffix(_ suffix: String) -> String {
        hasSuffix(suffix) ? String(dropLast(suffix.count)) : self
    }
}
