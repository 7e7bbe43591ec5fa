/// Checks one schema file against every rule of the schema language and
/// builds the checked `Schema`. It never stops at the first error.
final class SchemaChecker {
    let file: SourceFile
    var diagnostics: DiagnosticEngine
    /// Every table name the file declares, valid or not, in order.
    var tableNames: [String] = [] {
        didSet { tableNameSet = Set(tableNames) }
    }
    /// Every named type the file declares, valid or not, in order.
    var typeNames: [String] = [] {
        didSet { typeNameSet = Set(typeNames) }
    }
    /// `tableNames` and `typeNames` for lookups.
    private(set) var tableNameSet: Set<String> = []
    private(set) var typeNameSet: Set<String> = []
    /// The definitions of the named types checked so far.
    var namedTypeDefinitions: [String: SchemaType] = [:]
    /// Record key types, checked once every named type is known.
    var recordKeyChecks: [(keys: SchemaType, location: SourceLocation)] = []
    /// Type expressions lowered without a diagnostic, by their text and site:
    /// a schema writes the same few (`string`, `id<users>`) over and over.
    var loweredExpressions: [LoweredExpression.Key: LoweredExpression] = [:]

    init(file: SourceFile) {
        self.file = file
        diagnostics = DiagnosticEngine(file: file.path)
    }

    func run() -> CheckResult {
        let schema = checkFile()
        return CheckResult(schema: diagnostics.hasErrors ? nil : schema, diagnostics: diagnostics.diagnostics)
    }

    private func checkFile() -> Schema? {
        guard let root = YAMLLoader.load(file, into: &diagnostics) else { return nil }
        guard case .mapping(let top) = root else {
            if case .invalid = root { return nil }
            diagnostics.error(
                "a schema is a mapping with 'version' and 'tables', not \(describe(root))", at: root.location)
            return nil
        }
        let entries = known(top, allowed: ["version", "types", "tables", "functions"], context: "at the top level")
        checkVersion(entries["version"], schemaStart: top.location)
        tableNames = names(in: entries["tables"])
        typeNames = names(in: entries["types"])
        let types = checkNamedTypes(entries["types"])
        let tables = checkTables(entries["tables"], schemaStart: top.location)
        let modules = checkFunctions(entries["functions"])
        checkRecordKeys()
        checkCycles(types: types, tables: tables)
        checkSwiftNames(types: types, tables: tables, modules: modules)
        return Schema(version: 1, types: types, tables: tables, modules: modules)
    }

    private func checkVersion(_ entry: YAMLEntry?, schemaStart: SourceLocation) {
        guard let entry else {
            diagnostics.error("the schema needs 'version: 1' at the top level", at: schemaStart)
            return
        }
        guard case .scalar(let scalar) = entry.value, scalar.style == .plain, let version = Int(scalar.value) else {
            report(entry.value, "'version' must be the integer 1")
            return
        }
        if version != 1 {
            diagnostics.error(
                "unsupported schema language version \(version); this compiler reads version 1", at: scalar.location)
        }
    }

    /// The keys of a mapping entry's value, if it is a mapping.
    private func names(in entry: YAMLEntry?) -> [String] {
        guard case .mapping(let mapping)? = entry?.value else { return [] }
        return mapping.entries.map(\.key.value)
    }

    // MARK: - Helpers shared by the checks

    /// The entries of `mapping` whose keys are allowed; every other key is
    /// reported with a "did you mean" or the list of allowed keys.
    func known(_ mapping: YAMLMapping, allowed: [String], context: @autoclosure () -> String) -> [String: YAMLEntry] {
        var result: [String: YAMLEntry] = [:]
        for entry in mapping.entries {
            let key = entry.key.value
            if allowed.contains(key) {
                result[key] = entry
                continue
            }
            let hint = Suggestions.closest(to: key, among: allowed).map { "; did you mean '\($0)'?" }
                ?? "; expected \(Names.list(allowed))"
            diagnostics.error("unknown key '\(key)' \(context())\(hint)", at: entry.key.location)
        }
        return result
    }

    /// The node as a mapping; anything else is reported with `message`
    /// (an empty value at `owner`, the key it belongs to).
    func expectMapping(_ node: YAMLNode, _ message: @autoclosure () -> String, owner: SourceLocation) -> YAMLMapping? {
        guard case .mapping(let mapping) = node else {
            report(node, message(), owner: owner)
            return nil
        }
        return mapping
    }

    /// A plain scalar that is one of `choices`, or nil after reporting why not.
    func choice(_ entry: YAMLEntry, among choices: [String], what: String) -> String? {
        guard case .scalar(let scalar) = entry.value, scalar.style == .plain, !scalar.value.isEmpty else {
            report(entry.value, "'\(entry.key.value)' must be \(Names.list(choices))", owner: entry.key.location)
            return nil
        }
        if choices.contains(scalar.value) { return scalar.value }
        let hint = Suggestions.didYouMean(scalar.value, among: choices)
        diagnostics.error(
            "unknown \(what) '\(scalar.value)'\(hint) (expected \(Names.list(choices)))", at: scalar.location)
        return nil
    }

    /// The text of a `doc:` entry, or nil after reporting that it is not text.
    func text(_ entry: YAMLEntry?) -> String? {
        guard let entry else { return nil }
        guard case .scalar(let scalar) = entry.value, !scalar.isNull else {
            report(entry.value, "'\(entry.key.value)' must be text", owner: entry.key.location)
            return nil
        }
        return scalar.value
    }

    /// Reports `message` about a node of the wrong kind.
    func report(_ node: YAMLNode, _ message: String, owner: SourceLocation? = nil) {
        switch node {
        case .invalid: return
        case .scalar(let scalar) where scalar.value.isEmpty && scalar.style == .plain:
            diagnostics.error("\(message), found nothing", at: owner ?? scalar.location)
        default:
            diagnostics.error("\(message), not \(describe(node))", at: node.location)
        }
    }

    /// How a message names a node: `a list`, `a mapping`, `'text'`.
    func describe(_ node: YAMLNode) -> String {
        switch node {
        case .mapping: "a mapping"
        case .sequence: "a list"
        case .scalar(let scalar): "'\(scalar.value.count > 40 ? scalar.value.prefix(40) + "..." : scalar.value)'"
        case .invalid: "an invalid value"
        }
    }
}
