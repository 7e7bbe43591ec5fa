import PolarisRuntime

/// A database that records what generated code asks of it and answers from
/// a fixed list: the store itself comes with the runtime's store, and these
/// tests are about the plans and values the typed layer produces.
final class RecordingDatabase: DatabaseWriter {
    var plans: [QueryPlan] = []
    var inserted: [(table: String, fields: Value)] = []
    var answer: [Value] = []
    /// How many documents the last scan handed out before it was stopped.
    var visited = 0

    func get(table: String, id: String) throws -> StoredDocument? { answer.first.map(Self.stored) }

    func scan(
        _ plan: QueryPlan, after start: IndexPosition?, through end: IndexPosition?, _ visit: (StoredDocument) throws -> Bool
    ) throws {
        plans.append(plan)
        visited = 0
        for document in answer {
            visited += 1
            guard try visit(Self.stored(document)) else { return }
        }
    }

    private static func stored(_ document: Value) -> StoredDocument {
        guard case .object(let fields) = document else { return StoredDocument(fields: [:]) }
        return StoredDocument(fields: fields)
    }

    func insert(table: String, fields: StoredDocument) throws -> String {
        inserted.append((table, fields.value))
        return TestIDs.of(table, "new\(inserted.count)")
    }

    func fileContents(id: String) throws -> [UInt8]? { nil }
    func storeFile(_ bytes: [UInt8], contentType: String?) throws -> String { TestIDs.of("_storage", "file") }
    func replace(table: String, current: StoredDocument, fields: StoredDocument) throws {}
    func delete(table: String, id: String) throws {}
}
