/// A document as a store reads it: its fields in the table's column order,
/// `_id` and `_creationTime` first, nil where a field is absent. Generated
/// models decode it field by field without building an object value.
public struct StoredDocument: Sendable {
    /// The field names, shared by every document of the table.
    public let names: [String]
    /// Each field's value, nil when the document lacks it.
    public var values: [Value?]

    public init(names: [String], values: [Value?]) {
        self.names = names
        self.values = values
    }

    /// A document from an object's fields (in name order).
    public init(fields: [String: Value]) {
        let sorted = fields.sorted { $0.key < $1.key }
        self.init(names: sorted.map(\.key), values: sorted.map(\.value))
    }

    /// The document as an object value.
    public var value: Value {
        var fields: [String: Value] = Dictionary(minimumCapacity: names.count)
        for (name, value) in zip(names, values) where value != nil { fields[name] = value }
        return .object(fields)
    }

    /// The value of a top-level field or of a dotted path into one (`meta.name`).
    public func field(atPath path: String) -> Value? {
        let top = path.prefix(while: { $0 != "." })
        guard let index = names.firstIndex(where: { $0 == top }), let value = values[index] else { return nil }
        return top.count == path.count ? value : value.field(atPath: String(path.dropFirst(top.count + 1)))
    }
}
