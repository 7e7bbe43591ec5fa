/// The Swift scope a generated type is declared in: the types declared in it
/// so far, and the names they took.
struct SwiftTypeScope {
    /// The fully qualified name of the enclosing type; nil at the top level.
    var qualifiedName: String?
    var names: NameAllocator
    var declarations: [SwiftDeclaration] = []

    /// A free name for a type declared here; a reserved hint (`Type`) takes
    /// the enclosing type's name in front (`FileType`).
    mutating func allocate(_ hint: String) -> String {
        guard SwiftNames.reservedTypeNames.contains(hint) else { return names.allocate(hint) }
        let outer = qualifiedName?.split(separator: ".").last.map(String.init) ?? ""
        return names.allocate(outer + hint)
    }

    /// `Outer.Name` (or `Name` at the top level).
    func qualify(_ name: String) -> String {
        qualifiedName.map { "\($0).\(name)" } ?? name
    }

    /// Declares here the type `make` builds from a free name for `hint` and
    /// its qualified name; a reference to it.
    mutating func declare(_ hint: String, _ make: (_ name: String, _ qualifiedName: String) -> SwiftDeclaration) -> SwiftTypeRef {
        let name = allocate(hint)
        let declaration = make(name, qualify(name))
        declarations.append(declaration)
        return .convertible(declaration.qualifiedName)
    }
}

/// Maps schema types to Swift types, declaring a nested type for every
/// object, enum and union that has no name of its own.
struct SwiftTypeResolver {
    let schema: Schema
    /// Names nested types may not take, because a reference to the
    /// top-level type of that name would find them instead.
    let topLevelNames: Set<String>
    /// `topLevelNames` and the reserved type names: what no nested type may be called.
    let unavailableNestedNames: Set<String>
    /// Names a property may not take as they are (it gets a `_` after them).
    private let clashingPropertyNames: Set<String>
    /// Each table's model name, by table name.
    private let modelNames: [String: String]
    /// Each table's `Id<Model>`, by table name, and each named type, by name:
    /// made once, as every field that names them refers to them.
    private let idReferences, namedReferences: [String: SwiftTypeRef]

    init(schema: Schema, topLevelNames: Set<String>) {
        self.schema = schema
        self.topLevelNames = topLevelNames
        self.unavailableNestedNames = topLevelNames.union(SwiftNames.reservedTypeNames)
        self.clashingPropertyNames = topLevelNames.union(SwiftNames.modules)
        let modelNames = Dictionary(schema.tables.map { ($0.name, $0.swiftName) }, uniquingKeysWith: { first, _ in first })
        self.modelNames = modelNames
        idReferences = Dictionary(uniqueKeysWithValues: modelNames.map { ($0, Self.idReference(table: $0, model: $1)) })
        namedReferences = Dictionary(
            schema.types.map { named in
                let reference = SwiftTypeRef.convertible(named.swiftName)
                return (named.name, Self.isNullable(named.type) ? reference.nullable : reference)
            }, uniquingKeysWith: { first, _ in first })
    }

    /// `Id<Model>` for the documents of `table`.
    private static func idReference(table: String, model: String) -> SwiftTypeRef {
        SwiftTypeRef(name: "PolarisRuntime.Id<\(model)>", validator: ".id(table: \(SwiftNaming.stringLiteral(table)))")
    }

    /// `Id<Model>` for the documents of `table`, made once per table.
    private func idReference(of table: String) -> SwiftTypeRef {
        idReferences[table] ?? Self.idReference(table: table, model: modelName(table))
    }

    /// The Swift type of `doc<table>` (`_storage`: the runtime's `StoredFile`).
    func modelName(_ table: String) -> String {
        table == "_storage" ? "PolarisRuntime.StoredFile" : modelNames[table] ?? table
    }

    /// A scope nested in the type `qualifiedName`.
    func scope(inside qualifiedName: String) -> SwiftTypeScope {
        var ancestors = Set<String>(minimumCapacity: 4)
        var start = qualifiedName.utf8.startIndex
        for index in qualifiedName.utf8.indices where qualifiedName.utf8[index] == UInt8(ascii: ".") {
            ancestors.insert(String(qualifiedName[start..<index]))
            start = qualifiedName.utf8.index(after: index)
        }
        ancestors.insert(String(qualifiedName[start...]))
        return SwiftTypeScope(qualifiedName: qualifiedName, names: NameAllocator(shared: unavailableNestedNames, taken: ancestors))
    }

    /// The Swift type of `type`, declaring the types it needs in `scope`;
    /// `hint` names a type that must be declared.
    func reference(_ type: SchemaType, hint: @autoclosure () -> String, doc: String? = nil, in scope: inout SwiftTypeScope) -> SwiftTypeRef {
        switch type {
        case .string: return SwiftTypeRef(name: "Swift.String", validator: ".string")
        case .number: return SwiftTypeRef(name: "Swift.Double", validator: ".number")
        case .int64: return SwiftTypeRef(name: "Swift.Int64", validator: ".int64")
        case .boolean: return SwiftTypeRef(name: "Swift.Bool", validator: ".boolean")
        case .bytes: return SwiftTypeRef(name: "Foundation.Data", validator: ".bytes")
        case .null: return SwiftTypeRef(name: "PolarisRuntime.Null", validator: ".null")
        case .any: return SwiftTypeRef(name: "PolarisRuntime.Value", validator: ".any")
        case .id(let table):
            return idReference(of: table)
        case .document(let table):
            let model = modelName(table)
            return .convertible(model)
        case .array(let element):
            let item = reference(element, hint: SwiftNames.singular(hint()), in: &scope)
            return SwiftTypeRef(name: "[\(item.name)]", validator: ".array(\(item.validator))")
        case .record(let keys, let values):
            let key = recordKey(keys)
            let value = reference(values, hint: hint() + "Value", in: &scope)
            return SwiftTypeRef(
                name: "[\(key.name): \(value.name)]", validator: ".record(keys: \(key.validator), values: \(value.validator))")
        case .literal:
            return declareUnion([type], nullable: false, hint: hint(), doc: doc, in: &scope)
        case .union(let members):
            let flat = Self.flatten(members)
            let nullable = flat.contains(.null)
            return declareUnion(flat.filter { $0 != .null }, nullable: nullable, hint: hint(), doc: doc, in: &scope)
        case .object(let fields):
            return scope.declare(hint()) { .structure(structure(name: $0, qualifiedName: $1, doc: doc, fields: fields)) }
        case .named(let name):
            return namedReferences[name] ?? SwiftTypeRef(name: name, validator: ".any")
        case .page(let item):
            let element = reference(item, hint: hint() + "Item", in: &scope)
            return .convertible("PolarisRuntime.Page<\(element.name)>")
        case .paginationOptions:
            return .convertible("PolarisRuntime.PaginationOptions")
        }
    }

    /// A record's key type: `String` for strings and unions, `Id<T>` for one table's IDs.
    private func recordKey(_ keys: SchemaType) -> SwiftTypeRef {
        var unused = SwiftTypeScope(qualifiedName: nil, names: NameAllocator(taken: []))
        if case .id = keys { return reference(keys, hint: "Key", in: &unused) }
        if case .named(let name) = keys, let named = schema.namedType(name), case .id = named.type {
            return reference(keys, hint: "Key", in: &unused)
        }
        let validator = keys == .string ? ".string" : reference(keys, hint: "Key", in: &unused).validator
        return SwiftTypeRef(name: "Swift.String", validator: validator)
    }

    /// The members of a struct with these fields, in schema order.
    func members(_ fields: [Field], in scope: inout SwiftTypeScope) -> [SwiftMember] {
        var properties = NameAllocator(taken: Set(minimumCapacity: fields.count))
        var members: [SwiftMember] = []
        members.reserveCapacity(fields.count)
        for field in fields {
            // The hint captures the name alone, not a copy of the field.
            let name = field.name
            let clashes = clashingPropertyNames.contains(name)
            let property = properties.allocate(clashes ? name + "_" : name)
            var fixed: LiteralValue?
            if !field.isOptional, case .literal(let literal) = field.type { fixed = literal }
            let type = fixed.map { SwiftTypeRef(name: "", validator: ".literal(\(Self.valueExpression($0)))") }
                ?? reference(field.type, hint: SwiftNaming.upperCamel(name), in: &scope)
            members.append(SwiftMember(
                field: name, property: SwiftNaming.escaped(property), type: type, isOptional: field.isOptional,
                doc: field.doc, fixed: fixed))
        }
        return members
    }

    /// A struct with these fields (and, for a table's model or one of its
    /// variants, the system fields); only a model is a `Document`.
    func structure(
        name: String, qualifiedName: String, doc: String?, fields: [Field], table: String? = nil, isDocument: Bool = true
    ) -> SwiftStruct {
        var inner = scope(inside: qualifiedName)
        var members = members(fields, in: &inner)
        if let table {
            members.insert(contentsOf: Self.systemMembers(id: idReference(of: table)), at: 0)
        }
        return SwiftStruct(
            name: name, qualifiedName: qualifiedName, doc: doc, members: members, nested: inner.declarations,
            table: isDocument ? table : nil)
    }

    /// `_id` (of type `id`) and `_creationTime`.
    static func systemMembers(id: SwiftTypeRef) -> [SwiftMember] {
        [
            SwiftMember(field: "_id", property: "_id", type: id, isOptional: false, doc: "The document's ID.", isSystem: true),
            SwiftMember(
                field: "_creationTime", property: "_creationTime",
                type: SwiftTypeRef(name: "Swift.Double", validator: ".number"), isOptional: false,
                doc: "When the document was inserted, in milliseconds since the epoch.", isSystem: true),
        ]
    }

    /// Declares the type of a union (without its null), and says it may be null.
    private func declareUnion(
        _ members: [SchemaType], nullable: Bool, hint: String, doc: String?, in scope: inout SwiftTypeScope
    ) -> SwiftTypeRef {
        guard !members.isEmpty else { return SwiftTypeRef(name: "PolarisRuntime.Null", validator: ".null") }
        let reference: SwiftTypeRef
        if members.allSatisfy({ if case .literal = $0 { true } else { false } }) {
            reference = scope.declare(hint) { .literalEnum(literalEnum(name: $0, qualifiedName: $1, doc: doc, members: members)) }
        } else if members.count == 1 {
            reference = self.reference(members[0], hint: hint, doc: doc, in: &scope)
        } else {
            reference = scope.declare(hint) { .unionEnum(unionEnum(name: $0, qualifiedName: $1, doc: doc, members: members)) }
        }
        return nullable ? reference.nullable : reference
    }

    /// Names an enum case may not take.
    private static let unavailableCaseNames: Set<String> = ["init", "self", "Type", "Protocol", "Self", "validator"]

    func literalEnum(name: String, qualifiedName: String, doc: String?, members: [SchemaType]) -> SwiftLiteralEnum {
        var cases = NameAllocator(shared: Self.unavailableCaseNames, taken: Set(minimumCapacity: members.count))
        let literals: [LiteralValue] = members.compactMap { if case .literal(let value) = $0 { value } else { nil } }
        return SwiftLiteralEnum(
            name: name, qualifiedName: qualifiedName, doc: doc,
            cases: literals.map { .init(name: SwiftNaming.escaped(cases.allocate(Self.caseName(for: $0))), literal: $0) })
    }

    /// An enum with associated values: cases named after a literal
    /// discriminator field when every member is an object that has one.
    func unionEnum(name: String, qualifiedName: String, doc: String?, members: [SchemaType], table: String? = nil)
        -> SwiftUnionEnum
    {
        var inner = scope(inside: qualifiedName)
        var caseNames = NameAllocator(shared: Self.unavailableCaseNames, taken: Set(minimumCapacity: members.count))
        let discriminator = discriminatorField(members)
        var cases: [SwiftUnionEnum.Case] = []
        for (position, member) in members.enumerated() {
            let base: String
            if let discriminator, let value = literalField(discriminator, of: member) {
                base = SwiftNaming.lowerCamel(value)
            } else if table != nil {
                base = "variant\(position + 1)"
            } else {
                base = kindName(member)
            }
            let caseName = caseNames.allocate(base)
            let payload: SwiftTypeRef
            if let table, case .object(let fields) = member {
                payload = inner.declare(SwiftNaming.upperCamel(caseName)) {
                    .structure(structure(name: $0, qualifiedName: $1, doc: nil, fields: fields, table: table, isDocument: false))
                }
            } else {
                payload = reference(member, hint: SwiftNaming.upperCamel(caseName), in: &inner)
            }
            cases.append(.init(name: SwiftNaming.escaped(caseName), payload: payload))
        }
        return SwiftUnionEnum(
            name: name, qualifiedName: qualifiedName, doc: doc, cases: cases, nested: inner.declarations, table: table)
    }

    /// A field that every member (an object) has, required, as a distinct string literal.
    private func discriminatorField(_ members: [SchemaType]) -> String? {
        guard let first = objectFields(members.first) else { return nil }
        for field in first where !field.isOptional {
            let values = members.map { literalField(field.name, of: $0) }
            if values.allSatisfy({ $0 != nil }), Set(values).count == members.count { return field.name }
        }
        return nil
    }

    private func literalField(_ name: String, of member: SchemaType) -> String? {
        guard let field = objectFields(member)?.first(where: { $0.name == name }), !field.isOptional,
            case .literal(.string(let value)) = field.type
        else { return nil }
        return value
    }

    private func objectFields(_ type: SchemaType?) -> [Field]? {
        switch type {
        case .object(let fields): fields
        case .named(let name): objectFields(schema.namedType(name)?.type)
        default: nil
        }
    }

    /// A case name for a union member without a discriminator.
    private func kindName(_ member: SchemaType) -> String {
        switch member {
        case .string, .number, .int64, .boolean, .bytes, .null, .any: "\(member)"
        case .id(let table): SwiftNaming.lowerCamel(SwiftNames.singular(table)) + "Id"
        case .document(let table): SwiftNaming.lowerCamel(table == "_storage" ? "storedFile" : modelName(table))
        case .array: "array"
        case .record: "record"
        case .literal(let value): Self.caseName(for: value)
        case .union: "union"
        case .object: "object"
        case .named(let name): SwiftNaming.lowerCamel(name)
        case .page: "page"
        case .paginationOptions: "paginationOptions"
        }
    }

    static func caseName(for literal: LiteralValue) -> String {
        switch literal {
        case .string(let text): SwiftNaming.lowerCamel(text)
        case .number, .int64: "value_" + SwiftNaming.identifierCharacters("\(literal)".split(separator: "-").joined(separator: "minus"))
        case .boolean(let flag): "\(flag)"
        }
    }

    /// A Swift expression of the `Value` of `literal`.
    static func valueExpression(_ literal: LiteralValue) -> String {
        switch literal {
        case .string(let text): ".string(\(SwiftNaming.stringLiteral(text)))"
        case .number(let number): ".float64(\(number))"
        case .int64(let number): ".int64(\(number))"
        case .boolean(let flag): ".boolean(\(flag))"
        }
    }

    static func flatten(_ members: [SchemaType]) -> [SchemaType] {
        members.flatMap { if case .union(let inner) = $0 { flatten(inner) } else { [$0] } }
    }

    static func isNullable(_ type: SchemaType) -> Bool {
        if case .union(let members) = type { flatten(members).contains(.null) } else { false }
    }
}
