extension SchemaChecker {
    /// Resolves a type written as a string or in the mapping form.
    ///
    /// - Parameter owner: the key the type belongs to, where a missing type is reported.
    func resolveType(_ node: YAMLNode, site: TypeSite, owner: SourceLocation) -> ResolvedType {
        switch node {
        case .scalar(let scalar):
            return resolveExpression(scalar, site: site, owner: owner)
        case .mapping(let mapping):
            return resolveMappingForm(mapping, site: site, owner: owner)
        case .sequence(let sequence):
            diagnostics.error(
                "expected a type, not a list; write a union as 'A | B' or under 'union:'", at: sequence.location)
        case .invalid:
            break
        }
        return .placeholder
    }

    // MARK: - The string form

    private func resolveExpression(_ scalar: YAMLScalar, site: TypeSite, owner: SourceLocation) -> ResolvedType {
        if scalar.value.allUTF8(TypeExpressionLexer.isWhitespace) {
            diagnostics.error("expected a type, found nothing", at: scalar.style == .plain ? owner : scalar.location)
            return .placeholder
        }
        let key = LoweredExpression.Key(text: scalar.value, site: site)
        if let known = loweredExpressions[key] {
            addRecordKeyChecks(known.recordKeys, in: scalar)
            return known.resolved
        }
        let reported = diagnostics.reportCount
        let syntax: TypeSyntax
        do {
            syntax = try TypeExpressionParser.parse(scalar.value)
        } catch {
            diagnostics.error(error.message, at: place(error.offset, in: scalar))
            return .placeholder
        }
        var lowering = Lowering(checker: self, scalar: scalar, site: site)
        let resolved = lowering.lowerWhole(syntax)
        addRecordKeyChecks(lowering.recordKeys, in: scalar)
        if diagnostics.reportCount == reported {
            loweredExpressions[key] = LoweredExpression(resolved: resolved, recordKeys: lowering.recordKeys)
        }
        return resolved
    }

    private func addRecordKeyChecks(_ recordKeys: [(keys: SchemaType, offset: Int)], in scalar: YAMLScalar) {
        for (keys, offset) in recordKeys { recordKeyChecks.append((keys, place(offset, in: scalar))) }
    }

    /// The source location of a byte offset into a scalar's value.
    func place(_ byteOffset: Int, in scalar: YAMLScalar) -> SourceLocation {
        let characters = scalar.value.utf8.prefix(byteOffset).reduce(0) { $0 + ($1 & 0xC0 == 0x80 ? 0 : 1) }
        return scalar.location(ofValueOffset: characters, in: file)
    }

    // MARK: - The mapping form

    private static let formKeys = ["type", "object", "array", "union", "record"]
    private static let mappingFormKeys = formKeys + ["optional", "doc"]

    private func resolveMappingForm(_ mapping: YAMLMapping, site: TypeSite, owner: SourceLocation) -> ResolvedType {
        let allowed = Self.mappingFormKeys
        guard mapping.entries.contains(where: { allowed.contains($0.key.value) }) else {
            diagnostics.error(
                "expected a type; a type mapping needs one of \(Names.list(Self.formKeys)) "
                    + "(an object's fields go under 'object:')", at: mapping.location)
            return .placeholder
        }
        let entries = known(mapping, allowed: allowed, context: "in a type mapping")
        let forms = mapping.entries.filter { Self.formKeys.contains($0.key.value) }
        for extra in forms.dropFirst() {
            diagnostics.error(
                "'\(extra.key.value)' cannot be combined with '\(forms[0].key.value)'; "
                    + "a type mapping has exactly one of \(Names.list(Self.formKeys))", at: extra.key.location)
        }
        var isOptional = false
        if let entry = entries["optional"] {
            isOptional = boolean(entry) ?? false
            if isOptional, let problem = site.optionalProblem {
                diagnostics.error(problem, at: entry.key.location)
            }
        }
        let doc = text(entries["doc"])
        guard let form = forms.first else {
            diagnostics.error("a type mapping needs one of \(Names.list(Self.formKeys))", at: mapping.location)
            return .placeholder
        }
        var resolved = resolveForm(form, site: site)
        resolved.isOptional = resolved.isOptional || isOptional
        resolved.doc = doc ?? resolved.doc
        return resolved
    }

    private func resolveForm(_ form: YAMLEntry, site: TypeSite) -> ResolvedType {
        let owner = form.key.location
        switch form.key.value {
        case "type":
            return resolveType(form.value, site: site, owner: owner)
        case "object":
            return ResolvedType(type: .object(resolveFields(form.value, kind: .object, region: site.region, owner: owner)))
        case "array":
            return ResolvedType(type: .array(resolveType(form.value, site: site.nested, owner: owner).type))
        case "union":
            guard case .sequence(let sequence) = form.value else {
                report(form.value, "'union' must be a list of types", owner: owner)
                return .placeholder
            }
            guard !sequence.items.isEmpty else {
                diagnostics.error("a union needs at least one member", at: owner)
                return .placeholder
            }
            let members = sequence.items.map { resolveType($0, site: site.nested, owner: owner).type }
            return ResolvedType(type: SchemaType.union(flattening: members))
        default:  // record
            guard let mapping = expectMapping(form.value, "'record' must be a mapping with 'keys' and 'values'", owner: owner)
            else { return .placeholder }
            let entries = known(mapping, allowed: ["keys", "values"], context: "in a record")
            guard let keys = entries["keys"], let values = entries["values"] else {
                let missing = entries["keys"] == nil ? "keys" : "values"
                diagnostics.error("'record' needs '\(missing)'", at: owner)
                return .placeholder
            }
            let keyType = resolveType(keys.value, site: site.nested, owner: keys.key.location).type
            recordKeyChecks.append((keyType, keys.value.location))
            let valueType = resolveType(values.value, site: site.nested, owner: values.key.location).type
            return ResolvedType(type: .record(keys: keyType, values: valueType))
        }
    }

    /// `true` or `false`, or nil after reporting.
    private func boolean(_ entry: YAMLEntry) -> Bool? {
        if case .scalar(let scalar) = entry.value, scalar.style == .plain {
            if scalar.value == "true" { return true }
            if scalar.value == "false" { return false }
        }
        report(entry.value, "'\(entry.key.value)' must be true or false", owner: entry.key.location)
        return nil
    }

    // MARK: - Fields

    /// The kind of a set of fields, which decides the naming rule.
    enum FieldKind {
        case table, object, argument

        var noun: String { self == .argument ? "argument" : "field" }
    }

    /// Resolves a mapping of field names to types.
    func resolveFields(_ node: YAMLNode, kind: FieldKind, region: TypeSite.Region, owner: SourceLocation) -> [Field] {
        guard let mapping = expectMapping(node, "expected a mapping of \(kind.noun) names to types", owner: owner) else { return [] }
        return mapping.entries.map { entry in
            checkFieldName(entry.key, kind: kind)
            let site = TypeSite(region: region, position: .field)
            let resolved = resolveType(entry.value, site: site, owner: entry.key.location)
            return Field(
                name: entry.key.value, type: resolved.type, isOptional: resolved.isOptional, doc: resolved.doc,
                location: entry.key.location)
        }
    }

    private func checkFieldName(_ key: YAMLScalar, kind: FieldKind) {
        let name = key.value
        guard Names.isFieldName(name) else {
            diagnostics.error(
                "invalid \(kind.noun) name '\(name)'; a \(kind.noun) name matches [A-Za-z_][A-Za-z0-9_]* "
                    + "and has at most \(Names.maximumFieldNameLength) characters", at: key.location)
            return
        }
        if kind == .table && name.utf8.first == UInt8(ascii: "_") {
            diagnostics.error(
                "a table's own field names cannot begin with '_', the prefix of the system fields "
                    + "'_id' and '_creationTime'", at: key.location)
        }
    }
}

extension SchemaType {
    /// A union of `members`, nested unions flattened; a single member stands alone.
    static func union(flattening members: [SchemaType]) -> SchemaType {
        let flat = members.flatMap { member -> [SchemaType] in
            if case .union(let inner) = member { inner } else { [member] }
        }
        return flat.count == 1 ? flat[0] : .union(flat)
    }
}
