import Foundation
import PolarisBackend
import PolarisGenerated
import PolarisRuntime
import PolarisTestSupport
import Testing

/// The backend on a fresh database, called as a server calls it: by path,
/// with untyped arguments, as a given caller.
struct BackendHarness {
    static let internalKey = "test-internal-key"
    let store: any Store
    let runner: FunctionRunner
    let alice = Identity(subject: "alice", issuer: "https://auth.example", email: "alice@example.com")
    let bob = Identity(subject: "bob", issuer: "https://auth.example")

    /// On a fresh store of `kind`: SQLite in memory, or in a file (a WAL
    /// pool, for concurrency); a fresh PostgreSQL database.
    init(_ kind: StoreKind, file: Bool = false) throws {
        store = kind == .sqlite && !file ? try DocumentStore.inMemory(schema: PolarisDatabase.self) : try kind.open(PolarisDatabase.self)
        runner = PolarisBackend.runner(store: store, internalKey: Self.internalKey)
    }

    /// Calls `path` with these arguments as `identity`.
    @discardableResult
    func call(_ path: String, _ arguments: [String: Value] = [:], as identity: Identity?) throws(FunctionError) -> Value {
        try runner.run(path, arguments: .object(arguments), identity: identity)
    }

    /// Calls an internal function with the internal key.
    @discardableResult
    func system(_ name: String, _ arguments: [String: Value]) throws(FunctionError) -> Value {
        var arguments = arguments
        arguments["internalKey"] = .string(Self.internalKey)
        return try call("system:\(name)", arguments, as: nil)
    }

    /// A new project of `identity`'s; returns its ID as a value.
    func project(_ name: String = "Site", of identity: Identity) throws -> Value {
        try call("projects:create", ["name": .string(name)], as: identity)
    }

    /// Every document of the database, to compare before and after a refused call.
    func snapshot() throws -> [Value] {
        try store.read { db in
            var documents: [Value] = []
            for table in PolarisDatabase.tables {
                let plan = QueryPlan(table: table.name, index: "by_creation_time", fields: ["_creationTime"])
                try db.scan(plan, after: nil, through: nil) { documents.append($0.value); return true }
            }
            return documents
        }
    }
}

extension Value {
    /// The string inside a `.string` value.
    var text: String? { if case .string(let text) = self { text } else { nil } }
    /// A field of an object value.
    subscript(_ field: String) -> Value? { if case .object(let fields) = self { fields[field] } else { nil } }
    /// The elements of an array value.
    var items: [Value] { if case .array(let items) = self { items } else { [] } }
}
