/// Generated text as UTF-8 bytes, appended piece by piece: appending to a
/// byte array costs a fraction of appending to a `String`, and emitters
/// append millions of pieces for a large schema.
struct TextBuffer {
    private(set) var bytes: [UInt8] = []

    init(capacity: Int = 0) {
        bytes.reserveCapacity(capacity)
    }

    /// The text so far.
    var string: String { String(decoding: bytes, as: UTF8.self) }

    mutating func append(_ text: String) {
        var text = text
        text.withUTF8 { bytes.append(contentsOf: $0) }
    }

    mutating func append(_ text: Substring) {
        var text = text
        text.withUTF8 { bytes.append(contentsOf: $0) }
    }

    mutating func append(_ text: StaticString) {
        bytes.append(contentsOf: UnsafeBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount))
    }

    mutating func append(_ other: TextBuffer) {
        bytes.append(contentsOf: other.bytes)
    }

    mutating func append(byte: UInt8) {
        bytes.append(byte)
    }

    mutating func append(bytes more: ArraySlice<UInt8>) {
        bytes.append(contentsOf: more)
    }

    /// `text` between two `mark`s, with any `mark` in it doubled (SQL's quoting).
    mutating func append(_ text: String, enclosedIn mark: UInt8) {
        bytes.append(mark)
        for byte in text.utf8 {
            if byte == mark { bytes.append(mark) }
            bytes.append(byte)
        }
        bytes.append(mark)
    }
}
