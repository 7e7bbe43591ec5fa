/// `<Prefix>Functions.swift`: per module, the argument types, the handler
/// protocol the backend implements, and the glue that registers it.
struct SwiftFunctionsRenderer {
    let context: SwiftGenerationContext

    func file() -> [UInt8] {
        SwiftText.file(schemaName: context.schemaFileName) { out in
            for (module, signatures, declarations) in context.functionModules {
                let names = SwiftNames.moduleTypeNames(module.name)
                out.line()
                out.line("/// The argument and result types of the functions of `\(module.name)`.")
                out.block("public enum \(names.functions)") { out in
                    for (position, declaration) in declarations.enumerated() {
                        if position > 0 { out.line() }
                        SwiftModelRenderer.render(declaration, into: &out)
                    }
                }
                out.line()
                out.line("/// What the backend implements for the functions of `\(module.name)`.")
                out.block("public protocol \(names.handlers): Swift.Sendable") { out in
                    for (position, signature) in signatures.enumerated() {
                        if position > 0 { out.line() }
                        out.doc(signature.function.doc ?? "`\(signature.function.path)`")
                        out.line("func \(signature.method)(\(handlerParameters(signature))) throws\(signature.result.map { " -> \($0.name)" } ?? "")")
                    }
                }
                out.line()
                out.block("extension \(names.handlers)") { out in
                    out.line("/// Registers these handlers as the functions `\(module.name):*`.")
                    out.block("public func register(in registry: inout PolarisRuntime.FunctionRegistry)") { out in
                        for signature in signatures { renderRegistration(signature, into: &out) }
                    }
                }
            }
            if !context.schema.modules.isEmpty {
                out.line()
                renderRegistryInitializer(into: &out)
            }
        }
    }

    private func handlerParameters(_ signature: SwiftFunctionSignature) -> String {
        var parameters = ["_ context: \(signature.contextType)"]
        switch signature.function.access {
        case .user: parameters.append("identity: PolarisRuntime.Identity")
        case .public: parameters.append("identity: PolarisRuntime.Identity?")
        case .internal: break
        }
        if let arguments = signature.arguments { parameters.append("_ arguments: \(arguments.qualifiedName)") }
        return parameters.joined(separator: ", ")
    }

    private func renderRegistration(_ signature: SwiftFunctionSignature, into out: inout SwiftText) {
        let function = signature.function
        let kind = function.kind == .query ? "query" : "mutation"
        var call = ["context"]
        switch function.access {
        case .user: call.append("identity: context.requireIdentity()")
        case .public: call.append("identity: context.identity")
        case .internal: break
        }
        if let arguments = signature.arguments { call.append("\(arguments.qualifiedName)(convexValue: arguments)") }
        let invocation = "try self.\(signature.method)(\(call.joined(separator: ", ")))"
        let returns = signature.result?.validator ?? ".null"
        out.line(
            """
            registry.\(kind)(\(literal: function.path), access: .\(function.access.rawValue), \
            arguments: \(signature.argumentsValidator), returns: \(returns)) { context, arguments in
            """)
        if let result = signature.result {
            out.line("    \(result.expressionName).convexValue(of: \(invocation))")
        } else {
            out.line("    \(invocation)")
            out.line("    return .null")
        }
        out.line("}")
    }

    /// `FunctionRegistry(projects:files:...)`: every module's handlers, none forgotten.
    private func renderRegistryInitializer(into out: inout SwiftText) {
        var labels = NameAllocator(taken: [])
        let parameters = context.schema.modules.map { module in
            (label: SwiftNaming.escaped(labels.allocate(SwiftNaming.lowerCamel(module.name))),
             type: SwiftNames.moduleTypeNames(module.name).handlers)
        }
        out.block("extension PolarisRuntime.FunctionRegistry") { out in
            out.line("/// A registry of every function of the schema, served by these handlers.")
            let list = parameters.enumerated().map { "\($1.label) handlers\($0): some \($1.type)" }
            out.block("public init(\(list.joined(separator: ", ")))") { out in
                out.line("self.init()")
                for position in parameters.indices { out.line("handlers\(position).register(in: &self)") }
            }
        }
    }
}
