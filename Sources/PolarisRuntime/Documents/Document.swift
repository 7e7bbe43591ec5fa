/// A document of a table: a generated model with its system fields.
public protocol Document: ConvexValueHashable {
    /// The table's name in the schema.
    static var tableName: String { get }
    /// The table as the store sees it: its validator and its indexes.
    static var table: TableDescription { get }
    /// The document's ID, assigned on insert.
    var _id: Id<Self> { get }
    /// When the document was inserted, in milliseconds since the epoch.
    var _creationTime: Double { get }
    /// Reads a document field by field, from a store's row or by name;
    /// generated models of tables with `fields:` read their properties in order.
    init(row: DocumentRow) throws
    /// The document's fields as a store writes them.
    static func fields(of document: Self) -> StoredDocument
}

extension Document {
    /// Reads the whole document as a value (tables of variants decode this way).
    public init(row: DocumentRow) throws {
        try self.init(convexValue: try row.remainingFields())
    }

    /// The fields in schema order, `_id` and `_creationTime` first; generated
    /// models give them without building an object value.
    public static func fields(of document: Self) -> StoredDocument {
        guard case .object(let fields) = convexValue(of: document) else { return StoredDocument(fields: [:]) }
        return StoredDocument(fields: fields)
    }

    /// The model of a document as the store read it, by field name.
    @inlinable package init(stored document: StoredDocument) throws {
        let row = DocumentRow(stored: document)
        try self.init(row: row)
        try row.finish()
    }
}

/// A table as the store sees it.
public struct TableDescription: Hashable, Sendable {
    /// The table's name in the schema.
    public var name: String
    /// Accepts exactly the table's documents, system fields included.
    public var documentValidator: Validator
    /// The schema's indexes, in schema order (`by_id` and `by_creation_time` are implied).
    public var indexes: [IndexDescription]

    public init(name: String, documentValidator: Validator, indexes: [IndexDescription]) {
        self.name = name
        self.documentValidator = documentValidator
        self.indexes = indexes
    }
}

/// An index of a table: its fields in order; `_creationTime` follows them.
public struct IndexDescription: Hashable, Sendable {
    public var name: String
    /// Field names; a field inside an object field as a dotted path.
    public var fields: [String]

    public init(_ name: String, _ fields: [String]) {
        self.name = name
        self.fields = fields
    }
}

/// The fields of a document to insert, without `_id` and `_creationTime`;
/// generated `Model.new(...)` functions make them.
public struct NewDocument<Model: Document>: Hashable, Sendable {
    /// The fields in the order the generated code set them.
    public let fields: StoredDocument

    /// Wraps fields already converted to values.
    public init(fields: StoredDocument) {
        self.fields = fields
    }

    /// Wraps the fields of an object value.
    public init(value: Value) {
        guard case .object(let fields) = value else {
            preconditionFailure("a new document's fields are an object, got \(value)")
        }
        self.fields = StoredDocument(fields: fields)
    }

    /// The fields as an object value.
    public var value: Value { fields.value }

    public static func == (left: Self, right: Self) -> Bool { left.value == right.value }
    public func hash(into hasher: inout Hasher) { hasher.combine(value) }
}
