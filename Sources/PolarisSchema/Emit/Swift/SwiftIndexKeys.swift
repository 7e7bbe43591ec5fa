/// The Swift type of an index key: the value of a field, or of a dotted path
/// into an object field, as the generated index range builders take it.
struct SwiftIndexKey {
    /// The key's type when present (it may be nullable: `T?`).
    var type: String
    /// The key may be absent (nil asks for absence).
    var isOptional: Bool

    /// The key type of `path` (a field, or a dotted path) in documents of the model `model`.
    static func find(_ path: String, in model: String, context: SwiftGenerationContext) -> SwiftIndexKey {
        // A plain field of a table's struct, the common case: no path to split, one candidate.
        if !path.utf8.contains(UInt8(ascii: ".")), case .structure(let structure)? = context.declarationsByName[model] {
            return structure.members.first { $0.field == path }.map { key(of: $0, nullable: false) } ?? unknown
        }
        let candidates = lookup(path.split(separator: ".").map(String.init)[...], typeName: model, context: context)
        let found = candidates.compactMap { $0 }
        guard let first = found.first else { return unknown }
        let type = found.allSatisfy { $0.type == first.type } ? first.type : "PolarisRuntime.Value"
        return SwiftIndexKey(type: type, isOptional: candidates.contains { $0 == nil || $0!.isOptional })
    }

    /// The key of a path that no document has: any value, or absent.
    private static let unknown = SwiftIndexKey(type: "PolarisRuntime.Value", isOptional: true)

    /// The key of `member` itself, in a struct that may be null.
    private static func key(of member: SwiftMember, nullable: Bool) -> SwiftIndexKey {
        SwiftIndexKey(type: member.fixedType ?? member.type.name, isOptional: member.isOptional || nullable)
    }

    /// One candidate per way the path can be read; nil where it is missing.
    private static func lookup(_ path: ArraySlice<String>, typeName: String, context: SwiftGenerationContext)
        -> [SwiftIndexKey?]
    {
        var name = typeName
        var nullable = false
        while name.utf8.last == UInt8(ascii: "?") {
            name.removeLast()
            nullable = true
        }
        switch context.declarationsByName[name] {
        case .structure(let structure)?:
            guard let member = structure.members.first(where: { $0.field == path.first }) else { return [nil] }
            if path.count == 1 { return [key(of: member, nullable: nullable)] }
            return lookup(path.dropFirst(), typeName: member.type.name, context: context).map { key in
                key.map { SwiftIndexKey(type: $0.type, isOptional: $0.isOptional || member.isOptional || nullable) }
            }
        case .unionEnum(let unionEnum)?:
            return unionEnum.cases.flatMap { lookup(path, typeName: $0.payload.name, context: context) }
        case .alias(_, _, let target)?:
            return lookup(path, typeName: target.name + (nullable ? "?" : ""), context: context)
        default:
            return [nil]
        }
    }
}
