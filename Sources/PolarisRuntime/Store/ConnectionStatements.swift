import Synchronization
internal import GRDB

/// A statement the store prepares once per connection: its SQL and a
/// store-wide number, by which a connection finds it without hashing the
/// SQL text (GRDB's `cachedStatement(sql:)` hashes it on every call).
struct StatementSlot: Sendable {
    let index: Int
    let sql: String
}

/// Numbers a store's statements, each once.
final class StatementSlots: Sendable {
    private let next = Atomic<Int>(0)

    func make(_ sql: String) -> StatementSlot {
        StatementSlot(index: next.add(1, ordering: .relaxed).oldValue, sql: sql)
    }
}

/// One connection's prepared statements, by slot number. A connection runs
/// one transaction at a time, so only that transaction touches them.
final class ConnectionStatements: @unchecked Sendable {
    /// Held so that the connection, and its identity, outlive its statements.
    private let database: Database
    private var statements: [Statement?] = []

    init(_ database: Database) {
        self.database = database
    }

    /// Finalizes the statements while the connection is still held.
    deinit {
        statements.removeAll()
    }

    /// The slot's statement, prepared on first use.
    func statement(_ slot: StatementSlot) throws -> Statement {
        if slot.index < statements.count, let statement = statements[slot.index] { return statement }
        let statement = try database.makeStatement(sql: slot.sql)
        if slot.index >= statements.count {
            statements.append(contentsOf: repeatElement(nil, count: slot.index + 1 - statements.count))
        }
        statements[slot.index] = statement
        return statement
    }
}
