import Foundation
internal import GRDB

/// The tables a database was last opened with, kept in the database itself
/// (table `_polaris_schema`, one row), so that opening it with another
/// schema knows what changed and how the stored rows are laid out.
enum RecordedSchema {
    static let tableName = "_polaris_schema"

    /// The recorded tables; nil for a database that has none recorded.
    static func read(_ db: Database) throws -> [TableDescription]? {
        guard try db.tableExists(tableName),
            let text = try String.fetchOne(db, sql: "SELECT tables FROM \"\(tableName)\" WHERE id = 1")
        else { return nil }
        guard case .array(let tables) = try Value(convexJSON: text) else { throw malformed("not an array") }
        return try tables.map(TableDescription.init(recorded:))
    }

    /// Records `tables` as the database's schema.
    static func write(_ tables: [TableDescription], _ db: Database) throws {
        try db.execute(sql: "CREATE TABLE IF NOT EXISTS \"\(tableName)\" (id INTEGER PRIMARY KEY, tables TEXT NOT NULL) STRICT")
        let text = try Value.array(tables.map(\.recordedValue)).convexJSON()
        try db.execute(sql: "INSERT OR REPLACE INTO \"\(tableName)\" (id, tables) VALUES (1, ?)", arguments: [text])
    }

    static func malformed(_ reason: String) -> StoreError {
        .schemaMismatch(table: tableName, reason: "the recorded schema cannot be read: \(reason)")
    }
}

extension TableDescription {
    /// `{name, validator, indexes: [{name, fields}]}`.
    package var recordedValue: Value {
        .object([
            "name": .string(name),
            "validator": documentValidator.recordedValue,
            "indexes": .array(indexes.map { .object(["name": .string($0.name), "fields": .array($0.fields.map(Value.string))]) }),
        ])
    }

    package init(recorded value: Value) throws {
        guard case .string(let name)? = value[field: "name"], let validator = value[field: "validator"],
            case .array(let indexes)? = value[field: "indexes"]
        else { throw RecordedSchema.malformed("a table lacks its name, validator or indexes") }
        self.init(
            name: name, documentValidator: try Validator(recorded: validator),
            indexes: try indexes.map { index in
                guard case .string(let name)? = index[field: "name"], case .array(let fields)? = index[field: "fields"] else {
                    throw RecordedSchema.malformed("an index of '\(name)' lacks its name or fields")
                }
                return IndexDescription(name, fields.compactMap(\.stringValue))
            })
    }
}

extension Validator {
    /// The validator as a value: `{type}` and what the type needs.
    package var recordedValue: Value {
        switch self {
        case .string: Self.tagged("string")
        case .number: Self.tagged("number")
        case .int64: Self.tagged("int64")
        case .boolean: Self.tagged("boolean")
        case .bytes: Self.tagged("bytes")
        case .null: Self.tagged("null")
        case .any: Self.tagged("any")
        case .id(let table): Self.tagged("id", ["table": .string(table)])
        case .literal(let value): Self.tagged("literal", ["value": value])
        case .array(let element): Self.tagged("array", ["element": element.recordedValue])
        case .record(let keys, let values): Self.tagged("record", ["keys": keys.recordedValue, "values": values.recordedValue])
        case .union(let members): Self.tagged("union", ["members": .array(members.map(\.recordedValue))])
        case .object(let fields):
            Self.tagged("object", ["fields": .array(fields.map { field in
                .object(["name": .string(field.name), "validator": field.validator.recordedValue, "optional": .boolean(field.isOptional)])
            })])
        }
    }

    private static func tagged(_ type: String, _ rest: [String: Value] = [:]) -> Value {
        .object(rest.merging(["type": .string(type)]) { first, _ in first })
    }

    package init(recorded value: Value) throws {
        guard case .string(let type)? = value[field: "type"] else { throw RecordedSchema.malformed("a validator lacks its type") }
        func part(_ name: String) throws -> Value {
            guard let part = value[field: name] else { throw RecordedSchema.malformed("a '\(type)' validator lacks '\(name)'") }
            return part
        }
        switch type {
        case "string": self = .string
        case "number": self = .number
        case "int64": self = .int64
        case "boolean": self = .boolean
        case "bytes": self = .bytes
        case "null": self = .null
        case "any": self = .any
        case "id":
            guard case .string(let table) = try part("table") else { throw RecordedSchema.malformed("an id's table is not a string") }
            self = .id(table: table)
        case "literal": self = .literal(try part("value"))
        case "array": self = .array(try Validator(recorded: try part("element")))
        case "record": self = .record(keys: try Validator(recorded: try part("keys")), values: try Validator(recorded: try part("values")))
        case "union":
            guard case .array(let members) = try part("members") else { throw RecordedSchema.malformed("a union's members are not an array") }
            self = .union(try members.map(Validator.init(recorded:)))
        case "object":
            guard case .array(let fields) = try part("fields") else { throw RecordedSchema.malformed("an object's fields are not an array") }
            self = .object(try fields.map { field in
                guard case .string(let name)? = field[field: "name"], let validator = field[field: "validator"],
                    case .boolean(let optional)? = field[field: "optional"]
                else { throw RecordedSchema.malformed("an object field lacks its name, validator or optionality") }
                return FieldValidator(name, try Validator(recorded: validator), optional: optional)
            })
        default: throw RecordedSchema.malformed("unknown validator type '\(type)'")
        }
    }
}
