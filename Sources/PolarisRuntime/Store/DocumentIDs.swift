import Synchronization

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

    /// Random bytes fetched 4 KiB at a time: glibc's `arc4random_buf` is one
    /// `getrandom` system call per call, which would be one per ID.
    private static let randomBytes = Mutex(RandomBytes())

    /// A new ID for a document of `table`.
    public static func make(table: String) -> String {
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 20) { bytes in
            let random = randomBytes.withLock { $0.take16() }
            withUnsafeBytes(of: random) { bytes.baseAddress!.update(from: $0.bindMemory(to: UInt8.self).baseAddress!, count: 16) }
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
            return digits.withUnsafeBufferPointer { digits in
                withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 20) { bytes in
                    // 8 characters are 40 bits: 5 bytes.
                    for group in 0..<4 {
                        var buffer: UInt64 = 0
                        for character in characters[(group * 8)..<(group * 8 + 8)] {
                            let digit = digits[Int(character)]
                            guard digit != 0xFF else { return false }
                            buffer = buffer << 5 | UInt64(digit)
                        }
                        for byte in 0..<5 { bytes[group * 5 + byte] = UInt8(truncatingIfNeeded: buffer >> UInt64(32 - 8 * byte)) }
                    }
                    let tag = UInt32(bytes[16]) | UInt32(bytes[17]) << 8 | UInt32(bytes[18]) << 16 | UInt32(bytes[19]) << 24
                    return tag == tableTag(table, random: UnsafeBufferPointer(bytes))
                }
            }
        }
    }

    /// FNV-1a of the table's name, mixed with the random bytes so that the
    /// IDs of one table share no visible suffix; byte `i` of the result is
    /// byte `i` of the tag.
    private static func tableTag(_ table: String, random: UnsafeBufferPointer<UInt8>) -> UInt32 {
        var hash: UInt32 = 0x811c_9dc5
        var table = table
        table.withUTF8 { bytes in
            for byte in bytes { hash = (hash ^ UInt32(byte)) &* 0x0100_0193 }
        }
        var tag: UInt32 = 0
        for index in 0..<4 {
            let byte = UInt8(truncatingIfNeeded: hash >> (8 * UInt32(index))) ^ random[index] ^ random[15 - index]
            tag |= UInt32(byte) << (8 * UInt32(index))
        }
        return tag
    }
}

/// Bytes from the system's secure generator, handed out in order, never twice.
private struct RandomBytes: ~Copyable {
    private let buffer = UnsafeMutablePointer<UInt8>.allocate(capacity: 4096)
    private var next = 4096

    /// The next 16 bytes.
    mutating func take16() -> (UInt64, UInt64) {
        if next + 16 > 4096 {
            arc4random_buf(buffer, 4096)
            next = 0
        }
        let raw = UnsafeMutableRawPointer(buffer + next)
        let taken = (raw.loadUnaligned(as: UInt64.self), raw.loadUnaligned(fromByteOffset: 8, as: UInt64.self))
        raw.initializeMemory(as: UInt8.self, repeating: 0, count: 16)
        next += 16
        return taken
    }

    deinit { buffer.deallocate() }
}
