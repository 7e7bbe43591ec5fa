/// A function as the generated code sees it.
struct SwiftFunctionSignature {
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

extension SwiftTypeResolver {
    /// The signatures of a module's functions, with the types they declare in its namespace.
    func signatures(_ module: FunctionModule) -> (signatures: [SwiftFunctionSignature], declarations: [SwiftDeclaration]) {
        let namespace = SwiftNames.moduleTypeNames(module.name).functions
        var scope = self.scope(inside: namespace)
        var signatures: [SwiftFunctionSignature] = []
        for function in module.functions {
            let fields = function.arguments.filter { !(function.access == .internal && $0.name == "internalKey") }
            var arguments: SwiftStruct?
            if !fields.isEmpty {
                let name = scope.allocate(SwiftNaming.upperCamel(function.name) + "Args")
                let structure = self.structure(
                    name: name, qualifiedName: scope.qualify(name), doc: "The arguments of `\(function.path)`.",
                    fields: fields)
                scope.declarations.append(.structure(structure))
                arguments = structure
            }
            let result = function.returns == .null
                ? nil : reference(
                    function.returns, hint: SwiftNaming.upperCamel(function.name) + "Result", in: &scope)
            signatures.append(SwiftFunctionSignature(
                function: function, arguments: arguments, result: result, method: SwiftNaming.escaped(function.name)))
        }
        return (signatures, scope.declarations)
    }
}
