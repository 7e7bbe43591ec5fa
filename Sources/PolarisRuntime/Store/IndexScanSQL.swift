internal import GRDB

/// The SELECT that reads a query plan's range of an index, in its order,
/// between two positions, with its arguments. SQLite sorts NULL first, which
/// is where Convex puts both an absent field and null (a column holds only one
/// of the two). The SQL depends only on the scan's shape, so each table makes
/// it once per shape; a query only converts its keys.
struct IndexScanSQL {
    let sql: String
    /// Where each connection keeps the statement (nil: a shape not kept).
    let slot: StatementSlot?
    let arguments: [DatabaseValue]

    init(_ plan: QueryPlan, table: StoreTable, after start: IndexPosition?, through end: IndexPosition?) throws {
        let keys = try ScanKeys(plan, table: table, after: start, through: end)
        let statement = try table.scanStatement(for: keys.shape) { try ScanStatement(keys.shape, table: table) }
        sql = statement.sql
        slot = statement.slot
        arguments = statement.arguments.map { keys[$0] }
    }
}

/// What a scan's SQL depends on: the index and order, the fields compared,
/// and which keys are NULL (compared with `IS` rather than `<` or `>`).
struct ScanShape: Hashable, Sendable {
    struct Bound: Hashable, Sendable {
        var field: String
        var isInclusive: Bool
        var isNull: Bool
    }

    var index: String
    var ascending: Bool
    var equalities: [String]
    var lower: Bound?
    var upper: Bound?
    /// For each key of the position to start after (or end at): whether it is NULL.
    var start: [Bool]?
    var end: [Bool]?
}

/// Which key an argument of a scan's SQL takes.
enum ScanArgument: Hashable, Sendable {
    case equality(Int), lower, upper, start(Int), end(Int)
}

/// A scan's keys as SQLite values, and its shape.
private struct ScanKeys {
    var shape: ScanShape
    var equalities: [DatabaseValue]
    var lower: DatabaseValue = .null
    var upper: DatabaseValue = .null
    var start: [DatabaseValue] = []
    var end: [DatabaseValue] = []

    init(_ plan: QueryPlan, table: StoreTable, after start: IndexPosition?, through end: IndexPosition?) throws {
        let bounds = plan.bounds
        equalities = try bounds.equalities.map { try table.keyValue($0.value, of: $0.field) }
        shape = ScanShape(index: plan.index, ascending: plan.order == .ascending, equalities: bounds.equalities.map(\.field))
        if let bound = bounds.lower {
            lower = try table.keyValue(bound.value, of: bound.field)
            shape.lower = ScanShape.Bound(field: bound.field, isInclusive: bound.isInclusive, isNull: lower.isNull)
        }
        if let bound = bounds.upper {
            upper = try table.keyValue(bound.value, of: bound.field)
            shape.upper = ScanShape.Bound(field: bound.field, isInclusive: bound.isInclusive, isNull: upper.isNull)
        }
        if let start {
            self.start = try Self.keys(of: start, plan: plan, table: table)
            shape.start = self.start.map(\.isNull)
        }
        if let end {
            self.end = try Self.keys(of: end, plan: plan, table: table)
            shape.end = self.end.map(\.isNull)
        }
    }

    subscript(argument: ScanArgument) -> DatabaseValue {
        switch argument {
        case .equality(let index): equalities[index]
        case .lower: lower
        case .upper: upper
        case .start(let index): start[index]
        case .end(let index): end[index]
        }
    }

    private static func keys(of position: IndexPosition, plan: QueryPlan, table: StoreTable) throws -> [DatabaseValue] {
        guard let fields = table.indexes[plan.index] else { throw StoreError.unknownIndex(table: table.name, index: plan.index) }
        guard position.keys.count == fields.count else { throw QueryError.invalidCursor(position.cursor) }
        return try zip(position.keys, fields).map { try table.keyValue($0, of: $1) }
    }
}

/// The SQL of one scan shape, and where each of its arguments comes from.
struct ScanStatement: Sendable {
    private(set) var sql: String
    private(set) var arguments: [ScanArgument] = []
    /// Set when the table keeps this statement.
    var slot: StatementSlot?

    init(_ shape: ScanShape, table: StoreTable) throws {
        guard let fields = table.indexes[shape.index], let expressions = table.keyExpressions[shape.index] else {
            throw StoreError.unknownIndex(table: table.name, index: shape.index)
        }
        func expression(of field: String) throws -> String {
            guard let position = fields.firstIndex(of: field) else {
                throw StoreError.unknownIndex(table: table.name, index: "\(shape.index).\(field)")
            }
            return expressions[position]
        }
        var conditions: [String] = []
        sql = table.selectSQL
        for (index, field) in shape.equalities.enumerated() {
            conditions.append("\(try expression(of: field)) IS ?")
            arguments.append(.equality(index))
        }
        for (bound, argument, isLower) in [(shape.lower, ScanArgument.lower, true), (shape.upper, .upper, false)] {
            guard let bound else { continue }
            conditions.append(compare(
                try expression(of: bound.field), isNull: bound.isNull, argument, greater: isLower, orEqual: bound.isInclusive))
        }
        if let start = shape.start {
            conditions.append(lexicographic(expressions, start, ScanArgument.start, greater: shape.ascending, orEqual: false))
        }
        if let end = shape.end {
            conditions.append(lexicographic(expressions, end, ScanArgument.end, greater: !shape.ascending, orEqual: true))
        }
        if !conditions.isEmpty { sql += " WHERE " + conditions.joined(separator: " AND ") }
        sql += " ORDER BY " + expressions.map { $0 + (shape.ascending ? " ASC" : " DESC") }.joined(separator: ", ")
    }

    /// `expression > key` (or `<`, `>=`, `<=`) with NULL lowest of all.
    private mutating func compare(
        _ expression: String, isNull: Bool, _ argument: ScanArgument, greater: Bool, orEqual: Bool
    ) -> String {
        switch (isNull, greater, orEqual) {
        case (true, true, false): return "\(expression) IS NOT NULL"
        case (true, true, true): return "1"
        case (true, false, false): return "0"
        case (true, false, true): return "\(expression) IS NULL"
        case (false, true, _):
            arguments.append(argument)
            return "\(expression) \(orEqual ? ">=" : ">") ?"
        case (false, false, _):
            arguments.append(argument)
            return "(\(expression) \(orEqual ? "<=" : "<") ? OR \(expression) IS NULL)"
        }
    }

    /// The keys of a row compared with a position's, field by field.
    private mutating func lexicographic(
        _ expressions: [String], _ isNull: [Bool], _ key: (Int) -> ScanArgument, greater: Bool, orEqual: Bool
    ) -> String {
        var alternatives: [String] = []
        for index in isNull.indices {
            var parts: [String] = []
            for earlier in 0..<index {
                parts.append("\(expressions[earlier]) IS ?")
                arguments.append(key(earlier))
            }
            parts.append(compare(expressions[index], isNull: isNull[index], key(index), greater: greater, orEqual: false))
            alternatives.append("(" + parts.joined(separator: " AND ") + ")")
        }
        if orEqual {
            var parts: [String] = []
            for index in isNull.indices {
                parts.append("\(expressions[index]) IS ?")
                arguments.append(key(index))
            }
            alternatives.append("(" + parts.joined(separator: " AND ") + ")")
        }
        return "(" + alternatives.joined(separator: " OR ") + ")"
    }
}
