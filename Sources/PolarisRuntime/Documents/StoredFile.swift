/// A document of the built-in `_storage` table: a stored blob's metadata.
/// `id<_storage>` in a schema is `Id<StoredFile>` in Swift.
public struct StoredFile: Document, Codable {
    public static let tableName = "_storage"
    public var _id: Id<StoredFile>
    public var _creationTime: Double
    /// The SHA-256 of the content, in lowercase hex.
    public var sha256: String
    /// The content's length in bytes.
    public var size: Int64
    /// The MIME type given when the blob was stored.
    public var contentType: String?

    public init(_id: Id<StoredFile>, _creationTime: Double, sha256: String, size: Int64, contentType: String? = nil) {
        self._id = _id
        self._creationTime = _creationTime
        self.sha256 = sha256
        self.size = size
        self.contentType = contentType
    }

    public init(convexValue: Value) throws {
        var object = try ObjectDecoder(convexValue)
        _id = try object.required("_id")
        _creationTime = try object.required("_creationTime")
        sha256 = try object.required("sha256")
        size = try object.required("size")
        contentType = try object.optional("contentType")
        try object.finish()
    }

    public static func convexValue(of value: StoredFile) -> Value {
        var object = ObjectEncoder(capacity: 5)
        object.set("_id", value._id)
        object.set("_creationTime", value._creationTime)
        object.set("sha256", value.sha256)
        object.set("size", value.size)
        object.set("contentType", ifPresent: value.contentType)
        return object.value
    }

    public static let validator = Validator.object([
        FieldValidator("_id", .id(table: "_storage")),
        FieldValidator("_creationTime", .number),
        FieldValidator("sha256", .string),
        FieldValidator("size", .int64),
        FieldValidator("contentType", .string, optional: true),
    ])

    public static let table = TableDescription(name: "_storage", documentValidator: validator, indexes: [])
}
