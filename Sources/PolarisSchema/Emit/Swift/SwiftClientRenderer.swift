/// `<Prefix>Client.swift`: `PolarisAPI`, a typed call per function over a
/// `PolarisTransport` (`try await api.projects.create(name: "Site")`), a
/// `QueryCall` per query for subscriptions and optimistic updates
/// (`api.projects.getQuery().subscribe()`), and an optional optimistic
/// update on each mutation.
struct SwiftClientRenderer {
    let context: SwiftGenerationContext

    func file() -> [UInt8] {
        SwiftText.file(schemaName: context.schemaFileName) { out in
            out.line()
            var properties = NameAllocator(taken: ["transport", "init"])
            let modules = context.schema.modules.map { module in
                (module, SwiftNaming.escaped(properties.allocate(SwiftNaming.lowerCamel(module.name))))
            }
            out.line("/// The schema's functions, typed, over a transport (PolarisClient's `PolarisSyncClient`, or another).")
            out.block("public struct PolarisAPI: Swift.Sendable") { out in
                Self.renderTransport(into: &out)
                for (module, property) in modules {
                    out.line()
                    out.line("/// The functions of `\(module.name)`.")
                    let client = SwiftNames.moduleTypeNames(module.name).client
                    out.line("public var \(property): \(client) { \(client)(transport: self.transport) }")
                }
            }
            for ((module, _), (_, signatures, _)) in zip(modules, context.functionModules) {
                out.line()
                out.line("/// The functions of `\(module.name)`, typed.")
                out.block("public struct \(SwiftNames.moduleTypeNames(module.name).client): Swift.Sendable") { out in
                    Self.renderTransport(into: &out)
                    var methods = NameAllocator(taken: Set(["transport", "init"] + signatures.map(\.method)))
                    for signature in signatures {
                        let parameters = parameters(signature)
                        out.line()
                        renderCall(signature, parameters, into: &out)
                        if signature.function.kind == .query, let result = signature.result {
                            let method = methods.allocate(signature.method.filter { $0 != "`" } + "Query")
                            out.line()
                            renderQueryCall(signature, result: result, parameters, method: method, into: &out)
                        }
                    }
                }
            }
        }
    }

    /// The stored transport and the initializer every client type has.
    private static func renderTransport(into out: inout SwiftText) {
        out.line("public let transport: any PolarisRuntime.PolarisTransport")
        out.line()
        out.line("public init(transport: any PolarisRuntime.PolarisTransport) { self.transport = transport }")
    }

    /// A function's parameters, the Convex value of its arguments, and the
    /// name of the optimistic update's parameter (mutations only).
    private typealias Parameters = (declaration: TextBuffer, arguments: String, update: String?)

    private func parameters(_ signature: SwiftFunctionSignature) -> Parameters {
        let function = signature.function
        let members = signature.arguments?.members.filter { $0.fixedValue == nil } ?? []
        var parameters = members.map { ($0.property, $0.declaredType, $0.isOptional) }
        if function.access == .internal { parameters.insert(("internalKey", "Swift.String", false), at: 0) }
        var update: String?
        if function.kind == .mutation {
            var labels = NameAllocator(taken: Set(parameters.map(\.0)))
            update = labels.allocate("optimisticUpdate")
            parameters.append((update!, "PolarisRuntime.OptimisticUpdate?", true))
        }
        let list = SwiftParameters(parameters)
        var names = list.internalNames
        let key = function.access == .internal ? names.removeFirst() : nil
        var arguments = "PolarisRuntime.Value.object([:])"
        if let structure = signature.arguments {
            let labels = zip(members, names).map { "\($0.property.filter { $0 != "`" }): \($1)" }.joined(separator: ", ")
            arguments = "\(structure.qualifiedName).convexValue(of: \(structure.qualifiedName)(\(labels)))"
        }
        if let key { arguments = "PolarisRuntime.InternalKey.adding(\(key), to: \(arguments))" }
        return (list.declaration, arguments, update.map { _ in names.removeLast() })
    }

    private func renderCall(_ signature: SwiftFunctionSignature, _ parameters: Parameters, into out: inout SwiftText) {
        let function = signature.function
        let (declaration, arguments, update) = parameters
        let extra = update.map { ", optimisticUpdate: \($0)" } ?? ""
        let call = "await self.transport.\(function.kind.rawValue)(\(SwiftNaming.stringLiteral(function.path)), arguments: \(arguments)\(extra))"
        out.doc(function.doc ?? "`\(function.path)`")
        let returns = signature.result.map { " -> \($0.name)" } ?? ""
        out.block("public func \(signature.method)(\(declaration)) async throws\(returns)") { out in
            if let result = signature.result {
                out.line("try \(result.expressionName)(convexValue: \(call))")
            } else {
                out.line("_ = try \(call)")
            }
        }
    }

    /// `<query>Query(...)`: the query and its arguments as a `QueryCall`.
    private func renderQueryCall(
        _ signature: SwiftFunctionSignature, result: SwiftTypeRef, _ parameters: Parameters, method: String, into out: inout SwiftText
    ) {
        let (declaration, arguments, _) = parameters
        out.line("/// `\(signature.function.path)` with its arguments: subscribe to it, or read and set its result in an optimistic update.")
        out.block("public func \(SwiftNaming.escaped(method))(\(declaration)) -> PolarisRuntime.QueryCall<\(result.name)>") { out in
            out.line("PolarisRuntime.QueryCall(")
            out.line("    transport: self.transport, path: \(SwiftNaming.stringLiteral(signature.function.path)), arguments: \(arguments),")
            out.line("    decode: { try \(result.expressionName)(convexValue: $0) }, encode: { \(result.expressionName).convexValue(of: $0) })")
        }
    }
}
