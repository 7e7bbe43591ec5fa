import Foundation
internal import GRDB

/// An index field whose SQL value would not sort in Convex's order (a dotted
/// path, or a field stored as JSON), kept in a BLOB column of its `OrderKey`
/// beside the document's columns; the DDL indexes that column. The same rule
/// as `polaris sql`'s, derived here from the table's description.
package struct OrderKeyColumn: Sendable {
    /// The index field: a field name or a dotted path.
    package let path: String
    /// The SQL name of the key column: `_key.` and the path.
    package let name: String
    /// `name`, quoted.
    package var quotedName: String { SQLText.quote(name) }
    /// The offset in the table's columns of the path's first field.
    package let column: Int
    /// The rest of the path, into the first field's object.
    package let rest: [String]

    /// The key columns of a table whose fields are stored in `columns`, in
    /// the order its indexes first name them.
    static func columns(of table: TableDescription, stored columns: [StoredColumn]) -> [OrderKeyColumn] {
        var keys: [OrderKeyColumn] = []
        for index in table.indexes {
            for path in index.fields where !keys.contains(where: { $0.path == path }) {
                let parts = path.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
                guard let column = columns.firstIndex(where: { $0.name == parts[0] }),
                    parts.count > 1 || columns[column].kind == .json
                else { continue }
                keys.append(OrderKeyColumn(
                    path: path, name: SQLText.identifier("_key." + path), column: column, rest: Array(parts.dropFirst())))
            }
        }
        return keys
    }

    /// The key of a document whose fields are `values`, in the table's column order.
    func key(of values: [Value?]) -> DatabaseValue {
        Data(bytes(of: values)).databaseValue
    }

    /// The key's bytes for a document whose fields are `values`, in the table's column order.
    package func bytes(of values: [Value?]) -> [UInt8] {
        var value = values[column]
        for part in rest {
            guard case .object(let fields)? = value else { return OrderKey.bytes(of: nil) }
            value = fields[part]
        }
        return OrderKey.bytes(of: value)
    }

    /// The key column's value for a field's value (nil: absent).
    static func key(_ value: Value?) -> DatabaseValue {
        Data(OrderKey.bytes(of: value)).databaseValue
    }
}
