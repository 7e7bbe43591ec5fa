/// `<Prefix>Functions.swift`: per module, the argument types, the handler
/// protocol the backend implements, and the glue that registers it.
struct SwiftFunctionsRenderer {
    let context: SwiftGenerationContext

    /// A function as the generated code sees it.
    struct Signature {
        let function: Function
        /// The arguments' struct; nil when the handler gets none.
        let arguments: SwiftStruct?
        /// nil when the function returns nothing (`null`).
        let result: SwiftTypeRef?
        let method: String

        var contextType: String {
            function.kind == .query ? "PolarisRuntime.QueryContext" : "PolarisRuntime.MutationContext"
        }

        var argumentsValidator: String { arguments.map { "\($0.qualifiedName).validator" } ?? ".object([])" }
    }

    /// The signatures of a module's functions, with the types they declare in its namespace.
    func signatures(_ module: FunctionModule) -> (signatures: [Signature], declarations: [SwiftDeclaration]) {
        let namespace = SwiftGenerator.moduleTypeNames(module.name).functions
        var scope = context.resolver.scope(inside: namespace)
        var signatures: [Signature] = []
        for function in module.functions {
            let fields = function.arguments.filter { !(function.access == .internal && $0.name == "internalKey") }
            var arguments: SwiftStruct?
            if !fields.isEmpty {
                let name = scope.allocate(SwiftNaming.upperCamel(function.name) + "Args")
                let structure = context.resolver.structure(
                    name: name, qualifiedName: scope.qualify(name), doc: "The arguments of `\(function.path)`.",
                    fields: fields)
                scope.declarations.append(.structure(structure))
                arguments = structure
            }
            let result = function.returns == .null
                ? nil : context.resolver.reference(
                    function.returns, hint: SwiftNaming.upperCamel(function.name) + "Result", in: &scope)
            signatures.append(Signature(
                function: function, arguments: arguments, result: result, method: SwiftNaming.escaped(function.name)))
        }
        return (signatures, scope.declarations)
    }

    func file() -> String {
        var out = SwiftText()
        out.line("import Foundation")
        out.line("import PolarisRuntime")
        for module in context.schema.modules {
            let names = SwiftGenerator.moduleTypeNames(module.name)
            let (signatures, declarations) = signatures(module)
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
        out.line()
        out.versionCheck()
        return out.text
    }

    private func handlerParameters(_ signature: Signature) -> String {
        var parameters = ["_ context: \(signature.contextType)"]
        switch signature.function.access {
        case .user: parameters.append("identity: PolarisRuntime.Identity")
        case .public: parameters.append("identity: PolarisRuntime.Identity?")
        case .internal: break
        }
        if let arguments = signature.arguments { parameters.append("_ arguments: \(arguments.qualifiedName)") }
        return parameters.joined(separator: ", ")
    }

    private func renderRegistration(_ signature: Signature, into out: inout SwiftText) {
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
        out.line(
            "registry.\(kind)(\(SwiftNaming.stringLiteral(function.path)), access: .\(function.access.rawValue), "
                + "arguments: \(signature.argumentsValidator), returns: \(signature.result?.validator ?? ".null")) { context, arguments in")
        if let result = signature.result {
            let type = result.name.hasSuffix("?") ? "Swift.Optional<\(result.name.dropLast())>" : result.name
            out.line("    \(type).convexValue(of: \(invocation))")
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
             type: SwiftGenerator.moduleTypeNames(module.name).handlers)
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
