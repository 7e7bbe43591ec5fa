/// The range a query reads from an index, as Convex allows it: equalities on
/// a prefix of the index's fields, then at most one lower and one upper bound
/// on the next field. A nil key value means the field is absent.
public struct IndexBounds: Hashable, Sendable {
    /// `field == value` (or `field` absent when `value` is nil).
    public struct Equality: Hashable, Sendable {
        public var field: String
        public var value: Value?

        public init(field: String, value: Value?) {
            self.field = field
            self.value = value
        }
    }

    /// One end of a range on the field after the equalities.
    public struct Bound: Hashable, Sendable {
        public var field: String
        public var value: Value?
        /// `gte`/`lte` rather than `gt`/`lt`.
        public var isInclusive: Bool

        public init(field: String, value: Value?, isInclusive: Bool) {
            self.field = field
            self.value = value
            self.isInclusive = isInclusive
        }
    }

    public private(set) var equalities: [Equality] = []
    public private(set) var lower: Bound?
    public private(set) var upper: Bound?

    /// The whole index.
    public init() {}

    /// These bounds with `field == value` added.
    public func eq<T: ConvexValueConvertible>(_ field: String, _ value: T) -> IndexBounds {
        eq(field, key: T.convexValue(of: value))
    }

    /// These bounds with `field == value` added, where nil asks for the field to be absent.
    public func eq<T: ConvexValueConvertible>(_ field: String, ifPresent value: T?) -> IndexBounds {
        eq(field, key: value.map(T.convexValue(of:)))
    }

    /// These bounds with a lower bound on `field`.
    public func lower<T: ConvexValueConvertible>(_ field: String, _ value: T, inclusive: Bool) -> IndexBounds {
        var bounds = self
        bounds.lower = Bound(field: field, value: T.convexValue(of: value), isInclusive: inclusive)
        return bounds
    }

    /// These bounds with a lower bound on `field`, where nil is absence (the lowest key).
    public func lower<T: ConvexValueConvertible>(_ field: String, ifPresent value: T?, inclusive: Bool) -> IndexBounds {
        var bounds = self
        bounds.lower = Bound(field: field, value: value.map(T.convexValue(of:)), isInclusive: inclusive)
        return bounds
    }

    /// These bounds with an upper bound on `field`.
    public func upper<T: ConvexValueConvertible>(_ field: String, _ value: T, inclusive: Bool) -> IndexBounds {
        var bounds = self
        bounds.upper = Bound(field: field, value: T.convexValue(of: value), isInclusive: inclusive)
        return bounds
    }

    /// These bounds with an upper bound on `field`, where nil is absence (the lowest key).
    public func upper<T: ConvexValueConvertible>(_ field: String, ifPresent value: T?, inclusive: Bool) -> IndexBounds {
        var bounds = self
        bounds.upper = Bound(field: field, value: value.map(T.convexValue(of:)), isInclusive: inclusive)
        return bounds
    }

    private func eq(_ field: String, key: Value?) -> IndexBounds {
        var bounds = self
        bounds.equalities.append(Equality(field: field, value: key))
        return bounds
    }
}

/// A stage of an index range builder. Generated code gives each index one
/// type per stage, whose methods allow only the next legal step.
public protocol IndexRange: Sendable {
    /// The range built so far.
    var bounds: IndexBounds { get }
    /// A stage holding `bounds`.
    init(bounds: IndexBounds)
}

/// An index of `Model`'s table whose range building starts at `Start`.
/// Generated code declares one static member per index, so that queries
/// write `.withIndex(.byOwner) { $0.eq(ownerId: id) }`.
public struct IndexDefinition<Model: Document, Start: IndexRange>: Sendable {
    /// The index's name in the schema.
    public let name: String

    public init(_ name: String) {
        self.name = name
    }
}
