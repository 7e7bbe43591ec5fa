import PolarisRuntime

/// A database that records what generated code asks of it and answers from
/// a fixed list: the store itself comes with the runtime's store, and these
/// tests are about the plans and values the typed layer produces.
final class RecordingDatabase: DatabaseWriter {
    var plans: [QueryPlan] = []
    var limits: [Int?] = []
    var inserted: [(table: String, fields: Value)] = []
    var answer: [Value] = []

    func get(table: String, id: String) throws -> Value? { answer.first }

    func documents(_ plan: QueryPlan, limit: Int?) throws -> [Value] {
        plans.append(plan)
        limits.append(limit)
        return limit.map { Array(answer.prefix($0)) } ?? answer
    }

    func page(_ plan: QueryPlan, options: PaginationOptions) throws -> StoredPage {
        plans.append(plan)
        return StoredPage(documents: answer, continueCursor: "next", isDone: true)
    }

    func insert(table: String, fields: Value) throws -> String {
        inserted.append((table, fields))
        return "new\(inserted.count)"
    }

    func replace(table: String, id: String, fields: Value) throws {}
    func delete(table: String, id: String) throws {}
}
