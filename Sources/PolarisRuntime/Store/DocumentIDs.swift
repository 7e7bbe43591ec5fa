#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Document IDs: 32 characters of Crockford base32 over 20 bytes, 16 of them
/// random (unguessable: 128 bits from the system's secure generator,
/// `arc4random_buf`) and 4 that tie the ID to its table, so an ID of one table
/// never passes for an ID of another, even when forged from a string.
public enum DocumentIDs {
    private static let alphabet = Array("0123456789abcdefghjkmnpqrstvwxyz".utf8)
    /// Each byte's base32 digit, or 0xFF.
    private static let digits: [UInt8] = {
        var table = [UInt8](repeating: 0xFF, count: 256)
        for (digit, character) in alphabet.enumerated() { table[Int(character)] = UInt8(digit) }
        return table
    }()

    /// A new ID for a document of `table`.
    public static func make(table: String) -> String {
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 20) { bytes in
            arc4random_buf(bytes.baseAddress!, 16)
            let tag = tableTag(table, random: UnsafeBufferPointer(bytes))
            for byte in 0..<4 { bytes[16 + byte] = UInt8(truncatingIfNeeded: tag >> (8 * UInt32(byte))) }
            return String(unsafeUninitializedCapacity: 32) { out in
                var buffer: UInt64 = 0
                var bits = 0
                var count = 0
                for byte in bytes {
                    buffer = buffer << 8 | UInt64(byte)
                    bits += 8
                    while bits >= 5 {
                        bits -= 5
                        out[count] = alphabet[Int(buffer >> UInt64(bits) & 31)]
                        count += 1
                    }
                }
                return count
            }
        }
    }

    /// Whether `id` is an ID that `make(table:)` could have made for `table`.
    public static func belongs(_ id: String, to table: String) -> Bool {
        var id = id
        return id.withUTF8 { characters in
            guard characters.count == 32 else { return false }
            return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 20) { bytes in
                var buffer: UInt64 = 0
                var bits = 0
                var count = 0
                for character in characters {
                    let digit = digits[Int(character)]
                    guard digit != 0xFF else { return false }
                    buffer = buffer << 5 | UInt64(digit)
                    bits += 5
                    if bits >= 8 {
                        bits -= 8
                        bytes[count] = UInt8(truncatingIfNeeded: buffer >> UInt64(bits))
                        count += 1
                    }
                }
                let tag = UInt32(bytes[16]) | UInt32(bytes[17]) << 8 | UInt32(bytes[18]) << 16 | UInt32(bytes[19]) << 24
                return tag == tableTag(table, random: UnsafeBufferPointer(bytes))
            }
        }
    }

    /// FNV-1a of the table's name, mixed with the random bytes so that the
    /// IDs of one table share no visible suffix; byte `i` of the result is
    /// byte `i` of the tag.
    private static func tableTag(_ table: String, random: UnsafeBufferPointer<UInt8>) -> UInt32 {
        var hash: UInt32 = 0x811c_9dc5
        for byte in table.utf8 { hash = (hash ^ UInt32(byte)) &* 0x0100_0193 }
        var tag: UInt32 = 0
        for index in 0..<4 {
            let byte = UInt8(truncatingIfNeeded: hash >> (8 * UInt32(index))) ^ random[index] ^ random[15 - index]
            tag |= UInt32(byte) << (8 * UInt32(index))
        }
        return tag
    }
}
