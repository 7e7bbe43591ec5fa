/// `Codable` in Convex's JSON shape: int64 as `{"$integer": ...}`, bytes as
/// `{"$bytes": ...}`, NaN, infinities and -0.0 as `{"$float": ...}`.
extension Value: Codable {
    private struct FieldKey: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }

    public init(from decoder: any Decoder) throws {
        if let keyed = try? decoder.container(keyedBy: FieldKey.self) {
            var fields: [String: Value] = [:]
            for key in keyed.allKeys {
                fields[key.stringValue] = try keyed.decode(Value.self, forKey: key)
            }
            if fields.count == 1, let (tag, content) = fields.first,
                let tagged = try Self.tagged(tag, content, codingPath: decoder.codingPath)
            {
                self = tagged
            } else {
                self = .object(fields)
            }
            return
        }
        if var unkeyed = try? decoder.unkeyedContainer() {
            var elements: [Value] = []
            while !unkeyed.isAtEnd { elements.append(try unkeyed.decode(Value.self)) }
            self = .array(elements)
            return
        }
        let single = try decoder.singleValueContainer()
        if single.decodeNil() {
            self = .null
        } else if let boolean = try? single.decode(Bool.self) {
            self = .boolean(boolean)
        } else if let number = try? single.decode(Double.self) {
            self = .float64(number)
        } else {
            self = .string(try single.decode(String.self))
        }
    }

    private static func tagged(_ tag: String, _ content: Value, codingPath: [any CodingKey]) throws -> Value? {
        do {
            return try ConvexJSONReader.tagged(tag, content, path: ValuePath())
        } catch {
            throw DecodingError.dataCorrupted(.init(codingPath: codingPath, debugDescription: error.message))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        switch self {
        case .null:
            var single = encoder.singleValueContainer()
            try single.encodeNil()
        case .boolean(let value):
            var single = encoder.singleValueContainer()
            try single.encode(value)
        case .string(let value):
            var single = encoder.singleValueContainer()
            try single.encode(value)
        case .float64(let value) where Value.isPlainJSONNumber(value):
            var single = encoder.singleValueContainer()
            try single.encode(value)
        case .float64(let value):
            try Self.encodeTag("$float", Self.littleEndianBytes(value.bitPattern), to: encoder)
        case .int64(let value):
            try Self.encodeTag("$integer", Self.littleEndianBytes(UInt64(bitPattern: value)), to: encoder)
        case .bytes(let value):
            try Self.encodeTag("$bytes", value, to: encoder)
        case .array(let elements):
            var unkeyed = encoder.unkeyedContainer()
            for element in elements { try unkeyed.encode(element) }
        case .object(let fields):
            var keyed = encoder.container(keyedBy: FieldKey.self)
            for name in fields.keys.sorted() {
                try keyed.encode(fields[name]!, forKey: FieldKey(stringValue: name))
            }
        }
    }

    private static func encodeTag(_ tag: String, _ bytes: [UInt8], to encoder: any Encoder) throws {
        var keyed = encoder.container(keyedBy: FieldKey.self)
        try keyed.encode(Base64.encode(bytes), forKey: FieldKey(stringValue: tag))
    }
}
