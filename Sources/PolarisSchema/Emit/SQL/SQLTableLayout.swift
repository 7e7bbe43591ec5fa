/// The columns of one table: a column per field, then an order key column
/// per index field whose SQL value does not sort in Convex's order of values.
struct SQLTableLayout {
    var columns: [SQLColumn]
    /// Index fields (dotted paths, and fields stored as JSON) indexed through
    /// an order key column, in the order the table's indexes first name them.
    var orderKeys: [String]

    init(of table: Table, schema: Schema) {
        let columns = SQLColumn.columns(of: table, schema: schema)
        // A table has a few columns: a scan beats building a set.
        let isJSON = { (name: String) in columns.contains { $0.type == .json && $0.name == name } }
        self.columns = columns
        var keys: [String] = []
        for index in table.indexes {
            for field in index.fields where !keys.contains(field) {
                if field.utf8.contains(UInt8(ascii: ".")) || isJSON(SQLNames.identifier(field)) { keys.append(field) }
            }
        }
        orderKeys = keys
    }

    /// The column holding the order key of an index field: `_key.` and the
    /// field's path. The runtime writes it with every document.
    static func orderKeyColumn(_ path: String) -> String {
        SQLNames.identifier("_key." + path)
    }
}
