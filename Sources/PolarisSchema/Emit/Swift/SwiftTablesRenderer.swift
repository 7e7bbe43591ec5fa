/// `<Prefix>Tables.swift`: for each table its description for the store,
/// `new(...)` to insert, and one range builder per index; then the SQL DDL.
struct SwiftTablesRenderer {
    let context: SwiftGenerationContext

    func file() -> [UInt8] {
        // About 4 KB per table with its DDL in both dialects; unused capacity is never touched.
        SwiftText.file(schemaName: context.schemaFileName, capacity: 5_120 * (context.schema.tables.count + 8)) { out in
            for table in context.schema.tables {
                let indexes = indexNames(of: table)
                out.line()
                renderTable(table, indexes: indexes, into: &out)
                for index in indexes {
                    out.line()
                    renderIndexDefinition(index, model: table.swiftName, into: &out)
                }
            }
            out.line()
            renderDatabase(into: &out)
        }
    }

    private func renderTable(_ table: Table, indexes: [IndexNames], into out: inout SwiftText) {
        let model = table.swiftName
        guard let declaration = context.declarationsByName[model] else { return }
        out.block("extension \(model)") { out in
            out.line("public static let table = PolarisRuntime.TableDescription(")
            out.line("    name: \(literal: table.name), documentValidator: Self.validator,")
            if indexes.isEmpty {
                out.line("    indexes: [])")
            } else {
                out.line("    indexes: [")
                for index in indexes {
                    out.line("        .init(\(literal: index.index.name), [\(index.fieldLiterals)]),")
                }
                out.line("    ])")
            }
            renderInserts(model: model, declaration: declaration, into: &out)
            for index in indexes {
                out.line()
                renderIndexStages(index, model: model, into: &out)
            }
        }
    }

    /// What the generated code calls each index and its fields, made once
    /// for the table's extension and the index's definition. A stage is
    /// named after its index in UpperCamelCase, unless a nested type has that name.
    private func indexNames(of table: Table) -> [IndexNames] {
        let model = table.swiftName
        let nested = context.declarationsByName[model]?.nested ?? []
        var taken = Set<String>(minimumCapacity: nested.count + table.indexes.count + 1)
        taken.insert(model)
        for declaration in nested { taken.insert(declaration.name) }
        var names = NameAllocator(shared: context.resolver.unavailableNestedNames, taken: taken)
        return table.indexes.map { index in
            var literals = TextBuffer(capacity: 16 * index.fields.count)
            var list = TextBuffer(capacity: 16 * index.fields.count + 16)
            for field in index.fields {
                if literals.count > 0 { literals.append(", ") }
                literals.appendSwiftStringLiteral(field)
                list.append(field)
                list.append(", ")
            }
            list.append("_creationTime")
            return IndexNames(
                index: index, stage: names.allocate(SwiftNaming.upperCamel(index.name)), fieldLiterals: literals,
                fieldList: list)
        }
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
        let fields = members.filter { !$0.isSystem }
        let parameters = SwiftParameters(fields.lazy.filter { $0.fixedValue == nil })
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
    private func renderIndexStages(_ names: IndexNames, model: String, into out: inout SwiftText) {
        let index = names.index
        var stages = TextBuffer(capacity: 128 * (index.fields.count + 1))
        for field in index.fields {
            let key = SwiftIndexKey.find(field, in: model, context: context)
            stages.append("PolarisRuntime.IndexStage<")
            stages.append(model)
            stages.append(key.isOptional ? ", PolarisRuntime.OptionalIndexKey<" : ", PolarisRuntime.IndexKey<")
            stages.append(key.type)
            stages.append(">, ")
        }
        stages.append("PolarisRuntime.CreationTimeRange<")
        stages.append(model)
        for _ in 0...index.fields.count { stages.append(byte: UInt8(ascii: ">")) }
        out.line("/// Ranges of the index `\(index.name)`: \(names.fieldList).")
        out.line("public typealias \(names.stage) = \(stages)")
    }

    private func renderIndexDefinition(_ names: IndexNames, model: String, into out: inout SwiftText) {
        let index = names.index
        out.block("extension PolarisRuntime.IndexDefinition where Model == \(model), Start == \(model).\(names.stage)") { out in
            out.line("/// The index `\(index.name)`: \(names.fieldList).")
            let name = SwiftNaming.escaped(SwiftNaming.lowerCamel(index.name))
            out.line("public static var \(name): Self { Self(\(literal: index.name), fields: [\(names.fieldLiterals), \"_creationTime\"]) }")
        }
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
            // One buffer, emptied for each dialect's DDL once it is embedded.
            var ddl = TextBuffer(capacity: SQLGenerator.ddlCapacity(for: context.schema))
            for dialect in SQLDialect.allCases {
                ddl.removeAll()
                SQLGenerator.appendDDL(for: context.schema, dialect: dialect, layouts: layouts, into: &ddl)
                out.line()
                out.line("/// The DDL for \(dialect.displayName), as `polaris sql --dialect \(dialect.rawValue)` prints it.")
                out.line("public static let \(dialect.rawValue)DDL: Swift.String = ", rawMultilineLiteral: ddl)
            }
        }
    }
}

/// An index with the names the generated code gives it and its fields.
private struct IndexNames {
    let index: Index
    /// The type alias of its first stage, nested in the model (`ByTitle`).
    let stage: String
    /// Its fields as Swift string literals: `"title", "count"`.
    let fieldLiterals: TextBuffer
    /// Its fields and `_creationTime`, for doc comments: `title, count, _creationTime`.
    let fieldList: TextBuffer
}
