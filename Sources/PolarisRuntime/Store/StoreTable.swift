import Foundation
import Synchronization
internal import GRDB

/// A table as the SQLite store reads and writes it: its columns, its
/// indexes' key columns, and the statements it runs, all made once.
final class StoreTable: Sendable {
    /// The columns, indexes and write check, as every SQL store has them.
    let layout: TableLayout
    var name: String { layout.name }
    var columns: [StoredColumn] { layout.columns }
    var names: [String] { layout.names }
    var orderKeys: [OrderKeyColumn] { layout.orderKeys }
    var indexes: [String: [String]] { layout.indexes }
    var description: TableDescription { layout.description }
    /// How to read each of `layout.storedColumns`.
    let readings: [StoredColumn.Reading]
    /// Index name to the SQL expressions of its fields' keys.
    let keyExpressions: [String: [String]]
    let quotedName: String
    /// The quoted SQL names of `columns`.
    let quotedColumns: [String]
    let selectSQL: String
    let insert: StatementSlot
    let selectById: StatementSlot
    let delete: StatementSlot
    /// Numbers the statements made later (updates, scans).
    private let slots: StatementSlots
    /// `update(changing:)`'s statements so far, by the columns they set.
    private let updates = Mutex<[[Int]: Update]>([:])
    /// `scanStatement(for:)`'s statements so far, by shape.
    private let scans = Mutex<[ScanShape: ScanStatement]>([:])
    /// The model types found to be this table's generated model, which read a row by position.
    private let positionalModels = Mutex<Set<ObjectIdentifier>>([])
    /// Shapes beyond this many are made each time rather than kept.
    static let scanCacheLimit = 1_000

    static var systemColumns: [StoredColumn] { TableLayout.systemColumns }

    init(_ table: TableDescription, slots: StatementSlots) {
        layout = TableLayout(table)
        self.slots = slots
        readings = layout.storedColumns.map(\.reading)
        keyExpressions = layout.keyExpressions
        quotedName = layout.quotedName
        let quoted = layout.quotedNames
        quotedColumns = Array(quoted.dropFirst(Self.systemColumns.count))
        let written = quoted + layout.orderKeys.map(\.quotedName)
        insert = slots.make("INSERT INTO \(quotedName) (\(written.joined(separator: ", "))) VALUES (\(written.map { _ in "?" }.joined(separator: ", ")))")
        selectSQL = "SELECT \(quoted.joined(separator: ", ")) FROM \(quotedName)"
        selectById = slots.make(selectSQL + " WHERE \"_id\" = ?")
        delete = slots.make("DELETE FROM \(quotedName) WHERE \"_id\" = ?")
    }

    /// Whether `Model` describes exactly this table, so its generated
    /// `init(row:)` reads the columns in the order the store has them.
    func readsByPosition<Model: Document>(_ model: Model.Type) -> Bool {
        let key = ObjectIdentifier(model)
        if positionalModels.withLock({ $0.contains(key) }) { return true }
        guard Model.tableName == name, Model.table == description else { return false }
        positionalModels.withLock { _ = $0.insert(key) }
        return true
    }

    /// The document in the current row of a statement selecting `selectSQL`'s columns.
    func document(at statement: Statement) throws -> StoredDocument {
        var values: [Value?] = []
        values.reserveCapacity(readings.count)
        for (index, reading) in readings.enumerated() {
            values.append(try statement.column(at: Int32(index), as: reading).value)
        }
        return StoredDocument(names: names, values: values)
    }

    /// The row `statement` is on, and every row it steps to, column by column.
    func row(at statement: Statement) -> DocumentRow {
        let readings = readings
        return DocumentRow(names: names) { index in try statement.column(at: Int32(index), as: readings[index]) }
    }

    /// A write's fields in `columns` order, checked (see `TableLayout`).
    func columnValues(of fields: StoredDocument, ignoringSystemFields: Bool) throws -> [Value?] {
        try layout.columnValues(of: fields, ignoringSystemFields: ignoringSystemFields)
    }

    /// Binds column values (in `columns` order), then their order keys, to
    /// `statement`'s parameters from `first` on.
    func bind(_ values: [Value?], to statement: Statement, from first: Int32) throws {
        for (offset, column) in columns.enumerated() {
            try statement.bind(values[offset], as: column, at: first + Int32(offset))
        }
        let keysFirst = first + Int32(columns.count)
        for (offset, key) in orderKeys.enumerated() {
            statement.bind(key.key(of: values), at: keysFirst + Int32(offset))
        }
    }

    /// An `UPDATE` of some columns and of the order keys they determine.
    struct Update: Sendable {
        /// Sets the columns, then `keys`, then takes `_id`.
        let statement: StatementSlot
        /// Offsets into `orderKeys` of the keys to write.
        let keys: [Int]
    }

    /// The `UPDATE` of the columns at `changed` (offsets into `columns`);
    /// made once per set of columns.
    func update(changing changed: [Int]) -> Update {
        updates.withLock { cache in
            if let update = cache[changed] { return update }
            let keys = orderKeys.indices.filter { changed.contains(orderKeys[$0].column) }
            let sets = changed.map { "\(quotedColumns[$0]) = ?" } + keys.map { "\(orderKeys[$0].quotedName) = ?" }
            let sql = "UPDATE \(quotedName) SET \(sets.joined(separator: ", ")) WHERE \"_id\" = ?"
            let update = Update(statement: slots.make(sql), keys: keys)
            cache[changed] = update
            return update
        }
    }

    /// The scan statement of `shape`, made by `make` the first time; the
    /// first `scanCacheLimit` shapes are kept, each with its slot.
    func scanStatement(for shape: ScanShape, make: () throws -> ScanStatement) throws -> ScanStatement {
        if let statement = scans.withLock({ $0[shape] }) { return statement }
        var statement = try make()
        return scans.withLock { cache in
            if let kept = cache[shape] { return kept }
            guard cache.count < Self.scanCacheLimit else { return statement }
            statement.slot = slots.make(statement.sql)
            cache[shape] = statement
            return statement
        }
    }

    /// A key value as the index stores it (nil: the field is absent).
    func keyValue(_ value: Value?, of field: String) throws -> DatabaseValue {
        if orderKeys.contains(where: { $0.path == field }) { return OrderKeyColumn.key(value) }
        guard let column = layout.columnsByName[field] else { throw StoreError.unknownIndex(table: name, index: field) }
        return try column.databaseValue(value)
    }
}

/// Quoting and naming for SQL text, as `polaris sql` writes it.
package enum SQLText {
    /// `"name"`, with any `"` doubled.
    package static func quote(_ name: String) -> String {
        "\"" + name.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    /// `'text'`, with any `'` doubled.
    package static func literal(_ text: String) -> String {
        "'" + text.replacingOccurrences(of: "'", with: "''") + "'"
    }

    /// The compiler's SQL identifier for a schema name: the name itself up to
    /// 63 bytes, else its first 46 bytes, `_`, and a 64-bit FNV-1a hash in hex.
    package static func identifier(_ name: String) -> String {
        guard name.utf8.count > 63 else { return name }
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in name.utf8 { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
        let hex = String(hash, radix: 16)
        return String(decoding: name.utf8.prefix(46), as: UTF8.self) + "_" + String(repeating: "0", count: 16 - hex.count) + hex
    }
}
