/// The Swift type names that tables and named types become.
enum SwiftNames {
    /// The model name of a table: its singular in UpperCamelCase
    /// (`generationEvents` -> `GenerationEvent`, `categories` -> `Category`).
    static func typeName(forTable table: String) -> String {
        upperCamel(singular(table))
    }

    /// `tool_call` and `toolCall` -> `ToolCall`.
    static func upperCamel(_ name: String) -> String {
        let words = name.split(separator: "_")
        guard !words.isEmpty else { return name }
        return words.map { $0.prefix(1).uppercased() + $0.dropFirst() }.joined()
    }

    /// The English singular of a plural name, by its ending; names that do
    /// not look plural stay as they are.
    static func singular(_ name: String) -> String {
        let lower = name.lowercased()
        if lower.hasSuffix("ies") && name.count > 4 { return name.dropLast(3) + "y" }
        for ending in ["sses", "xes", "ches", "shes", "zzes"] where lower.hasSuffix(ending) {
            return String(name.dropLast(2))
        }
        if lower.hasSuffix("s") && !lower.hasSuffix("ss") && !lower.hasSuffix("us") && !lower.hasSuffix("is")
            && name.count > 1
        {
            return String(name.dropLast())
        }
        return name
    }
}

extension SchemaChecker {
    /// Two tables or named types may not become the same Swift type.
    func checkSwiftNames(types: [NamedType], tables: [Table]) {
        var owners: [String: (what: String, location: SourceLocation)] = [:]
        let declarations = types.map { ($0.swiftName, "type '\($0.name)'", $0.location) }
            + tables.map { ($0.swiftName, "table '\($0.name)'", $0.location) }
        for (swiftName, what, location) in declarations.sorted(by: { $0.2 < $1.2 }) {
            if let owner = owners[swiftName] {
                let remedy = what.hasPrefix("table") || owner.what.hasPrefix("table")
                    ? "set 'swiftName' on the table to tell them apart" : "rename one of them"
                diagnostics.error(
                    "\(what) becomes the Swift type '\(swiftName)', as \(owner.what) does; \(remedy)", at: location,
                    notes: [("\(owner.what) is defined here", owner.location)])
            } else {
                owners[swiftName] = (what, location)
            }
        }
    }
}
