/// How any SQL store lays out a table: the columns of its fields, its
/// indexes' fields and the order key columns of those SQL cannot sort as
/// Convex does, and the check of what a write supplies. The same rules as
/// the DDL `polaris sql` prints, derived from the table's description.
package struct TableLayout: Sendable {
    package let name: String
    /// The table as the schema describes it.
    package let description: TableDescription
    /// The validator of what a write supplies: the document without `_id` and `_creationTime`.
    let fieldsValidator: Validator
    /// The columns of the document's own fields, in the DDL's order.
    package let columns: [StoredColumn]
    /// `_id`, `_creationTime`, then `columns`.
    package let storedColumns: [StoredColumn]
    /// The field names of `storedColumns`: a stored document's names.
    package let names: [String]
    /// Every column by field name, `_id` and `_creationTime` included.
    package let columnsByName: [String: StoredColumn]
    /// The order key columns of index fields that SQL would not sort as Convex does.
    package let orderKeys: [OrderKeyColumn]
    /// Index name to its fields, `by_id` and `by_creation_time` included.
    package let indexes: [String: [String]]

    package static let systemColumns = [
        StoredColumn(name: "_id", kind: .text, nullMeansNull: false),
        StoredColumn(name: "_creationTime", kind: .real, nullMeansNull: false),
    ]

    package init(_ table: TableDescription) {
        description = table
        name = table.name
        fieldsValidator = Self.withoutSystemFields(table.documentValidator)
        columns = StoredColumn.columns(of: table.documentValidator)
        storedColumns = Self.systemColumns + columns
        names = storedColumns.map(\.name)
        columnsByName = Dictionary(uniqueKeysWithValues: storedColumns.map { ($0.name, $0) })
        orderKeys = OrderKeyColumn.columns(of: table, stored: columns)
        var indexes = ["by_id": ["_id"], "by_creation_time": ["_creationTime"]]
        for index in table.indexes { indexes[index.name] = index.fields + ["_creationTime"] }
        self.indexes = indexes
    }

    /// A write's fields in `columns` order (nil: absent), once they pass the
    /// table's validator without the system fields. Fields in exactly the
    /// column order (as generated models and `new(...)` give them) are
    /// checked by position; others go through an object value.
    package func columnValues(of fields: StoredDocument, ignoringSystemFields: Bool) throws -> [Value?] {
        do {
            if case .object(let expected) = fieldsValidator,
                let first = firstColumn(in: fields.names, ignoringSystemFields: ignoringSystemFields)
            {
                try Validator.validateFields(expected) { offset, _ in fields.values[first + offset] }
                return Array(fields.values[first...])
            }
            guard case .object(var object) = fields.value else { return [] }
            if ignoringSystemFields {
                object["_id"] = nil
                object["_creationTime"] = nil
            }
            try fieldsValidator.validate(.object(object))
            return columns.map { object[$0.name] }
        } catch {
            throw StoreError.invalidDocument(table: name, error)
        }
    }

    /// Where `names` are exactly this table's column names from: 0, or past
    /// `_id` and `_creationTime` when those may be ignored; nil when they are not.
    private func firstColumn(in names: [String], ignoringSystemFields: Bool) -> Int? {
        let system = Self.systemColumns.count
        if names.elementsEqual(self.names.dropFirst(system)) { return 0 }
        return ignoringSystemFields && names.elementsEqual(self.names) ? system : nil
    }

    /// `validator` without the system fields, in each variant of a table of variants.
    private static func withoutSystemFields(_ validator: Validator) -> Validator {
        switch validator {
        case .object(let fields): .object(fields.filter { $0.name != "_id" && $0.name != "_creationTime" })
        case .union(let variants): .union(variants.map(withoutSystemFields))
        default: validator
        }
    }

    /// The table name, quoted for SQL.
    package var quotedName: String { SQLText.quote(SQLText.identifier(name)) }

    /// The quoted SQL names of `storedColumns`.
    package var quotedNames: [String] { names.map { SQLText.quote(SQLText.identifier($0)) } }

    /// Index name to the SQL expressions of its fields' keys.
    package var keyExpressions: [String: [String]] {
        indexes.mapValues { fields in
            fields.map { field in
                orderKeys.first { $0.path == field }?.quotedName ?? SQLText.quote(SQLText.identifier(field))
            }
        }
    }
}
