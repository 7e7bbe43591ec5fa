import Foundation
import PolarisRuntime

extension Value {
    /// A request's `args`: the argument object, or the one-element array
    /// holding it (absent or empty: no arguments); nil when it is neither.
    var functionArguments: Value? {
        switch self[field: "args"] {
        case .object(let fields)?: .object(fields)
        case .array(let items)? where items.count == 1: items[0]
        case nil, .array([])?: .object([:])
        default: nil
        }
    }
}

/// Function paths as clients send them (`dir/file.js:name`, `file`) made
/// `module:function` (spec/convex-wire.md, section 2).
enum FunctionPath {
    static func canonical(_ path: String) -> String {
        let (module, function) = path.firstIndex(of: ":").map { (String(path[..<$0]), String(path[path.index(after: $0)...])) }
            ?? (path, "default")
        let bare = module.hasSuffix(".js") ? String(module.dropLast(3)) : module
        return bare + ":" + function
    }
}

/// How a function's failure goes over the wire: the message, and the data of
/// an application error (Convex's `ConvexError`), which clients raise as such.
struct WireError {
    let message: String
    let data: Value?

    /// `messageKey` with the message, then `errorData` when there is data:
    /// clients take its presence, even as null, for an application error.
    func fields(messageKey: String) -> [(String, WireJSON)] {
        [(messageKey, .string(message))] + (data.map { [("errorData", .value($0))] } ?? [])
    }

    init(_ error: FunctionError) {
        switch error {
        case .application(let message, let data):
            self.message = message
            self.data = data ?? .string(message)
        case .unknownFunction(let path):
            message = "Could not find public function for '\(path)'."
            data = nil
        default:
            message = error.description
            data = nil
        }
    }
}
