import Foundation

/// Swift source built line by line, four spaces per level.
struct SwiftText {
    private var buffer: TextBuffer
    private var level = 0

    /// `capacity`: the bytes expected, so that a large file is not copied as it grows.
    init(capacity: Int = 1 << 16) {
        buffer = TextBuffer(capacity: capacity)
    }

    private init(buffer: TextBuffer) {
        self.buffer = buffer
    }


    /// One line at the current indentation (an empty line stays empty).
    mutating func line(_ line: SwiftLine = "") {
        line.withBytes { bytes in
            guard let source = bytes.baseAddress, !bytes.isEmpty else {
                return buffer.append(byte: UInt8(ascii: "\n"))
            }
            let spaces = level * 4
            let target = buffer.reserve(spaces + bytes.count + 1)
            target.initialize(repeating: UInt8(ascii: " "), count: spaces)
            (target + spaces).update(from: source.assumingMemoryBound(to: UInt8.self), count: bytes.count)
            target[spaces + bytes.count] = UInt8(ascii: "\n")
        }
    }

    private mutating func indent() {
        let spaces = level * 4
        buffer.reserve(spaces).initialize(repeating: UInt8(ascii: " "), count: spaces)
    }

    /// `head` and a raw multi-line string literal of `text`, its lines and
    /// closing delimiter at the current indentation.
    mutating func line(_ head: String, rawMultilineLiteral text: TextBuffer) {
        text.withBytes { text in
            let delimiter = String(repeating: "#", count: Self.longestHashRunAfterQuote(text) + 1)
            indent()
            buffer.append(head)
            buffer.append(delimiter + "\"\"\"\n")
            var start = 0
            while start < text.count {
                let end = Self.index(of: UInt8(ascii: "\n"), in: text, from: start).map { $0 + 1 } ?? text.count
                if text[start] != UInt8(ascii: "\n") { indent() }
                buffer.append(bytes: UnsafeBufferPointer(rebasing: text[start..<end]))
                start = end
            }
            indent()
            buffer.append("\"\"\"" + delimiter + "\n")
        }
    }

    /// The most `#`s that follow a `"` in `text`: a raw literal's delimiter needs one more.
    private static func longestHashRunAfterQuote(_ text: UnsafeBufferPointer<UInt8>) -> Int {
        guard index(of: UInt8(ascii: "#"), in: text, from: 0) != nil else { return 0 }
        var longest = 0
        var index = 0
        while let quote = Self.index(of: UInt8(ascii: "\""), in: text, from: index) {
            index = quote + 1
            var run = 0
            while index < text.count, text[index] == UInt8(ascii: "#") {
                run += 1
                index += 1
            }
            longest = max(longest, run)
        }
        return longest
    }

    /// The first index of `byte` in `text` at or after `start` (`memchr`).
    private static func index(of byte: UInt8, in text: UnsafeBufferPointer<UInt8>, from start: Int) -> Int? {
        guard let base = text.baseAddress, start < text.count,
            let found = memchr(base + start, Int32(byte), text.count - start)
        else { return nil }
        return base.distance(to: found.assumingMemoryBound(to: UInt8.self))
    }

    /// `header {`, the body one level in, then `}`.
    mutating func block(_ header: SwiftLine, _ body: (inout SwiftText) -> Void) {
        indent()
        header.append(to: &buffer)
        buffer.append(" {\n")
        level += 1
        body(&self)
        level -= 1
        line("}")
    }

    /// `switch subject {`, the cases at the switch's own level, then `}`.
    mutating func switchBlock(_ subject: SwiftLine, _ body: (inout SwiftText) -> Void) {
        indent()
        buffer.append("switch ")
        subject.append(to: &buffer)
        buffer.append(" {\n")
        body(&self)
        line("}")
    }

    /// A `///` comment, one line per line of `doc`.
    mutating func doc(_ doc: String?) {
        guard let doc, !doc.isEmpty else { return }
        guard doc.utf8.contains(UInt8(ascii: "\n")) else { return line("/// \(doc)") }
        for part in doc.split(separator: "\n", omittingEmptySubsequences: false) {
            line(part.isEmpty ? "///" : "/// \(part)")
        }
    }

    /// A generated file's text: the header (no version, no date), the
    /// imports, `body`, and the declaration that makes a generator/runtime
    /// version mismatch a compile error; `capacity` is the bytes expected.
    ///
    /// The text is written straight into the array returned, unless it
    /// outgrows `capacity` (then it is copied there once at the end).
    static func file(schemaName: String, capacity: Int = 1 << 16, _ body: (inout SwiftText) -> Void) -> [UInt8] {
        var outgrown: TextBuffer?
        let bytes = [UInt8](unsafeUninitializedCapacity: Swift.max(capacity, 256)) { memory, written in
            var out = SwiftText(buffer: TextBuffer(borrowing: memory))
            out.buffer.append("// Generated by polaris from ")
            out.buffer.append(schemaName)
            out.buffer.append(". Do not edit: run `polaris generate` again.\n// swift-format-ignore-file\n")
            out.line("import Foundation")
            out.line("import PolarisRuntime")
            body(&out)
            out.line()
            out.block("fileprivate struct _PolarisGeneratedCodeVersionCheck: PolarisRuntime.GeneratedCodeVersionCheck") {
                $0.line("struct Version: PolarisRuntime.GeneratedCodeVersion_1 {}")
            }
            if out.buffer.isIn(memory) {
                written = out.buffer.count
            } else {
                written = 0
                outgrown = out.buffer
            }
        }
        return outgrown.map { $0.withBytes(Array.init) } ?? bytes
    }
}
