/// A Swift type as generated code names it, and the validator expression
/// that accepts exactly its values.
struct SwiftTypeRef: Hashable {
    var name: String
    var validator: String

    /// The name as it can stand before `.member` in an expression (`T?` cannot).
    var expressionName: String {
        name.hasSuffix("?") ? "Swift.Optional<\(name.dropLast())>" : name
    }

    /// A type that states its own validator (`T.validator`): generated types and the runtime's.
    static func convertible(_ name: String) -> SwiftTypeRef {
        SwiftTypeRef(name: name, validator: "\(name).validator")
    }

    /// This type, or null (`T?`).
    var nullable: SwiftTypeRef {
        SwiftTypeRef(name: name + "?", validator: ".union([\(validator), .null])")
    }
}

/// A field of a generated struct, with the pieces of Swift that name it made
/// once. A class: the emitters pass members around in every loop, and a
/// reference is cheaper to copy than six strings.
final class SwiftMember {
    /// The field's name in the schema and on the wire.
    let field: String
    /// The property's name, escaped.
    let property: String
    let type: SwiftTypeRef
    /// May be absent.
    let isOptional: Bool
    let doc: String?
    /// A required field whose type is one literal: no stored property, its
    /// value is checked on decode and written on encode.
    let fixed: LiteralValue?
    /// The property's declared type: absent is nil.
    let declaredType: String
    /// The fixed literal as a Swift `Value` expression.
    let fixedValue: String?
    /// `_id` or `_creationTime`, which the store sets.
    let isSystem: Bool

    init(
        field: String, property: String, type: SwiftTypeRef, isOptional: Bool, doc: String?, fixed: LiteralValue? = nil,
        isSystem: Bool = false
    ) {
        self.isSystem = isSystem
        self.field = field
        self.property = property
        self.type = type
        self.isOptional = isOptional
        self.doc = doc
        self.fixed = fixed
        declaredType = isOptional ? type.name + "?" : type.name
        fixedValue = fixed.map(SwiftTypeResolver.valueExpression)
    }

    /// The Swift type of the fixed literal's value.
    var fixedType: String? {
        switch fixed {
        case .string?: "Swift.String"
        case .number?: "Swift.Double"
        case .int64?: "Swift.Int64"
        case .boolean?: "Swift.Bool"
        case nil: nil
        }
    }
}

/// A struct: a table's model, a named object type, an object nested in a field.
/// The declarations are classes of constants, made once and read by every
/// renderer: a copy is one reference.
final class SwiftStruct {
    let name: String
    let qualifiedName: String
    let doc: String?
    let members: [SwiftMember]
    let nested: [SwiftDeclaration]
    /// Set for a table's model: the table's name.
    let table: String?

    init(name: String, qualifiedName: String, doc: String?, members: [SwiftMember], nested: [SwiftDeclaration], table: String?) {
        self.name = name
        self.qualifiedName = qualifiedName
        self.doc = doc
        self.members = members
        self.nested = nested
        self.table = table
    }
}

/// A union of literals: a `String`-backed enum when every literal is a string.
final class SwiftLiteralEnum {
    struct Case {
        var name: String
        var literal: LiteralValue
    }

    let name: String
    let qualifiedName: String
    let doc: String?
    let cases: [Case]

    init(name: String, qualifiedName: String, doc: String?, cases: [Case]) {
        self.name = name
        self.qualifiedName = qualifiedName
        self.doc = doc
        self.cases = cases
    }
}

/// Any other union, or a table's variants: an enum with associated values.
final class SwiftUnionEnum {
    struct Case {
        var name: String
        var payload: SwiftTypeRef
    }

    let name: String
    let qualifiedName: String
    let doc: String?
    let cases: [Case]
    let nested: [SwiftDeclaration]
    /// Set for a table with `variants:`: the table's name.
    let table: String?

    init(name: String, qualifiedName: String, doc: String?, cases: [Case], nested: [SwiftDeclaration], table: String?) {
        self.name = name
        self.qualifiedName = qualifiedName
        self.doc = doc
        self.cases = cases
        self.nested = nested
        self.table = table
    }
}

/// A generated type declaration.
enum SwiftDeclaration {
    case structure(SwiftStruct)
    case literalEnum(SwiftLiteralEnum)
    case unionEnum(SwiftUnionEnum)
    /// `typealias name = target`, for a named type that needs no type of its own.
    case alias(name: String, doc: String?, target: SwiftTypeRef)
}
