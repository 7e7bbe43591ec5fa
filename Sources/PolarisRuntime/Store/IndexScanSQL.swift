internal import GRDB

/// The SELECT that reads a query plan's range of an index, in its order,
/// between two positions. SQLite sorts NULL first, which is where Convex puts
/// both an absent field and null (a column holds only one of the two).
struct IndexScanSQL {
    private(set) var sql: String
    private(set) var arguments: [DatabaseValue] = []

    init(_ plan: QueryPlan, table: StoreTable, after start: IndexPosition?, through end: IndexPosition?) throws {
        guard let fields = table.indexes[plan.index], let expressions = table.keyExpressions[plan.index] else {
            throw StoreError.unknownIndex(table: table.name, index: plan.index)
        }
        func expression(of field: String) throws -> String {
            guard let position = fields.firstIndex(of: field) else {
                throw StoreError.unknownIndex(table: table.name, index: "\(plan.index).\(field)")
            }
            return expressions[position]
        }
        var conditions: [String] = []
        sql = table.selectSQL
        for equality in plan.bounds.equalities {
            conditions.append("\(try expression(of: equality.field)) IS ?")
            arguments.append(try table.keyValue(equality.value, of: equality.field))
        }
        for (bound, isLower) in [(plan.bounds.lower, true), (plan.bounds.upper, false)] {
            guard let bound else { continue }
            let key = try table.keyValue(bound.value, of: bound.field)
            conditions.append(compare(try expression(of: bound.field), key, greater: isLower, orEqual: bound.isInclusive))
        }
        let ascending = plan.order == .ascending
        if let start {
            conditions.append(try lexicographic(expressions, start, table: table, fields: fields, greater: ascending, orEqual: false))
        }
        if let end {
            conditions.append(try lexicographic(expressions, end, table: table, fields: fields, greater: !ascending, orEqual: true))
        }
        if !conditions.isEmpty { sql += " WHERE " + conditions.joined(separator: " AND ") }
        sql += " ORDER BY " + expressions.map { $0 + (ascending ? " ASC" : " DESC") }.joined(separator: ", ")
    }

    /// `expression > key` (or `<`, `>=`, `<=`) with NULL lowest of all.
    private mutating func compare(_ expression: String, _ key: DatabaseValue, greater: Bool, orEqual: Bool) -> String {
        switch (key.isNull, greater, orEqual) {
        case (true, true, false): return "\(expression) IS NOT NULL"
        case (true, true, true): return "1"
        case (true, false, false): return "0"
        case (true, false, true): return "\(expression) IS NULL"
        case (false, true, _):
            arguments.append(key)
            return "\(expression) \(orEqual ? ">=" : ">") ?"
        case (false, false, _):
            arguments.append(key)
            return "(\(expression) \(orEqual ? "<=" : "<") ? OR \(expression) IS NULL)"
        }
    }

    /// The keys of a row compared with a position's, field by field.
    private mutating func lexicographic(
        _ expressions: [String], _ position: IndexPosition, table: StoreTable, fields: [String], greater: Bool, orEqual: Bool
    ) throws -> String {
        guard position.keys.count == fields.count else { throw QueryError.invalidCursor(position.cursor) }
        let keys = try zip(position.keys, fields).map { try table.keyValue($0, of: $1) }
        var alternatives: [String] = []
        for index in keys.indices {
            var parts: [String] = []
            for earlier in 0..<index {
                parts.append("\(expressions[earlier]) IS ?")
                arguments.append(keys[earlier])
            }
            parts.append(compare(expressions[index], keys[index], greater: greater, orEqual: false))
            alternatives.append("(" + parts.joined(separator: " AND ") + ")")
        }
        if orEqual {
            var parts: [String] = []
            for index in keys.indices {
                parts.append("\(expressions[index]) IS ?")
                arguments.append(keys[index])
            }
            alternatives.append("(" + parts.joined(separator: " AND ") + ")")
        }
        return "(" + alternatives.joined(separator: " OR ") + ")"
    }
}
