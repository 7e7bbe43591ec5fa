/// The table rules of spec/evolution.md: whether every document stored
/// under OLD is still valid under NEW.
extension SchemaDiffer {
    mutating func compareTables() {
        for table in new.tables {
            guard let before = old.table(named: table.name) else {
                report(.note, "table '\(table.name)' added", at: table.location)
                continue
            }
            compare(before, table)
        }
        for table in old.tables where new.table(named: table.name) == nil {
            reportRemoved(.error, "table '\(table.name)' removed; its stored documents would be lost", at: table.location)
        }
    }

    private mutating func compare(_ before: Table, _ after: Table) {
        let owner = "table '\(after.name)'"
        if before.swiftName != after.swiftName {
            report(.note, "swiftName of \(owner) changed from '\(before.swiftName)' to '\(after.swiftName)'", at: after.location)
        }
        if before.doc != after.doc { report(.note, "doc of \(owner) changed", at: after.location) }
        switch (before.shape, after.shape) {
        case (.fields(let was), .fields(let now)):
            compareFields(was, now, of: owner, prefix: "")
        case (.variants(let was), .variants(let now)):
            compareVariants(was, now, of: owner)
        default:
            let wasType = Table.shapeType(before.shape)
            let nowType = Table.shapeType(after.shape)
            if isWidened(wasType, nowType) {
                report(.note, "\(owner) changed from '\(wasType)' to '\(nowType)', which accepts every stored document", at: after.location)
            } else {
                report(.error, "\(owner) changed from '\(wasType)' to '\(nowType)'; stored documents may not fit", at: after.location)
            }
        }
        compareIndexes(before, after, of: owner)
    }

    /// The fields of a table, or of an object inside one (`prefix` is its dotted path and a dot).
    private mutating func compareFields(_ was: [Field], _ now: [Field], of owner: String, prefix: String) {
        for field in now {
            let path = prefix + field.name
            guard let before = was.first(where: { $0.name == field.name }) else {
                if field.isOptional {
                    report(.note, "optional field '\(path)' added to \(owner)", at: field.location)
                } else {
                    report(.error, "required field '\(path)' added to \(owner); stored documents lack it", at: field.location)
                }
                continue
            }
            if before.isOptional, !field.isOptional {
                report(.error, "field '\(path)' of \(owner) made required; stored documents may lack it", at: field.location)
            } else if !before.isOptional, field.isOptional {
                report(.note, "field '\(path)' of \(owner) made optional", at: field.location)
            }
            if case .object(let wasFields) = Subtyping.resolve(before.type, in: old),
                case .object(let nowFields) = Subtyping.resolve(field.type, in: new)
            {
                compareFields(wasFields, nowFields, of: owner, prefix: path + ".")
            } else {
                switch change(from: before.type, to: field.type) {
                case .none: break
                case .widened:
                    report(.note, "field '\(path)' of \(owner) widened from '\(before.type)' to '\(field.type)'", at: field.location)
                case .other:
                    report(.error, "field '\(path)' of \(owner) changed from '\(before.type)' to '\(field.type)'; stored values may not fit", at: field.location)
                }
            }
            if before.doc != field.doc { report(.note, "doc of field '\(path)' of \(owner) changed", at: field.location) }
        }
        for field in was where !now.contains(where: { $0.name == field.name }) {
            reportRemoved(.error, "field '\(prefix + field.name)' removed from \(owner); stored documents still hold it", at: field.location)
        }
    }

    /// Variants are matched by their definitions: an old one NEW still has
    /// is unchanged; one that NEW accepts through a changed variant widened;
    /// one that is neither narrowed if NEW has an unmatched variant in its
    /// place, else removed.
    private mutating func compareVariants(_ was: [Variant], _ now: [Variant], of owner: String) {
        var matched = Array(repeating: false, count: now.count)
        var changed: [Int] = []
        for (position, variant) in was.enumerated() {
            let type = SchemaType.object(variant.fields)
            if let index = now.indices.first(where: { !matched[$0] && isUnchanged(type, .object(now[$0].fields)) }) {
                matched[index] = true
            } else {
                changed.append(position)
            }
        }
        for position in changed {
            let type = SchemaType.object(was[position].fields)
            if let index = now.indices.first(where: { !matched[$0] && isWidened(type, .object(now[$0].fields)) }) {
                matched[index] = true
                report(.note, "variant of \(owner) widened from '\(type)' to '\(SchemaType.object(now[index].fields))'", at: now[index].location)
            } else if position < now.count, !matched[position] {
                matched[position] = true
                let narrowed = SchemaType.object(now[position].fields)
                report(.error, "variant of \(owner) narrowed from '\(type)' to '\(narrowed)'; stored documents of it may not fit", at: now[position].location)
            } else {
                reportRemoved(.error, "variant '\(type)' of \(owner) removed; stored documents of it would not fit", at: was[position].location)
            }
        }
        for index in now.indices where !matched[index] {
            report(.note, "variant '\(SchemaType.object(now[index].fields))' added to \(owner)", at: now[index].location)
        }
    }

    private mutating func compareIndexes(_ before: Table, _ after: Table, of owner: String) {
        for index in after.indexes {
            guard let was = before.indexes.first(where: { $0.name == index.name }) else {
                report(.warning, "index '\(index.name)' added to \(owner); it is built when the schema is deployed", at: index.location)
                continue
            }
            if was.fields != index.fields {
                let fields = { (fields: [String]) in "[" + fields.joined(separator: ", ") + "]" }
                report(.warning, "index '\(index.name)' of \(owner) changed from \(fields(was.fields)) to \(fields(index.fields)); it is rebuilt, and code naming its fields changes", at: index.location)
            }
        }
        for index in before.indexes where !after.indexes.contains(where: { $0.name == index.name }) {
            reportRemoved(.warning, "index '\(index.name)' removed from \(owner); code naming it no longer compiles", at: index.location)
        }
    }
}

extension Table {
    /// The type of a table's own fields (no system fields): an object, or a union of its variants'.
    static func shapeType(_ shape: Shape) -> SchemaType {
        switch shape {
        case .fields(let fields): .object(fields)
        case .variants(let variants): .union(variants.map { .object($0.fields) })
        }
    }
}
