import NIOCore
import PolarisRuntime
import PostgresNIO

/// A table as the PostgreSQL store reads and writes it: its layout (the same
/// as SQLite's and as `polaris sql --dialect postgres` prints), its SELECT,
/// and the conversions between documents and PostgreSQL values.
final class PostgresTable: Sendable {
    let layout: TableLayout
    var name: String { layout.name }
    /// How each selected column is read, `_id` and `_creationTime` first.
    let kinds: [StoredColumn]
    /// `SELECT "_id", ... FROM "table"`.
    let selectSQL: String
    /// `DELETE` of the document with the ID `$1`, returning it as `selectSQL` reads it.
    let deleteSQL: String
    /// The table's quoted name.
    let quotedName: String
    /// Index name to the SQL expressions of its fields' keys.
    let keyExpressions: [String: [String]]
    /// The written columns' quoted names: `_id`, `_creationTime`, the fields, the order keys.
    let writtenColumns: [String]
    /// The top-level fields an index reads (with `_id` and `_creationTime`):
    /// all a subscription needs of a document this table's commits change.
    let watchedFields: Set<String>

    init(_ description: TableDescription) {
        layout = TableLayout(description)
        kinds = layout.storedColumns
        quotedName = layout.quotedName
        keyExpressions = layout.keyExpressions
        selectSQL = "SELECT \(layout.quotedNames.joined(separator: ", ")) FROM \(quotedName)"
        deleteSQL = "DELETE FROM \(quotedName) WHERE \"_id\" = $1 RETURNING \(layout.quotedNames.joined(separator: ", "))"
        writtenColumns = layout.quotedNames + layout.orderKeys.map(\.quotedName)
        var watched: Set<String> = ["_id", "_creationTime"]
        for fields in layout.indexes.values {
            for field in fields { watched.insert(String(field.prefix { $0 != "." })) }
        }
        watchedFields = watched
    }

    /// The columns of a row of `selectSQL`, read as a model reads them, into `values`.
    func read(_ row: PostgresRow, into values: inout [StoredColumnValue]) throws {
        values.removeAll(keepingCapacity: true)
        var index = 0
        for cell in row {
            values.append(try Self.read(cell, as: kinds[index]))
            index += 1
        }
    }

    /// The stored document in a row of `selectSQL`.
    func document(of row: PostgresRow) throws -> StoredDocument {
        var columns: [StoredColumnValue] = []
        try read(row, into: &columns)
        return StoredDocument(names: layout.names, values: columns.map(\.value))
    }

    private static func read(_ cell: PostgresCell, as column: StoredColumn) throws -> StoredColumnValue {
        guard cell.bytes != nil else { return column.nullMeansNull ? .value(.null) : .absent }
        do {
            switch column.kind {
            case .text: return .text(try cell.decode(String.self))
            case .real: return .real(try cell.decode(Double.self))
            case .integer: return .integer(try cell.decode(Int64.self))
            case .boolean: return .boolean(try cell.decode(Bool.self))
            case .blob: return .value(.bytes(Array(try cell.decode(ByteBuffer.self).readableBytesView)))
            case .json: return .value(try Value(convexJSON: try cell.decode(String.self)))
            }
        } catch let error as ValueError {
            throw error
        } catch {
            throw PostgresStoreError(message: "column '\(column.name)' holds a \(cell.dataType) the store cannot read: \(error)")
        }
    }

    /// A row as a JSON object of column name to PostgreSQL value, as
    /// `json_populate_recordset` reads it: `_id`, `_creationTime`, each
    /// field's column (absent: left out), each order key.
    func appendRow(id: String, creationTime: Double, values: [Value?], to out: inout [UInt8]) throws {
        out.append(UInt8(ascii: "{"))
        JSONText.appendKey("_id", to: &out, first: true)
        try JSONText.appendString(id, field: "_id", to: &out)
        JSONText.appendKey("_creationTime", to: &out)
        JSONText.appendDouble(creationTime, to: &out)
        for (column, value) in zip(layout.columns, values) {
            guard let value else { continue }
            JSONText.appendKey(SQLText.identifier(column.name), to: &out)
            try JSONText.appendColumn(value, as: column, to: &out)
        }
        for key in layout.orderKeys {
            JSONText.appendKey(key.name, to: &out)
            JSONText.appendBytea(key.bytes(of: values), to: &out)
        }
        out.append(UInt8(ascii: "}"))
    }

    /// A document with only `watchedFields`, as a commit's record keeps it.
    func watched(_ document: StoredDocument) -> Value {
        var fields: [String: Value] = [:]
        for (name, value) in zip(document.names, document.values) where watchedFields.contains(name) {
            if let value { fields[name] = value }
        }
        return .object(fields)
    }

    /// A key of an index field as the scan compares it with the column.
    func scanKey(_ value: Value?, of field: String) throws -> ScanKey {
        if layout.orderKeys.contains(where: { $0.path == field }) {
            return .bind(.bytes(OrderKey.bytes(of: value)))
        }
        guard let column = layout.columnsByName[field] else { throw StoreError.unknownIndex(table: name, index: field) }
        guard let value, value != .null else { return .null }
        switch (column.kind, value) {
        case (.text, .string(let text)): return .bind(.text(text))
        case (.real, .float64(let number)): return .bind(.real(number))
        case (.integer, .int64(let number)): return .bind(.integer(number))
        case (.boolean, .boolean(let flag)): return .bind(.boolean(flag))
        case (.blob, .bytes(let bytes)): return .bind(.bytes(bytes))
        default:
            // Another type than the column holds: before or after all its values, in Convex's order.
            return Self.rank(of: value) < Self.rank(of: column.kind) ? .below : .above
        }
    }

    /// Convex's order of types: null < int64 < float64 < boolean < string < bytes < array < object.
    private static func rank(of value: Value) -> Int {
        switch value {
        case .null: 0
        case .int64: 1
        case .float64: 2
        case .boolean: 3
        case .string: 4
        case .bytes: 5
        case .array: 6
        case .object: 7
        }
    }

    private static func rank(of kind: StoredColumn.Kind) -> Int {
        switch kind {
        case .integer: 1
        case .real: 2
        case .boolean: 3
        case .text: 4
        case .blob: 5
        case .json: 6
        }
    }
}

/// A key of a scan: NULL, a value to bind, or a value of another type than
/// the column's, which sorts below or above all of them.
enum ScanKey {
    case null
    case bind(Scalar)
    case below
    case above

    enum Scalar {
        case text(String)
        case real(Double)
        case integer(Int64)
        case boolean(Bool)
        case bytes([UInt8])

        func append(to bindings: inout PostgresBindings) {
            switch self {
            case .text(let text): bindings.append(text)
            case .real(let number): bindings.append(number)
            case .integer(let number): bindings.append(number)
            case .boolean(let flag): bindings.append(flag)
            case .bytes(let bytes): bindings.append(ByteBuffer(bytes: bytes))
            }
        }
    }
}
