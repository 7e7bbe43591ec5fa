/// One line of generated Swift, written as a string literal: its
/// interpolations go straight into UTF-8 bytes, which costs a fraction of
/// building a `String` (a large schema makes hundreds of thousands of lines).
struct SwiftLine: ExpressibleByStringInterpolation {
    fileprivate(set) var bytes: TextBuffer

    init(stringLiteral literal: StaticString) {
        bytes = TextBuffer(capacity: literal.utf8CodeUnitCount)
        bytes.append(literal)
    }

    init(stringInterpolation: Interpolation) {
        bytes = stringInterpolation.bytes
    }

    var isEmpty: Bool { bytes.bytes.isEmpty }

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

        mutating func appendInterpolation(_ number: Int) {
            bytes.append(String(number))
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
