/// Generated text as UTF-8 bytes, appended piece by piece. The bytes live in
/// one tail-allocated block copied with `memcpy`: emitters append millions of
/// short pieces for a large schema, and this costs a fraction of appending to
/// a `String` or an `Array`. A value type: a copy that is appended to gets its own bytes.
struct TextBuffer {
    private var storage: TextStorage

    init(capacity: Int = 0) {
        storage = TextStorage.make(capacity: Swift.max(capacity, 16))
    }

    /// The number of bytes so far.
    var count: Int { storage.withUnsafeMutablePointerToHeader { $0.pointee.count } }

    var isEmpty: Bool { count == 0 }

    /// The text so far.
    var string: String { withBytes { String(decoding: $0, as: UTF8.self) } }

    /// Calls `body` with the bytes so far.
    func withBytes<Result>(_ body: (UnsafeBufferPointer<UInt8>) throws -> Result) rethrows -> Result {
        try storage.withUnsafeMutablePointers { header, bytes in try body(UnsafeBufferPointer(start: bytes, count: header.pointee.count)) }
    }

    mutating func append(_ text: String) {
        var text = text
        text.withUTF8 { append(UnsafeRawBufferPointer($0)) }
    }

    mutating func append(_ text: Substring) {
        var text = text
        text.withUTF8 { append(UnsafeRawBufferPointer($0)) }
    }

    mutating func append(_ text: StaticString) {
        append(UnsafeRawBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount))
    }

    mutating func append(_ other: TextBuffer) {
        other.withBytes { append(UnsafeRawBufferPointer($0)) }
    }

    mutating func append(bytes more: UnsafeBufferPointer<UInt8>) {
        append(UnsafeRawBufferPointer(more))
    }

    mutating func append(byte: UInt8) {
        reserve(1).pointee = byte
    }

    mutating func append(_ bytes: UnsafeRawBufferPointer) {
        guard let source = bytes.baseAddress, !bytes.isEmpty else { return }
        reserve(bytes.count).update(from: source.assumingMemoryBound(to: UInt8.self), count: bytes.count)
    }

    /// `text` between two `mark`s, with any `mark` in it doubled (SQL's quoting).
    mutating func append(_ text: String, enclosedIn mark: UInt8) {
        var text = text
        text.withUTF8 { bytes in
            append(byte: mark)
            var start = 0
            while let found = UnsafeBufferPointer(rebasing: bytes[start...]).firstIndex(of: mark) {
                append(bytes: UnsafeBufferPointer(rebasing: bytes[start...(start + found)]))
                append(byte: mark)
                start += found + 1
            }
            append(bytes: UnsafeBufferPointer(rebasing: bytes[start...]))
            append(byte: mark)
        }
    }

    /// Where the next `extra` bytes go, counted as written: this buffer's
    /// storage is made its own and large enough first.
    private mutating func reserve(_ extra: Int) -> UnsafeMutablePointer<UInt8> {
        let unique = isKnownUniquelyReferenced(&storage)
        let (count, capacity) = storage.withUnsafeMutablePointerToHeader { $0.pointee }
        if !unique || count + extra > capacity {
            let old = storage
            storage = TextStorage.make(capacity: Swift.max(count + extra, capacity * 2))
            old.withUnsafeMutablePointerToElements { source in
                storage.withUnsafeMutablePointerToElements { $0.update(from: source, count: count) }
            }
        }
        return storage.withUnsafeMutablePointers { header, bytes in
            header.pointee.count = count + extra
            return bytes + count
        }
    }
}

/// A `TextBuffer`'s bytes after a header of their count and capacity.
private final class TextStorage: ManagedBuffer<(count: Int, capacity: Int), UInt8> {
    static func make(capacity: Int) -> TextStorage {
        let buffer = create(minimumCapacity: capacity) { _ in (0, capacity) }
        return unsafeDowncast(buffer, to: TextStorage.self)
    }
}
