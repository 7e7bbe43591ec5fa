/// The subtyping relation of spec/evolution.md, `A <: B`: every value of A
/// is a value of B. A is a type of `lhs`, B one of `rhs` (the two versions
/// of a schema), so named types and `doc<t>` are compared by what each
/// side defines them as, never by their names.
struct Subtyping {
    let lhs: Schema
    let rhs: Schema
    /// Also accept objects of A that have optional fields B lacks (what
    /// clients decoding a return value ignore); each one is collected in
    /// `extraFields`.
    let allowsExtraOptionalFields: Bool
    /// The optional fields of A's objects that B lacks, when allowed.
    private(set) var extraFields: [Field] = []

    init(_ lhs: Schema, _ rhs: Schema, allowsExtraOptionalFields: Bool = false) {
        self.lhs = lhs
        self.rhs = rhs
        self.allowsExtraOptionalFields = allowsExtraOptionalFields
    }

    /// Whether `a` (of `lhs`) <: `b` (of `rhs`).
    mutating func isSubtype(_ a: SchemaType, _ b: SchemaType) -> Bool {
        let a = Self.resolve(a, in: lhs)
        let b = Self.resolve(b, in: rhs)
        if case .any = b { return true }
        if case .union(let members) = a { return members.allSatisfy { isSubtype($0, b) } }
        if case .union(let members) = b {
            if case .boolean = a { return isSubtype(.literal(.boolean(true)), b) && isSubtype(.literal(.boolean(false)), b) }
            return members.contains { member in attempt { $0.isSubtype(a, member) } }
        }
        switch (a, b) {
        case (.string, .string), (.number, .number), (.int64, .int64), (.boolean, .boolean), (.bytes, .bytes),
            (.null, .null), (.any, .any), (.paginationOptions, .paginationOptions):
            return true
        case (.literal(let x), .literal(let y)): return x == y
        case (.literal(.string), .string), (.literal(.number), .number), (.literal(.int64), .int64),
            (.literal(.boolean), .boolean), (.id, .string):
            return true
        case (.id(let t), .id(let u)): return t == u
        case (.array(let x), .array(let y)), (.page(let x), .page(let y)): return isSubtype(x, y)
        case (.record(let k1, let v1), .record(let k2, let v2)): return isSubtype(k1, k2) && isSubtype(v1, v2)
        case (.object(let x), .object(let y)): return isSubtype(fields: x, y)
        case (.object(let fields), .record(let keys, let values)):
            return fields.allSatisfy { isSubtype(.literal(.string($0.name)), keys) && isSubtype($0.type, values) }
        default: return false
        }
    }

    /// Whether an object with `a`'s fields <: one with `b`'s (spec/evolution.md's object rule).
    private mutating func isSubtype(fields a: [Field], _ b: [Field]) -> Bool {
        for field in b {
            guard let mine = a.first(where: { $0.name == field.name }) else {
                if field.isOptional { continue }
                return false
            }
            if mine.isOptional && !field.isOptional { return false }
            if !isSubtype(mine.type, field.type) { return false }
        }
        for field in a where !b.contains(where: { $0.name == field.name }) {
            guard allowsExtraOptionalFields, field.isOptional else { return false }
            extraFields.append(field)
        }
        return true
    }

    /// Runs `body` on a copy, keeping what it collected only if it holds.
    private mutating func attempt(_ body: (inout Subtyping) -> Bool) -> Bool {
        var trial = self
        guard body(&trial) else { return false }
        self = trial
        return true
    }

    /// A named type's definition and `doc<t>`'s document object, so that
    /// only structure is left at the top.
    static func resolve(_ type: SchemaType, in schema: Schema) -> SchemaType {
        switch type {
        case .named(let name): schema.namedType(name).map { resolve($0.type, in: schema) } ?? type
        case .document(let name): schema.table(named: name).map(\.documentType) ?? type
        default: type
        }
    }
}

extension Table {
    /// The type of a whole stored document: `_id`, `_creationTime` and the
    /// fields, or a union of one such object per variant.
    var documentType: SchemaType {
        let system = [
            Field(name: "_id", type: .id(table: name), location: location),
            Field(name: "_creationTime", type: .number, location: location),
        ]
        switch shape {
        case .fields(let fields): return .object(system + fields)
        case .variants(let variants): return .union(variants.map { .object(system + $0.fields) })
        }
    }
}
