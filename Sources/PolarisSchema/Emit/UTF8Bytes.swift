import Foundation

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

extension UnsafeBufferPointer<UInt8> {
    /// The first index of `byte` at or after `start`, found with `memchr`.
    func firstIndex(of byte: UInt8, from start: Int) -> Int? {
        guard let base = baseAddress, start < count, let found = memchr(base + start, Int32(byte), count - start) else {
            return nil
        }
        return base.distance(to: found.assumingMemoryBound(to: UInt8.self))
    }
}
