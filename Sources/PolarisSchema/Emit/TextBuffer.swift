/// Generated text as UTF-8 bytes, appended piece by piece. The bytes live in
/// one block copied with `memcpy`, and the count lives in the value itself, so
/// an append is a capacity check, a uniqueness check and a copy: emitters
/// append millions of short pieces for a large schema, and this costs a
/// fraction of appending to a `String` or an `Array`. A value type: a copy
/// that is appended to gets its own bytes.
struct TextBuffer {
    private var storage: TextStorage
    /// The number of bytes so far.
    private(set) var count = 0

    init(capacity: Int = 0) {
        storage = TextStorage(capacity: Swift.max(capacity, 16))
    }

    /// A buffer that writes into `memory`, which it does not own, until it
    /// outgrows it (then it moves to bytes of its own).
    init(borrowing memory: UnsafeMutableBufferPointer<UInt8>) {
        storage = TextStorage(borrowing: memory)
    }

    /// Whether the bytes are still in `memory`, where `init(borrowing:)` put them.
    func isIn(_ memory: UnsafeMutableBufferPointer<UInt8>) -> Bool {
        storage.bytes == memory.baseAddress
    }

    /// The text so far.
    var string: String { withBytes { String(decoding: $0, as: UTF8.self) } }

    /// Calls `body` with the bytes so far.
    func withBytes<Result>(_ body: (UnsafeBufferPointer<UInt8>) throws -> Result) rethrows -> Result {
        try body(UnsafeBufferPointer(start: storage.bytes, count: count))
    }

    /// Empties the buffer, keeping its storage for the next text.
    mutating func removeAll() {
        count = 0
    }

    mutating func append(_ text: some StringProtocol) {
        text.withUTF8Bytes { append($0) }
    }

    mutating func append(_ text: StaticString) {
        append(text.utf8Bytes)
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
        append(byte: mark)
        append(text, doubling: mark)
        append(byte: mark)
    }

    /// `text` with any `mark` in it doubled.
    mutating func append(_ text: String, doubling mark: UInt8) {
        text.withUTF8Bytes { raw in
            let bytes = raw.assumingMemoryBound(to: UInt8.self)
            var start = 0
            while let found = bytes.firstIndex(of: mark, from: start) {
                append(UnsafeRawBufferPointer(rebasing: raw[start...found]))
                append(byte: mark)
                start = found + 1
            }
            append(UnsafeRawBufferPointer(rebasing: raw[start...]))
        }
    }

    /// Where the next `extra` bytes go, counted as written: this buffer's
    /// storage is made its own and large enough first.
    @inline(__always)
    mutating func reserve(_ extra: Int) -> UnsafeMutablePointer<UInt8> {
        if _slowPath(count + extra > storage.capacity || !isKnownUniquelyReferenced(&storage)) { grow(extra) }
        let position = storage.bytes + count
        count += extra
        return position
    }

    @inline(never)
    private mutating func grow(_ extra: Int) {
        let old = storage
        storage = TextStorage(capacity: Swift.max(count + extra, old.capacity * 2))
        storage.bytes.update(from: old.bytes, count: count)
    }
}

/// A `TextBuffer`'s bytes. Only constants: reading them costs no exclusivity check.
private final class TextStorage {
    let bytes: UnsafeMutablePointer<UInt8>
    let capacity: Int
    /// Whether `bytes` were allocated here (and are freed here).
    let ownsBytes: Bool

    init(capacity: Int) {
        bytes = .allocate(capacity: capacity)
        self.capacity = capacity
        ownsBytes = true
    }

    init(borrowing memory: UnsafeMutableBufferPointer<UInt8>) {
        bytes = memory.baseAddress!
        capacity = memory.count
        ownsBytes = false
    }

    deinit {
        if ownsBytes { bytes.deallocate() }
    }
}
