/// A file an emitter produces: its name inside the output folder, and its
/// text as UTF-8 bytes (what is written to disk, with no conversion).
public struct GeneratedFile: Hashable, Sendable {
    public var name: String
    public var bytes: [UInt8]

    public init(name: String, bytes: [UInt8]) {
        self.name = name
        self.bytes = bytes
    }

    /// The file's text.
    public var contents: String { String(decoding: bytes, as: UTF8.self) }
}
