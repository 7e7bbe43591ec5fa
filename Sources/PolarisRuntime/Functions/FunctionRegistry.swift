/// Who may call a function (the schema's `access:`).
public enum FunctionAccess: String, Hashable, Sendable {
    /// Anyone; the handler gets the identity if there is one.
    case `public`
    /// An authenticated caller.
    case user
    /// Whoever holds the internal key, passed as the `internalKey` argument.
    case `internal`
}

/// The functions a backend serves, by `"module:function"`. Generated
/// `register(in:)` methods fill it; a store or a server runs calls through it.
public struct FunctionRegistry: Sendable {
    /// A registered function.
    public struct Function: Sendable {
        public enum Handler: Sendable {
            case query(@Sendable (QueryContext, Value) throws -> Value)
            case mutation(@Sendable (MutationContext, Value) throws -> Value)
        }

        public let path: String
        public let access: FunctionAccess
        /// Accepts the arguments a handler sees (for `internal`, without `internalKey`).
        public let arguments: Validator
        /// Accepts what the function returns.
        public let returns: Validator
        public let handler: Handler

        /// Whether the function only reads.
        public var isQuery: Bool {
            if case .query = handler { true } else { false }
        }
    }

    /// The functions, by path.
    public private(set) var functions: [String: Function] = [:]

    /// An empty registry.
    public init() {}

    /// Registers a query.
    public mutating func query(
        _ path: String, access: FunctionAccess, arguments: Validator, returns: Validator,
        _ run: @escaping @Sendable (QueryContext, Value) throws -> Value
    ) {
        functions[path] = Function(path: path, access: access, arguments: arguments, returns: returns, handler: .query(run))
    }

    /// Registers a mutation.
    public mutating func mutation(
        _ path: String, access: FunctionAccess, arguments: Validator, returns: Validator,
        _ run: @escaping @Sendable (MutationContext, Value) throws -> Value
    ) {
        functions[path] = Function(
            path: path, access: access, arguments: arguments, returns: returns, handler: .mutation(run))
    }

    /// Looks up `path` and checks a call of it: access (an identity for
    /// `user`, the internal key for `internal`, which is then removed) and
    /// the arguments. Returns the function and the arguments its handler gets.
    public func prepare(
        _ path: String, arguments: Value, identity: Identity?, internalKey: String?
    ) throws -> (function: Function, arguments: Value) {
        guard let function = functions[path] else { throw FunctionError.unknownFunction(path) }
        var arguments = arguments
        switch function.access {
        case .public: break
        case .user:
            guard identity != nil else { throw FunctionError.unauthenticated }
        case .internal:
            guard case .object(var fields) = arguments, case .string(let given)? = fields["internalKey"] else {
                throw FunctionError.unauthorized("'\(path)' needs the internal key as the 'internalKey' argument")
            }
            guard let internalKey, InternalKey.matches(given, internalKey) else {
                throw FunctionError.unauthorized("the internal key of '\(path)' is wrong")
            }
            fields["internalKey"] = nil
            arguments = .object(fields)
        }
        do {
            try function.arguments.validate(arguments)
        } catch {
            throw FunctionError.invalidArguments(error)
        }
        return (function, arguments)
    }

    /// Checks a handler's result against the function's `returns:` type.
    public static func checkResult(_ result: Value, of function: Function) throws -> Value {
        do {
            try function.returns.validate(result)
        } catch {
            throw FunctionError.invalidResult(error)
        }
        return result
    }
}

/// The internal key of the seed's trusted background jobs.
public enum InternalKey {
    /// Compares in time that depends only on the lengths, never on where the keys differ.
    public static func matches(_ given: String, _ expected: String) -> Bool {
        let a = Array(given.utf8)
        let b = Array(expected.utf8)
        var difference = UInt8(a.count == b.count ? 0 : 1)
        for index in 0..<max(a.count, b.count) {
            difference |= (index < a.count ? a[index] : 0) ^ (index < b.count ? b[index] : 0)
        }
        return difference == 0
    }

    /// `arguments` with the `internalKey` field a call of an internal function carries.
    public static func adding(_ key: String, to arguments: Value) -> Value {
        guard case .object(var fields) = arguments else { return arguments }
        fields["internalKey"] = .string(key)
        return .object(fields)
    }
}
