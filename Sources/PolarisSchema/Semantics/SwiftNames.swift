/// The Swift type names that tables, named types and function modules
/// become, and the names generated code keeps for itself.
enum SwiftNames {
    /// Module names that generated code qualifies its references with.
    static let modules: Set<String> = ["Swift", "Foundation", "PolarisRuntime"]

    /// Type names no generated type may take: the modules and Swift's own.
    static let reservedTypeNames: Set<String> = modules.union(["Type", "Protocol", "Self", "Any", "Sendable"])

    /// The top-level types generated code declares besides models and modules' types.
    static let infrastructureTypeNames: Set<String> = ["PolarisAPI", "PolarisDatabase"]

    /// Names a table or named type cannot take as they are; they get a `_`.
    static let reserved: Set<String> = reservedTypeNames.union(infrastructureTypeNames)

    /// The types a function module `m` becomes: `MFunctions` (its argument
    /// and result types), `MHandlers` (the backend's protocol), `MClient`.
    static func moduleTypeNames(_ module: String) -> (functions: String, handlers: String, client: String) {
        let name = upperCamel(module)
        return (name + "Functions", name + "Handlers", name + "Client")
    }

    /// The model name of a table: its singular in UpperCamelCase
    /// (`generationEvents` -> `GenerationEvent`, `categories` -> `Category`;
    /// `types` -> `Type_`).
    static func typeName(forTable table: String) -> String {
        unreserved(upperCamel(singular(table)))
    }

    /// The Swift name of a named type: its name in UpperCamelCase.
    static func typeName(forNamedType name: String) -> String {
        unreserved(upperCamel(name))
    }

    private static func unreserved(_ name: String) -> String {
        reserved.contains(name) ? name + "_" : name
    }

    /// `tool_call` and `toolCall` -> `ToolCall`.
    static func upperCamel(_ name: String) -> String {
        guard name.allUTF8({ $0 < 0x80 }) else { return unicodeUpperCamel(name) }
        // ASCII, by bytes: names are converted for every field of a schema.
        var bytes: [UInt8] = []
        bytes.reserveCapacity(name.utf8.count)
        var startsWord = true
        for byte in name.utf8 {
            if byte == UInt8(ascii: "_") {
                startsWord = true
                continue
            }
            bytes.append(startsWord && byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z") ? byte - 0x20 : byte)
            startsWord = false
        }
        return bytes.isEmpty ? name : String(decoding: bytes, as: UTF8.self)
    }

    private static func unicodeUpperCamel(_ name: String) -> String {
        if let first = name.utf8.first, !name.utf8.contains(UInt8(ascii: "_")) {
            return first >= UInt8(ascii: "a") && first <= UInt8(ascii: "z")
                ? String(UnicodeScalar(first - 0x20)) + name.dropFirst() : name
        }
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
    /// Two tables, named types or modules may not become the same Swift type
    /// (a module `m` becomes `MFunctions`, `MHandlers` and `MClient`).
    func checkSwiftNames(types: [NamedType], tables: [Table], modules: [FunctionModule]) {
        var owners: [String: (what: String, location: SourceLocation)] = [:]
        let moduleNames = modules.flatMap { module in
            let names = SwiftNames.moduleTypeNames(module.name)
            return [names.functions, names.handlers, names.client].map { ($0, "module '\(module.name)'", module.location) }
        }
        let declarations = types.map { ($0.swiftName, "type '\($0.name)'", $0.location) }
            + tables.map { ($0.swiftName, "table '\($0.name)'", $0.location) } + moduleNames
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
