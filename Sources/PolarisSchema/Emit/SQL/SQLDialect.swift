/// The SQL databases Polaris creates tables in.
public enum SQLDialect: String, CaseIterable, Sendable {
    case sqlite
    case postgres

    /// `SQLite`, `PostgreSQL`.
    public var displayName: String {
        switch self {
        case .sqlite: "SQLite"
        case .postgres: "PostgreSQL"
        }
    }
}

/// How a field is stored in its column.
enum SQLColumnType: Equatable {
    case text
    case real
    case integer
    case boolean
    case blob
    /// Convex JSON text (objects, arrays, records, `any`, mixed unions; and a
    /// field that may be both absent and null, to keep the two apart).
    case json

    func name(in dialect: SQLDialect) -> StaticString {
        switch (self, dialect) {
        case (.text, .sqlite): "TEXT"
        // Byte order, as SQLite's BINARY and Convex compare strings, whatever the database's locale.
        case (.text, .postgres): #"TEXT COLLATE "C""#
        case (.real, .sqlite): "REAL"
        case (.real, .postgres): "DOUBLE PRECISION"
        case (.integer, .sqlite), (.boolean, .sqlite): "INTEGER"
        case (.integer, .postgres): "BIGINT"
        case (.boolean, .postgres): "BOOLEAN"
        case (.blob, .sqlite): "BLOB"
        case (.blob, .postgres): "BYTEA"
        // Convex JSON text, as written: JSONB cannot hold U+0000 and rewrites numbers and key order.
        case (.json, _): "TEXT"
        }
    }
}
