/// A strict JSON reader that builds Convex values as it goes.
struct ConvexJSONReader {
    let bytes: [UInt8]
    private var position = 0
    /// Where reading stands: pushed on the way into a field or element, popped on the way out.
    private var path = ValuePath()

    init(bytes: [UInt8]) {
        self.bytes = bytes
    }

    /// One whole value, with nothing but whitespace after it.
    mutating func readDocument() throws(ValueError) -> Value {
        let value = try readValue(depth: 0)
        skipWhitespace()
        guard position == bytes.count else { throw syntax("unexpected text after the value") }
        return value
    }

    /// A syntax error at `offset` (by default, where reading stands).
    private func syntax(_ message: String, at offset: Int? = nil) -> ValueError {
        ValueError(path: ValuePath(), message: "invalid JSON at byte \(offset ?? position): \(message)")
    }

    private mutating func skipWhitespace() {
        while position < bytes.count {
            switch bytes[position] {
            case 0x20, 0x09, 0x0A, 0x0D: position += 1
            default: return
            }
        }
    }

    private mutating func readValue(depth: Int) throws(ValueError) -> Value {
        skipWhitespace()
        guard position < bytes.count else { throw syntax("expected a value, found the end") }
        switch bytes[position] {
        case UInt8(ascii: "{"): return try readObject(depth: depth + 1)
        case UInt8(ascii: "["): return try readArray(depth: depth + 1)
        case UInt8(ascii: "\""): return .string(try readString())
        case UInt8(ascii: "t"): try readWord("true"); return .boolean(true)
        case UInt8(ascii: "f"): try readWord("false"); return .boolean(false)
        case UInt8(ascii: "n"): try readWord("null"); return .null
        default: return .float64(try readNumber())
        }
    }

    private mutating func readWord(_ word: String) throws(ValueError) {
        guard bytes[position...].starts(with: word.utf8) else { throw syntax("expected '\(word)'") }
        position += word.utf8.count
    }

    private mutating func expect(_ byte: UInt8, _ what: String) throws(ValueError) {
        skipWhitespace()
        guard position < bytes.count, bytes[position] == byte else { throw syntax("expected \(what)") }
        position += 1
    }

    /// Whether the next non-space byte is `byte`; consumes it if so.
    private mutating func take(_ byte: UInt8) -> Bool {
        skipWhitespace()
        guard position < bytes.count, bytes[position] == byte else { return false }
        position += 1
        return true
    }

    private func checkDepth(_ depth: Int) throws(ValueError) {
        guard depth <= ValueLimits.maximumDepth else {
            throw ValueError(path: path, message: "nested more than \(ValueLimits.maximumDepth) levels")
        }
    }

    private mutating func readArray(depth: Int) throws(ValueError) -> Value {
        try checkDepth(depth)
        position += 1
        var items: [Value] = []
        if take(UInt8(ascii: "]")) { return .array(items) }
        repeat {
            guard items.count < ValueLimits.maximumArrayCount else {
                throw ValueError(path: path, message: "an array has more than \(ValueLimits.maximumArrayCount) elements")
            }
            path.components.append(.index(items.count))
            items.append(try readValue(depth: depth))
            path.components.removeLast()
        } while take(UInt8(ascii: ","))
        try expect(UInt8(ascii: "]"), "',' or ']'")
        return .array(items)
    }

    private mutating func readObject(depth: Int) throws(ValueError) -> Value {
        try checkDepth(depth)
        position += 1
        var fields: [String: Value] = [:]
        var order: [String] = []
        if !take(UInt8(ascii: "}")) {
            repeat {
                skipWhitespace()
                guard position < bytes.count, bytes[position] == UInt8(ascii: "\"") else {
                    throw syntax("expected a field name")
                }
                let name = try readString()
                try expect(UInt8(ascii: ":"), "':'")
                guard fields[name] == nil else { throw ValueError(path: path, message: "field '\(name)' appears twice") }
                guard fields.count < ValueLimits.maximumFieldCount else {
                    throw ValueError(path: path, message: "an object has more than \(ValueLimits.maximumFieldCount) fields")
                }
                path.components.append(.field(name))
                fields[name] = try readValue(depth: depth)
                path.components.removeLast()
                order.append(name)
            } while take(UInt8(ascii: ","))
            try expect(UInt8(ascii: "}"), "',' or '}'")
        }
        if order.count == 1, let tagged = try Self.tagged(order[0], fields[order[0]]!, path: path) {
            return tagged
        }
        for name in order {
            if let problem = ValueLimits.fieldNameProblem(name) { throw ValueError(path: path, message: problem) }
        }
        return .object(fields)
    }

    /// The value of a one-field object whose field is a Convex tag, if it is one.
    static func tagged(_ tag: String, _ content: Value, path: ValuePath) throws(ValueError) -> Value? {
        guard ["$integer", "$float", "$bytes"].contains(tag) else { return nil }
        guard case .string(let text) = content, let bytes = Base64.decode(text) else {
            throw ValueError(path: path, message: "\(tag) must hold a padded base64 string")
        }
        if tag == "$bytes" { return .bytes(bytes) }
        guard bytes.count == 8 else { throw ValueError(path: path, message: "\(tag) must hold exactly 8 bytes") }
        let bits = Value.littleEndianBits(bytes)
        if tag == "$integer" { return .int64(Int64(bitPattern: bits)) }
        let number = Double(bitPattern: bits)
        guard !Value.isPlainJSONNumber(number) else {
            throw ValueError(path: path, message: "$float is only for NaN, infinities and -0.0; write \(number) as a number")
        }
        return .float64(number)
    }

    private mutating func readNumber() throws(ValueError) -> Double {
        let start = position
        func digits() -> Int {
            let from = position
            while position < bytes.count, bytes[position] >= 0x30, bytes[position] <= 0x39 { position += 1 }
            return position - from
        }
        if position < bytes.count, bytes[position] == UInt8(ascii: "-") { position += 1 }
        let integerStart = position
        let integerDigits = digits()
        guard integerDigits > 0 else { throw syntax("expected a value") }
        guard integerDigits == 1 || bytes[integerStart] != UInt8(ascii: "0") else { throw syntax("a number has a leading zero", at: start) }
        if position < bytes.count, bytes[position] == UInt8(ascii: ".") {
            position += 1
            guard digits() > 0 else { throw syntax("expected digits after '.'") }
        }
        if position < bytes.count, bytes[position] == UInt8(ascii: "e") || bytes[position] == UInt8(ascii: "E") {
            position += 1
            if position < bytes.count, bytes[position] == UInt8(ascii: "+") || bytes[position] == UInt8(ascii: "-") {
                position += 1
            }
            guard digits() > 0 else { throw syntax("expected digits in the exponent") }
        }
        let text = String(decoding: bytes[start..<position], as: UTF8.self)
        guard let number = Double(text), number.isFinite else { throw syntax("the number \(text) is out of range", at: start) }
        return number
    }

    private mutating func readString() throws(ValueError) -> String {
        position += 1
        var out: [UInt8] = []
        while position < bytes.count {
            let byte = bytes[position]
            position += 1
            switch byte {
            case UInt8(ascii: "\""):
                guard let text = String(validating: out, as: UTF8.self) else { throw syntax("a string is not valid UTF-8") }
                return text
            case UInt8(ascii: "\\"):
                try readEscape(into: &out)
            case 0..<0x20:
                throw syntax("a control character must be escaped in a string")
            default:
                out.append(byte)
            }
        }
        throw syntax("unterminated string")
    }

    private mutating func readEscape(into out: inout [UInt8]) throws(ValueError) {
        guard position < bytes.count else { throw syntax("unterminated string") }
        let byte = bytes[position]
        position += 1
        switch byte {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): out.append(byte); return
        case UInt8(ascii: "b"): out.append(0x08); return
        case UInt8(ascii: "f"): out.append(0x0C); return
        case UInt8(ascii: "n"): out.append(0x0A); return
        case UInt8(ascii: "r"): out.append(0x0D); return
        case UInt8(ascii: "t"): out.append(0x09); return
        case UInt8(ascii: "u"): break
        default: throw syntax("unknown escape in a string")
        }
        var scalar = try readHex4()
        if (0xD800..<0xDC00).contains(scalar) {
            guard bytes[position...].starts(with: "\\u".utf8) else { throw syntax("a lone surrogate in a string") }
            position += 2
            let low = try readHex4()
            guard (0xDC00..<0xE000).contains(low) else { throw syntax("a lone surrogate in a string") }
            scalar = 0x10000 + (scalar - 0xD800) << 10 + (low - 0xDC00)
        }
        guard let unicode = Unicode.Scalar(scalar) else { throw syntax("a lone surrogate in a string") }
        out.append(contentsOf: Array(String(unicode).utf8))
    }

    private mutating func readHex4() throws(ValueError) -> UInt32 {
        guard position + 4 <= bytes.count,
            let value = UInt32(String(decoding: bytes[position..<position + 4], as: UTF8.self), radix: 16)
        else { throw syntax("expected four hex digits after \\u") }
        position += 4
        return value
    }
}
