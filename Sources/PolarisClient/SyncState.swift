import Foundation
import PolarisRuntime

/// The client's side of Convex's sync protocol, without I/O: the query set
/// and its results, the pending mutations with their optimistic updates, the
/// versions of the current socket, and what to send. Methods queue their
/// effects on subscribers and callers in `effects`, which the client runs
/// once it has let go of the state's lock.
struct SyncState {
    typealias Key = OptimisticLocalStore.Key
    typealias Outcome = Result<Value, FunctionError>

    struct Query {
        let id: Int
        var subscribers: [Int: AsyncThrowingStream<Value, any Error>.Continuation] = [:]
        /// The server's latest result.
        var server: Outcome?
        /// What subscribers were last given: the server's result with the pending optimistic updates.
        var shown: Outcome?
    }

    struct Mutation {
        let path: String
        let arguments: Value
        let update: OptimisticUpdate?
        let caller: CheckedContinuation<Value, any Error>
        /// The server's answer, kept until a Transition shows its effects.
        var response: (value: Value, timestamp: UInt64)?
    }

    let sessionID = UUID().uuidString.lowercased()
    private(set) var connections = 0
    private var lastCloseReason = "InitialConnect"
    private var maxObservedTimestamp: UInt64?
    private(set) var token: String?
    /// Why the server last refused the token; nil after a new token.
    private(set) var authenticationError: String?
    private(set) var queries: [Key: Query] = [:]
    private var keys: [Int: Key] = [:]
    private(set) var mutations: [Int: Mutation] = [:]
    private var nextQueryID = 0
    private var nextSubscriberID = 0
    private var nextRequestID = 0
    /// The versions this socket asked for.
    private var requested = StateVersion()
    /// The end version of this socket's last Transition.
    private var server = StateVersion()
    /// Messages for the current socket; nil while there is none.
    private var outbox: AsyncStream<String>.Continuation?
    private(set) var isClosed = false
    var effects: [@Sendable () -> Void] = []

    /// A protocol failure: the socket is dropped and a new one opened.
    struct Failure: Error {
        let reason: String
    }

    // MARK: Subscriptions

    /// Adds a subscriber to the query `key`, subscribing to it on first use; returns its ID.
    mutating func subscribe(_ key: Key, _ subscriber: AsyncThrowingStream<Value, any Error>.Continuation) -> Int {
        nextSubscriberID += 1
        guard !isClosed else {
            effects.append { subscriber.finish() }
            return nextSubscriberID
        }
        if queries[key] == nil {
            nextQueryID += 1
            queries[key] = Query(id: nextQueryID)
            keys[nextQueryID] = key
            if outbox != nil { modifyQuerySet([Self.add(nextQueryID, key)]) }
        }
        queries[key]?.subscribers[nextSubscriberID] = subscriber
        if let shown = queries[key]?.shown { deliver(shown, to: [subscriber]) }
        return nextSubscriberID
    }

    /// Removes a subscriber; the query leaves the set with its last one.
    mutating func unsubscribe(_ key: Key, _ subscriber: Int) {
        guard var query = queries[key], query.subscribers.removeValue(forKey: subscriber) != nil else { return }
        guard query.subscribers.isEmpty else {
            queries[key] = query
            return
        }
        queries[key] = nil
        keys[query.id] = nil
        if outbox != nil { modifyQuerySet([.object([("type", .string("Remove")), ("queryId", .integer(query.id))])]) }
    }

    // MARK: Mutations and authentication

    /// Queues a mutation (sent now when connected) and shows its optimistic update.
    mutating func mutate(_ path: String, _ arguments: Value, _ update: OptimisticUpdate?, _ caller: CheckedContinuation<Value, any Error>) {
        guard !isClosed else {
            effects.append { caller.resume(throwing: PolarisClientError.closed) }
            return
        }
        nextRequestID += 1
        mutations[nextRequestID] = Mutation(path: path, arguments: arguments, update: update, caller: caller)
        if outbox != nil { send(Self.mutation(nextRequestID, path, arguments)) }
        if update != nil { showResults() }
    }

    /// Sets the JWT the server runs functions with (nil: none); every query runs again.
    mutating func authenticate(_ token: String?) {
        self.token = token
        authenticationError = nil
        if outbox != nil { sendAuthenticate() }
    }

    // MARK: Sockets

    /// A new socket: Connect, the token, the whole query set, and every mutation not yet completed.
    mutating func connected(_ outbox: AsyncStream<String>.Continuation) {
        self.outbox = outbox
        requested = StateVersion()
        server = StateVersion()
        var connect: [(String, WireJSON)] = [
            ("type", .string("Connect")), ("sessionId", .string(sessionID)), ("connectionCount", .integer(connections)),
            ("lastCloseReason", .string(lastCloseReason)),
        ]
        if let maxObservedTimestamp { connect.append(("maxObservedTimestamp", WireJSON.encodedU64(maxObservedTimestamp))) }
        connect.append(("clientTs", .integer(0)))
        send(.object(connect))
        connections += 1
        if token != nil { sendAuthenticate() }
        modifyQuerySet(queries.sorted { $0.value.id < $1.value.id }.map { Self.add($0.value.id, $0.key) })
        // The server answers a resent request ID with its first result instead of running it again.
        for id in mutations.keys.sorted() {
            mutations[id]?.response = nil
            if let mutation = mutations[id] { send(Self.mutation(id, mutation.path, mutation.arguments)) }
        }
    }

    /// The socket is gone; what it had not answered waits for the next one.
    mutating func disconnected(reason: String) {
        outbox?.finish()
        outbox = nil
        lastCloseReason = reason
    }

    /// Ends every subscription and fails every pending mutation.
    mutating func close() {
        isClosed = true
        outbox?.finish()
        outbox = nil
        for query in queries.values {
            for subscriber in query.subscribers.values { effects.append { subscriber.finish() } }
        }
        for mutation in mutations.values { effects.append { mutation.caller.resume(throwing: PolarisClientError.closed) } }
        queries = [:]
        keys = [:]
        mutations = [:]
    }

    // MARK: Server messages

    /// Handles one message from the server.
    mutating func receive(_ message: Value) throws(Failure) {
        switch message[field: "type"]?.stringValue {
        case "Transition": try transition(message)
        case "MutationResponse": try mutationResponse(message)
        case "FatalError":
            throw Failure(reason: "FatalError: \(message[field: "error"]?.stringValue ?? "")")
        case "AuthError":
            // The token is dropped: the next socket runs functions as nobody, so `user` functions fail visibly.
            authenticationError = message[field: "error"]?.stringValue ?? "the server refused the token"
            token = nil
            throw Failure(reason: "AuthError")
        case "Ping", "ActionResponse": break
        default:
            throw Failure(reason: "unexpected message \(message[field: "type"]?.stringValue ?? "without a type")")
        }
    }

    private mutating func transition(_ message: Value) throws(Failure) {
        guard let start = StateVersion(message[field: "startVersion"]), let end = StateVersion(message[field: "endVersion"]),
            case .array(let modifications)? = message[field: "modifications"]
        else { throw Failure(reason: "a Transition needs startVersion, endVersion and modifications") }
        guard start == server else { throw Failure(reason: "StartVersionMismatch") }
        var touched = Set<Key>()
        for modification in modifications {
            guard let id = modification[field: "queryId"]?.wholeNumber else { throw Failure(reason: "a modification needs a queryId") }
            guard let key = keys[id] else { continue }
            touched.insert(key)
            switch modification[field: "type"]?.stringValue {
            case "QueryUpdated": queries[key]?.server = .success(modification[field: "value"] ?? .null)
            case "QueryFailed":
                queries[key]?.server = .failure(Self.error(modification[field: "errorMessage"], modification[field: "errorData"]))
            default: break
            }
        }
        server = end
        observe(end.timestamp)
        // Without optimistic updates before or after, only the results this Transition changed can look different.
        let hadUpdates = mutations.values.contains { $0.update != nil }
        // A mutation returns once its effects are in the results.
        for (id, mutation) in mutations {
            guard let response = mutation.response, response.timestamp <= end.timestamp else { continue }
            mutations[id] = nil
            effects.append { mutation.caller.resume(returning: response.value) }
        }
        showResults(only: hadUpdates ? nil : touched)
    }

    private mutating func mutationResponse(_ message: Value) throws(Failure) {
        guard let id = message[field: "requestId"]?.wholeNumber, case .boolean(let success)? = message[field: "success"] else {
            throw Failure(reason: "a MutationResponse needs requestId and success")
        }
        guard let mutation = mutations[id] else { return }
        if success {
            guard let timestamp = message[field: "ts"]?.stringValue.flatMap(WireJSON.decodedU64) else {
                throw Failure(reason: "a successful MutationResponse needs ts")
            }
            observe(timestamp)
            let value = message[field: "result"] ?? .null
            if timestamp <= server.timestamp {
                mutations[id] = nil
                effects.append { mutation.caller.resume(returning: value) }
                if mutation.update != nil { showResults() }
            } else {
                mutations[id]?.response = (value, timestamp)
            }
        } else {
            mutations[id] = nil
            let error = Self.error(message[field: "result"], message[field: "errorData"])
            effects.append { mutation.caller.resume(throwing: error) }
            if mutation.update != nil { showResults() }
        }
    }

    /// Recomputes what subscribers see (the server's results, then each pending
    /// optimistic update in request order) and tells those whose view changed.
    /// `only`: just these queries, their server results as they are (for when
    /// no optimistic update is pending).
    private mutating func showResults(only touched: Set<Key>? = nil) {
        var store = OptimisticLocalStore(results: [:])
        if touched == nil {
            store = OptimisticLocalStore(results: queries.mapValues { query in
                if case .success(let value)? = query.server { value } else { nil }
            })
            for id in mutations.keys.sorted() { mutations[id]?.update?(&store) }
        }
        for key in touched.map(Array.init) ?? Array(queries.keys) {
            guard let query = queries[key] else { continue }
            let local = store[key.path, key.arguments].map(Outcome.success) ?? query.server
            guard let local, local != query.shown else { continue }
            queries[key]?.shown = local
            deliver(local, to: Array(query.subscribers.values))
        }
    }

    private mutating func deliver(_ outcome: Outcome, to subscribers: [AsyncThrowingStream<Value, any Error>.Continuation]) {
        for subscriber in subscribers {
            switch outcome {
            case .success(let value): effects.append { subscriber.yield(value) }
            case .failure(let error): effects.append { subscriber.finish(throwing: error) }
            }
        }
    }

    // MARK: Messages

    private mutating func observe(_ timestamp: UInt64) {
        maxObservedTimestamp = max(maxObservedTimestamp ?? 0, timestamp)
    }

    private mutating func send(_ message: WireJSON) {
        outbox?.yield(message.text)
    }

    private mutating func modifyQuerySet(_ modifications: [WireJSON]) {
        send(.object([
            ("type", .string("ModifyQuerySet")), ("baseVersion", .integer(requested.querySet)),
            ("newVersion", .integer(requested.querySet + 1)), ("modifications", .array(modifications)),
        ]))
        requested.querySet += 1
    }

    private mutating func sendAuthenticate() {
        var fields: [(String, WireJSON)] = [("type", .string("Authenticate")), ("baseVersion", .integer(requested.identity))]
        if let token {
            fields += [("tokenType", .string("User")), ("value", .string(token))]
        } else {
            fields.append(("tokenType", .string("None")))
        }
        send(.object(fields))
        requested.identity += 1
    }

    private static func add(_ id: Int, _ key: Key) -> WireJSON {
        .object([
            ("type", .string("Add")), ("queryId", .integer(id)), ("udfPath", .string(key.path)),
            ("args", .array([.value(key.arguments)])),
        ])
    }

    private static func mutation(_ id: Int, _ path: String, _ arguments: Value) -> WireJSON {
        .object([
            ("type", .string("Mutation")), ("requestId", .integer(id)), ("udfPath", .string(path)),
            ("args", .array([.value(arguments)])),
        ])
    }

    /// A function's failure as the server sent it: with data, an application error (`ConvexError`).
    private static func error(_ message: Value?, _ data: Value?) -> FunctionError {
        let text = message?.stringValue ?? "the function failed"
        if let data { return .application(message: text, data: data) }
        return .failed(text)
    }
}
