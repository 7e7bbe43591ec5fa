import Foundation

/// A Swift type that converts losslessly to and from a Convex `Value`.
///
/// Generated models conform; so do the standard types the schema language
/// maps to. The requirements are static or initializers so that no field of
/// a generated model, whatever its name, can collide with them.
public protocol ConvexValueConvertible: Sendable, Hashable {
    /// Decodes a value; a value of the wrong shape throws a `ValueError` that
    /// names where it is and what was expected.
    init(convexValue: Value) throws
    /// The Convex value of `value`.
    static func convexValue(of value: Self) -> Value
    /// The validator that accepts exactly the values `init(convexValue:)` accepts.
    static var validator: Validator { get }
    /// The value a store column holds as it is (text, a number, a flag), or
    /// nil to decode the column's field value instead; by default nil.
    init?(storedColumn: StoredColumnValue)
}

extension ConvexValueConvertible {
    /// This value as a Convex value.
    public var convexValue: Value { Self.convexValue(of: self) }

    @inlinable public init?(storedColumn: StoredColumnValue) { nil }
}

/// Generated types conform to `Codable` through their Convex value, so that
/// `JSONEncoder` writes Convex's JSON encoding and no coding keys are synthesized.
extension ConvexValueConvertible where Self: Codable {
    public init(from decoder: any Decoder) throws {
        try self.init(convexValue: try Value(from: decoder))
    }

    public func encode(to encoder: any Encoder) throws {
        try Self.convexValue(of: self).encode(to: encoder)
    }
}

/// Generated enums of string literals convert through their raw value, the
/// literal itself, so they generate no conversion code of their own.
extension ConvexValueConvertible where Self: RawRepresentable, RawValue == String {
    public init(convexValue value: Value) throws {
        guard case .string(let text) = value, let known = Self(rawValue: text) else {
            throw ValueError.rejected(value, by: Self.validator)
        }
        self = known
    }

    public static func convexValue(of value: Self) -> Value {
        .string(value.rawValue)
    }
}

/// String-backed generated enums get the same coding: without this, the
/// standard library's raw-value coding and the one above would both apply,
/// and the compiler would synthesize a third with a coding key per case.
extension ConvexValueConvertible where Self: Codable & RawRepresentable, RawValue == String {
    public init(from decoder: any Decoder) throws {
        try self.init(convexValue: try Value(from: decoder))
    }

    public func encode(to encoder: any Encoder) throws {
        try Self.convexValue(of: self).encode(to: encoder)
    }
}

extension Value: ConvexValueConvertible {
    /// `any`: every value is accepted as it is.
    public init(convexValue: Value) { self = convexValue }
    @inlinable public static func convexValue(of value: Value) -> Value { value }
    public static var validator: Validator { .any }
}

extension String: ConvexValueConvertible {
    public init(convexValue: Value) throws {
        guard case .string(let value) = convexValue else { throw ValueError.mismatch(expected: "string", got: convexValue) }
        self = value
    }
    @inlinable public static func convexValue(of value: String) -> Value { .string(value) }
    public static var validator: Validator { .string }
}

extension Double: ConvexValueConvertible {
    /// `number`: a float64; an int64 is not accepted, as in Convex.
    public init(convexValue: Value) throws {
        guard case .float64(let value) = convexValue else { throw ValueError.mismatch(expected: "number", got: convexValue) }
        self = value
    }
    @inlinable public static func convexValue(of value: Double) -> Value { .float64(value) }
    public static var validator: Validator { .number }
}

extension Int64: ConvexValueConvertible {
    public init(convexValue: Value) throws {
        guard case .int64(let value) = convexValue else { throw ValueError.mismatch(expected: "int64", got: convexValue) }
        self = value
    }
    @inlinable public static func convexValue(of value: Int64) -> Value { .int64(value) }
    public static var validator: Validator { .int64 }
}

extension Bool: ConvexValueConvertible {
    public init(convexValue: Value) throws {
        guard case .boolean(let value) = convexValue else { throw ValueError.mismatch(expected: "boolean", got: convexValue) }
        self = value
    }
    @inlinable public static func convexValue(of value: Bool) -> Value { .boolean(value) }
    public static var validator: Validator { .boolean }
}

extension Data: ConvexValueConvertible {
    public init(convexValue: Value) throws {
        guard case .bytes(let value) = convexValue else { throw ValueError.mismatch(expected: "bytes", got: convexValue) }
        self = Data(value)
    }
    public static func convexValue(of value: Data) -> Value { .bytes([UInt8](value)) }
    public static var validator: Validator { .bytes }
}

/// `T | null`: nil is Convex's null (absence is the business of the field that holds it).
extension Optional: ConvexValueConvertible where Wrapped: ConvexValueConvertible {
    public init(convexValue: Value) throws {
        if case .null = convexValue {
            self = nil
        } else {
            self = try Wrapped(convexValue: convexValue)
        }
    }
    public static func convexValue(of value: Wrapped?) -> Value {
        value.map(Wrapped.convexValue(of:)) ?? .null
    }
    public static var validator: Validator { .union([Wrapped.validator, .null]) }
}

extension Array: ConvexValueConvertible where Element: ConvexValueConvertible {
    public init(convexValue: Value) throws {
        guard case .array(let elements) = convexValue else { throw ValueError.mismatch(expected: "array", got: convexValue) }
        self = []
        reserveCapacity(elements.count)
        for (index, element) in elements.enumerated() {
            append(try ValueError.at(.index(index)) { try Element(convexValue: element) })
        }
    }
    public static func convexValue(of value: [Element]) -> Value { .array(value.map(Element.convexValue(of:))) }
    public static var validator: Validator { .array(Element.validator) }
}

/// A type that can key a `record<K, V>`: a string or an ID.
public protocol ConvexRecordKey: ConvexValueConvertible {
    /// Decodes a field name of a record.
    init(recordKey: String) throws
    /// The field name this key is stored under.
    var recordKey: String { get }
}

extension String: ConvexRecordKey {
    public init(recordKey: String) { self = recordKey }
    public var recordKey: String { self }
}

extension Dictionary: ConvexValueConvertible where Key: ConvexRecordKey, Value: ConvexValueConvertible {
    public init(convexValue: PolarisRuntime.Value) throws {
        guard case .object(let fields) = convexValue else { throw ValueError.mismatch(expected: "object", got: convexValue) }
        self = [:]
        reserveCapacity(fields.count)
        for (name, field) in fields {
            let key = try ValueError.at(.field(name)) { try Key(recordKey: name) }
            self[key] = try ValueError.at(.field(name)) { try Value(convexValue: field) }
        }
    }
    public static func convexValue(of value: [Key: Value]) -> PolarisRuntime.Value {
        .object(Dictionary<String, PolarisRuntime.Value>(
            uniqueKeysWithValues: value.map { ($0.key.recordKey, Value.convexValue(of: $0.value)) }))
    }
    public static var validator: Validator { .record(keys: Key.validator, values: Value.validator) }
}

/// The `null` type where it stands alone (a function that returns nothing returns `Void` instead).
public struct Null: ConvexValueConvertible, Codable {
    public init() {}
    public init(convexValue: Value) throws {
        guard case .null = convexValue else { throw ValueError.mismatch(expected: "null", got: convexValue) }
    }
    public static func convexValue(of value: Null) -> Value { .null }
    public static var validator: Validator { .null }
}
