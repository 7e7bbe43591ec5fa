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

extension StringProtocol {
    /// Whether every UTF-8 byte of the text satisfies `predicate`: a loop over
    /// its bytes in place, far cheaper than iterating `utf8` for short names.
    @inline(__always)
    func allUTF8(_ predicate: (UInt8) -> Bool) -> Bool {
        withUTF8Bytes { bytes in bytes.allSatisfy(predicate) }
    }
}
