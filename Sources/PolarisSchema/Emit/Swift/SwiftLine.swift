/// One line of generated Swift, written as a string literal: its
/// interpolations go straight into UTF-8 bytes held inline (no allocation for
/// a line of up to 256 bytes), which costs a fraction of building a `String`
/// (a large schema makes hundreds of thousands of lines), and a line without
/// interpolations is its literal, copied from the binary.
struct SwiftLine: ExpressibleByStringInterpolation {
    private enum Storage {
        case literal(StaticString)
        case interpolated(Interpolation)
    }

    private let storage: Storage

    init(stringLiteral literal: StaticString) {
        storage = .literal(literal)
    }

    init(stringInterpolation: Interpolation) {
        storage = .interpolated(stringInterpolation)
    }

    /// Calls `body` with the line's bytes.
    func withBytes<Result>(_ body: (UnsafeRawBufferPointer) -> Result) -> Result {
        switch storage {
        case .literal(let literal):
            body(literal.utf8Bytes)
        case .interpolated(let interpolation):
            interpolation.withBytes(body)
        }
    }

    /// Appends the line's bytes to `buffer`.
    func append(to buffer: inout TextBuffer) {
        withBytes { buffer.append($0) }
    }

    struct Interpolation: StringInterpolationProtocol {
        /// 256 bytes, enough for most lines.
        private typealias Inline = (
            UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64,
            UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64,
            UInt64, UInt64, UInt64, UInt64
        )
        private var inline: Inline = (
            0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0
        )
        private var count = 0
        /// The bytes, once the line outgrows `inline`.
        private var spilled: TextBuffer?

        init(literalCapacity: Int, interpolationCount: Int) {}

        func withBytes<Result>(_ body: (UnsafeRawBufferPointer) -> Result) -> Result {
            if let spilled { return spilled.withBytes { body(UnsafeRawBufferPointer($0)) } }
            return withUnsafeBytes(of: inline) { body(UnsafeRawBufferPointer(rebasing: $0[..<count])) }
        }

        @inline(__always)
        private mutating func append(_ bytes: UnsafeRawBufferPointer) {
            guard let source = bytes.baseAddress, !bytes.isEmpty else { return }
            if _fastPath(spilled == nil && count + bytes.count <= MemoryLayout<Inline>.size) {
                withUnsafeMutableBytes(of: &inline) { ($0.baseAddress! + count).copyMemory(from: source, byteCount: bytes.count) }
                count += bytes.count
            } else {
                spill(bytes)
            }
        }

        /// Appends past the inline bytes, moving them to `spilled` first.
        @inline(never)
        private mutating func spill(_ bytes: UnsafeRawBufferPointer) {
            if spilled == nil {
                var buffer = TextBuffer(capacity: 2 * (count + bytes.count))
                withUnsafeBytes(of: inline) { buffer.append(UnsafeRawBufferPointer(rebasing: $0[..<count])) }
                spilled = buffer
            }
            spilled!.append(bytes)
        }

        mutating func appendLiteral(_ literal: StaticString) {
            append(literal.utf8Bytes)
        }

        mutating func appendInterpolation(_ text: some StringProtocol) {
            text.withUTF8Bytes { append($0) }
        }

        mutating func appendInterpolation(_ text: TextBuffer) {
            text.withBytes { append(UnsafeRawBufferPointer($0)) }
        }

        mutating func appendInterpolation(_ number: Int) {
            appendInterpolation(number.description)
        }

        /// `text` as a Swift string literal.
        mutating func appendInterpolation(literal text: String) {
            if SwiftNaming.needsEscapes(text) {
                appendInterpolation(SwiftNaming.stringLiteral(text))
            } else {
                appendLiteral("\"")
                appendInterpolation(text)
                appendLiteral("\"")
            }
        }
    }
}
