extension SchemaChecker {
    /// Checks `tables:`: at least one table, each with its fields or variants and indexes.
    func checkTables(_ entry: YAMLEntry?, schemaStart: SourceLocation) -> [Table] {
        guard let entry else {
            diagnostics.error("the schema needs 'tables' with at least one table", at: schemaStart)
            return []
        }
        let message = "'tables' must be a mapping of table names to tables"
        guard let mapping = expectMapping(entry.value, message, owner: entry.key.location) else { return [] }
        if mapping.entries.isEmpty {
            diagnostics.error("'tables' needs at least one table", at: entry.key.location)
        }
        return mapping.entries.compactMap(checkTable)
    }

    private func checkTable(_ entry: YAMLEntry) -> Table? {
        let name = entry.key.value
        if !Names.isIdentifier(name) || name.utf8.first == UInt8(ascii: "_") {
            diagnostics.error(
                "invalid table name '\(name)'; a table name matches [A-Za-z_][A-Za-z0-9_]* "
                    + "and does not begin with '_'", at: entry.key.location)
        }
        guard
            let mapping = expectMapping(
                entry.value, "table '\(name)' must be a mapping with 'fields' or 'variants'", owner: entry.key.location)
        else { return nil }
        let entries = known(
            mapping, allowed: ["doc", "fields", "variants", "indexes", "swiftName"], context: "in table '\(name)'")
        let shape = checkShape(fields: entries["fields"], variants: entries["variants"], table: entry.key)
        let indexes = entries["indexes"].map { checkIndexes($0, table: name, shape: shape) } ?? []
        return Table(
            name: name, swiftName: checkSwiftName(entries["swiftName"], table: name),
            doc: text(entries["doc"]), shape: shape, indexes: indexes, location: entry.key.location)
    }

    private func checkShape(fields: YAMLEntry?, variants: YAMLEntry?, table: YAMLScalar) -> Table.Shape {
        switch (fields, variants) {
        case (let fields?, let variants?):
            let later = fields.key.location < variants.key.location ? variants : fields
            diagnostics.error("a table has 'fields' or 'variants', not both", at: later.key.location)
            return .fields([])
        case (let fields?, nil):
            return .fields(resolveFields(fields.value, kind: .table, region: .table, owner: fields.key.location))
        case (nil, let variants?):
            return .variants(checkVariants(variants))
        case (nil, nil):
            diagnostics.error("table '\(table.value)' needs 'fields' (or 'variants')", at: table.location)
            return .fields([])
        }
    }

    private func checkVariants(_ entry: YAMLEntry) -> [Variant] {
        guard case .sequence(let sequence) = entry.value else {
            report(entry.value, "'variants' must be a list of field sets", owner: entry.key.location)
            return []
        }
        if sequence.items.isEmpty {
            diagnostics.error("'variants' needs at least one field set", at: entry.key.location)
        }
        var variants: [Variant] = []
        for item in sequence.items {
            let fields = resolveFields(item, kind: .table, region: .table, owner: item.location)
            if let same = variants.firstIndex(where: { Set($0.fields) == Set(fields) }) {
                diagnostics.error(
                    "this variant has the same fields as variant \(same + 1)", at: item.location,
                    notes: [("variant \(same + 1) is defined here", variants[same].location)])
            }
            variants.append(Variant(fields: fields, location: item.location))
        }
        return variants
    }

    private func checkSwiftName(_ entry: YAMLEntry?, table: String) -> String {
        guard let entry else { return SwiftNames.typeName(forTable: table) }
        guard case .scalar(let scalar) = entry.value, Names.isIdentifier(scalar.value) else {
            report(entry.value, "'swiftName' must be a Swift type name ([A-Za-z_][A-Za-z0-9_]*)", owner: entry.key.location)
            return SwiftNames.typeName(forTable: table)
        }
        if SwiftNames.reserved.contains(scalar.value) {
            report(entry.value, "'swiftName' cannot be '\(scalar.value)': generated code needs that name", owner: entry.key.location)
        }
        return scalar.value
    }
}
