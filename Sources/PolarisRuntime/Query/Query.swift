/// The order in which a query returns documents: by the index's keys, then `_creationTime`.
public enum Order: String, Hashable, Sendable {
    case ascending = "asc"
    case descending = "desc"
}

/// What a query reads: a range of one index of one table, in one order.
public struct QueryPlan: Hashable, Sendable {
    public var table: String
    public var index: String
    /// The index's fields in order: the schema's, then `_creationTime` (`_id` alone for `by_id`).
    public var fields: [String]
    public var bounds: IndexBounds
    public var order: Order

    public init(
        table: String, index: String, fields: [String], bounds: IndexBounds = IndexBounds(), order: Order = .ascending
    ) {
        self.table = table
        self.index = index
        self.fields = fields
        self.bounds = bounds
        self.order = order
    }
}

/// `db.query(Model.self)`: pick an index (or scan the table in creation
/// order), then read.
public struct QueryInitializer<Model: Document> {
    let reader: any DatabaseReader

    /// Reads a range of `index`: `.withIndex(.byOwner) { $0.eq(ownerId) }`.
    public func withIndex<Start, Range: IndexRange>(
        _ index: IndexDefinition<Model, Start>, _ range: (Start) -> Range
    ) -> Query<Model> {
        let bounds = range(Start(bounds: IndexBounds(), fields: index.fields)).bounds
        return Query(reader: reader, plan: QueryPlan(
            table: Model.tableName, index: index.name, fields: index.fields, bounds: bounds))
    }

    /// Reads all of `index`, in its order.
    public func withIndex<Start>(_ index: IndexDefinition<Model, Start>) -> Query<Model> {
        Query(reader: reader, plan: QueryPlan(table: Model.tableName, index: index.name, fields: index.fields))
    }

    /// Reads the whole table in creation order.
    public func fullTableScan() -> Query<Model> {
        withIndex(IndexDefinition<Model, CreationTimeRange<Model>>.byCreationTime)
    }

    /// The whole table in creation order, in `order`.
    public func order(_ order: Order) -> Query<Model> { fullTableScan().order(order) }
    /// The documents of the whole table that `isIncluded` accepts.
    public func filter(_ isIncluded: @escaping (Model) throws -> Bool) -> Query<Model> {
        fullTableScan().filter(isIncluded)
    }
    /// Every document of the table, oldest first.
    public func collect() throws -> [Model] { try fullTableScan().collect() }
    /// The oldest document, if any.
    public func first() throws -> Model? { try fullTableScan().first() }
    /// The `count` oldest documents.
    public func take(_ count: Int) throws -> [Model] { try fullTableScan().take(count) }
    /// One page of the table in creation order.
    public func paginate(_ options: PaginationOptions) throws -> Page<Model> { try fullTableScan().paginate(options) }
}

/// A query whose index range is set; read it with `collect`, `first`,
/// `unique`, `take` or `paginate`.
public struct Query<Model: Document> {
    @usableFromInline let reader: any DatabaseReader
    /// What this query reads.
    public private(set) var plan: QueryPlan
    @usableFromInline var isIncluded: ((Model) throws -> Bool)?

    init(reader: any DatabaseReader, plan: QueryPlan) {
        self.reader = reader
        self.plan = plan
    }

    /// This query in `order` (ascending unless told).
    public func order(_ order: Order) -> Query {
        var query = self
        query.plan.order = order
        return query
    }

    /// Only the documents in range that `isIncluded` accepts (after any earlier filter).
    /// The range is still read in full: an index range is what makes a query fast.
    public func filter(_ isIncluded: @escaping (Model) throws -> Bool) -> Query {
        var query = self
        let earlier = self.isIncluded
        query.isIncluded = { try (earlier?($0) ?? true) && isIncluded($0) }
        return query
    }

    /// Every document in range.
    @inlinable public func collect() throws -> [Model] {
        try read(limit: nil)
    }

    /// The first document in range, if any.
    @inlinable public func first() throws -> Model? {
        try read(limit: 1).first
    }

    /// The only document in range, if any; more than one is an error.
    public func unique() throws -> Model? {
        let documents = try read(limit: 2)
        guard documents.count < 2 else { throw QueryError.notUnique(plan) }
        return documents.first
    }

    /// The first `count` documents in range.
    @inlinable public func take(_ count: Int) throws -> [Model] {
        try read(limit: max(0, count))
    }

    /// One page of the range: `numItems` documents after `cursor`, or with
    /// an `endCursor` every document up to it. The cursor is the position of
    /// the page's last document, so documents inserted between calls are
    /// neither skipped nor repeated.
    public func paginate(_ options: PaginationOptions) throws -> Page<Model> {
        let start = try position(options.cursor)
        let end = try position(options.endCursor.flatMap { $0 })
        let limit = end == nil ? options.numItems.clampedCount : Int.max
        var page: [Model] = []
        var last = start
        var isDone = true
        try reader.scan(plan, after: start, through: end) { document in
            guard page.count < limit else {
                isDone = false
                return false
            }
            last = IndexPosition(of: document, fields: plan.fields)
            let model = try Model(stored: document)
            if try isIncluded?(model) ?? true { page.append(model) }
            return true
        }
        let cursor = (end ?? last ?? IndexPosition(keys: [])).cursor
        return Page(page: page, isDone: isDone, continueCursor: cursor)
    }

    private func position(_ cursor: String?) throws -> IndexPosition? {
        guard let cursor else { return nil }
        let position = try IndexPosition(cursor: cursor, fields: plan.fields)
        return position.keys.isEmpty ? nil : position
    }

    /// Up to `limit` documents in range, decoded where the caller's model type
    /// is known (inlinable), so the decoding is specialized for it.
    @inlinable func read(limit: Int?) throws -> [Model] {
        var documents: [Model] = []
        if limit == 0 { return documents }
        try reader.scan(plan, after: nil, through: nil, as: Model.self) { model in
            if try isIncluded?(model) ?? true { documents.append(model) }
            return limit.map { documents.count < $0 } ?? true
        }
        return documents
    }
}

/// A query that cannot give what was asked.
public enum QueryError: Error, Hashable, Sendable, CustomStringConvertible {
    /// `unique()` found more than one document.
    case notUnique(QueryPlan)
    /// A pagination cursor that this query did not make.
    case invalidCursor(String)

    public var description: String {
        switch self {
        case .notUnique(let plan): "more than one document of '\(plan.table)' matches a unique() query on '\(plan.index)'"
        case .invalidCursor(let cursor): "the cursor '\(cursor.prefix(60))' was not made by this query"
        }
    }
}
