import PolarisRuntime
import PostgresNIO

/// The SELECT that reads a query plan's range of an index, in its order,
/// strictly after one position and through another, at most `limit` rows.
/// Convex puts an absent field and null first, as the DDL's `NULLS FIRST`
/// indexes do; a NULL key is compared with `IS NULL`, every other with
/// `=`, `<` or `>`, so that the index serves the scan.
struct PostgresScan {
    private(set) var query: PostgresQuery

    init(_ plan: QueryPlan, table: PostgresTable, after start: IndexPosition?, through end: IndexPosition?, limit: Int) throws {
        guard let fields = table.layout.indexes[plan.index], let expressions = table.keyExpressions[plan.index] else {
            throw StoreError.unknownIndex(table: table.name, index: plan.index)
        }
        func expression(of field: String) throws -> String {
            guard let position = fields.firstIndex(of: field) else {
                throw StoreError.unknownIndex(table: table.name, index: "\(plan.index).\(field)")
            }
            return expressions[position]
        }
        func keys(of position: IndexPosition) throws -> [ScanKey] {
            guard position.keys.count == fields.count else { throw QueryError.invalidCursor(position.cursor) }
            return try zip(position.keys, fields).map { try table.scanKey($0, of: $1) }
        }
        var bindings = PostgresBindings()
        var conditions: [String] = []
        let bounds = plan.bounds
        for equality in bounds.equalities {
            conditions.append(Self.equal(try expression(of: equality.field), try table.scanKey(equality.value, of: equality.field), &bindings))
        }
        if let bound = bounds.lower {
            conditions.append(Self.compare(
                try expression(of: bound.field), try table.scanKey(bound.value, of: bound.field), greater: true,
                orEqual: bound.isInclusive, &bindings))
        }
        if let bound = bounds.upper {
            conditions.append(Self.compare(
                try expression(of: bound.field), try table.scanKey(bound.value, of: bound.field), greater: false,
                orEqual: bound.isInclusive, &bindings))
        }
        let ascending = plan.order == .ascending
        if let start {
            conditions.append(Self.lexicographic(expressions, try keys(of: start), greater: ascending, orEqual: false, &bindings))
        }
        if let end {
            conditions.append(Self.lexicographic(expressions, try keys(of: end), greater: !ascending, orEqual: true, &bindings))
        }
        var sql = table.selectSQL
        if !conditions.isEmpty { sql += " WHERE " + conditions.joined(separator: " AND ") }
        sql += " ORDER BY " + expressions.map { $0 + (ascending ? " ASC NULLS FIRST" : " DESC NULLS LAST") }.joined(separator: ", ")
        sql += " LIMIT \(limit)"
        query = PostgresQuery(unsafeSQL: sql, binds: bindings)
    }

    private static func placeholder(_ value: ScanKey.Scalar, _ bindings: inout PostgresBindings) -> String {
        value.append(to: &bindings)
        return "$\(bindings.count)"
    }

    /// `expression` equals `key`.
    private static func equal(_ expression: String, _ key: ScanKey, _ bindings: inout PostgresBindings) -> String {
        switch key {
        case .null: "\(expression) IS NULL"
        case .bind(let value): "\(expression) = \(placeholder(value, &bindings))"
        case .below, .above: "FALSE"
        }
    }

    /// `expression > key` (or `<`, `>=`, `<=`) with NULL lowest of all.
    private static func compare(
        _ expression: String, _ key: ScanKey, greater: Bool, orEqual: Bool, _ bindings: inout PostgresBindings
    ) -> String {
        switch (key, greater) {
        case (.null, true): orEqual ? "TRUE" : "\(expression) IS NOT NULL"
        case (.null, false): orEqual ? "\(expression) IS NULL" : "FALSE"
        case (.below, true): "\(expression) IS NOT NULL"
        case (.below, false): "\(expression) IS NULL"
        case (.above, true): "FALSE"
        case (.above, false): "TRUE"
        case (.bind(let value), true): "\(expression) \(orEqual ? ">=" : ">") \(placeholder(value, &bindings))"
        case (.bind(let value), false):
            "(\(expression) \(orEqual ? "<=" : "<") \(placeholder(value, &bindings)) OR \(expression) IS NULL)"
        }
    }

    /// The keys of a row compared with a position's, field by field.
    private static func lexicographic(
        _ expressions: [String], _ keys: [ScanKey], greater: Bool, orEqual: Bool, _ bindings: inout PostgresBindings
    ) -> String {
        var alternatives: [String] = []
        for index in keys.indices {
            var parts = (0..<index).map { equal(expressions[$0], keys[$0], &bindings) }
            parts.append(compare(expressions[index], keys[index], greater: greater, orEqual: false, &bindings))
            alternatives.append("(" + parts.joined(separator: " AND ") + ")")
        }
        if orEqual {
            alternatives.append("(" + keys.indices.map { equal(expressions[$0], keys[$0], &bindings) }.joined(separator: " AND ") + ")")
        }
        return "(" + alternatives.joined(separator: " OR ") + ")"
    }
}
