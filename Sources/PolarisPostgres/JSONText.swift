import PolarisRuntime

/// JSON text of PostgreSQL column values, as `json_populate_recordset`
/// reads them into a row: text as strings, numbers as numbers (their
/// shortest exact decimal), BYTEA as `\x` hex strings, JSON columns (TEXT)
/// as strings of the field's Convex JSON.
enum JSONText {
    static func appendKey(_ key: String, to out: inout [UInt8], first: Bool = false) {
        if !first { out.append(UInt8(ascii: ",")) }
        Value.writeString(key, into: &out)
        out.append(UInt8(ascii: ":"))
    }

    /// A string, refusing U+0000, which PostgreSQL text cannot hold.
    static func appendString(_ text: String, field: String, to out: inout [UInt8]) throws {
        if text.utf8.contains(0) { throw nul(field) }
        Value.writeString(text, into: &out)
    }

    /// A finite number as itself; -0, the infinities as the strings `float8` reads.
    static func appendDouble(_ number: Double, to out: inout [UInt8]) {
        if number.isInfinite {
            out.append(contentsOf: number < 0 ? #""-Infinity""#.utf8 : #""Infinity""#.utf8)
        } else if number == 0 && number.sign == .minus {
            out.append(contentsOf: #""-0""#.utf8)
        } else {
            out.append(contentsOf: "\(number)".utf8)
        }
    }

    static func appendBytea(_ bytes: [UInt8], to out: inout [UInt8]) {
        out.append(contentsOf: #""\\x"#.utf8)
        for byte in bytes {
            out.append(hexDigits[Int(byte >> 4)])
            out.append(hexDigits[Int(byte & 15)])
        }
        out.append(UInt8(ascii: "\""))
    }

    /// A field's value in its column (null for the value null).
    static func appendColumn(_ value: Value, as column: StoredColumn, to out: inout [UInt8]) throws {
        switch (column.kind, value) {
        case (.json, _):
            Value.writeString(try value.convexJSON(), into: &out)
        case (_, .null): out.append(contentsOf: "null".utf8)
        case (.text, .string(let text)): try appendString(text, field: column.name, to: &out)
        case (.real, .float64(let number)):
            guard !number.isNaN else { throw StoreError.unstorable(field: column.name, reason: StoredColumn.nanReason) }
            appendDouble(number, to: &out)
        case (.integer, .int64(let number)): out.append(contentsOf: "\(number)".utf8)
        case (.boolean, .boolean(let flag)): out.append(contentsOf: (flag ? "true" : "false").utf8)
        case (.blob, .bytes(let bytes)): appendBytea(bytes, to: &out)
        default:
            throw StoreError.unstorable(field: column.name, reason: "a \(value) does not fit its \(column.kind) column")
        }
    }

    private static let hexDigits = Array("0123456789abcdef".utf8)

    private static func nul(_ field: String) -> StoreError {
        .unstorable(field: field, reason: "PostgreSQL text cannot hold the character U+0000")
    }
}
