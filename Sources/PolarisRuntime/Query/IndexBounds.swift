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

    /// The field of `fields` (an index's, in order) that follows the equalities.
    func nextField(of fields: [String]) -> String {
        fields[equalities.count]
    }

    /// These bounds with `field == value` added (absent when `value` is nil).
    func eq(_ field: String, _ value: Value?) -> IndexBounds {
        var bounds = self
        bounds.equalities.append(Equality(field: field, value: value))
        return bounds
    }

    /// These bounds with a lower bound on `field`.
    func lower(_ field: String, _ value: Value?, inclusive: Bool) -> IndexBounds {
        var bounds = self
        bounds.lower = Bound(field: field, value: value, isInclusive: inclusive)
        return bounds
    }

    /// These bounds with an upper bound on `field`.
    func upper(_ field: String, _ value: Value?, inclusive: Bool) -> IndexBounds {
        var bounds = self
        bounds.upper = Bound(field: field, value: value, isInclusive: inclusive)
        return bounds
    }
}

/// A stage of an index range builder, whose methods allow only the next
/// legal step (see `IndexStage`).
public protocol IndexRange: Sendable {
    /// The range built so far.
    var bounds: IndexBounds { get }
    /// A stage holding `bounds`, on an index of `fields` (in order, `_creationTime` last).
    init(bounds: IndexBounds, fields: [String])
}

/// An index of `Model`'s table whose range building starts at `Start`.
/// Generated code declares one static member per index, so that queries
/// write `.withIndex(.byOwner) { $0.eq(ownerId) }`.
public struct IndexDefinition<Model: Document, Start: IndexRange>: Sendable {
    /// The index's name in the schema.
    public let name: String
    /// The fields it orders by: the schema's, then `_creationTime` (`_id` alone for `by_id`).
    public let fields: [String]

    public init(_ name: String, fields: [String]) {
        self.name = name
        self.fields = fields
    }
}
