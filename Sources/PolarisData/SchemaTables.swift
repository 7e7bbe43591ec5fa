import PolarisRuntime
import PolarisSchema

/// A checked schema's tables as the runtime describes them, with the same
/// validators the generated code declares: what tools that read a schema
/// file at run time (`polaris-data`) open and check a database with.
public enum SchemaTables {
    /// `_storage` first, then every table of `schema` in order.
    public static func descriptions(of schema: Schema) -> [TableDescription] {
        [StoredFile.table] + schema.tables.map { table in
            TableDescription(
                name: table.name, documentValidator: documentValidator(of: table, in: schema),
                indexes: table.indexes.map { IndexDescription($0.name, $0.fields) })
        }
    }

    /// The fields `_id` and `_creationTime`, then the table's; one object per variant.
    static func documentValidator(of table: Table, in schema: Schema) -> Validator {
        let system = [FieldValidator("_id", .id(table: table.name)), FieldValidator("_creationTime", .number)]
        switch table.shape {
        case .fields(let fields): return .object(system + fields.map { field($0, in: schema) })
        case .variants(let variants): return .union(variants.map { .object(system + $0.fields.map { field($0, in: schema) }) })
        }
    }

    private static func field(_ field: Field, in schema: Schema) -> FieldValidator {
        FieldValidator(field.name, validator(field.type, in: schema), optional: field.isOptional)
    }

    /// The validator of a type that a table may hold (`page<T>` and
    /// `paginationOpts` belong to functions only; the checker keeps them out).
    static func validator(_ type: SchemaType, in schema: Schema) -> Validator {
        switch type {
        case .string: .string
        case .number: .number
        case .int64: .int64
        case .boolean: .boolean
        case .bytes: .bytes
        case .null: .null
        case .any, .page, .paginationOptions: .any
        case .id(let table): .id(table: table)
        case .document(let name): schema.table(named: name).map { documentValidator(of: $0, in: schema) } ?? .any
        case .array(let element): .array(validator(element, in: schema))
        case .record(let keys, let values): .record(keys: validator(keys, in: schema), values: validator(values, in: schema))
        case .literal(.string(let text)): .literal(.string(text))
        case .literal(.number(let number)): .literal(.float64(number))
        case .literal(.int64(let number)): .literal(.int64(number))
        case .literal(.boolean(let flag)): .literal(.boolean(flag))
        case .union(let members): .union(members.map { validator($0, in: schema) })
        case .object(let fields): .object(fields.map { field($0, in: schema) })
        case .named(let name): schema.namedType(name).map { validator($0.type, in: schema) } ?? .any
        }
    }
}
