/// Writes generated type declarations: stored properties, an initializer,
/// the Convex value conversions and the validator.
enum SwiftModelRenderer {
    static func render(_ declaration: SwiftDeclaration, into out: inout SwiftText) {
        switch declaration {
        case .structure(let structure): render(structure, into: &out)
        case .literalEnum(let literalEnum): render(literalEnum, into: &out)
        case .unionEnum(let unionEnum): render(unionEnum, into: &out)
        case .alias(let name, let doc, let target):
            out.doc(doc)
            out.line("public typealias \(name) = \(target.name)")
        }
    }

    private static func conformances(table: String?) -> String {
        (table == nil ? "PolarisRuntime.ConvexValueHashable" : "PolarisRuntime.Document") + ", Swift.Codable"
    }

    /// A model's `tableName`, for a declaration that is one.
    private static func renderTableName(_ table: String?, into out: inout SwiftText) {
        guard let table else { return }
        out.line("public static var tableName: Swift.String { \(literal: table) }")
        out.line()
    }

    static func render(_ structure: SwiftStruct, into out: inout SwiftText) {
        out.doc(structure.doc)
        let stored = structure.members.filter { $0.fixedValue == nil }
        out.block("public struct \(structure.name): \(conformances(table: structure.table))") { out in
            renderTableName(structure.table, into: &out)
            for member in stored {
                out.doc(member.doc)
                out.line("public var \(member.property): \(member.declaredType)")
            }
            out.line()
            renderInitializer(stored, into: &out)
            out.line()
            // A table's model reads the store's documents column by column,
            // and values through the same reader, by name.
            if structure.table != nil {
                out.block("public init(convexValue value: PolarisRuntime.Value) throws") { out in
                    out.line("self = try PolarisRuntime.DocumentRow.decode(value, Self.init(row:))")
                }
                out.line()
            }
            renderReader(structure.members, isTable: structure.table != nil, into: &out)
            out.line()
            renderEncoder(structure.name, structure.members, isTable: structure.table != nil, into: &out)
            out.line()
            renderValidator(structure.members, into: &out)
            for nested in structure.nested {
                out.line()
                render(nested, into: &out)
            }
        }
    }

    /// The initializer that reads the fields in order: a table's `init(row:)`
    /// (the store's columns, each straight into its property), or a nested
    /// object's `init(convexValue:)` through an `ObjectDecoder`.
    private static func renderReader(_ members: [SwiftMember], isTable: Bool, into out: inout SwiftText) {
        let reader = isTable ? "row" : "object"
        out.block(isTable ? "public init(row: PolarisRuntime.DocumentRow) throws" : "public init(convexValue value: PolarisRuntime.Value) throws") { out in
            if !isTable { out.line("var object = try PolarisRuntime.ObjectDecoder(value)") }
            for member in members {
                if let fixed = member.fixedValue {
                    out.line("try \(reader).literal(\(literal: member.field), \(fixed))")
                } else {
                    out.line("self.\(member.property) = try \(reader).\(member.isOptional ? "optional" : "required")(\(literal: member.field))")
                }
            }
            if !isTable { out.line("try object.finish()") }
        }
    }

    /// The memberwise initializer; optional fields default to absent.
    private static func renderInitializer(_ members: [SwiftMember], into out: inout SwiftText) {
        let parameters = SwiftParameters(members)
        out.block("public init(\(parameters.declaration))") { out in
            for (member, name) in zip(members, parameters.internalNames) {
                out.line("self.\(member.property) = \(name)")
            }
        }
    }

    /// `convexValue(of:)`; a table's model builds it from `fields(of:)`, the
    /// fields in order, which is how the store takes them.
    private static func renderEncoder(_ name: String, _ members: [SwiftMember], isTable: Bool, into out: inout SwiftText) {
        if isTable {
            out.block("public static func convexValue(of value: \(name)) -> PolarisRuntime.Value") { out in
                out.line("fields(of: value).value")
            }
            out.line()
        }
        let signature = isTable
            ? "fields(of value: \(name)) -> PolarisRuntime.StoredDocument" : "convexValue(of value: \(name)) -> PolarisRuntime.Value"
        out.block("public static func \(signature)") { out in
            out.line("var object = PolarisRuntime.ObjectEncoder(capacity: \(members.count))")
            for member in members {
                if let fixed = member.fixedValue {
                    out.line("object.set(\(literal: member.field), value: \(fixed))")
                } else {
                    out.line("object.set(\(literal: member.field), \(member.isOptional ? "ifPresent: " : "")value.\(member.property))")
                }
            }
            out.line(isTable ? "return object.document" : "return object.value")
        }
    }

    private static func renderValidator(_ members: [SwiftMember], into out: inout SwiftText) {
        guard !members.isEmpty else {
            out.line("public static let validator: PolarisRuntime.Validator = .object([])")
            return
        }
        out.line("public static let validator: PolarisRuntime.Validator = .object([")
        for member in members {
            let optional = member.isOptional ? ", optional: true" : ""
            out.line("    .init(\(literal: member.field), \(member.type.validator)\(optional)),")
        }
        out.line("])")
    }

    static func render(_ literalEnum: SwiftLiteralEnum, into out: inout SwiftText) {
        out.doc(literalEnum.doc)
        let isString = literalEnum.cases.allSatisfy { if case .string = $0.literal { true } else { false } }
        let raw = isString ? "Swift.String, " : ""
        out.block("public enum \(literalEnum.name): \(raw)PolarisRuntime.ConvexValueConvertible, Swift.Codable, Swift.CaseIterable") { out in
            for item in literalEnum.cases {
                if case .string(let text) = item.literal, text != item.name {
                    out.line("case \(item.name) = \(literal: text)")
                } else {
                    out.line("case \(item.name)")
                }
            }
            out.line()
            // Enums of strings convert through their raw value (a runtime default).
            if !isString { renderLiteralConversions(literalEnum, into: &out) }
            let literals = literalEnum.cases.map { ".literal(\(SwiftTypeResolver.valueExpression($0.literal)))" }
            let validator = literals.count == 1 ? literals[0] : ".union([\(literals.joined(separator: ", "))])"
            out.line("public static let validator: PolarisRuntime.Validator = \(validator)")
        }
    }

    /// `init(convexValue:)` and `convexValue(of:)` of an enum of number or boolean literals.
    private static func renderLiteralConversions(_ literalEnum: SwiftLiteralEnum, into out: inout SwiftText) {
        out.block("public init(convexValue value: PolarisRuntime.Value) throws") { out in
            out.switchBlock("value") { out in
                for item in literalEnum.cases {
                    out.line("case \(SwiftTypeResolver.valueExpression(item.literal)): self = .\(item.name)")
                }
                out.line("default: throw PolarisRuntime.ValueError.rejected(value, by: Self.validator)")
            }
        }
        out.line()
        out.block("public static func convexValue(of value: \(literalEnum.name)) -> PolarisRuntime.Value") { out in
            out.switchBlock("value") { out in
                for item in literalEnum.cases {
                    out.line("case .\(item.name): \(SwiftTypeResolver.valueExpression(item.literal))")
                }
            }
        }
        out.line()
    }

    static func render(_ unionEnum: SwiftUnionEnum, into out: inout SwiftText) {
        out.doc(unionEnum.doc)
        out.block("public enum \(unionEnum.name): \(conformances(table: unionEnum.table))") { out in
            renderTableName(unionEnum.table, into: &out)
            for item in unionEnum.cases {
                out.line("case \(item.name)(\(item.payload.name))")
            }
            if unionEnum.table != nil {
                for (property, type) in [("_id", "PolarisRuntime.Id<\(unionEnum.name)>"), ("_creationTime", "Swift.Double")] {
                    out.line()
                    out.block("public var \(property): \(type)") { out in
                        out.switchBlock("self") { out in
                            for item in unionEnum.cases { out.line("case .\(item.name)(let value): value.\(property)") }
                        }
                    }
                }
            }
            out.line()
            out.block("public init(convexValue value: PolarisRuntime.Value) throws") { out in
                for item in unionEnum.cases {
                    out.block("if let payload = try? \(item.payload.name)(convexValue: value)") { out in
                        out.line("self = .\(item.name)(payload)")
                        out.line("return")
                    }
                }
                out.line("throw PolarisRuntime.ValueError.rejected(value, by: Self.validator)")
            }
            out.line()
            out.block("public static func convexValue(of value: \(unionEnum.name)) -> PolarisRuntime.Value") { out in
                out.switchBlock("value") { out in
                    for item in unionEnum.cases {
                        out.line("case .\(item.name)(let payload): \(item.payload.name).convexValue(of: payload)")
                    }
                }
            }
            out.line()
            out.line("public static let validator: PolarisRuntime.Validator = .union([")
            for item in unionEnum.cases { out.line("    \(item.payload.validator),") }
            out.line("])")
            for nested in unionEnum.nested {
                out.line()
                render(nested, into: &out)
            }
        }
    }
}

/// A parameter list whose labels are property names and whose internal names
/// never shadow `self`.
struct SwiftParameters {
    /// `label: Type, other: Type? = nil`, as it stands between the parentheses.
    private(set) var declaration: TextBuffer
    /// The name each parameter goes by in the body: its label, except `self`.
    private(set) var internalNames: [String] = []

    private init(capacity: Int) {
        declaration = TextBuffer(capacity: capacity * 40)
        internalNames.reserveCapacity(capacity)
    }

    /// `(property, type, defaults to nil)` for each parameter.
    init(_ parameters: some Collection<(label: String, type: String, isOptional: Bool)>) {
        self.init(capacity: parameters.count)
        var names: NameAllocator?
        for parameter in parameters {
            add(parameter.label, parameter.type, isOptional: parameter.isOptional, names: &names, labels: parameters.lazy.map(\.label))
        }
    }

    /// The parameters that set these members' properties.
    init(_ members: some Collection<SwiftMember>) {
        self.init(capacity: members.count)
        var names: NameAllocator?
        for member in members {
            add(member.property, member.declaredType, isOptional: member.isOptional, names: &names, labels: members.lazy.map(\.property))
        }
    }

    /// Appends one parameter; a `self` label gets a free internal name from
    /// `names`, made of every label the first time one is needed.
    private mutating func add(
        _ label: String, _ type: String, isOptional: Bool, names: inout NameAllocator?,
        labels: @autoclosure () -> some Sequence<String>
    ) {
        if declaration.count > 0 { declaration.append(", ") }
        declaration.append(label)
        var internalName = label
        if label == "`self`" {
            if names == nil { names = NameAllocator(taken: Set(labels())) }
            internalName = names!.allocate("self_")
            declaration.append(" ")
            declaration.append(internalName)
        }
        declaration.append(": ")
        declaration.append(type)
        if isOptional { declaration.append(" = nil") }
        internalNames.append(internalName)
    }
}
