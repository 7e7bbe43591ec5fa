/// `<Prefix>Tables.swift`: for each table its description for the store,
/// `new(...)` to insert, and one range builder per index; then the SQL DDL.
struct SwiftTablesRenderer {
    let context: SwiftGenerationContext

    func file() -> [UInt8] {
        // About 4 KB per table with its DDL in both dialects; unused capacity is never touched.
        SwiftText.file(schemaName: context.schemaFileName, capacity: 5_120 * (context.schema.tables.count + 8)) { out in
            for table in context.schema.tables {
                let stages = stageNames(of: table)
                out.line()
                renderTable(table, stages: stages, into: &out)
                for (index, stage) in zip(table.indexes, stages) {
                    out.line()
                    renderIndexDefinition(index, model: table.swiftName, stage: stage, into: &out)
                }
            }
            out.line()
            renderDatabase(into: &out)
        }
    }

    private func renderTable(_ table: Table, stages: [String], into out: inout SwiftText) {
        let model = table.swiftName
        guard let declaration = context.declarationsByName[model] else { return }
        out.block("extension \(model)") { out in
            out.line("public static let table = PolarisRuntime.TableDescription(")
            out.line("    name: \(literal: table.name), documentValidator: Self.validator,")
            if table.indexes.isEmpty {
                out.line("    indexes: [])")
            } else {
                out.line("    indexes: [")
                for index in table.indexes {
                    let fields = index.fields.map(SwiftNaming.stringLiteral).joined(separator: ", ")
                    out.line("        .init(\(literal: index.name), [\(fields)]),")
                }
                out.line("    ])")
            }
            renderInserts(model: model, declaration: declaration, into: &out)
            for (index, stageName) in zip(table.indexes, stages) {
                out.line()
                renderIndexStages(index, model: model, stageName: stageName, into: &out)
            }
        }
    }

    /// The name of each index's first stage, nested in the model: the
    /// index's name in UpperCamelCase, unless a nested type has it.
    private func stageNames(of table: Table) -> [String] {
        let model = table.swiftName
        let nested = context.declarationsByName[model]?.nested ?? []
        var names = NameAllocator(
            shared: context.resolver.unavailableNestedNames,
            taken: Set([model] + nested.map(\.name)))
        return table.indexes.map { names.allocate(SwiftNaming.upperCamel($0.name)) }
    }

    /// `new(...)`: the fields of a document to insert; one per variant for a table with `variants:`.
    private func renderInserts(model: String, declaration: SwiftDeclaration, into out: inout SwiftText) {
        switch declaration {
        case .structure(let structure):
            out.line()
            renderInsert("new", model: model, members: structure.members, into: &out)
        case .unionEnum(let unionEnum):
            for item in unionEnum.cases {
                guard case .structure(let variant)? = context.declarationsByName[item.payload.name] else { continue }
                out.line()
                let name = "new" + SwiftNaming.upperCamel(item.name.filter { $0 != "`" })
                renderInsert(name, model: model, members: variant.members, into: &out)
            }
        default: break
        }
    }

    private func renderInsert(_ name: String, model: String, members: [SwiftMember], into out: inout SwiftText) {
        let fields = members.filter { !["_id", "_creationTime"].contains($0.field) }
        let stored = fields.filter { $0.fixedValue == nil }
        let parameters = SwiftParameters(stored.map { ($0.property, $0.declaredType, $0.isOptional) })
        out.line("/// The fields of a new document, for `db.insert(_:)`; absent optional fields may be left out.")
        out.block("public static func \(name)(\(parameters.declaration)) -> PolarisRuntime.NewDocument<\(model)>") { out in
            out.line("var object = PolarisRuntime.ObjectEncoder(capacity: \(fields.count))")
            var internalNames = parameters.internalNames.makeIterator()
            for member in fields {
                if let fixed = member.fixedValue {
                    out.line("object.set(\(literal: member.field), value: \(fixed))")
                } else {
                    let value = internalNames.next()!
                    out.line("object.set(\(literal: member.field), \(member.isOptional ? "ifPresent: " : "")\(value))")
                }
            }
            out.line("return PolarisRuntime.NewDocument(fields: object.document)")
        }
    }

    /// The index's stages, as a type alias of the runtime's `IndexStage`s:
    /// one per field, in order, each taking the field's key type, then `_creationTime`.
    private func renderIndexStages(_ index: Index, model: String, stageName: String, into out: inout SwiftText) {
        var stages = TextBuffer(capacity: 128 * (index.fields.count + 1))
        for field in index.fields {
            let key = SwiftIndexKey.find(field.split(separator: ".").map(String.init), in: model, context: context)
            stages.append("PolarisRuntime.IndexStage<")
            stages.append(model)
            stages.append(key.isOptional ? ", PolarisRuntime.OptionalIndexKey<" : ", PolarisRuntime.IndexKey<")
            stages.append(key.type)
            stages.append(">, ")
        }
        stages.append("PolarisRuntime.CreationTimeRange<")
        stages.append(model)
        for _ in 0...index.fields.count { stages.append(byte: UInt8(ascii: ">")) }
        out.line("/// Ranges of the index `\(index.name)`: \(Self.fieldList(index)).")
        out.line("public typealias \(stageName) = \(stages)")
    }

    private func renderIndexDefinition(_ index: Index, model: String, stage: String, into out: inout SwiftText) {
        out.block("extension PolarisRuntime.IndexDefinition where Model == \(model), Start == \(model).\(stage)") { out in
            out.line("/// The index `\(index.name)`: \(Self.fieldList(index)).")
            let name = SwiftNaming.escaped(SwiftNaming.lowerCamel(index.name))
            let fields = (index.fields + ["_creationTime"]).map(SwiftNaming.stringLiteral).joined(separator: ", ")
            out.line("public static var \(name): Self { Self(\(literal: index.name), fields: [\(fields)]) }")
        }
    }

    /// The fields an index orders by, for doc comments.
    private static func fieldList(_ index: Index) -> String {
        (index.fields + ["_creationTime"]).joined(separator: ", ")
    }

    /// `PolarisDatabase`: the table descriptions and the DDL for each dialect.
    private func renderDatabase(into out: inout SwiftText) {
        out.line("/// The schema's tables as the store sees them, and the SQL that creates them.")
        out.block("public enum PolarisDatabase: PolarisRuntime.DatabaseSchema") { out in
            out.line("/// Every table, `_storage` first.")
            out.line("public static let tables: [PolarisRuntime.TableDescription] = [")
            out.line("    PolarisRuntime.StoredFile.table,")
            for table in context.schema.tables { out.line("    \(table.swiftName).table,") }
            out.line("]")
            let layouts = SQLGenerator.tableLayouts(of: context.schema)
            for dialect in SQLDialect.allCases {
                out.line()
                out.line("/// The DDL for \(dialect.displayName), as `polaris sql --dialect \(dialect.rawValue)` prints it.")
                out.line(
                    "public static let \(dialect.rawValue)DDL: Swift.String = ",
                    rawMultilineLiteral: SQLGenerator.ddlText(for: context.schema, dialect: dialect, layouts: layouts))
            }
        }
    }
}
