/// One line of generated Swift, written as a string literal: its
/// interpolations go straight into UTF-8 bytes, which costs a fraction of
/// building a `String` (a large schema makes hundreds of thousands of lines),
/// and a line without interpolations is its literal, copied from the binary.
struct SwiftLine: ExpressibleByStringInterpolation {
    private enum Storage {
        case literal(StaticString)
        case interpolated(TextBuffer)
    }

    private let storage: Storage

    init(stringLiteral literal: StaticString) {
        storage = .literal(literal)
    }

    init(stringInterpolation: Interpolation) {
        storage = .interpolated(stringInterpolation.bytes)
    }

    var isEmpty: Bool {
        switch storage {
        case .literal(let literal): literal.utf8CodeUnitCount == 0
        case .interpolated(let bytes): bytes.isEmpty
        }
    }

    /// Appends the line's bytes to `buffer`.
    func append(to buffer: inout TextBuffer) {
        switch storage {
        case .literal(let literal): buffer.append(literal)
        case .interpolated(let bytes): buffer.append(bytes)
        }
    }

    struct Interpolation: StringInterpolationProtocol {
        fileprivate var bytes: TextBuffer

        init(literalCapacity: Int, interpolationCount: Int) {
            bytes = TextBuffer(capacity: literalCapacity + 24 * interpolationCount)
        }

        mutating func appendLiteral(_ literal: StaticString) {
            bytes.append(literal)
        }

        mutating func appendInterpolation(_ text: String) {
            bytes.append(text)
        }

        mutating func appendInterpolation(_ text: Substring) {
            bytes.append(text)
        }

        mutating func appendInterpolation(_ text: TextBuffer) {
            bytes.append(text)
        }

        mutating func appendInterpolation(_ number: Int) {
            bytes.append(number.description)
        }

        /// `text` as a Swift string literal.
        mutating func appendInterpolation(literal text: String) {
            if SwiftNaming.needsEscapes(text) {
                bytes.append(SwiftNaming.stringLiteral(text))
            } else {
                bytes.append(byte: UInt8(ascii: "\""))
                bytes.append(text)
                bytes.append(byte: UInt8(ascii: "\""))
            }
        }
    }
}
