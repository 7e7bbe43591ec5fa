/// Generated code declares a type conforming to `GeneratedCodeVersionCheck`
/// whose `Version` conforms to the version protocol of the generator that
/// wrote it. A runtime that no longer has that protocol makes the mismatch a
/// compile error instead of a run-time surprise (swift-protobuf's pattern).
public protocol GeneratedCodeVersion_1 {}

/// See `GeneratedCodeVersion_1`.
public protocol GeneratedCodeVersionCheck {
    associatedtype Version: GeneratedCodeVersion_1
}
