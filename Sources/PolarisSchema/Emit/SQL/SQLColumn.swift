/// The column of one field of a table.
struct SQLColumn {
    var name: String
    var type: SQLColumnType
    var isNullable: Bool
    /// The literals a column of literals may hold.
    var literals: [LiteralValue] = []

    /// ` CHECK ("role" IN ('user', 'assistant'))` for a column of literals.
    func appendCheck(dialect: SQLDialect, into out: inout TextBuffer) {
        guard !literals.isEmpty else { return }
        out.append(" CHECK (")
        out.append(name, enclosedIn: UInt8(ascii: "\""))
        out.append(" IN (")
        for (position, literal) in literals.enumerated() {
            if position > 0 { out.append(", ") }
            switch literal {
            case .string(let text): out.append(text, enclosedIn: SQLGenerator.literalMark)
            case .number(let number): out.append("\(number)")
            case .int64(let number): out.append("\(number)")
            case .boolean(let flag): out.append(dialect == .postgres ? "\(flag)" : (flag ? "1" : "0"))
            }
        }
        out.append("))")
    }

    /// The columns of a table's fields; for `variants:`, of every variant's
    /// fields, a column nullable unless every variant requires it, and JSON
    /// when its types differ or NULL could mean both null and absent.
    static func columns(of table: Table, schema: Schema) -> [SQLColumn] {
        switch table.shape {
        case .fields(let fields):
            return fields.map { column(for: $0, schema: schema) }
        case .variants(let variants):
            var order: [String] = []
            var byName: [String: [Field]] = [:]
            for variant in variants {
                for field in variant.fields {
                    if byName[field.name] == nil { order.append(field.name) }
                    byName[field.name, default: []].append(field)
                }
            }
            return order.map { name in
                let fields = byName[name]!
                let columns = fields.map { column(for: $0, schema: schema) }
                var merged = columns[0]
                // A NULL must mean one thing: null, or an absent field.
                let sometimesAbsent = fields.count < variants.count || fields.contains(where: \.isOptional)
                let sometimesNull = fields.contains { field in
                    var null = false
                    forEachMember(of: field.type, schema: schema) { null = null || $0 == .null }
                    return null
                }
                if columns.contains(where: { $0.type != merged.type }) || (sometimesAbsent && sometimesNull) {
                    merged.type = .json
                    merged.literals = []
                } else {
                    merged.literals = columns.allSatisfy({ !$0.literals.isEmpty }) ? columns.flatMap(\.literals).uniqued() : []
                }
                merged.isNullable = columns.contains(where: \.isNullable) || fields.count < variants.count
                return merged
            }
        }
    }

    static func column(for field: Field, schema: Schema) -> SQLColumn {
        let name = SQLNames.identifier(field.name)
        switch field.type {
        case .named, .union, .literal, .null: break
        default:
            // One member that is not null and not a literal: its scalar column, else JSON.
            return SQLColumn(name: name, type: scalarType(field.type) ?? .json, isNullable: field.isOptional)
        }
        var nullable = false
        var literals: [LiteralValue] = []
        var others: [SchemaType] = []
        forEachMember(of: field.type, schema: schema) { member in
            switch member {
            case .null: nullable = true
            case .literal(let value): literals.append(value)
            default: others.append(member)
            }
        }
        if field.isOptional && nullable { return SQLColumn(name: name, type: .json, isNullable: true) }
        let rest = literals.count + others.count
        var column = SQLColumn(name: name, type: .json, isNullable: field.isOptional || nullable || rest == 0)
        if rest > 0, others.isEmpty {
            // Literals of one kind: that kind's column, checked against them.
            let kind = literals[0].columnType
            if literals.allSatisfy({ $0.columnType == kind }) {
                column.type = kind
                column.literals = literals
            }
        } else if rest == 1 {
            column.type = scalarType(others[0]) ?? .json
        }
        return column
    }

    private static func scalarType(_ type: SchemaType) -> SQLColumnType? {
        switch type {
        case .string, .id: .text
        case .number: .real
        case .int64: .integer
        case .boolean: .boolean
        case .bytes: .blob
        default: nil
        }
    }

    /// Calls `body` with each member of a type, named types and nested unions resolved.
    private static func forEachMember(of type: SchemaType, schema: Schema, _ body: (SchemaType) -> Void) {
        switch type {
        case .named(let name):
            guard let named = schema.namedType(name) else { return body(type) }
            forEachMember(of: named.type, schema: schema, body)
        case .union(let members):
            for member in members { forEachMember(of: member, schema: schema, body) }
        default:
            body(type)
        }
    }
}

extension LiteralValue {
    fileprivate var columnType: SQLColumnType {
        switch self {
        case .string: .text
        case .number: .real
        case .int64: .integer
        case .boolean: .boolean
        }
    }
}

extension Array where Element == LiteralValue {
    fileprivate func uniqued() -> [LiteralValue] {
        var seen = Set<LiteralValue>()
        return filter { seen.insert($0).inserted }
    }
}
