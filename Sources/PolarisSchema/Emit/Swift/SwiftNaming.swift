/// Spelling schema names as Swift identifiers.
enum SwiftNaming {
    /// Words that must be escaped with backticks to name a property, a case or a label.
    static let keywords: Set<String> = [
        "associatedtype", "class", "deinit", "enum", "extension", "fileprivate", "func", "import", "init",
        "inout", "internal", "let", "open", "operator", "private", "precedencegroup", "protocol", "public",
        "rethrows", "static", "struct", "subscript", "typealias", "var", "break", "case", "catch", "continue",
        "default", "defer", "do", "else", "fallthrough", "for", "guard", "if", "in", "repeat", "return",
        "throw", "switch", "where", "while", "Any", "as", "await", "false", "is", "nil", "self", "Self",
        "super", "throws", "true", "try", "Type", "Protocol", "async", "any", "some", "_",
    ]

    /// `name`, in backticks when it is a keyword.
    static func escaped(_ name: String) -> String {
        keywords.contains(name) ? "`\(name)`" : name
    }

    /// `past_due` -> `pastDue`, `Free` -> `free`, `1st` -> `_1st`, `a-b` -> `a_b`.
    static func lowerCamel(_ text: String) -> String {
        // Already lower camel case: the common case, returned as it is.
        if let first = text.utf8.first, first >= UInt8(ascii: "a"), first <= UInt8(ascii: "z"),
            text.allUTF8({ $0 != UInt8(ascii: "_") && TypeExpressionLexer.isIdentifierPart($0) })
        {
            return text
        }
        if let name = asciiCamel(text, lowerFirst: true) { return name }
        let upper = SwiftNames.upperCamel(identifierCharacters(text))
        guard let first = upper.first else { return "_" }
        let name = first.lowercased() + upper.dropFirst()
        return first.isNumber ? "_" + name : name
    }

    /// `tool_call` -> `ToolCall`, `1st` -> `_1st`.
    static func upperCamel(_ text: String) -> String {
        if let name = asciiCamel(text, lowerFirst: false) { return name }
        let name = SwiftNames.upperCamel(identifierCharacters(text))
        guard let first = name.first else { return "_" }
        return first.isNumber ? "_" + name : name
    }

    /// `lowerCamel` and `upperCamel` by bytes, for text of ASCII letters,
    /// digits and `_` (nil for other text): each word after a `_` starts upper
    /// case, the first letter is then lowered when `lowerFirst`, and a leading
    /// digit gets a `_` in front. Text of only `_` stays as it is.
    private static func asciiCamel(_ text: String, lowerFirst: Bool) -> String? {
        let count = text.utf8.count
        guard count > 0, text.allUTF8(TypeExpressionLexer.isIdentifierPart) else { return nil }
        let name = String(unsafeUninitializedCapacity: count + 1) { out in
            var length = 0
            var startsWord = true
            for byte in text.utf8 {
                if byte == UInt8(ascii: "_") {
                    startsWord = true
                    continue
                }
                out[length] = startsWord && byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z") ? byte - 0x20 : byte
                length += 1
                startsWord = false
            }
            guard length > 0 else { return 0 }
            if lowerFirst, out[0] >= UInt8(ascii: "A"), out[0] <= UInt8(ascii: "Z") { out[0] += 0x20 }
            if out[0] >= UInt8(ascii: "0"), out[0] <= UInt8(ascii: "9") {
                for position in stride(from: length, to: 0, by: -1) { out[position] = out[position - 1] }
                out[0] = UInt8(ascii: "_")
                length += 1
            }
            return length
        }
        return name.isEmpty ? text : name
    }

    /// `text` with every character that cannot stand in an identifier made `_`.
    static func identifierCharacters(_ text: String) -> String {
        if text.allUTF8(TypeExpressionLexer.isIdentifierPart) { return text }
        return String(text.map { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_") ? $0 : "_" })
    }

    /// A Swift string literal of `text`.
    static func stringLiteral(_ text: String) -> String {
        if !needsEscapes(text) { return "\"" + text + "\"" }
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case _ where scalar.value < 0x20 || scalar.value == 0x7F:
                out += "\\u{\(String(scalar.value, radix: 16))}"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }

    /// Whether `text` has a character a string literal must escape.
    static func needsEscapes(_ text: String) -> Bool {
        text.utf8.contains { $0 < 0x20 || $0 == 0x7F || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\\") }
    }
}

extension TextBuffer {
    /// `text` as a Swift string literal.
    mutating func appendSwiftStringLiteral(_ text: String) {
        guard SwiftNaming.needsEscapes(text) else {
            append(byte: UInt8(ascii: "\""))
            append(text)
            return append(byte: UInt8(ascii: "\""))
        }
        append(SwiftNaming.stringLiteral(text))
    }
}

/// Hands out names in one Swift scope, never the same twice and never one
/// of the names the scope must not shadow.
struct NameAllocator {
    /// Names never to give, shared between scopes (not copied).
    private let shared: Set<String>
    private var taken: Set<String>

    init(shared: Set<String> = [], taken: Set<String>) {
        self.shared = shared
        self.taken = taken
    }

    /// `name`, or `name2`, `name3`... the first one free; taken from now on.
    mutating func allocate(_ name: String) -> String {
        var candidate = name
        var number = 2
        // One hash of each candidate per set: the insert is the check.
        while (!shared.isEmpty && shared.contains(candidate)) || !taken.insert(candidate).inserted {
            candidate = "\(name)\(number)"
            number += 1
        }
        return candidate
    }
}
