/// Turns the syntax of one type expression into a checked type: names
/// resolved, and the rules of where each form may stand.
struct Lowering {
    let checker: SchemaChecker
    let scalar: YAMLScalar
    let site: TypeSite
    /// The key type of each `record<K, V>` met, with its byte offset, for
    /// checks once every named type is known.
    private(set) var recordKeys: [(keys: SchemaType, offset: Int)] = []

    init(checker: SchemaChecker, scalar: YAMLScalar, site: TypeSite) {
        self.checker = checker
        self.scalar = scalar
        self.site = site
    }

    /// Lowers the whole expression, where `?` may mark the field optional.
    mutating func lowerWhole(_ syntax: TypeSyntax) -> ResolvedType {
        switch syntax.kind {
        case .optional(let inner, let mark):
            markOptional(at: mark)
            return ResolvedType(type: lower(inner), isOptional: true)
        case .union(let members) where members.contains(where: \.isOptional):
            let types = members.map { member -> SchemaType in
                guard case .optional(let inner, let mark) = member.kind else { return lower(member) }
                markOptional(at: mark)
                return lower(inner)
            }
            return ResolvedType(type: .union(flattening: types), isOptional: true)
        default:
            return ResolvedType(type: lower(syntax))
        }
    }

    private func markOptional(at offset: Int) {
        if let problem = site.optionalProblem {
            error(problem, at: offset)
        }
    }

    private func error(_ message: String, at offset: Int) {
        checker.diagnostics.error(message, at: checker.place(offset, in: scalar))
    }

    /// Lowers a type inside the expression, where `?` is not allowed.
    private mutating func lower(_ syntax: TypeSyntax) -> SchemaType {
        switch syntax.kind {
        case .name(let name):
            return resolve(name, at: syntax.offset)
        case .table(let reference, let table, let offset):
            return resolve(reference, table: table, at: offset)
        case .array(let element):
            return .array(lower(element))
        case .record(let keys, let values):
            let keyType = lower(keys)
            recordKeys.append((keyType, keys.offset))
            return .record(keys: keyType, values: lower(values))
        case .page(let item):
            guard site.region == .returns else {
                error("'page<...>' is allowed only in a function's return type", at: syntax.offset)
                return lower(item)
            }
            return .page(lower(item))
        case .literal(let literal):
            return .literal(literal.value)
        case .enumeration(let literals):
            var seen: [LiteralValue] = []
            for literal in literals {
                if seen.contains(literal.value) {
                    error("'\(literal.value)' appears twice in enum<...>", at: literal.offset)
                } else {
                    seen.append(literal.value)
                }
            }
            return .union(flattening: seen.map(SchemaType.literal))
        case .union(let members):
            return .union(flattening: members.map { lower($0) })
        case .optional(let inner, let mark):
            error(site.nested.optionalProblem!, at: mark)
            return lower(inner)
        }
    }

    private func resolve(_ name: String, at offset: Int) -> SchemaType {
        if let primitive = Names.primitives[name] { return primitive }
        if name == "paginationOpts" {
            if site.region != .arguments {
                error("'paginationOpts' is allowed only in a function's arguments", at: offset)
            }
            return .paginationOptions
        }
        if checker.typeNameSet.contains(name) { return .named(name) }
        var message = "unknown type '\(name)'"
        if let meant = Names.foreignTypeNames[name] {
            message += "; the schema language writes \(meant)"
        } else if checker.tableNameSet.contains(name) {
            message += "; '\(name)' is a table: write id<\(name)> or doc<\(name)>"
        } else {
            message += Suggestions.didYouMean(name, among: Names.builtInTypeNames + checker.typeNames)
        }
        error(message, at: offset)
        return .any
    }

    private func resolve(_ reference: TypeSyntax.TableReference, table: String, at offset: Int) -> SchemaType {
        let known = checker.tableNameSet.contains(table)
        switch reference {
        case .id:
            if known || table == "_storage" { return .id(table: table) }
            let hint = Suggestions.didYouMean(table, among: checker.tableNames + ["_storage"])
            error("unknown table '\(table)' in id<\(table)>\(hint)", at: offset)
            return .any
        case .doc:
            if known { return .document(table: table) }
            if table == "_storage" {
                error("doc<_storage> is not a document type; refer to a stored file as id<_storage>", at: offset)
            } else {
                error("unknown table '\(table)' in doc<\(table)>\(Suggestions.didYouMean(table, among: checker.tableNames))", at: offset)
            }
            return .any
        }
    }
}

extension TypeSyntax {
    fileprivate var isOptional: Bool {
        if case .optional = kind { true } else { false }
    }
}
