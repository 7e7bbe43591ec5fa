extension SchemaChecker {
    /// Checks `functions:`: modules of query and mutation signatures.
    func checkFunctions(_ entry: YAMLEntry?) -> [FunctionModule] {
        guard let entry else { return [] }
        let message = "'functions' must be a mapping of module names to their functions"
        guard let mapping = expectMapping(entry.value, message, owner: entry.key.location) else { return [] }
        return mapping.entries.compactMap { item in
            let module = item.key.value
            checkName(item.key, what: "module")
            let message = "module '\(module)' must be a mapping of function names to functions"
            guard let functions = expectMapping(item.value, message, owner: item.key.location) else { return nil }
            return FunctionModule(
                name: module, functions: functions.entries.compactMap { checkFunction($0, module: module) },
                location: item.key.location)
        }
    }

    private func checkName(_ key: YAMLScalar, what: String) {
        if !Names.isIdentifier(key.value) {
            diagnostics.error(
                "invalid \(what) name '\(key.value)'; a \(what) name matches [A-Za-z_][A-Za-z0-9_]*", at: key.location)
        }
    }

    private func checkFunction(_ item: YAMLEntry, module: String) -> Function? {
        let path = "\(module):\(item.key.value)"
        checkName(item.key, what: "function")
        let message = "function '\(path)' must be a mapping with 'kind' and 'access'"
        guard let mapping = expectMapping(item.value, message, owner: item.key.location) else { return nil }
        let entries = known(
            mapping, allowed: ["kind", "access", "args", "returns", "doc"], context: "in function '\(path)'")
        let kind = checkKind(entries["kind"], function: item.key, path: path)
        let access = checkAccess(entries["access"], function: item.key, path: path)
        let arguments = entries["args"].map {
            resolveFields($0.value, kind: .argument, region: .arguments, owner: $0.key.location)
        } ?? []
        let returns = entries["returns"].map {
            resolveType($0.value, site: TypeSite(region: .returns, position: .returnType), owner: $0.key.location).type
        } ?? .null
        if let access {
            checkInternalKey(arguments, access: access, function: item.key, path: path)
        }
        guard let kind, let access else { return nil }
        return Function(
            module: module, name: item.key.value, kind: kind, access: access, arguments: arguments,
            returns: returns, doc: text(entries["doc"]), location: item.key.location)
    }

    private func checkKind(_ entry: YAMLEntry?, function: YAMLScalar, path: String) -> Function.Kind? {
        guard let entry else {
            diagnostics.error("function '\(path)' needs 'kind: query' or 'kind: mutation'", at: function.location)
            return nil
        }
        if case .scalar(let scalar) = entry.value, scalar.style == .plain, scalar.value == "action" {
            diagnostics.error("actions are not supported yet; 'kind' must be 'query' or 'mutation'", at: scalar.location)
            return nil
        }
        return choice(entry, among: ["query", "mutation"], what: "function kind").flatMap(Function.Kind.init)
    }

    private func checkAccess(_ entry: YAMLEntry?, function: YAMLScalar, path: String) -> Function.Access? {
        guard let entry else {
            diagnostics.error(
                "function '\(path)' needs 'access: public', 'access: user' or 'access: internal'", at: function.location)
            return nil
        }
        return choice(entry, among: ["public", "user", "internal"], what: "access").flatMap(Function.Access.init)
    }

    /// An internal function declares `internalKey: string`; elsewhere the name is only a warning.
    private func checkInternalKey(_ arguments: [Field], access: Function.Access, function: YAMLScalar, path: String) {
        let key = arguments.first { $0.name == "internalKey" }
        switch (access, key) {
        case (.internal, nil):
            diagnostics.error(
                "internal function '\(path)' must declare the argument 'internalKey: string'", at: function.location)
        case (.internal, let key?) where key.type != .string || key.isOptional:
            diagnostics.error(
                "the argument 'internalKey' of an internal function must be 'string' (required)", at: key.location)
        case (.public, let key?), (.user, let key?):
            diagnostics.warning(
                "'internalKey' is checked only for 'access: internal'; here it is an ordinary argument",
                at: key.location)
        default:
            break
        }
    }
}
