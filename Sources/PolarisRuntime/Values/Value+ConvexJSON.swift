extension Value {
    /// Decodes Convex JSON (`convex_encoded_json`): a bare number is a
    /// float64; `{"$integer"}`, `{"$float"}` and `{"$bytes"}` are the tagged
    /// forms; field names and Convex's limits are checked.
    public init(convexJSON bytes: [UInt8]) throws(ValueError) {
        var reader = ConvexJSONReader(bytes: bytes)
        self = try reader.readDocument()
    }

    /// Decodes Convex JSON text.
    public init(convexJSON text: String) throws(ValueError) {
        try self.init(convexJSON: Array(text.utf8))
    }

    /// The value as Convex JSON: every finite float with a decimal point or
    /// an exponent (`3.0`), int64 and bytes tagged with padded base64, object
    /// fields sorted by name. Throws for a value that breaks a field-name rule.
    public func convexJSON() throws(ValueError) -> String {
        String(decoding: try convexJSONBytes(), as: UTF8.self)
    }

    /// The value as Convex JSON, in UTF-8.
    public func convexJSONBytes() throws(ValueError) -> [UInt8] {
        var out: [UInt8] = []
        try writeConvexJSON(into: &out)
        return out
    }

    /// Appends the value as Convex JSON to `out`.
    package func writeConvexJSON(into out: inout [UInt8]) throws(ValueError) {
        var path = ValuePath()
        try Self.write(self, into: &out, path: &path, depth: 0)
    }

    /// Writes `value`, which stands at `path` (extended and restored on the way through containers).
    private static func write(_ value: Value, into out: inout [UInt8], path: inout ValuePath, depth: Int) throws(ValueError) {
        guard depth <= ValueLimits.maximumDepth else {
            throw ValueError(path: path, message: "nested more than \(ValueLimits.maximumDepth) levels")
        }
        switch value {
        case .null: out += "null".utf8
        case .boolean(let flag): out += (flag ? "true" : "false").utf8
        case .string(let text): writeString(text, into: &out)
        case .int64(let integer): writeTagged("$integer", littleEndianBytes(UInt64(bitPattern: integer)), into: &out)
        case .float64(let number):
            if Value.isPlainJSONNumber(number) {
                out += number.description.utf8  // Swift prints a '.' or an exponent: 3.0, 1e+20
            } else {
                writeTagged("$float", littleEndianBytes(number.bitPattern), into: &out)
            }
        case .bytes(let bytes): writeTagged("$bytes", bytes, into: &out)
        case .array(let items):
            out.append(UInt8(ascii: "["))
            for (index, item) in items.enumerated() {
                if index > 0 { out.append(UInt8(ascii: ",")) }
                path.components.append(.index(index))
                try write(item, into: &out, path: &path, depth: depth + 1)
                path.components.removeLast()
            }
            out.append(UInt8(ascii: "]"))
        case .object(let fields):
            out.append(UInt8(ascii: "{"))
            let names = fields.keys.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
            for (index, name) in names.enumerated() {
                if let problem = ValueLimits.fieldNameProblem(name) {
                    throw ValueError(path: path, message: problem)
                }
                if index > 0 { out.append(UInt8(ascii: ",")) }
                writeString(name, into: &out)
                out.append(UInt8(ascii: ":"))
                path.components.append(.field(name))
                try write(fields[name]!, into: &out, path: &path, depth: depth + 1)
                path.components.removeLast()
            }
            out.append(UInt8(ascii: "}"))
        }
    }

    /// `{"<tag>":"<padded base64>"}`.
    private static func writeTagged(_ tag: StaticString, _ bytes: [UInt8], into out: inout [UInt8]) {
        out += "{\"".utf8
        out.append(contentsOf: UnsafeBufferPointer(start: tag.utf8Start, count: tag.utf8CodeUnitCount))
        out += "\":\"".utf8
        out += Base64.encode(bytes).utf8
        out += "\"}".utf8
    }

    /// A JSON string: runs that need no escape are copied whole.
    package static func writeString(_ text: String, into out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        var text = text
        text.withUTF8 { bytes in
            var start = 0
            for index in bytes.indices {
                let byte = bytes[index]
                guard byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") else { continue }
                out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start..<index]))
                start = index + 1
                switch byte {
                case UInt8(ascii: "\""): out += "\\\"".utf8
                case UInt8(ascii: "\\"): out += "\\\\".utf8
                case UInt8(ascii: "\n"): out += "\\n".utf8
                case UInt8(ascii: "\r"): out += "\\r".utf8
                case UInt8(ascii: "\t"): out += "\\t".utf8
                default:
                    let hex = Array("0123456789abcdef".utf8)
                    out += "\\u00".utf8
                    out += [hex[Int(byte >> 4)], hex[Int(byte & 0xF)]]
                }
            }
            out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start...]))
        }
        out.append(UInt8(ascii: "\""))
    }

    /// Whether JSON can carry `number` as a plain number: every finite float
    /// but -0.0 (NaN, the infinities and -0.0 travel as `{"$float": ...}`).
    static func isPlainJSONNumber(_ number: Double) -> Bool {
        number.isFinite && !(number == 0 && number.sign == .minus)
    }

    static func littleEndianBytes(_ bits: UInt64) -> [UInt8] {
        (0..<8).map { UInt8(truncatingIfNeeded: bits >> (8 * $0)) }
    }

    /// The number 8 little-endian bytes hold (the inverse of `littleEndianBytes`).
    static func littleEndianBits(_ bytes: [UInt8]) -> UInt64 {
        bytes.enumerated().reduce(UInt64(0)) { $0 | UInt64($1.element) << (8 * UInt64($1.offset)) }
    }
}
