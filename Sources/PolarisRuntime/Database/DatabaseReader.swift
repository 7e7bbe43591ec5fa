/// Read access to the documents of a database, as a store implements it.
/// Handlers use the typed methods of the extension below.
public protocol DatabaseReader {
    /// The document of `table` with this ID, if it exists.
    func get(table: String, id: String) throws -> StoredDocument?
    /// Visits the documents `plan` selects, in its order, strictly after
    /// `start` and up to and including `end` when they are given, until
    /// `visit` returns false.
    func scan(
        _ plan: QueryPlan, after start: IndexPosition?, through end: IndexPosition?,
        _ visit: (StoredDocument) throws -> Bool) throws
    /// `scan` decoding each document as `Model`, which a store may do
    /// straight from its columns.
    func scan<Model: Document>(
        _ plan: QueryPlan, after start: IndexPosition?, through end: IndexPosition?, as model: Model.Type,
        _ visit: (Model) throws -> Bool) throws
    /// The bytes of a stored file (its metadata is the `_storage` document).
    func fileContents(id: String) throws -> [UInt8]?
}

/// Read and write access: what a mutation's handler gets.
public protocol DatabaseWriter: DatabaseReader {
    /// Inserts a document of `table` with these fields; returns its new ID.
    func insert(table: String, fields: StoredDocument) throws -> String
    /// Replaces the fields of `current`, a document this transaction read,
    /// keeping its system fields (`_id` and `_creationTime` in `fields` are ignored).
    func replace(table: String, current: StoredDocument, fields: StoredDocument) throws
    /// Deletes a document (of `_storage`: a stored file and its bytes).
    func delete(table: String, id: String) throws
    /// Stores a file's bytes in `_storage`; returns its new ID. Like every
    /// write, it is undone if the mutation fails, so no blob is left orphaned.
    func storeFile(_ bytes: [UInt8], contentType: String?) throws -> String
}

/// A document that a write expected to exist.
public struct DocumentNotFound: Error, Hashable, Sendable, CustomStringConvertible {
    public var table: String
    public var id: String
    public var description: String { "no document of '\(table)' has the ID '\(id)'" }

    package init(table: String, id: String) {
        self.table = table
        self.id = id
    }
}

extension DatabaseReader {
    /// Decodes each stored document by field name.
    public func scan<Model: Document>(
        _ plan: QueryPlan, after start: IndexPosition?, through end: IndexPosition?, as model: Model.Type,
        _ visit: (Model) throws -> Bool
    ) throws {
        try scan(plan, after: start, through: end) { try visit(try Model(stored: $0)) }
    }

    /// The document with this ID, if it exists.
    public func get<Model: Document>(_ id: Id<Model>) throws -> Model? {
        try get(table: Model.tableName, id: id.rawValue).map(Model.init(stored:))
    }

    /// The bytes of a stored file, if it exists.
    public func contents(of id: Id<StoredFile>) throws -> [UInt8]? {
        try fileContents(id: id.rawValue)
    }

    /// Starts a query of `Model`'s table.
    public func query<Model: Document>(_ model: Model.Type) -> QueryInitializer<Model> {
        QueryInitializer(reader: self)
    }
}

extension DatabaseWriter {
    /// Inserts a document of `table` from an untyped object value; returns its new ID.
    public func insert(table: String, fields: Value) throws -> String {
        guard case .object(let object) = fields else {
            throw StoreError.invalidDocument(table: table, .mismatch(expected: "object", got: fields))
        }
        return try insert(table: table, fields: StoredDocument(fields: object))
    }

    /// Inserts a document made by a generated `Model.new(...)`.
    @discardableResult
    public func insert<Model: Document>(_ document: NewDocument<Model>) throws -> Id<Model> {
        Id(try insert(table: Model.tableName, fields: document.fields))
    }

    /// Stores a file's bytes with their MIME type; `db.get(id)` gives its size and SHA-256.
    public func store(_ bytes: [UInt8], contentType: String? = nil) throws -> Id<StoredFile> {
        Id(try storeFile(bytes, contentType: contentType))
    }

    /// Writes `document`'s fields over the stored document with its `_id`.
    public func replace<Model: Document>(_ document: Model) throws {
        try replace(document, at: document._id)
    }

    /// Changes a document in place: `try db.patch(id) { $0.name = "New" }`.
    public func patch<Model: Document>(_ id: Id<Model>, _ change: (inout Model) throws -> Void) throws {
        let current = try stored(id)
        var document = try Model(stored: current)
        try change(&document)
        try replace(document, over: current)
    }

    private func replace<Model: Document>(_ document: Model, at id: Id<Model>) throws {
        try replace(document, over: try stored(id))
    }

    private func stored<Model: Document>(_ id: Id<Model>) throws -> StoredDocument {
        guard let current = try get(table: Model.tableName, id: id.rawValue) else {
            throw DocumentNotFound(table: Model.tableName, id: id.rawValue)
        }
        return current
    }

    private func replace<Model: Document>(_ document: Model, over current: StoredDocument) throws {
        try replace(table: Model.tableName, current: current, fields: Model.fields(of: document))
    }

    /// Deletes the document with this ID.
    public func delete<Model: Document>(_ id: Id<Model>) throws {
        try delete(table: Model.tableName, id: id.rawValue)
    }
}
