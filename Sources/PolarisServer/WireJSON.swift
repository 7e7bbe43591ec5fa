import Foundation
import PolarisRuntime

/// A JSON message of Convex's wire protocol, written by hand: protocol
/// numbers (versions, IDs) are bare integers, while function values are
/// Convex-encoded (`3.0`, tagged int64 and bytes).
enum WireJSON {
    case object([(String, WireJSON)])
    case array([WireJSON])
    case string(String)
    case integer(Int)
    case bool(Bool)
    case null
    /// A Convex value in `convex_encoded_json`.
    case value(Value)

    /// The JSON text.
    var text: String {
        var out = ""
        write(to: &out)
        return out
    }

    private func write(to out: inout String) {
        switch self {
        case .object(let fields):
            out += "{"
            for (position, (name, value)) in fields.enumerated() {
                if position > 0 { out += "," }
                Self.writeString(name, to: &out)
                out += ":"
                value.write(to: &out)
            }
            out += "}"
        case .array(let items):
            out += "["
            for (position, item) in items.enumerated() {
                if position > 0 { out += "," }
                item.write(to: &out)
            }
            out += "]"
        case .string(let text): Self.writeString(text, to: &out)
        case .integer(let number): out += String(number)
        case .bool(let flag): out += flag ? "true" : "false"
        case .null: out += "null"
        case .value(let value): out += (try? value.convexJSON()) ?? "null"
        }
    }

    private static func writeString(_ text: String, to out: inout String) {
        out += (try? Value.string(text).convexJSON()) ?? "\"\""
    }

    /// `EncodedU64`: standard padded base64 of the 8 little-endian bytes.
    static func encodedU64(_ number: UInt64) -> WireJSON {
        .string(Data(withUnsafeBytes(of: number.littleEndian) { Array($0) }).base64EncodedString())
    }
}

extension Value {
    /// A field of an object value.
    subscript(field name: String) -> Value? {
        if case .object(let fields) = self { fields[name] } else { nil }
    }

    /// A number as an integer when it is a whole float64 or an int64 within `Int`.
    var wholeNumber: Int? {
        switch self {
        case .float64(let number) where number.rounded() == number && abs(number) < 9e15: Int(number)
        case .int64(let number): Int(exactly: number)
        default: nil
        }
    }

    var stringValue: String? {
        if case .string(let text) = self { text } else { nil }
    }

    /// A request's `args`: the argument object, or the one-element array
    /// holding it (absent or empty: no arguments); nil when it is neither.
    var functionArguments: Value? {
        switch self[field: "args"] {
        case .object(let fields)?: .object(fields)
        case .array(let items)? where items.count == 1: items[0]
        case nil, .array([])?: .object([:])
        default: nil
        }
    }
}

/// Function paths as clients send them (`dir/file.js:name`, `file`) made
/// `module:function` (spec/convex-wire.md, section 2).
enum FunctionPath {
    static func canonical(_ path: String) -> String {
        let (module, function) = path.firstIndex(of: ":").map { (String(path[..<$0]), String(path[path.index(after: $0)...])) }
            ?? (path, "default")
        let bare = module.hasSuffix(".js") ? String(module.dropLast(3)) : module
        return bare + ":" + function
    }
}

/// How a function's failure goes over the wire: the message, and the data of
/// an application error (Convex's `ConvexError`), which clients raise as such.
struct WireError {
    let message: String
    let data: Value?

    /// `messageKey` with the message, then `errorData` when there is data:
    /// clients take its presence, even as null, for an application error.
    func fields(messageKey: String) -> [(String, WireJSON)] {
        [(messageKey, .string(message))] + (data.map { [("errorData", .value($0))] } ?? [])
    }

    init(_ error: FunctionError) {
        switch error {
        case .application(let message, let data):
            self.message = message
            self.data = data ?? .string(message)
        case .unknownFunction(let path):
            message = "Could not find public function for '\(path)'."
            data = nil
        default:
            message = error.description
            data = nil
        }
    }
}
