/// Document IDs: 32 characters of Crockford base32 over 20 bytes, 16 of them
/// random (unguessable: 128 bits from the system's secure generator) and 4
/// that tie the ID to its table, so an ID of one table never passes for an
/// ID of another, even when forged from a string.
public enum DocumentIDs {
    private static let alphabet = Array("0123456789abcdefghjkmnpqrstvwxyz".utf8)
    private static let digits: [UInt8: UInt8] = Dictionary(
        uniqueKeysWithValues: alphabet.enumerated().map { ($0.element, UInt8($0.offset)) })

    /// A new ID for a document of `table`.
    public static func make(table: String) -> String {
        var generator = SystemRandomNumberGenerator()
        var bytes = [UInt8](repeating: 0, count: 20)
        for offset in stride(from: 0, to: 16, by: 8) {
            let random = generator.next()
            for byte in 0..<8 { bytes[offset + byte] = UInt8(truncatingIfNeeded: random >> (8 * UInt64(byte))) }
        }
        let tag = tableTag(table, random: bytes)
        for byte in 0..<4 { bytes[16 + byte] = tag[byte] }
        return encode(bytes)
    }

    /// Whether `id` is an ID that `make(table:)` could have made for `table`.
    public static func belongs(_ id: String, to table: String) -> Bool {
        guard let bytes = decode(id) else { return false }
        return Array(bytes[16..<20]) == tableTag(table, random: bytes)
    }

    /// FNV-1a of the table's name, mixed with the random bytes so that the
    /// IDs of one table share no visible suffix.
    private static func tableTag(_ table: String, random: [UInt8]) -> [UInt8] {
        var hash: UInt32 = 0x811c_9dc5
        for byte in table.utf8 { hash = (hash ^ UInt32(byte)) &* 0x0100_0193 }
        return (0..<4).map { UInt8(truncatingIfNeeded: hash >> (8 * UInt32($0))) ^ random[$0] ^ random[15 - $0] }
    }

    private static func encode(_ bytes: [UInt8]) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(32)
        var buffer: UInt64 = 0
        var bits = 0
        for byte in bytes {
            buffer = buffer << 8 | UInt64(byte)
            bits += 8
            while bits >= 5 {
                bits -= 5
                out.append(alphabet[Int(buffer >> UInt64(bits) & 31)])
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    private static func decode(_ id: String) -> [UInt8]? {
        let characters = Array(id.utf8)
        guard characters.count == 32 else { return nil }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(20)
        var buffer: UInt64 = 0
        var bits = 0
        for character in characters {
            guard let digit = digits[character] else { return nil }
            buffer = buffer << 5 | UInt64(digit)
            bits += 5
            if bits >= 8 {
                bits -= 8
                bytes.append(UInt8(truncatingIfNeeded: buffer >> UInt64(bits)))
            }
        }
        return bytes
    }
}
