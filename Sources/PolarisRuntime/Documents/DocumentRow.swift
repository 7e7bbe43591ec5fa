/// One column of a stored document as a store reads it: scalars as they
/// are, anything else (JSON, bytes, a null) as a field value.
public enum StoredColumnValue {
    /// NULL where it means the field is absent.
    case absent
    case text(String)
    case real(Double)
    case integer(Int64)
    case boolean(Bool)
    case value(Value)

    /// The field's value (nil: absent).
    @inlinable public var value: Value? {
        switch self {
        case .absent: nil
        case .text(let text): .string(text)
        case .real(let number): .float64(number)
        case .integer(let number): .int64(number)
        case .boolean(let flag): .boolean(flag)
        case .value(let value): value
        }
    }
}

/// The fields of one document as a model reads them, in schema order. From
/// a store's scan: the row's columns, `_id` and `_creationTime` first, read
/// one by one straight into the properties, without an intermediate document
/// or object value (a store's fastest read); a store makes one per scan and
/// moves it from row to row. From an object value or a stored document: its
/// fields by name, and `finish()` refuses any that no one read.
public final class DocumentRow {
    /// The stored document's field names, one per column.
    @usableFromInline let names: [String]
    /// Reads the current row's column at an index (0-based).
    @usableFromInline let read: (Int) throws -> StoredColumnValue
    /// The next column to read (unchecked: one model reads a row, on the
    /// store's thread, so no access overlaps; the check cost a tenth of a read).
    @exclusivity(unchecked) @usableFromInline var index = 0
    /// For a row read by field name: the fields.
    @exclusivity(unchecked) @usableFromInline var fields: ObjectDecoder?

    /// A row whose columns have these names, read by `read`.
    public init(names: [String], read: @escaping (Int) throws -> StoredColumnValue) {
        self.names = names
        self.read = read
    }

    /// The fields of an object value, read by name.
    public convenience init(fields value: Value) throws {
        self.init(byName: try ObjectDecoder(value))
    }

    /// The fields of a stored document, read by name.
    public convenience init(stored document: StoredDocument) {
        self.init(byName: ObjectDecoder(document))
    }

    private init(byName fields: ObjectDecoder) {
        names = []
        read = { _ in .absent }
        self.fields = fields
    }

    /// The model `make` reads from the fields of `value`, which must have no others.
    @inlinable public static func decode<Model>(_ value: Value, _ make: (DocumentRow) throws -> Model) throws -> Model {
        let row = try DocumentRow(fields: value)
        let model = try make(row)
        try row.finish()
        return model
    }

    /// Starts reading the next row from its first column.
    public func rewind() {
        index = 0
    }

    /// The next column.
    @inlinable public func nextColumn() throws -> StoredColumnValue {
        guard index < names.count else {
            throw ValueError(path: ValuePath(), message: "the stored document has no more fields")
        }
        defer { index += 1 }
        return try read(index)
    }

    /// The fields not read yet, as an object value (for models that do not
    /// read field by field); a row read by name gives all its fields.
    public func remainingFields() throws -> Value {
        if let object = fields {
            fields = nil
            return object.value
        }
        var object: [String: Value] = [:]
        while index < names.count {
            let name = names[index]
            if let value = try nextColumn().value { object[name] = value }
        }
        return .object(object)
    }

    /// For a row read by name: refuses the fields that no one read.
    public func finish() throws {
        try fields?.finish()
    }
}

extension DocumentRow {
    /// The field `name`, which must be present: the next column, read as it
    /// is when `T` takes the column directly.
    @inlinable public func required<T: ConvexValueConvertible>(_ name: String) throws -> T {
        if fields != nil { return try fields!.required(name) }
        let column = try nextColumn()
        return try T(storedColumn: column) ?? Self.decode(column, name) as T
    }

    /// The field `name`, or nil when it is absent.
    @inlinable public func optional<T: ConvexValueConvertible>(_ name: String) throws -> T? {
        if fields != nil { return try fields!.optional(name) }
        let column = try nextColumn()
        if case .absent = column { return nil }
        return try T(storedColumn: column) ?? Self.decode(column, name) as T
    }

    /// Checks that the field `name` holds exactly `literal` (a field whose type is one literal).
    public func literal(_ name: String, _ literal: Value) throws {
        if fields != nil { return try fields!.literal(name, literal) }
        guard let value = try nextColumn().value else { throw ValueError.missingField(name) }
        try ValueError.at(.field(name)) { try Validator.literal(literal).validate(value) }
    }

    @inlinable static func decode<T: ConvexValueConvertible>(_ column: StoredColumnValue, _ name: String) throws -> T {
        guard let value = column.value else { throw ValueError.missingField(name) }
        return try ValueError.at(.field(name)) { try T(convexValue: value) }
    }
}

extension String {
    @inlinable public init?(storedColumn column: StoredColumnValue) {
        guard case .text(let text) = column else { return nil }
        self = text
    }
}

extension Double {
    @inlinable public init?(storedColumn column: StoredColumnValue) {
        guard case .real(let number) = column else { return nil }
        self = number
    }
}

extension Int64 {
    @inlinable public init?(storedColumn column: StoredColumnValue) {
        guard case .integer(let number) = column else { return nil }
        self = number
    }
}

extension Bool {
    @inlinable public init?(storedColumn column: StoredColumnValue) {
        guard case .boolean(let flag) = column else { return nil }
        self = flag
    }
}

extension Id {
    @inlinable public init?(storedColumn column: StoredColumnValue) {
        guard case .text(let text) = column else { return nil }
        self.init(text)
    }
}

/// Generated enums of string literals read their column's text as their raw value.
extension ConvexValueConvertible where Self: RawRepresentable, RawValue == String {
    @inlinable public init?(storedColumn column: StoredColumnValue) {
        guard case .text(let text) = column else { return nil }
        self.init(rawValue: text)
    }
}
