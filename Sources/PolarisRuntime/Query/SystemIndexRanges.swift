/// A finished range: no further bound can be added.
public struct IndexRangeEnd<Model: Document>: IndexRange {
    public let bounds: IndexBounds
    public init(bounds: IndexBounds) { self.bounds = bounds }
}

/// The last stage of every index, and the start of `by_creation_time`: a
/// range on `_creationTime`, lower bound first.
public struct CreationTimeRange<Model: Document>: IndexRange {
    public let bounds: IndexBounds
    public init(bounds: IndexBounds) { self.bounds = bounds }

    public func gt(_creationTime: Double) -> CreationTimeUpperBound<Model> {
        .init(bounds: bounds.lower("_creationTime", _creationTime, inclusive: false))
    }
    public func gte(_creationTime: Double) -> CreationTimeUpperBound<Model> {
        .init(bounds: bounds.lower("_creationTime", _creationTime, inclusive: true))
    }
    public func lt(_creationTime: Double) -> IndexRangeEnd<Model> {
        .init(bounds: bounds.upper("_creationTime", _creationTime, inclusive: false))
    }
    public func lte(_creationTime: Double) -> IndexRangeEnd<Model> {
        .init(bounds: bounds.upper("_creationTime", _creationTime, inclusive: true))
    }
}

/// A range on `_creationTime` with its lower bound set: only an upper bound may follow.
public struct CreationTimeUpperBound<Model: Document>: IndexRange {
    public let bounds: IndexBounds
    public init(bounds: IndexBounds) { self.bounds = bounds }

    public func lt(_creationTime: Double) -> IndexRangeEnd<Model> {
        .init(bounds: bounds.upper("_creationTime", _creationTime, inclusive: false))
    }
    public func lte(_creationTime: Double) -> IndexRangeEnd<Model> {
        .init(bounds: bounds.upper("_creationTime", _creationTime, inclusive: true))
    }
}

/// The start of `by_id`: one ID, or a range of IDs.
public struct IdRange<Model: Document>: IndexRange {
    public let bounds: IndexBounds
    public init(bounds: IndexBounds) { self.bounds = bounds }

    public func eq(_id: Id<Model>) -> IndexRangeEnd<Model> { .init(bounds: bounds.eq("_id", _id)) }
    public func gt(_id: Id<Model>) -> IdUpperBound<Model> { .init(bounds: bounds.lower("_id", _id, inclusive: false)) }
    public func gte(_id: Id<Model>) -> IdUpperBound<Model> { .init(bounds: bounds.lower("_id", _id, inclusive: true)) }
    public func lt(_id: Id<Model>) -> IndexRangeEnd<Model> { .init(bounds: bounds.upper("_id", _id, inclusive: false)) }
    public func lte(_id: Id<Model>) -> IndexRangeEnd<Model> { .init(bounds: bounds.upper("_id", _id, inclusive: true)) }
}

/// A range of IDs with its lower bound set: only an upper bound may follow.
public struct IdUpperBound<Model: Document>: IndexRange {
    public let bounds: IndexBounds
    public init(bounds: IndexBounds) { self.bounds = bounds }

    public func lt(_id: Id<Model>) -> IndexRangeEnd<Model> { .init(bounds: bounds.upper("_id", _id, inclusive: false)) }
    public func lte(_id: Id<Model>) -> IndexRangeEnd<Model> { .init(bounds: bounds.upper("_id", _id, inclusive: true)) }
}

extension IndexDefinition where Start == IdRange<Model> {
    /// The built-in index on `_id`.
    public static var byId: IndexDefinition { IndexDefinition("by_id") }
}

extension IndexDefinition where Start == CreationTimeRange<Model> {
    /// The built-in index on `_creationTime`: every table's default order.
    public static var byCreationTime: IndexDefinition { IndexDefinition("by_creation_time") }
}
