import Foundation
import HummingbirdWebSocket
import PolarisRuntime
import Synchronization

/// One WebSocket of Convex's sync protocol (spec/convex-wire.md, section 4):
/// the query set and identity of the socket, Transitions whose versions
/// chain exactly, mutations one at a time each followed by a Transition that
/// shows its effects, and pings. Everything runs in one loop fed by three
/// sources, each bounded: the socket (one message at a time: the next is read
/// once this one is handled), result changes (coalesced into one signal) and
/// a clock. A malformed message closes this socket only.
final class SyncSession: Sendable {
    private let service: FunctionService
    private let mutations: MutationResults
    /// Results delivered by the subscriptions, by query ID, with the watch generation that delivered them.
    private let latest = Mutex<[Int: (generation: Int, update: QueryUpdate)]>([:])
    private let changePending = Atomic<Bool>(false)
    private let events: AsyncStream<Event>.Continuation
    private let stream: AsyncStream<Event>

    /// Sends a JSON `Ping` after this long without another message (clients give up after 30 s).
    static let pingInterval: Duration = .seconds(15)
    /// The largest message read.
    static let maximumMessage = 16 << 20

    enum Event: Sendable {
        case message(String, CheckedContinuation<Void, Never>)
        case changed
        case tick
        case closed
    }

    init(service: FunctionService, mutations: MutationResults) {
        self.service = service
        self.mutations = mutations
        (stream, events) = AsyncStream.makeStream(of: Event.self)
    }

    /// Serves the socket until it closes or breaks the protocol.
    func run(inbound: WebSocketInboundStream, outbound: WebSocketOutboundWriter) async {
        var state = State()
        await withTaskGroup(of: Void.self) { group in
            group.addTask { [events] in
                do {
                    for try await message in inbound.messages(maxSize: Self.maximumMessage) {
                        guard case .text(let text) = message else { continue }
                        await withCheckedContinuation { done in
                            if case .terminated = events.yield(.message(text, done)) { done.resume() }
                        }
                    }
                } catch {}
                events.yield(.closed)
            }
            group.addTask { [events] in
                while !Task.isCancelled {
                    try? await Task.sleep(for: .seconds(5))
                    events.yield(.tick)
                }
            }
            for await event in stream {
                do {
                    switch event {
                    case .message(let text, let done):
                        defer { done.resume() }
                        try await handle(text, &state, outbound)
                    case .changed:
                        changePending.store(false, ordering: .sequentiallyConsistent)
                        try await sendTransition(&state, outbound, always: false)
                    case .tick:
                        if ContinuousClock.now - state.lastSend >= Self.pingInterval {
                            try await send(.object([("type", .string("Ping"))]), &state, outbound)
                        }
                    case .closed:
                        throw SessionEnd.closed
                    }
                } catch let error as ProtocolFailure {
                    try? await send(.object([("type", .string("FatalError")), ("error", .string(error.message))]), &state, outbound)
                    try? await outbound.close(.protocolError, reason: "ProtocolFailure")
                    break
                } catch let error as AuthFailure {
                    try? await send(error.message, &state, outbound)
                    try? await outbound.close(.normalClosure, reason: "AuthError")
                    break
                } catch {
                    break
                }
            }
            for query in state.queries.values { query.watch.cancel() }
            // Let a reader waiting on an unhandled message go.
            events.finish()
            for await case .message(_, let done) in stream { done.resume() }
            group.cancelAll()
        }
    }

    private enum SessionEnd: Error { case closed }

    /// A message that breaks the protocol: a FatalError, then the socket closes.
    struct ProtocolFailure: Error {
        let message: String
    }

    /// A token refused: an AuthError, then the socket closes.
    struct AuthFailure: Error {
        let message: WireJSON
    }

    /// The socket's protocol state.
    struct State {
        struct Query {
            let path: String
            let arguments: Value
            let watch: QueryWatch
            let generation: Int
            /// The result last sent, nil before the first.
            var sent: Result<Value, FunctionError>?
        }

        var sessionID = ""
        var querySet = 0
        var identityVersion = 0
        var identity: Identity?
        var timestamp: UInt64 = 0
        var queries: [Int: Query] = [:]
        var generations = 0
        var lastSend = ContinuousClock.now
        /// The end version of the last Transition sent: the next one starts there.
        var sentVersion = StateVersion().json

        var version: WireJSON {
            StateVersion(querySet: querySet, identity: identityVersion, timestamp: timestamp).json
        }
    }

    private func handle(_ text: String, _ state: inout State, _ outbound: WebSocketOutboundWriter) async throws {
        guard let message = try? Value(convexJSON: text), let type = message[field: "type"]?.stringValue else {
            throw ProtocolFailure(message: "a message must be a JSON object with a 'type'")
        }
        switch type {
        case "Connect":
            state.sessionID = message[field: "sessionId"]?.stringValue ?? ""
        case "ModifyQuerySet":
            try await modifyQuerySet(message, &state, outbound)
        case "Mutation":
            try await mutation(message, &state, outbound)
        case "Action":
            let requestID = try Self.number(message, "requestId")
            let error = WireError(service.action(FunctionPath.canonical(try Self.text(message, "udfPath"))))
            try await send(.object([
                ("type", .string("ActionResponse")), ("requestId", .integer(requestID)), ("success", .bool(false)),
                ("logLines", .array([])),
            ] + error.fields(messageKey: "result")), &state, outbound)
        case "Authenticate":
            try await authenticate(message, &state, outbound)
        case "Event":
            break
        default:
            throw ProtocolFailure(message: "unknown message type '\(type)'")
        }
    }

    private func modifyQuerySet(_ message: Value, _ state: inout State, _ outbound: WebSocketOutboundWriter) async throws {
        let base = try Self.number(message, "baseVersion"), new = try Self.number(message, "newVersion")
        guard base == state.querySet else {
            throw ProtocolFailure(message: "BaseVersionMismatch: the query set is at version \(state.querySet), not \(base)")
        }
        guard new > base else { throw ProtocolFailure(message: "newVersion \(new) must be greater than baseVersion \(base)") }
        guard case .array(let modifications)? = message[field: "modifications"] else {
            throw ProtocolFailure(message: "ModifyQuerySet needs a 'modifications' array")
        }
        var removed: [Int] = []
        for modification in modifications {
            let id = try Self.number(modification, "queryId")
            switch modification[field: "type"]?.stringValue {
            case "Add":
                guard state.queries[id] == nil else { throw ProtocolFailure(message: "query \(id) is already in the set") }
                let path = FunctionPath.canonical(try Self.text(modification, "udfPath"))
                let arguments = try Self.arguments(modification)
                state.queries[id] = watch(id, path: path, arguments: arguments, &state)
            case "Remove":
                guard let query = state.queries.removeValue(forKey: id) else {
                    throw ProtocolFailure(message: "query \(id) is not in the set")
                }
                query.watch.cancel()
                latest.withLock { _ = $0.removeValue(forKey: id) }
                removed.append(id)
            default:
                throw ProtocolFailure(message: "a modification's type must be Add or Remove")
            }
        }
        state.querySet = new
        await service.subscriptions.settle()
        try await sendTransition(&state, outbound, always: true, removed: removed)
    }

    private func mutation(_ message: Value, _ state: inout State, _ outbound: WebSocketOutboundWriter) async throws {
        let requestID = try Self.number(message, "requestId")
        let path = FunctionPath.canonical(try Self.text(message, "udfPath"))
        let arguments = try Self.arguments(message)
        let key = MutationResults.Key(session: state.sessionID, request: requestID)
        let outcome: Result<(value: Value, timestamp: UInt64), FunctionError>
        if let stored = mutations.result(for: key) {
            outcome = stored
        } else {
            outcome = await service.mutation(path, arguments: arguments, identity: state.identity)
            if !state.sessionID.isEmpty { mutations.store(outcome, for: key) }
        }
        var fields: [(String, WireJSON)] = [("type", .string("MutationResponse")), ("requestId", .integer(requestID))]
        switch outcome {
        case .success(let success):
            fields += [("success", .bool(true)), ("result", .value(success.value)), ("ts", WireJSON.encodedU64(success.timestamp))]
        case .failure(let failure):
            fields += [("success", .bool(false)), ("ts", .null)] + WireError(failure).fields(messageKey: "result")
        }
        fields.append(("logLines", .array([])))
        try await send(.object(fields), &state, outbound)
        // Clients return from a mutation at the next Transition: it must show the mutation's effects.
        await service.subscriptions.settle()
        try await sendTransition(&state, outbound, always: true)
    }

    private func authenticate(_ message: Value, _ state: inout State, _ outbound: WebSocketOutboundWriter) async throws {
        let base = try Self.number(message, "baseVersion")
        guard base == state.identityVersion else {
            throw ProtocolFailure(message: "the identity is at version \(state.identityVersion), not \(base)")
        }
        func refuse(_ reason: String) -> AuthFailure {
            AuthFailure(message: .object([
                ("type", .string("AuthError")), ("error", .string(reason)), ("baseVersion", .integer(base)),
                ("authUpdateAttempted", .bool(true)),
            ]))
        }
        switch message[field: "tokenType"]?.stringValue {
        case "User":
            guard let token = message[field: "value"]?.stringValue else { throw refuse("a User token needs a 'value'") }
            do {
                state.identity = try service.identity(fromToken: token)
            } catch {
                throw refuse("\(error.code): \(error.message)")
            }
        case "None":
            state.identity = nil
        case "Admin":
            throw refuse("this server has no admin keys")
        default:
            throw ProtocolFailure(message: "tokenType must be User, Admin or None")
        }
        state.identityVersion += 1
        // Every query runs again as the new caller.
        for (id, query) in state.queries {
            query.watch.cancel()
            var renewed = watch(id, path: query.path, arguments: query.arguments, &state)
            renewed.sent = query.sent
            state.queries[id] = renewed
        }
        await service.subscriptions.settle()
        try await sendTransition(&state, outbound, always: true)
    }

    /// Watches a query as the socket's caller; its results land in `latest`.
    private func watch(_ id: Int, path: String, arguments: Value, _ state: inout State) -> State.Query {
        state.generations += 1
        let generation = state.generations
        let watch = service.subscriptions.watch(path, arguments: arguments, identity: state.identity) { [weak self] update in
            guard let self else { return }
            latest.withLock { latest in
                if (latest[id]?.generation ?? 0) <= generation { latest[id] = (generation, update) }
            }
            if !changePending.exchange(true, ordering: .sequentiallyConsistent) { events.yield(.changed) }
        }
        return State.Query(path: path, arguments: arguments, watch: watch, generation: generation)
    }

    /// A Transition from the last version sent: every query whose result changed, and `removed`.
    /// Without changes it is sent only when `always` (a reply the client waits for).
    private func sendTransition(
        _ state: inout State, _ outbound: WebSocketOutboundWriter, always: Bool, removed: [Int] = []
    ) async throws {
        // Read before the results: every result read below is at least this new.
        let handled = service.subscriptions.handledTimestamp
        let results = latest.withLock { $0 }
        var modifications: [WireJSON] = []
        for id in state.queries.keys.sorted() {
            guard let delivered = results[id], delivered.generation == state.queries[id]?.generation,
                state.queries[id]?.sent != delivered.update.result
            else { continue }
            state.queries[id]?.sent = delivered.update.result
            modifications.append(Self.modification(id, delivered.update.result))
        }
        modifications += removed.map { .object([("type", .string("QueryRemoved")), ("queryId", .integer($0))]) }
        guard always || !modifications.isEmpty else { return }
        let start = state.sentVersion
        state.timestamp = max(state.timestamp, handled)
        state.sentVersion = state.version
        try await send(.object([
            ("type", .string("Transition")), ("startVersion", start), ("endVersion", state.sentVersion),
            ("modifications", .array(modifications)),
        ]), &state, outbound)
    }

    private static func modification(_ id: Int, _ result: Result<Value, FunctionError>) -> WireJSON {
        switch result {
        case .success(let value):
            return .object([
                ("type", .string("QueryUpdated")), ("queryId", .integer(id)), ("value", .value(value)),
                ("logLines", .array([])), ("journal", .null),
            ])
        case .failure(let failure):
            return .object([
                ("type", .string("QueryFailed")), ("queryId", .integer(id)), ("logLines", .array([])), ("journal", .null),
            ] + WireError(failure).fields(messageKey: "errorMessage"))
        }
    }

    private func send(_ message: WireJSON, _ state: inout State, _ outbound: WebSocketOutboundWriter) async throws {
        state.lastSend = .now
        try await outbound.write(.text(message.text))
    }

    private static func number(_ message: Value, _ field: String) throws -> Int {
        guard let number = message[field: field]?.wholeNumber, number >= 0 else {
            throw ProtocolFailure(message: "'\(field)' must be a non-negative integer")
        }
        return number
    }

    private static func text(_ message: Value, _ field: String) throws -> String {
        guard let text = message[field: field]?.stringValue else { throw ProtocolFailure(message: "'\(field)' must be a string") }
        return text
    }

    /// `args`: a one-element array holding the argument object (or the object itself).
    private static func arguments(_ message: Value) throws -> Value {
        guard let arguments = message.functionArguments else {
            throw ProtocolFailure(message: "'args' must be an array holding the argument object")
        }
        return arguments
    }
}

/// Results of mutations by session and request ID, so that a mutation resent
/// after a reconnect (same session, same request ID) returns its first
/// result instead of running twice. The oldest are forgotten past a bound.
final class MutationResults: Sendable {
    struct Key: Hashable, Sendable {
        let session: String
        let request: Int
    }

    private let entries = Mutex<(results: [Key: Result<(value: Value, timestamp: UInt64), FunctionError>], order: [Key])>(([:], []))
    static let capacity = 10_000

    func result(for key: Key) -> Result<(value: Value, timestamp: UInt64), FunctionError>? {
        entries.withLock { $0.results[key] }
    }

    func store(_ result: Result<(value: Value, timestamp: UInt64), FunctionError>, for key: Key) {
        entries.withLock { entries in
            entries.results[key] = result
            entries.order.append(key)
            if entries.order.count > Self.capacity {
                let forgotten = entries.order.prefix(entries.order.count - Self.capacity)
                for old in forgotten { entries.results[old] = nil }
                entries.order.removeFirst(forgotten.count)
            }
        }
    }
}
