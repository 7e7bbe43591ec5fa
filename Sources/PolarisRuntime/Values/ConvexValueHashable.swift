/// A generated struct or union that is equal to another, and hashes, as its
/// Convex value does: Convex's equality (floats by their bits, so `-0.0`
/// differs from `0.0` and a NaN equals itself), in one shared implementation
/// instead of an `==` and a `hash(into:)` synthesized for every type, which
/// cost a generated module more compile time than all its other code.
public protocol ConvexValueHashable: ConvexValueConvertible {}

extension ConvexValueHashable {
    public static func == (lhs: Self, rhs: Self) -> Bool {
        convexValue(of: lhs) == convexValue(of: rhs)
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(Self.convexValue(of: self))
    }
}
