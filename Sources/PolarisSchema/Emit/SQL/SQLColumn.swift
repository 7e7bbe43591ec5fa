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
                let sometimesNull = fields.contains { flatten($0.type, schema: schema).contains(.null) }
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
        let members = flatten(field.type, schema: schema)
        let nullable = members.contains(.null)
        let rest = members.filter { $0 != .null }
        if field.isOptional && nullable { return SQLColumn(name: name, type: .json, isNullable: true) }
        var column = SQLColumn(name: name, type: .json, isNullable: field.isOptional || nullable || rest.isEmpty)
        let literals: [LiteralValue] = rest.compactMap { if case .literal(let value) = $0 { value } else { nil } }
        if !rest.isEmpty, literals.count == rest.count {
            let kinds = Set(literals.map(\.columnType))
            if kinds.count == 1 {
                column.type = kinds.first!
                column.literals = literals
            }
        } else if rest.count == 1 {
            column.type = scalarType(rest[0]) ?? .json
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

    /// The members of a type, named types and nested unions resolved.
    private static func flatten(_ type: SchemaType, schema: Schema) -> [SchemaType] {
        switch type {
        case .named(let name):
            guard let named = schema.namedType(name) else { return [type] }
            return flatten(named.type, schema: schema)
        case .union(let members):
            return members.flatMap { flatten($0, schema: schema) }
        default:
            return [type]
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
