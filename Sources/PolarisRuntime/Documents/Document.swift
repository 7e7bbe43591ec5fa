/// A document of a table: a generated model with its system fields.
public protocol Document: ConvexValueConvertible {
    /// The table's name in the schema.
    static var tableName: String { get }
    /// The table as the store sees it: its validator and its indexes.
    static var table: TableDescription { get }
    /// The document's ID, assigned on insert.
    var _id: Id<Self> { get }
    /// When the document was inserted, in milliseconds since the epoch.
    var _creationTime: Double { get }
    /// Reads a document field by field; generated models read a stored
    /// document's columns in order, without an intermediate object value.
    init(decoding object: inout ObjectDecoder) throws
}

extension Document {
    /// Reads the whole object as a value (tables of variants decode this way).
    public init(decoding object: inout ObjectDecoder) throws {
        try self.init(convexValue: object.value)
    }

    /// The model of a document as the store read it.
    init(stored document: StoredDocument) throws {
        var object = ObjectDecoder(document)
        try self.init(decoding: &object)
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
    /// The fields as an object value.
    public let value: Value

    /// Wraps fields already converted to a value.
    public init(value: Value) {
        self.value = value
    }
}
