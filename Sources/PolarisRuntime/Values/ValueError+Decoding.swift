extension Value {
    /// The name of this value's type, as the schema language writes it:
    /// `null`, `int64`, `number`, `boolean`, `string`, `bytes`, `array`, `object`.
    public var typeName: String {
        switch self {
        case .null: "null"
        case .int64: "int64"
        case .float64: "number"
        case .boolean: "boolean"
        case .string: "string"
        case .bytes: "bytes"
        case .array: "array"
        case .object: "object"
        }
    }
}

extension ValueError {
    /// `expected string, got number`, at the root; callers add the path on the way out.
    public static func mismatch(expected: String, got value: Value) -> ValueError {
        ValueError(path: ValuePath(), message: "expected \(expected), got \(value.typeName)")
    }

    /// Runs `body`, putting `component` in front of the path of any `ValueError` it throws.
    @inlinable
    public static func at<T, Failure: Error>(
        _ component: ValuePath.Component, _ body: () throws(Failure) -> T
    ) throws(Failure) -> T {
        do {
            return try body()
        } catch {
            guard var located = error as? ValueError else { throw error }
            located.path.components.insert(component, at: 0)
            throw located as! Failure
        }
    }

    /// A required field that the object lacks.
    @usableFromInline static func missingField(_ name: String) -> ValueError {
        ValueError(path: ValuePath(), message: "missing required field '\(name)'")
    }

    /// The first field of `fields`, by name, that is not in `known`.
    static func unexpectedField(in fields: [String: Value], known: Set<String>) -> ValueError? {
        fields.keys.filter { !known.contains($0) }.min().map {
            ValueError(path: ValuePath(), message: "unexpected field '\($0)'")
        }
    }
}

extension ValueError {
    /// Why `validator` rejects `value`, for a decoder that found no way to read it.
    public static func rejected(_ value: Value, by validator: Validator) -> ValueError {
        do {
            try validator.validate(value)
        } catch {
            return error
        }
        return .mismatch(expected: validator.description, got: value)
    }
}
