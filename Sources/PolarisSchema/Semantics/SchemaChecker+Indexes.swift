extension SchemaChecker {
    /// The most indexes a table may have, as in Convex.
    static let maximumIndexes = 32
    /// The most fields an index may list (`_creationTime` is implicitly one more).
    static let maximumIndexFields = 15
    /// Index names the runtime defines for every table.
    static let builtInIndexes = ["by_id", "by_creation_time"]

    /// Checks a table's `indexes:`.
    func checkIndexes(_ entry: YAMLEntry, table: String, shape: Table.Shape) -> [Index] {
        let message = "'indexes' must be a mapping of index names to lists of fields"
        guard let mapping = expectMapping(entry.value, message, owner: entry.key.location) else { return [] }
        let fieldSets: [[Field]] = switch shape {
        case .fields(let fields): [fields]
        case .variants(let variants): variants.map(\.fields)
        }
        var indexes: [Index] = []
        for (position, item) in mapping.entries.enumerated() {
            let name = item.key.value
            let errorsBefore = diagnostics.errorCount
            checkIndexName(item.key)
            if position == Self.maximumIndexes {
                diagnostics.error(
                    "table '\(table)' has more than \(Self.maximumIndexes) indexes", at: item.key.location)
            }
            guard let fields = checkIndexFields(item, table: table, fieldSets: fieldSets) else { continue }
            // An index with errors of its own is not compared with the others.
            guard diagnostics.errorCount == errorsBefore else { continue }
            if let same = indexes.first(where: { $0.fields == fields }) {
                diagnostics.error(
                    "index '\(name)' lists the same fields as index '\(same.name)'", at: item.key.location,
                    notes: [("index '\(same.name)' is defined here", same.location)])
            }
            indexes.append(Index(name: name, fields: fields, location: item.key.location))
        }
        return indexes
    }

    private func checkIndexName(_ key: YAMLScalar) {
        let name = key.value
        if Self.builtInIndexes.contains(name) {
            diagnostics.error("the index name '\(name)' is reserved: every table has it built in", at: key.location)
        } else if !Names.isIdentifier(name) || name.utf8.first == UInt8(ascii: "_") {
            diagnostics.error(
                "invalid index name '\(name)'; an index name matches [A-Za-z_][A-Za-z0-9_]* "
                    + "and does not begin with '_'", at: key.location)
        }
    }

    /// The index's field paths, each checked; nil when the list itself is malformed.
    private func checkIndexFields(_ item: YAMLEntry, table: String, fieldSets: [[Field]]) -> [String]? {
        let index = item.key.value
        guard case .sequence(let sequence) = item.value else {
            report(item.value, "index '\(index)' must be a list of fields, as in [fieldA, fieldB]", owner: item.key.location)
            return nil
        }
        if sequence.items.isEmpty {
            diagnostics.error(
                "index '\(index)' lists no fields; it needs 1 to \(Self.maximumIndexFields)", at: item.key.location)
        }
        var paths: [String] = []
        for (position, node) in sequence.items.enumerated() {
            guard case .scalar(let scalar) = node, !scalar.value.isEmpty else {
                report(node, "an index field must be a field name", owner: item.key.location)
                continue
            }
            let path = scalar.value
            if position == Self.maximumIndexFields {
                diagnostics.error(
                    "index '\(index)' lists more than \(Self.maximumIndexFields) fields "
                        + "('_creationTime' is implicitly the last)", at: scalar.location)
            }
            if paths.contains(path) {
                diagnostics.error("index '\(index)' lists '\(path)' twice", at: scalar.location)
                continue
            }
            paths.append(path)
            checkIndexPath(path, at: scalar.location, index: index, table: table, fieldSets: fieldSets)
        }
        return paths
    }

    private func checkIndexPath(
        _ path: String, at location: SourceLocation, index: String, table: String, fieldSets: [[Field]]
    ) {
        if path == "_creationTime" {
            diagnostics.error(
                "'_creationTime' is implicitly the last field of every index; remove it from index '\(index)'",
                at: location)
            return
        }
        if path.hasPrefix("_") {
            diagnostics.error("index '\(index)' cannot list '\(path)': index fields cannot begin with '_'", at: location)
            return
        }
        // A plain field of the table, the common case, is found without splitting the path.
        if Names.isFieldName(path), fieldSets.contains(where: { $0.contains { $0.name == path } }) { return }
        let segments = path.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        guard segments.allSatisfy(Names.isFieldName) else {
            diagnostics.error(
                "invalid field path '\(path)' in index '\(index)'; write a field name, or a dotted path "
                    + "into an object field", at: location)
            return
        }
        var sets = fieldSets
        for (depth, segment) in segments.enumerated() {
            let matches = sets.compactMap { set in set.first { $0.name == segment } }
            guard !matches.isEmpty else {
                let hint = Suggestions.didYouMean(segment, among: sets.flatMap { $0.map(\.name) })
                let place = depth == 0 ? "table '\(table)'" : "'\(segments[..<depth].joined(separator: "."))'"
                diagnostics.error("index '\(index)' lists '\(path)', but \(place) has no field '\(segment)'\(hint)", at: location)
                return
            }
            guard depth + 1 < segments.count else { return }
            var next: [[Field]] = []
            for match in matches {
                guard let inner = objectFieldSets(of: match.type) else { return }  // `any`: every path may exist
                next += inner
            }
            if next.isEmpty {
                let here = (segments[..<depth] + [segment]).joined(separator: ".")
                diagnostics.error(
                    "index '\(index)' lists '\(path)', but '\(here)' is not an object field", at: location)
                return
            }
            sets = next
        }
    }

    /// The field sets a dotted path can continue into: an object's fields,
    /// each object member of a union; nil for `any`, where any path may exist.
    private func objectFieldSets(of type: SchemaType) -> [[Field]]? {
        var visited: Set<String> = []
        var pending = [type]
        var sets: [[Field]] = []
        while let type = pending.popLast() {
            switch type {
            case .object(let fields): sets.append(fields)
            case .union(let members): pending += members.reversed()
            case .any: return nil
            case .named(let name):
                if visited.insert(name).inserted, let definition = namedTypeDefinitions[name] {
                    pending.append(definition)
                }
            default: break
            }
        }
        return sets
    }
}
