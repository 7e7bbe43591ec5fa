/// A JSON message of Convex's wire protocol, written by hand: protocol
/// numbers (versions, IDs) are bare integers, while function values are
/// Convex-encoded (`3.0`, tagged int64 and bytes).
package enum WireJSON: Sendable {
    case object([(String, WireJSON)])
    case array([WireJSON])
    case string(String)
    case integer(Int)
    case bool(Bool)
    case null
    /// A Convex value in `convex_encoded_json`.
    case value(Value)

    /// The JSON text.
    package var text: String { String(decoding: bytes, as: UTF8.self) }

    /// The JSON text in UTF-8.
    package var bytes: [UInt8] {
        var out: [UInt8] = []
        write(to: &out)
        return out
    }

    private func write(to out: inout [UInt8]) {
        switch self {
        case .object(let fields):
            out.append(UInt8(ascii: "{"))
            for (position, (name, value)) in fields.enumerated() {
                if position > 0 { out.append(UInt8(ascii: ",")) }
                Value.writeString(name, into: &out)
                out.append(UInt8(ascii: ":"))
                value.write(to: &out)
            }
            out.append(UInt8(ascii: "}"))
        case .array(let items):
            out.append(UInt8(ascii: "["))
            for (position, item) in items.enumerated() {
                if position > 0 { out.append(UInt8(ascii: ",")) }
                item.write(to: &out)
            }
            out.append(UInt8(ascii: "]"))
        case .string(let text): Value.writeString(text, into: &out)
        case .integer(let number): out += String(number).utf8
        case .bool(let flag): out += (flag ? "true" : "false").utf8
        case .null: out += "null".utf8
        case .value(let value):
            let mark = out.count
            do throws(ValueError) {
                try value.writeConvexJSON(into: &out)
            } catch {
                out.removeSubrange(mark...)
                out += "null".utf8
            }
        }
    }

    /// `EncodedU64`: standard padded base64 of the 8 little-endian bytes.
    package static func encodedU64(_ number: UInt64) -> WireJSON {
        .string(Base64.encode(Value.littleEndianBytes(number)))
    }

    /// The number an `EncodedU64` holds; nil when it is not 8 bytes in padded base64.
    package static func decodedU64(_ text: String) -> UInt64? {
        guard let bytes = Base64.decode(text), bytes.count == 8 else { return nil }
        return Value.littleEndianBits(bytes)
    }
}

/// A StateVersion of the sync protocol: the query set and identity
/// versions, and the timestamp the results are consistent with.
package struct StateVersion: Equatable, Sendable {
    package var querySet = 0
    package var identity = 0
    package var timestamp: UInt64 = 0

    /// The initial version, `{"querySet":0,"identity":0,"ts":"AAAAAAAAAAA="}`.
    package init() {}

    package init(querySet: Int, identity: Int, timestamp: UInt64) {
        self.querySet = querySet
        self.identity = identity
        self.timestamp = timestamp
    }

    /// The version a message carries; nil when a field is missing or malformed.
    package init?(_ value: Value?) {
        guard let value, let querySet = value[field: "querySet"]?.wholeNumber, let identity = value[field: "identity"]?.wholeNumber,
            let timestamp = value[field: "ts"]?.stringValue.flatMap(WireJSON.decodedU64)
        else { return nil }
        self.init(querySet: querySet, identity: identity, timestamp: timestamp)
    }

    package var json: WireJSON {
        .object([("querySet", .integer(querySet)), ("identity", .integer(identity)), ("ts", WireJSON.encodedU64(timestamp))])
    }
}

extension Value {
    /// A field of an object value.
    package subscript(field name: String) -> Value? {
        if case .object(let fields) = self { fields[name] } else { nil }
    }

    /// A number as an integer when it is a whole float64 or an int64 within `Int`.
    package var wholeNumber: Int? {
        switch self {
        case .float64(let number) where number.rounded() == number && abs(number) < 9e15: Int(number)
        case .int64(let number): Int(exactly: number)
        default: nil
        }
    }

    package var stringValue: String? {
        if case .string(let text) = self { text } else { nil }
    }
}
