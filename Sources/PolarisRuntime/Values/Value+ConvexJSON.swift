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
        var out = ""
        var path = ValuePath()
        try Self.write(self, into: &out, path: &path, depth: 0)
        return out
    }

    /// Writes `value`, which stands at `path` (extended and restored on the way through containers).
    private static func write(_ value: Value, into out: inout String, path: inout ValuePath, depth: Int) throws(ValueError) {
        guard depth <= ValueLimits.maximumDepth else {
            throw ValueError(path: path, message: "nested more than \(ValueLimits.maximumDepth) levels")
        }
        switch value {
        case .null: out += "null"
        case .boolean(let flag): out += flag ? "true" : "false"
        case .string(let text): writeString(text, into: &out)
        case .int64(let integer):
            out += "{\"$integer\":\"\(Base64.encode(littleEndianBytes(UInt64(bitPattern: integer))))\"}"
        case .float64(let number):
            if Value.isPlainJSONNumber(number) {
                out += "\(number)"  // Swift prints a '.' or an exponent: 3.0, 1e+20
            } else {
                out += "{\"$float\":\"\(Base64.encode(littleEndianBytes(number.bitPattern)))\"}"
            }
        case .bytes(let bytes): out += "{\"$bytes\":\"\(Base64.encode(bytes))\"}"
        case .array(let items):
            out += "["
            for (index, item) in items.enumerated() {
                if index > 0 { out += "," }
                path.components.append(.index(index))
                try write(item, into: &out, path: &path, depth: depth + 1)
                path.components.removeLast()
            }
            out += "]"
        case .object(let fields):
            out += "{"
            let names = fields.keys.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
            for (index, name) in names.enumerated() {
                if let problem = ValueLimits.fieldNameProblem(name) {
                    throw ValueError(path: path, message: problem)
                }
                if index > 0 { out += "," }
                writeString(name, into: &out)
                out += ":"
                path.components.append(.field(name))
                try write(fields[name]!, into: &out, path: &path, depth: depth + 1)
                path.components.removeLast()
            }
            out += "}"
        }
    }

    private static func writeString(_ text: String, into out: inout String) {
        out += "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case _ where scalar.value < 0x20:
                let hex = String(scalar.value, radix: 16)
                out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: out.unicodeScalars.append(scalar)
            }
        }
        out += "\""
    }

    /// Whether JSON can carry `number` as a plain number: every finite float
    /// but -0.0 (NaN, the infinities and -0.0 travel as `{"$float": ...}`).
    static func isPlainJSONNumber(_ number: Double) -> Bool {
        number.isFinite && !(number == 0 && number.sign == .minus)
    }

    static func littleEndianBytes(_ bits: UInt64) -> [UInt8] {
        (0..<8).map { UInt8(truncatingIfNeeded: bits >> (8 * $0)) }
    }
}
