extension StringProtocol {
    /// Calls `body` with the text's UTF-8 bytes: native and small strings
    /// lend them without a copy or a retain; others are copied once.
    @inline(__always)
    func withUTF8Bytes<Result>(_ body: (UnsafeRawBufferPointer) -> Result) -> Result {
        if let result = utf8.withContiguousStorageIfAvailable({ body(UnsafeRawBufferPointer($0)) }) { return result }
        var copy = String(self)
        return copy.withUTF8 { body(UnsafeRawBufferPointer($0)) }
    }
}

extension StaticString {
    /// The literal's UTF-8 bytes, in the binary.
    var utf8Bytes: UnsafeRawBufferPointer {
        UnsafeRawBufferPointer(start: utf8Start, count: utf8CodeUnitCount)
    }
}
