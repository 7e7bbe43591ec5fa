/// The Swift emitter: a pure function from a checked schema to the files of
/// generated code. The file set depends only on the schema file's name.
public enum SwiftGenerator {
    /// The files generated for `schema`, read from the file `schemaFileName`
    /// (`polaris.yaml` gives `PolarisModels.swift`, `PolarisTables.swift`,
    /// `PolarisFunctions.swift`, `PolarisClient.swift`).
    public static func files(for schema: Schema, schemaFileName: String) -> [GeneratedFile] {
        let context = SwiftGenerationContext(schema: schema, schemaFileName: schemaFileName)
        let contents = [
            context.modelsFile(), SwiftTablesRenderer(context: context).file(),
            SwiftFunctionsRenderer(context: context).file(), SwiftClientRenderer(context: context).file(),
        ]
        return zip(fileNames(schemaFileName: schemaFileName), contents).map {
            GeneratedFile(name: $0, bytes: $1)
        }
    }

    /// The names `files(for:schemaFileName:)` gives, known before the schema is read.
    public static func fileNames(schemaFileName: String) -> [String] {
        let prefix = fileNamePrefix(schemaFileName)
        return ["Models", "Tables", "Functions", "Client"].map { prefix + $0 + ".swift" }
    }

    /// `polaris.yaml` -> `Polaris`, `app-schema.yml` -> `AppSchema`.
    static func fileNamePrefix(_ schemaFileName: String) -> String {
        let base = schemaFileName.split(separator: "/").last.map(String.init) ?? schemaFileName
        let stem = base.split(separator: ".").first.map(String.init) ?? base
        let words = stem.split(whereSeparator: { !($0.isASCII && ($0.isLetter || $0.isNumber)) })
        let name = words.map { $0.prefix(1).uppercased() + $0.dropFirst() }.joined()
        return name.isEmpty ? "Schema" : name
    }

    /// Names of the top-level types that are not tables or named types.
    static func infrastructureNames(modules: [String]) -> Set<String> {
        var names = SwiftNames.infrastructureTypeNames
        for module in modules {
            let types = SwiftNames.moduleTypeNames(module)
            names.formUnion([types.functions, types.handlers, types.client])
        }
        return names
    }
}

/// What every renderer of one schema shares: the resolved declarations of
/// its named types and tables.
struct SwiftGenerationContext {
    let schema: Schema
    /// The schema file's name, as each file's header gives it.
    let schemaFileName: String
    let resolver: SwiftTypeResolver
    /// Named types first, then tables, in schema order.
    let declarations: [SwiftDeclaration]
    /// Every declaration by its qualified name, nested ones included.
    let declarationsByName: [String: SwiftDeclaration]
    /// Each module's function signatures and the types they declare, resolved once
    /// for the functions file and the client file.
    let functionModules: [(module: FunctionModule, signatures: [SwiftFunctionSignature], declarations: [SwiftDeclaration])]

    init(schema: Schema, schemaFileName: String) {
        self.schema = schema
        self.schemaFileName = schemaFileName
        let topLevel = Set(schema.types.map(\.swiftName) + schema.tables.map(\.swiftName))
            .union(SwiftGenerator.infrastructureNames(modules: schema.modules.map(\.name)))
            .union(SwiftNames.modules)
        let resolver = SwiftTypeResolver(schema: schema, topLevelNames: topLevel)
        var scope = SwiftTypeScope(qualifiedName: nil, names: NameAllocator(taken: topLevel.union(SwiftNames.reservedTypeNames)))
        var declarations: [SwiftDeclaration] = []
        for named in schema.types {
            declarations.append(Self.declaration(of: named, resolver: resolver, scope: &scope))
            declarations += scope.declarations
            scope.declarations = []
        }
        for table in schema.tables {
            switch table.shape {
            case .fields(let fields):
                declarations.append(.structure(resolver.structure(
                    name: table.swiftName, qualifiedName: table.swiftName, doc: table.doc, fields: fields, table: table.name)))
            case .variants(let variants):
                declarations.append(.unionEnum(resolver.unionEnum(
                    name: table.swiftName, qualifiedName: table.swiftName, doc: table.doc,
                    members: variants.map { .object($0.fields) }, table: table.name)))
            }
        }
        self.resolver = resolver
        self.declarations = declarations
        var byName: [String: SwiftDeclaration] = [:]
        func index(_ declaration: SwiftDeclaration) {
            byName[declaration.qualifiedName] = declaration
            declaration.nested.forEach(index)
        }
        declarations.forEach(index)
        declarationsByName = byName
        functionModules = schema.modules.map { module in
            let resolved = resolver.signatures(module)
            return (module, resolved.signatures, resolved.declarations)
        }
    }

    private static func declaration(
        of named: NamedType, resolver: SwiftTypeResolver, scope: inout SwiftTypeScope
    ) -> SwiftDeclaration {
        let name = named.swiftName
        switch named.type {
        case .object(let fields):
            return .structure(resolver.structure(name: name, qualifiedName: name, doc: named.doc, fields: fields))
        case .literal:
            return .literalEnum(resolver.literalEnum(name: name, qualifiedName: name, doc: named.doc, members: [named.type]))
        case .union(let members):
            let rest = SwiftTypeResolver.flatten(members).filter { $0 != .null }
            if !rest.isEmpty, rest.allSatisfy({ if case .literal = $0 { true } else { false } }) {
                return .literalEnum(resolver.literalEnum(name: name, qualifiedName: name, doc: named.doc, members: rest))
            }
            if rest.count > 1 {
                return .unionEnum(resolver.unionEnum(name: name, qualifiedName: name, doc: named.doc, members: rest))
            }
            if rest.count == 1, case .object(let fields) = rest[0] {
                return .structure(resolver.structure(name: name, qualifiedName: name, doc: named.doc, fields: fields))
            }
            let target = rest.first.map { resolver.reference($0, hint: name + "Value", in: &scope) }
            return .alias(name: name, doc: named.doc, target: target ?? SwiftTypeRef(name: "PolarisRuntime.Null", validator: ".null"))
        default:
            return .alias(name: name, doc: named.doc, target: resolver.reference(named.type, hint: name + "Value", in: &scope))
        }
    }

    /// `<Prefix>Models.swift`: every named type and table model.
    func modelsFile() -> [UInt8] {
        // About 5 KB per model (measured on the benchmark's tables); unused capacity is never touched.
        SwiftText.file(schemaName: schemaFileName, capacity: 6_144 * (schema.tables.count + schema.types.count + 8)) { out in
            for declaration in declarations {
                out.line()
                SwiftModelRenderer.render(declaration, into: &out)
            }
        }
    }

}

extension SwiftDeclaration {
    /// The name the type is declared with, inside its enclosing type.
    var name: String {
        switch self {
        case .structure(let structure): structure.name
        case .literalEnum(let literalEnum): literalEnum.name
        case .unionEnum(let unionEnum): unionEnum.name
        case .alias(let name, _, _): name
        }
    }

    var qualifiedName: String {
        switch self {
        case .structure(let structure): structure.qualifiedName
        case .literalEnum(let literalEnum): literalEnum.qualifiedName
        case .unionEnum(let unionEnum): unionEnum.qualifiedName
        case .alias(let name, _, _): name
        }
    }

    var nested: [SwiftDeclaration] {
        switch self {
        case .structure(let structure): structure.nested
        case .unionEnum(let unionEnum): unionEnum.nested
        case .literalEnum, .alias: []
        }
    }
}
