/// A Convex value: the eight types every document, argument and result is made of.
///
/// Equality and hashing follow Convex: floats compare by their bits, so
/// `-0.0` differs from `0.0` and a NaN equals the same NaN.
public enum Value: Sendable {
    case null
    case int64(Int64)
    case float64(Double)
    case boolean(Bool)
    case string(String)
    case bytes([UInt8])
    case array([Value])
    /// Field names to values; written sorted by name, as Convex stores them.
    case object([String: Value])
}

extension Value: Hashable {
    public static func == (lhs: Value, rhs: Value) -> Bool {
        switch (lhs, rhs) {
        case (.null, .null): true
        case (.int64(let a), .int64(let b)): a == b
        case (.float64(let a), .float64(let b)): a.bitPattern == b.bitPattern
        case (.boolean(let a), .boolean(let b)): a == b
        case (.string(let a), .string(let b)): a == b
        case (.bytes(let a), .bytes(let b)): a == b
        case (.array(let a), .array(let b)): a == b
        case (.object(let a), .object(let b)): a == b
        default: false
        }
    }

    public func hash(into hasher: inout Hasher) {
        switch self {
        case .null: hasher.combine(0)
        case .int64(let value): hasher.combine(1); hasher.combine(value)
        case .float64(let value): hasher.combine(2); hasher.combine(value.bitPattern)
        case .boolean(let value): hasher.combine(3); hasher.combine(value)
        case .string(let value): hasher.combine(4); hasher.combine(value)
        case .bytes(let value): hasher.combine(5); hasher.combine(value)
        case .array(let value): hasher.combine(6); hasher.combine(value)
        case .object(let value): hasher.combine(7); hasher.combine(value)
        }
    }
}

/// The limits Convex puts on values (backend knobs), which Polaris enforces alike.
public enum ValueLimits {
    /// The deepest nesting of arrays and objects in a value.
    public static let maximumDepth = 64
    /// The most elements of an array.
    public static let maximumArrayCount = 8192
    /// The most fields of an object.
    public static let maximumFieldCount = 1024
    /// The longest string, in bytes of UTF-8 (Convex's limit: 1 MiB).
    public static let maximumStringBytes = 1 << 20
    /// The longest field name, in bytes.
    public static let maximumFieldNameBytes = 1024

    /// Why `name` cannot name a field of a value, or nil when it can: no `$`
    /// at the start, printable ASCII only, at most 1024 bytes.
    public static func fieldNameProblem(_ name: String) -> String? {
        if name.hasPrefix("$") { return "field name '\(name)' begins with '$', which is reserved" }
        if name.utf8.count > maximumFieldNameBytes {
            return "field name is longer than \(maximumFieldNameBytes) bytes"
        }
        if !name.utf8.allSatisfy({ $0 >= 32 && $0 <= 126 }) {
            return "field name '\(name)' has a character that is not printable ASCII"
        }
        return nil
    }
}
