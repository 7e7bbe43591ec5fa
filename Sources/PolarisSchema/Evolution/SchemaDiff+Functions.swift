/// The function rules of spec/evolution.md: whether every client built
/// against OLD's functions still works against NEW's.
extension SchemaDiffer {
    mutating func compareFunctions() {
        let before = Dictionary(old.modules.flatMap(\.functions).map { ($0.path, $0) }, uniquingKeysWith: { first, _ in first })
        var present: Set<String> = []
        for function in new.modules.flatMap(\.functions) {
            present.insert(function.path)
            guard let was = before[function.path] else {
                report(.note, "function '\(function.path)' added", at: function.location)
                continue
            }
            compare(was, function)
        }
        for function in old.modules.flatMap(\.functions) where !present.contains(function.path) {
            reportRemoved(.error, "function '\(function.path)' removed; older clients still call it", at: function.location)
        }
    }

    private mutating func compare(_ was: Function, _ now: Function) {
        let name = "'\(now.path)'"
        if was.kind != now.kind {
            report(.error, "\(name) changed from a \(was.kind.rawValue) to a \(now.kind.rawValue); older clients call it as a \(was.kind.rawValue)", at: now.location)
        }
        if was.access != now.access {
            report(.error, "access of \(name) changed from \(was.access.rawValue) to \(now.access.rawValue)", at: now.location)
        }
        // internalKey comes and goes with internal access, reported just above.
        let skipped: Set<String> = was.access != now.access ? ["internalKey"] : []
        compareArguments(was.arguments.filter { !skipped.contains($0.name) }, now.arguments.filter { !skipped.contains($0.name) }, of: name)
        compareReturns(was, now, of: name)
    }

    private mutating func compareArguments(_ was: [Field], _ now: [Field], of name: String) {
        for argument in now {
            guard let before = was.first(where: { $0.name == argument.name }) else {
                if argument.isOptional {
                    report(.note, "optional argument '\(argument.name)' added to \(name)", at: argument.location)
                } else {
                    report(.error, "required argument '\(argument.name)' added to \(name); older clients do not send it", at: argument.location)
                }
                continue
            }
            if before.isOptional, !argument.isOptional {
                report(.error, "argument '\(argument.name)' of \(name) made required; older clients may not send it", at: argument.location)
            } else if !before.isOptional, argument.isOptional {
                report(.note, "argument '\(argument.name)' of \(name) made optional", at: argument.location)
            }
            switch change(from: before.type, to: argument.type) {
            case .none: break
            case .widened:
                report(.note, "argument '\(argument.name)' of \(name) widened from '\(before.type)' to '\(argument.type)'", at: argument.location)
            case .other:
                report(.error, "argument '\(argument.name)' of \(name) changed from '\(before.type)' to '\(argument.type)'; older clients may send values it rejects", at: argument.location)
            }
        }
        for argument in was where !now.contains(where: { $0.name == argument.name }) {
            reportRemoved(.error, "argument '\(argument.name)' removed from \(name); older clients still send it", at: argument.location)
        }
    }

    /// A return type may narrow, and its objects may gain optional fields
    /// (one note each, where the field stands in NEW); anything else breaks
    /// older clients' decoding.
    private mutating func compareReturns(_ was: Function, _ now: Function, of name: String) {
        if isNarrowed(was.returns, now.returns) {
            if !isWidened(was.returns, now.returns) {
                report(.note, "return type of \(name) narrowed from '\(was.returns)' to '\(now.returns)'", at: now.location)
            }
            return
        }
        var relaxed = Subtyping(new, old, allowsExtraOptionalFields: true)
        guard relaxed.isSubtype(now.returns, was.returns) else {
            let change = "\(was.returns)" == "\(now.returns)"
                ? "'\(now.returns)' changed with the types it names"
                : "changed from '\(was.returns)' to '\(now.returns)'"
            report(.error, "return type of \(name) \(change); older clients cannot decode it", at: now.location)
            return
        }
        var placed: Set<SourceLocation> = []
        for field in relaxed.extraFields where placed.insert(field.location).inserted {
            report(.note, "\(name) returns a new optional field '\(field.name)'; older clients ignore it", at: field.location)
        }
    }
}
