/// How an index stage takes the key of its field: the Swift type a query
/// passes, and the Convex value it stands for (nil: the field is absent).
public protocol IndexKeyKind: Sendable {
    associatedtype Key
    static func value(of key: Key) -> Value?
}

/// A field every document has: the key is the field's value.
public enum IndexKey<T: ConvexValueConvertible>: IndexKeyKind {
    public static func value(of key: T) -> Value? { T.convexValue(of: key) }
}

/// An optional field: a nil key asks for documents that lack the field
/// (Convex's `undefined`, which sorts before every value).
public enum OptionalIndexKey<T: ConvexValueConvertible>: IndexKeyKind {
    public static func value(of key: T?) -> Value? { key.map(T.convexValue(of:)) }
}

/// The stage of an index range at one field: `eq` fixes it and moves to the
/// next field (`Next`); `gt`/`gte` set a lower bound, after which only an
/// upper bound may follow; `lt`/`lte` set an upper bound and end the range.
/// Generated code spells each index as nested stages, one per field, so
/// equalities must follow the index's order and keys have the field's type:
/// `.withIndex(.byProjectParent) { $0.eq(projectId).eq(nil).gt(since) }`.
public struct IndexStage<Model: Document, Field: IndexKeyKind, Next: IndexRange>: IndexRange {
    public let bounds: IndexBounds
    let fields: [String]

    public init(bounds: IndexBounds, fields: [String]) {
        self.bounds = bounds
        self.fields = fields
    }

    /// The field this stage ranges over.
    var field: String { bounds.nextField(of: fields) }

    /// Documents whose field equals `key`; the next field follows.
    public func eq(_ key: Field.Key) -> Next {
        Next(bounds: bounds.eq(field, Field.value(of: key)), fields: fields)
    }
    /// Documents whose field is greater than `key`.
    public func gt(_ key: Field.Key) -> IndexUpperBound<Model, Field> { lower(key, inclusive: false) }
    /// Documents whose field is at least `key`.
    public func gte(_ key: Field.Key) -> IndexUpperBound<Model, Field> { lower(key, inclusive: true) }
    /// Documents whose field is less than `key`.
    public func lt(_ key: Field.Key) -> IndexRangeEnd<Model> {
        IndexRangeEnd(bounds: bounds.upper(field, Field.value(of: key), inclusive: false), fields: fields)
    }
    /// Documents whose field is at most `key`.
    public func lte(_ key: Field.Key) -> IndexRangeEnd<Model> {
        IndexRangeEnd(bounds: bounds.upper(field, Field.value(of: key), inclusive: true), fields: fields)
    }

    private func lower(_ key: Field.Key, inclusive: Bool) -> IndexUpperBound<Model, Field> {
        IndexUpperBound(bounds: bounds.lower(field, Field.value(of: key), inclusive: inclusive), fields: fields)
    }
}

/// A range with its lower bound set: only an upper bound on the same field may follow.
public struct IndexUpperBound<Model: Document, Field: IndexKeyKind>: IndexRange {
    public let bounds: IndexBounds
    let fields: [String]

    public init(bounds: IndexBounds, fields: [String]) {
        self.bounds = bounds
        self.fields = fields
    }

    /// Documents whose field is also less than `key`.
    public func lt(_ key: Field.Key) -> IndexRangeEnd<Model> { upper(key, inclusive: false) }
    /// Documents whose field is also at most `key`.
    public func lte(_ key: Field.Key) -> IndexRangeEnd<Model> { upper(key, inclusive: true) }

    private func upper(_ key: Field.Key, inclusive: Bool) -> IndexRangeEnd<Model> {
        IndexRangeEnd(bounds: bounds.upper(bounds.nextField(of: fields), Field.value(of: key), inclusive: inclusive), fields: fields)
    }
}

/// A finished range: no further bound can be added.
public struct IndexRangeEnd<Model: Document>: IndexRange {
    public let bounds: IndexBounds
    public init(bounds: IndexBounds, fields: [String]) { self.bounds = bounds }
}

/// The last stage of every index, and the whole of `by_creation_time`.
public typealias CreationTimeRange<Model: Document> = IndexStage<Model, IndexKey<Double>, IndexRangeEnd<Model>>

/// The whole of `by_id`: one ID, or a range of IDs.
public typealias IdRange<Model: Document> = IndexStage<Model, IndexKey<Id<Model>>, IndexRangeEnd<Model>>

extension IndexDefinition where Start == IdRange<Model> {
    /// The built-in index on `_id`.
    public static var byId: IndexDefinition { IndexDefinition("by_id", fields: ["_id"]) }
}

extension IndexDefinition where Start == CreationTimeRange<Model> {
    /// The built-in index on `_creationTime`: every table's default order.
    public static var byCreationTime: IndexDefinition { IndexDefinition("by_creation_time", fields: ["_creationTime"]) }
}
