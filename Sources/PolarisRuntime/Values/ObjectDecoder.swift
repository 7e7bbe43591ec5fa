/// Reads the fields of an object value one by one, for generated decoders:
/// each failure carries the path of the field, and `finish()` refuses the
/// fields nobody asked for. A stored document is read in column order, which
/// is the order generated decoders ask for the fields, without a dictionary.
public struct ObjectDecoder {
    @usableFromInline enum Source {
        case object([String: Value])
        case stored(StoredDocument)
    }

    @usableFromInline let source: Source
    @usableFromInline var consulted: [String] = []
    /// How many of the consulted fields are present.
    @usableFromInline var found = 0
    /// For a stored document: the column after the last one asked for.
    @usableFromInline var nextColumn = 0
    /// For a stored document: the first 64 columns asked for, as bits (later ones go to `consulted`).
    @usableFromInline var matched: UInt64 = 0

    /// Starts reading `value`, which must be an object.
    public init(_ value: Value) throws {
        guard case .object(let fields) = value else { throw ValueError.mismatch(expected: "object", got: value) }
        source = .object(fields)
        consulted.reserveCapacity(fields.count)
    }

    /// Starts reading a document as the store read it.
    public init(_ document: StoredDocument) {
        source = .stored(document)
    }

    /// The whole object being read.
    public var value: Value {
        switch source {
        case .object(let fields): .object(fields)
        case .stored(let document): document.value
        }
    }

    /// The field `name`, which must be present.
    @inlinable public mutating func required<T: ConvexValueConvertible>(_ name: String) throws -> T {
        let field = try present(name)
        return try ValueError.at(.field(name)) { try T(convexValue: field) }
    }

    /// The field `name`, or nil when it is absent.
    @inlinable public mutating func optional<T: ConvexValueConvertible>(_ name: String) throws -> T? {
        guard let field = consult(name) else { return nil }
        return try ValueError.at(.field(name)) { try T(convexValue: field) }
    }

    /// Checks that the field `name` holds exactly `literal` (a discriminator
    /// or a field whose type is one literal).
    public mutating func literal(_ name: String, _ literal: Value) throws {
        let field = try present(name)
        try ValueError.at(.field(name)) { try Validator.literal(literal).validate(field) }
    }

    /// The field `name` if present, noting that it was asked for.
    @inlinable mutating func consult(_ name: String) -> Value? {
        let field: Value?
        switch source {
        case .object(let fields):
            consulted.append(name)
            field = fields[name]
        case .stored(let document):
            let names = document.names
            let index = nextColumn < names.count && names[nextColumn] == name ? nextColumn : names.firstIndex(of: name)
            guard let index else { return nil }
            field = document.values[index]
            nextColumn = index + 1
            if index < 64 { matched |= 1 << UInt64(index) } else { consulted.append(name) }
        }
        if field != nil { found += 1 }
        return field
    }

    @inlinable mutating func present(_ name: String) throws -> Value {
        guard let field = consult(name) else {
            throw ValueError.missingField(name)
        }
        return field
    }

    /// Refuses fields that no call above asked for.
    public func finish() throws {
        switch source {
        case .object(let fields):
            guard found < fields.count else { return }
            if let extra = ValueError.unexpectedField(in: fields, known: Set(consulted)) { throw extra }
        case .stored(let document):
            guard found < document.values.count(where: { $0 != nil }) else { return }
            let extra = document.values.indices.filter { index in
                document.values[index] != nil
                    && !(index < 64 ? matched & 1 << UInt64(index) != 0 : consulted.contains(document.names[index]))
            }
            if let first = extra.map({ document.names[$0] }).min() {
                throw ValueError(path: ValuePath(), message: "unexpected field '\(first)'")
            }
        }
    }
}

/// Builds an object value field by field, for generated encoders. The
/// fields keep the order they are set in, an absent optional one included,
/// so a store can take a generated model's fields by position.
public struct ObjectEncoder {
    @usableFromInline var names: [String] = []
    @usableFromInline var values: [Value?] = []

    /// An empty object with room for `capacity` fields.
    @inlinable public init(capacity: Int = 0) {
        names.reserveCapacity(capacity)
        values.reserveCapacity(capacity)
    }

    /// Sets a present field.
    @inlinable public mutating func set<T: ConvexValueConvertible>(_ name: String, _ value: T) {
        names.append(name)
        values.append(T.convexValue(of: value))
    }

    /// Sets an optional field: nil leaves it absent.
    @inlinable public mutating func set<T: ConvexValueConvertible>(_ name: String, ifPresent value: T?) {
        names.append(name)
        if let value { values.append(T.convexValue(of: value)) } else { values.append(nil) }
    }

    /// Sets a field to a value already converted (a literal).
    @inlinable public mutating func set(_ name: String, value: Value) {
        names.append(name)
        values.append(value)
    }

    /// The fields in the order they were set.
    @inlinable public var document: StoredDocument { StoredDocument(names: names, values: values) }

    /// The object.
    public var value: Value { document.value }
}
