/// A place in an index: a document's key, the values of the index's fields
/// in order (nil where the document lacks the field). Pagination cursors are
/// positions, written as opaque strings.
public struct IndexPosition: Hashable, Sendable {
    /// One key per field of the index, `_creationTime` (or `_id`) last.
    public var keys: [Value?]

    public init(keys: [Value?]) {
        self.keys = keys
    }

    /// The position of `document` in an index on `fields` (dotted paths reach into objects).
    public init(of document: StoredDocument, fields: [String]) {
        keys = fields.map { document.field(atPath: $0) }
    }

    /// The position as a cursor string: base64 of a Convex JSON array with
    /// one array per key, empty for an absent field.
    public var cursor: String {
        let value = Value.array(keys.map { key in .array(key.map { [$0] } ?? []) })
        return Base64.encode(Array(((try? value.convexJSON()) ?? "[]").utf8))
    }

    /// The position a cursor names on an index of `fields` (no keys: before
    /// the first document); a cursor that this index did not make is an error.
    public init(cursor: String, fields: [String]) throws {
        guard let bytes = Base64.decode(cursor), case .array(let items)? = try? Value(convexJSON: bytes),
            items.isEmpty || items.count == fields.count
        else { throw QueryError.invalidCursor(cursor) }
        keys = try items.map { item in
            guard case .array(let wrapped) = item, wrapped.count <= 1 else { throw QueryError.invalidCursor(cursor) }
            return wrapped.first
        }
    }
}

extension Value {
    /// The value at a dotted path of object fields (`meta.name`), if every step exists.
    func field(atPath path: String) -> Value? {
        var current = self
        for part in path.split(separator: ".", omittingEmptySubsequences: false) {
            guard case .object(let fields) = current, let next = fields[String(part)] else { return nil }
            current = next
        }
        return current
    }
}
