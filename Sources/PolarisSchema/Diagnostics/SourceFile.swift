/// The bytes of one schema file and the name it is reported under.
public struct SourceFile: Sendable {
    /// The path as the user gave it; diagnostics name the file by it.
    public let path: String
    /// The file's contents.
    public let bytes: [UInt8]
    /// Byte offset at which each line starts.
    private let lineStarts: [Int]

    /// Creates a source file from its path and contents.
    public init(path: String, bytes: [UInt8]) {
        self.path = path
        self.bytes = bytes
        var starts = [0]
        bytes.withUnsafeBufferPointer { bytes in
            var start = 0
            while let found = bytes.firstIndex(of: UInt8(ascii: "\n"), from: start) {
                start = found + 1
                starts.append(start)
            }
        }
        lineStarts = starts
    }

    /// Creates a source file from its path and text.
    public init(path: String, text: String) {
        self.init(path: path, bytes: Array(text.utf8))
    }

    /// The text of a 1-based line, without its line break; empty past the end.
    public func lineText(_ line: Int) -> String {
        guard line >= 1, line <= lineStarts.count else { return "" }
        let start = lineStarts[line - 1]
        var end = line < lineStarts.count ? lineStarts[line] - 1 : bytes.count
        if end > start, bytes[end - 1] == UInt8(ascii: "\r") { end -= 1 }
        return String(decoding: bytes[start..<max(start, end)], as: UTF8.self)
    }
}
