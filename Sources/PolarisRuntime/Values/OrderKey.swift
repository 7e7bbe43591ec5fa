/// A value as bytes that compare (byte by byte, as SQLite compares BLOBs and
/// PostgreSQL BYTEA) in Convex's total order of values: absent < null <
/// int64 < float64 < false < true < string < bytes < array < object. Arrays
/// compare element by element, objects field by field in name order, each
/// shorter one first; floats in IEEE total order (-0.0 before 0.0).
package enum OrderKey {
    private enum Tag: UInt8 {
        /// Ends an array or object: before every element.
        case end = 0
        case absent, null, int64, float64, `false`, `true`, string, bytes, array, object
        /// Starts each field of an object.
        case field
    }

    /// The key of a value (nil: an absent field).
    package static func bytes(of value: Value?) -> [UInt8] {
        guard let value else { return [Tag.absent.rawValue] }
        var out: [UInt8] = []
        append(value, to: &out)
        return out
    }

    private static func append(_ value: Value, to out: inout [UInt8]) {
        switch value {
        case .null:
            out.append(Tag.null.rawValue)
        case .int64(let number):
            out.append(Tag.int64.rawValue)
            appendBigEndian(UInt64(bitPattern: number) ^ (1 << 63), to: &out)
        case .float64(let number):
            out.append(Tag.float64.rawValue)
            let bits = number.bitPattern
            appendBigEndian(bits >> 63 == 1 ? ~bits : bits | (1 << 63), to: &out)
        case .boolean(let flag):
            out.append(flag ? Tag.true.rawValue : Tag.false.rawValue)
        case .string(let text):
            out.append(Tag.string.rawValue)
            appendEscaped(text.utf8, to: &out)
        case .bytes(let bytes):
            out.append(Tag.bytes.rawValue)
            appendEscaped(bytes, to: &out)
        case .array(let items):
            out.append(Tag.array.rawValue)
            for item in items { append(item, to: &out) }
            out.append(Tag.end.rawValue)
        case .object(let fields):
            out.append(Tag.object.rawValue)
            for name in fields.keys.sorted(by: { $0.utf8.lexicographicallyPrecedes($1.utf8) }) {
                out.append(Tag.field.rawValue)
                appendEscaped(name.utf8, to: &out)
                append(fields[name]!, to: &out)
            }
            out.append(Tag.end.rawValue)
        }
    }

    private static func appendBigEndian(_ number: UInt64, to out: inout [UInt8]) {
        for shift in stride(from: 56, through: 0, by: -8) { out.append(UInt8(truncatingIfNeeded: number >> UInt64(shift))) }
    }

    /// The bytes with each 0 written 0 255, then 0 0: a prefix sorts first,
    /// and the end never reads as a byte of the text.
    private static func appendEscaped(_ bytes: some Sequence<UInt8>, to out: inout [UInt8]) {
        for byte in bytes {
            out.append(byte)
            if byte == 0 { out.append(255) }
        }
        out.append(0)
        out.append(0)
    }
}
