import Foundation
internal import GRDB
internal import GRDBSQLite

/// The store's fast path on GRDB's cached statements: columns bound and read
/// by position through SQLite's C API, without argument arrays or `Row`s.
extension Statement {
    private static let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)

    /// Binds a text at a 1-based parameter index.
    func bind(text: String, at index: Int32) {
        var text = text
        text.withUTF8 { bytes in
            if let base = bytes.baseAddress {
                _ = sqlite3_bind_text(sqliteStatement, index, base, Int32(bytes.count), Self.transient)
            } else {
                _ = sqlite3_bind_text(sqliteStatement, index, "", 0, nil)
            }
        }
    }

    /// Binds a value at a 1-based parameter index.
    func bind(_ value: DatabaseValue, at index: Int32) {
        switch value.storage {
        case .null: sqlite3_bind_null(sqliteStatement, index)
        case .int64(let number): sqlite3_bind_int64(sqliteStatement, index, number)
        case .double(let number): sqlite3_bind_double(sqliteStatement, index, number)
        case .string(let text): bind(text: text, at: index)
        case .blob(let data):
            data.withUnsafeBytes { raw in
                _ = sqlite3_bind_blob(sqliteStatement, index, raw.baseAddress ?? UnsafeRawPointer(bitPattern: 1), Int32(raw.count), Self.transient)
            }
        }
    }

    /// Binds a field's value as `column` stores it; strings and numbers
    /// directly, the rest through the column's `databaseValue`.
    func bind(_ value: Value?, as column: StoredColumn, at index: Int32) throws {
        switch (column.kind, value) {
        case (.text, .string(let text)?): bind(text: text, at: index)
        case (.real, .float64(let number)?) where !number.isNaN: sqlite3_bind_double(sqliteStatement, index, number)
        case (.integer, .int64(let number)?): sqlite3_bind_int64(sqliteStatement, index, number)
        default: bind(try column.databaseValue(value), at: index)
        }
    }

    /// Runs a statement that returns no rows, then resets it.
    func run(in database: Database) throws {
        defer { sqlite3_reset(sqliteStatement) }
        let code = sqlite3_step(sqliteStatement)
        guard code == SQLITE_DONE else { throw failure(code, in: database) }
    }

    /// Steps to the next row: false when there is none.
    func step(in database: Database) throws -> Bool {
        let code = sqlite3_step(sqliteStatement)
        if code == SQLITE_ROW { return true }
        guard code == SQLITE_DONE else { throw failure(code, in: database) }
        return false
    }

    /// The text of a column (0-based).
    func text(at index: Int32) -> String {
        let count = Int(sqlite3_column_bytes(sqliteStatement, index))
        guard let bytes = sqlite3_column_text(sqliteStatement, index) else { return "" }
        return String(decoding: UnsafeBufferPointer(start: bytes, count: count), as: UTF8.self)
    }

    /// A column (0-based) as it stores a field: scalars as they are.
    func column(at index: Int32, as column: StoredColumn.Reading) throws -> StoredColumnValue {
        switch sqlite3_column_type(sqliteStatement, index) {
        case SQLITE_NULL: return column.kind != .json && column.nullMeansNull ? .value(.null) : .absent
        case SQLITE_TEXT: return column.kind == .json ? .value(try Value(convexJSON: text(at: index))) : .text(text(at: index))
        case SQLITE_FLOAT: return .real(sqlite3_column_double(sqliteStatement, index))
        case SQLITE_INTEGER:
            let number = sqlite3_column_int64(sqliteStatement, index)
            switch column.kind {
            case .boolean: return .boolean(number != 0)
            case .real: return .real(Double(number))
            default: return .integer(number)
            }
        default:
            let count = Int(sqlite3_column_bytes(sqliteStatement, index))
            guard let bytes = sqlite3_column_blob(sqliteStatement, index) else { return .value(.bytes([])) }
            return .value(.bytes(Array(UnsafeRawBufferPointer(start: bytes, count: count))))
        }
    }

    private func failure(_ code: Int32, in database: Database) -> DatabaseError {
        DatabaseError(resultCode: ResultCode(rawValue: code), message: database.lastErrorMessage, sql: sql)
    }
}

extension Statement {
    /// Ends a read: resets the statement and drops its bindings, so the
    /// cached statement holds no read lock and no stale value.
    func finishReading() {
        sqlite3_reset(sqliteStatement)
        sqlite3_clear_bindings(sqliteStatement)
    }
}
