import Foundation
internal import GRDB

/// How one field of a table is stored in its SQLite column; the same rules as
/// the DDL that `polaris sql` prints, derived here from the table's validator
/// (the store checks the two agree when it opens a database).
package struct StoredColumn: Sendable {
    package enum Kind: Sendable, Equatable {
        case text, real, integer, boolean, blob
        /// Convex JSON text; NULL is an absent field.
        case json

        /// The column type the DDL declares for this kind.
        var declaredType: String {
            switch self {
            case .text, .json: "TEXT"
            case .real: "REAL"
            case .integer, .boolean: "INTEGER"
            case .blob: "BLOB"
            }
        }
    }

    package var name: String
    package var kind: Kind
    /// For a scalar column: NULL is the value null (else an absent field).
    package var nullMeansNull: Bool

    /// Why a NaN is refused in a number column (SQL stores no NaN, or sorts it apart from Convex).
    package static let nanReason = "a number column cannot store NaN"

    package init(name: String, kind: Kind, nullMeansNull: Bool) {
        self.name = name
        self.kind = kind
        self.nullMeansNull = nullMeansNull
    }

    /// What reading the column needs (no name, so no reference counting per read).
    struct Reading: Sendable {
        var kind: Kind
        var nullMeansNull: Bool
    }

    var reading: Reading { Reading(kind: kind, nullMeansNull: nullMeansNull) }

    /// The column's value for a field of a document (nil: absent).
    func databaseValue(_ value: Value?) throws -> DatabaseValue {
        guard let value else { return .null }
        switch (kind, value) {
        case (.json, _): return try value.convexJSON().databaseValue
        case (_, .null): return .null
        case (.text, .string(let text)): return text.databaseValue
        case (.real, .float64(let number)):
            guard !number.isNaN else { throw StoreError.unstorable(field: name, reason: Self.nanReason) }
            return number.databaseValue
        case (.integer, .int64(let number)): return number.databaseValue
        case (.boolean, .boolean(let flag)): return (flag ? 1 : 0).databaseValue
        case (.blob, .bytes(let bytes)): return Data(bytes).databaseValue
        default: return try value.convexJSON().databaseValue
        }
    }

    /// The columns of a table's fields, in the DDL's order: one per field, or
    /// for a table of variants one per distinct field name across them.
    package static func columns(of validator: Validator) -> [StoredColumn] {
        switch validator {
        case .object(let fields):
            return fields.filter { !$0.name.hasPrefix("_") }.map { column(for: $0) }
        case .union(let variants):
            var order: [String] = []
            var byName: [String: [FieldValidator]] = [:]
            for case .object(let fields) in variants {
                for field in fields where !field.name.hasPrefix("_") {
                    if byName[field.name] == nil { order.append(field.name) }
                    byName[field.name, default: []].append(field)
                }
            }
            return order.map { name in
                let fields = byName[name]!
                let columns = fields.map(column(for:))
                let sometimesAbsent = fields.count < variants.count || fields.contains(where: \.isOptional)
                let sometimesNull = columns.contains(where: \.nullMeansNull)
                if columns.contains(where: { $0.kind != columns[0].kind }) || (sometimesAbsent && sometimesNull) {
                    return StoredColumn(name: name, kind: .json, nullMeansNull: false)
                }
                return StoredColumn(name: name, kind: columns[0].kind, nullMeansNull: sometimesNull)
            }
        default:
            return []
        }
    }

    private static func column(for field: FieldValidator) -> StoredColumn {
        let members = flatten(field.validator)
        let nullable = members.contains(.null)
        let rest = members.filter { $0 != .null }
        if field.isOptional && nullable { return StoredColumn(name: field.name, kind: .json, nullMeansNull: false) }
        var kind = Kind.json
        let literals = rest.compactMap { member -> Value? in if case .literal(let value) = member { value } else { nil } }
        if !rest.isEmpty, literals.count == rest.count {
            let kinds = Set(literals.map(literalKind))
            if kinds.count == 1, let only = kinds.first, let scalar = only { kind = scalar }
        } else if rest.count == 1 {
            kind = scalarKind(rest[0]) ?? .json
        }
        return StoredColumn(name: field.name, kind: kind, nullMeansNull: nullable && kind != .json)
    }

    private static func flatten(_ validator: Validator) -> [Validator] {
        if case .union(let members) = validator { return members.flatMap(flatten) }
        return [validator]
    }

    private static func scalarKind(_ validator: Validator) -> Kind? {
        switch validator {
        case .string, .id: .text
        case .number: .real
        case .int64: .integer
        case .boolean: .boolean
        case .bytes: .blob
        default: nil
        }
    }

    private static func literalKind(_ value: Value) -> Kind? {
        switch value {
        case .string: .text
        case .float64: .real
        case .int64: .integer
        case .boolean: .boolean
        default: nil
        }
    }
}
