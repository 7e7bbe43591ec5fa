/// Reads the fields of an object value one by one, for generated decoders:
/// each failure carries the path of the field, and `finish()` refuses the
/// fields nobody asked for.
public struct ObjectDecoder {
    private let fields: [String: Value]
    private var consulted: [String] = []
    /// How many of the consulted fields are present.
    private var found = 0

    /// Starts reading `value`, which must be an object.
    public init(_ value: Value) throws {
        guard case .object(let fields) = value else { throw ValueError.mismatch(expected: "object", got: value) }
        self.fields = fields
        consulted.reserveCapacity(fields.count)
    }

    /// The field `name`, which must be present.
    public mutating func required<T: ConvexValueConvertible>(_ name: String) throws -> T {
        let field = try present(name)
        return try ValueError.at(.field(name)) { try T(convexValue: field) }
    }

    /// The field `name`, or nil when it is absent.
    public mutating func optional<T: ConvexValueConvertible>(_ name: String) throws -> T? {
        guard let field = consult(name) else { return nil }
        return try ValueError.at(.field(name)) { try T(convexValue: field) }
    }

    /// Checks that the field `name` holds exactly `literal` (a discriminator
    /// or a field whose type is one literal).
    public mutating func literal(_ name: String, _ literal: Value) throws {
        let field = try present(name)
        try ValueError.at(.field(name)) { try Validator.literal(literal).validate(field) }
    }

    /// The field `name` if present, noting that it was asked for.
    private mutating func consult(_ name: String) -> Value? {
        consulted.append(name)
        let field = fields[name]
        if field != nil { found += 1 }
        return field
    }

    private mutating func present(_ name: String) throws -> Value {
        guard let field = consult(name) else {
            throw ValueError.missingField(name)
        }
        return field
    }

    /// Refuses fields that no call above asked for.
    public func finish() throws {
        guard found < fields.count else { return }
        if let extra = ValueError.unexpectedField(in: fields, known: Set(consulted)) { throw extra }
    }
}

/// Builds an object value field by field, for generated encoders.
public struct ObjectEncoder {
    /// The fields written so far.
    public private(set) var fields: [String: Value]

    /// An empty object with room for `capacity` fields.
    public init(capacity: Int = 0) {
        fields = Dictionary(minimumCapacity: capacity)
    }

    /// Sets a present field.
    public mutating func set<T: ConvexValueConvertible>(_ name: String, _ value: T) {
        fields[name] = T.convexValue(of: value)
    }

    /// Sets an optional field: nil leaves it absent.
    public mutating func set<T: ConvexValueConvertible>(_ name: String, ifPresent value: T?) {
        if let value { fields[name] = T.convexValue(of: value) }
    }

    /// Sets a field to a value already converted (a literal).
    public mutating func set(_ name: String, value: Value) {
        fields[name] = value
    }

    /// The object.
    public var value: Value { .object(fields) }
}
