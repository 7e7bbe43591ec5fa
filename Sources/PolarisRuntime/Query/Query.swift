/// The order in which a query returns documents: by the index's keys, then `_creationTime`.
public enum Order: String, Hashable, Sendable {
    case ascending = "asc"
    case descending = "desc"
}

/// What a query reads: a range of one index of one table, in one order.
public struct QueryPlan: Hashable, Sendable {
    public var table: String
    public var index: String
    public var bounds: IndexBounds
    public var order: Order

    public init(table: String, index: String, bounds: IndexBounds = IndexBounds(), order: Order = .ascending) {
        self.table = table
        self.index = index
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
        Query(reader: reader, plan: QueryPlan(
            table: Model.tableName, index: index.name, bounds: range(Start(bounds: IndexBounds(), fields: index.fields)).bounds))
    }

    /// Reads all of `index`, in its order.
    public func withIndex<Start>(_ index: IndexDefinition<Model, Start>) -> Query<Model> {
        Query(reader: reader, plan: QueryPlan(table: Model.tableName, index: index.name))
    }

    /// Reads the whole table in creation order.
    public func fullTableScan() -> Query<Model> {
        Query(reader: reader, plan: QueryPlan(table: Model.tableName, index: "by_creation_time"))
    }

    /// The whole table in creation order, in `order`.
    public func order(_ order: Order) -> Query<Model> { fullTableScan().order(order) }
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
    let reader: any DatabaseReader
    /// What this query reads.
    public private(set) var plan: QueryPlan

    /// This query in `order` (ascending unless told).
    public func order(_ order: Order) -> Query {
        var query = self
        query.plan.order = order
        return query
    }

    /// Every document in range.
    public func collect() throws -> [Model] {
        try reader.documents(plan, limit: nil).map(Model.init(convexValue:))
    }

    /// The first document in range, if any.
    public func first() throws -> Model? {
        try reader.documents(plan, limit: 1).first.map(Model.init(convexValue:))
    }

    /// The only document in range, if any; more than one is an error.
    public func unique() throws -> Model? {
        let documents = try reader.documents(plan, limit: 2)
        guard documents.count < 2 else { throw QueryError.notUnique(plan) }
        return try documents.first.map(Model.init(convexValue:))
    }

    /// The first `count` documents in range.
    public func take(_ count: Int) throws -> [Model] {
        try reader.documents(plan, limit: max(0, count)).map(Model.init(convexValue:))
    }

    /// One page of the range, from `options.cursor`.
    public func paginate(_ options: PaginationOptions) throws -> Page<Model> {
        let page = try reader.page(plan, options: options)
        return Page(
            page: try page.documents.map(Model.init(convexValue:)), isDone: page.isDone,
            continueCursor: page.continueCursor)
    }
}

/// A query that cannot give what was asked.
public enum QueryError: Error, Hashable, Sendable {
    /// `unique()` found more than one document.
    case notUnique(QueryPlan)
}
