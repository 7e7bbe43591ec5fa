/// A declarative description of the values a type accepts, as Convex's `v.*`
/// validators: generated code states one per type, and the runtime checks
/// arguments, documents and results with it.
public indirect enum Validator: Hashable, Sendable {
    case string
    /// A float64.
    case number
    case int64
    case boolean
    case bytes
    case null
    /// Every value.
    case any
    /// A document ID of `table` (`_storage` for stored files).
    case id(table: String)
    /// Exactly this value.
    case literal(Value)
    case array(Validator)
    /// An object whose field names are keys and whose values all match `values`.
    case record(keys: Validator, values: Validator)
    /// Any of the members.
    case union([Validator])
    /// An object with exactly these fields.
    case object([FieldValidator])
}

/// One field of an object validator.
public struct FieldValidator: Hashable, Sendable {
    public var name: String
    public var validator: Validator
    /// The field may be absent.
    public var isOptional: Bool

    /// A field; `optional` fields may be absent.
    public init(_ name: String, _ validator: Validator, optional: Bool = false) {
        self.name = name
        self.validator = validator
        self.isOptional = optional
    }
}

extension Validator: CustomStringConvertible {
    /// The validator as the schema language writes its type.
    public var description: String {
        switch self {
        case .string: "string"
        case .number: "number"
        case .int64: "int64"
        case .boolean: "boolean"
        case .bytes: "bytes"
        case .null: "null"
        case .any: "any"
        case .id(let table): "id<\(table)>"
        case .literal(let value): Self.literalDescription(value)
        case .array(let element): "array<\(element)>"
        case .record(let keys, let values): "record<\(keys), \(values)>"
        case .union(let members): members.map(\.description).joined(separator: " | ")
        case .object: "object"
        }
    }

    private static func literalDescription(_ value: Value) -> String {
        switch value {
        case .string(let text): "\"\(text)\""
        case .int64(let number): "\(number)n"
        case .float64(let number): "\(number)"
        case .boolean(let flag): "\(flag)"
        default: value.typeName
        }
    }
}
