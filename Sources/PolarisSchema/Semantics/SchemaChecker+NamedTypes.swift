extension SchemaChecker {
    /// Checks `types:`: each name, and each definition.
    func checkNamedTypes(_ entry: YAMLEntry?) -> [NamedType] {
        guard let entry else { return [] }
        let message = "'types' must be a mapping of type names to types"
        guard let mapping = expectMapping(entry.value, message, owner: entry.key.location) else { return [] }
        return mapping.entries.map { item in
            let name = item.key.value
            if Names.builtInTypeNames.contains(name) || TypeExpressionParser.genericKeywords.contains(name) {
                diagnostics.error("'\(name)' is a built-in type name and cannot name a type of its own", at: item.key.location)
            } else if !Names.isIdentifier(name) {
                diagnostics.error(
                    "invalid type name '\(name)'; a type name matches [A-Za-z_][A-Za-z0-9_]*", at: item.key.location)
            }
            let site = TypeSite(region: .namedType, position: .namedType)
            let resolved = resolveType(item.value, site: site, owner: item.key.location)
            namedTypeDefinitions[name] = resolved.type
            return NamedType(
                name: name, swiftName: SwiftNames.typeName(forNamedType: name), type: resolved.type, doc: resolved.doc,
                location: item.key.location)
        }
    }

    /// Checks every `record<K, V>` key type once all named types are known:
    /// `string`, an `id<t>`, or a union of those.
    func checkRecordKeys() {
        for check in recordKeyChecks where !isRecordKey(check.keys, visited: []) {
            diagnostics.error(
                "record keys must be 'string', an 'id<table>' or a union of those, not '\(check.keys)'",
                at: check.location)
        }
    }

    private func isRecordKey(_ type: SchemaType, visited: Set<String>) -> Bool {
        switch type {
        case .string, .id: return true
        case .union(let members): return members.allSatisfy { isRecordKey($0, visited: visited) }
        case .named(let name):
            guard !visited.contains(name), let definition = namedTypeDefinitions[name] else { return true }
            return isRecordKey(definition, visited: visited.union([name]))
        default: return false
        }
    }
}
