extension Validator {
    /// Checks `value`; a failure names the path of the bad value and what
    /// was expected there (`toolCalls[2].id: expected string, got number`).
    public func validate(_ value: Value) throws(ValueError) {
        switch (self, value) {
        case (.string, .string(let text)) where text.utf8.count > ValueLimits.maximumStringBytes,
            (.id, .string(let text)) where text.utf8.count > ValueLimits.maximumStringBytes:
            throw ValueError(path: ValuePath(), message: "the string is longer than \(ValueLimits.maximumStringBytes) bytes")
        case (.any, _), (.string, .string), (.number, .float64), (.int64, .int64), (.boolean, .boolean),
            (.bytes, .bytes), (.null, .null):
            return
        case (.id(let table), .string(let id)):
            guard DocumentIDs.belongs(id, to: table) else {
                throw ValueError(path: ValuePath(), message: "expected an ID of table '\(table)', got \"\(id.prefix(40))\"")
            }
        case (.literal(let expected), _):
            guard value == expected else { throw ValueError.mismatch(expected: description, got: value) }
        case (.array(let element), .array(let elements)):
            for (index, item) in elements.enumerated() {
                try ValueError.at(.index(index)) { () throws(ValueError) in try element.validate(item) }
            }
        case (.record(let keys, let values), .object(let fields)):
            for name in fields.keys.sorted() {
                try ValueError.at(.field(name)) { () throws(ValueError) in
                    try keys.validate(.string(name))
                    try values.validate(fields[name]!)
                }
            }
        case (.object(let expected), .object(let fields)):
            try Self.validateObject(expected, fields)
        case (.union(let members), _):
            try validateUnion(members, value)
        default:
            throw ValueError.mismatch(expected: description, got: value)
        }
    }

    /// Fields in declaration order, then any field the validator does not know.
    private static func validateObject(_ expected: [FieldValidator], _ fields: [String: Value]) throws(ValueError) {
        var present = 0
        try validateFields(expected) { _, field in
            let value = fields[field.name]
            if value != nil { present += 1 }
            return value
        }
        if present < fields.count, let extra = ValueError.unexpectedField(in: fields, known: Set(expected.map(\.name))) {
            throw extra
        }
    }

    /// Each field in declaration order, with the value `value` gives for it
    /// (its offset and validator; nil: absent).
    static func validateFields(
        _ expected: [FieldValidator], _ value: (Int, FieldValidator) -> Value?
    ) throws(ValueError) {
        for (offset, field) in expected.enumerated() {
            guard let value = value(offset, field) else {
                if field.isOptional { continue }
                throw ValueError.missingField(field.name)
            }
            try ValueError.at(.field(field.name)) { () throws(ValueError) in try field.validator.validate(value) }
        }
    }

    /// The first member that accepts the value wins. When none does, an
    /// object that matches one member's literal fields (its discriminator)
    /// gets that member's error, which points inside it.
    private func validateUnion(_ members: [Validator], _ value: Value) throws(ValueError) {
        var discriminated: ValueError?
        for member in members {
            do {
                try member.validate(value)
                return
            } catch {
                if discriminated == nil, member.literalFieldsMatch(value) { discriminated = error }
            }
        }
        throw discriminated ?? ValueError.mismatch(expected: description, got: value)
    }

    /// Whether `value` is an object that has every literal field of this
    /// object validator, with its value, and the validator has at least one.
    private func literalFieldsMatch(_ value: Value) -> Bool {
        guard case .object(let expected) = self, case .object(let fields) = value else { return false }
        var found = false
        for field in expected {
            guard case .literal(let literal) = field.validator else { continue }
            guard fields[field.name] == literal else { return false }
            found = true
        }
        return found
    }
}
