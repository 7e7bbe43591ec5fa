/// One token of a type expression.
struct TypeToken {
    enum Kind: Equatable {
        case identifier(String)
        /// A number as written, without the `n` suffix.
        case number(String, isInt64: Bool)
        case string(String)
        case punctuation(UInt8)
        case end
    }

    var kind: Kind
    /// Byte offset of the token's first character.
    var offset: Int

    /// How an error message names the token.
    var quoted: String {
        switch kind {
        case .identifier(let name): "'\(name)'"
        case .number(let text, let isInt64): "'\(text)\(isInt64 ? "n" : "")'"
        case .string(let text): "\"\(text)\""
        case .punctuation(let byte): "'\(Character(Unicode.Scalar(byte)))'"
        case .end: "the end of the type"
        }
    }
}

/// Splits a type expression into tokens; whitespace is free.
struct TypeExpressionLexer {
    private let bytes: [UInt8]
    private var position = 0

    init(_ text: String) {
        bytes = Array(text.utf8)
    }

    /// The next token, or an error at the offending character.
    mutating func next() throws(TypeSyntaxError) -> TypeToken {
        while position < bytes.count, Self.isWhitespace(bytes[position]) {
            position += 1
        }
        let start = position
        guard position < bytes.count else { return TypeToken(kind: .end, offset: start) }
        let byte = bytes[position]
        if Self.isIdentifierStart(byte) {
            while position < bytes.count, Self.isIdentifierPart(bytes[position]) { position += 1 }
            return TypeToken(kind: .identifier(text(start, position)), offset: start)
        }
        if Self.isDigit(byte) || (byte == UInt8(ascii: "-") && position + 1 < bytes.count && Self.isDigit(bytes[position + 1])) {
            return try number(from: start)
        }
        if byte == UInt8(ascii: "\"") {
            return try string(from: start)
        }
        if Self.isPunctuation(byte) {
            position += 1
            return TypeToken(kind: .punctuation(byte), offset: start)
        }
        let character = String(decoding: bytes[start...].prefix(4), as: UTF8.self).unicodeScalars.first ?? "?"
        throw TypeSyntaxError(message: "unexpected character '\(character)' in a type", offset: start)
    }

    private mutating func number(from start: Int) throws(TypeSyntaxError) -> TypeToken {
        if bytes[position] == UInt8(ascii: "-") { position += 1 }
        skipDigits()
        var isWhole = true
        if position + 1 < bytes.count, bytes[position] == UInt8(ascii: "."), Self.isDigit(bytes[position + 1]) {
            position += 1
            skipDigits()
            isWhole = false
        }
        if position < bytes.count, bytes[position] == UInt8(ascii: "e") || bytes[position] == UInt8(ascii: "E") {
            var end = position + 1
            if end < bytes.count, bytes[end] == UInt8(ascii: "+") || bytes[end] == UInt8(ascii: "-") { end += 1 }
            if end < bytes.count, Self.isDigit(bytes[end]) {
                position = end
                skipDigits()
                isWhole = false
            }
        }
        let written = text(start, position)
        if position < bytes.count, bytes[position] == UInt8(ascii: "n") {
            guard isWhole else {
                throw TypeSyntaxError(
                    message: "an int64 literal ('n' suffix) must be a whole number, not '\(written)'", offset: start)
            }
            position += 1
            return TypeToken(kind: .number(written, isInt64: true), offset: start)
        }
        return TypeToken(kind: .number(written, isInt64: false), offset: start)
    }

    private mutating func string(from start: Int) throws(TypeSyntaxError) -> TypeToken {
        position += 1
        var value: [UInt8] = []
        while position < bytes.count {
            let byte = bytes[position]
            if byte == UInt8(ascii: "\"") {
                position += 1
                return TypeToken(kind: .string(String(decoding: value, as: UTF8.self)), offset: start)
            }
            if byte == UInt8(ascii: "\\") {
                guard position + 1 < bytes.count,
                    bytes[position + 1] == UInt8(ascii: "\"") || bytes[position + 1] == UInt8(ascii: "\\")
                else {
                    throw TypeSyntaxError(
                        message: "unknown escape in a string literal; only \\\" and \\\\ are allowed", offset: position)
                }
                position += 1
            }
            value.append(bytes[position])
            position += 1
        }
        throw TypeSyntaxError(message: "unterminated string literal", offset: start)
    }

    private mutating func skipDigits() {
        while position < bytes.count, Self.isDigit(bytes[position]) { position += 1 }
    }

    private func text(_ start: Int, _ end: Int) -> String {
        String(decoding: bytes[start..<end], as: UTF8.self)
    }

    private static func isDigit(_ byte: UInt8) -> Bool { byte >= 0x30 && byte <= 0x39 }

    /// Space, tab, or a line break: free between tokens.
    static func isWhitespace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D
    }

    /// `< > , | ? ( )`.
    private static func isPunctuation(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "<"), UInt8(ascii: ">"), UInt8(ascii: ","), UInt8(ascii: "|"), UInt8(ascii: "?"),
            UInt8(ascii: "("), UInt8(ascii: ")"):
            true
        default: false
        }
    }

    static func isIdentifierStart(_ byte: UInt8) -> Bool {
        (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A) || byte == 0x5F
    }

    static func isIdentifierPart(_ byte: UInt8) -> Bool { isIdentifierStart(byte) || isDigit(byte) }
}
