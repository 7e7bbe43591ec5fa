/// Where a value stands inside another: `toolCalls[2].id`.
public struct ValuePath: Hashable, Sendable, CustomStringConvertible {
    /// One step into an array or an object.
    public enum Component: Hashable, Sendable {
        case index(Int)
        case field(String)
    }

    public var components: [Component] = []

    public init(_ components: [Component] = []) {
        self.components = components
    }

    /// `toolCalls[2].id`; the empty path is `(root)`.
    public var description: String {
        var text = ""
        for component in components {
            switch component {
            case .index(let index): text += "[\(index)]"
            case .field(let name): text += text.isEmpty ? name : ".\(name)"
            }
        }
        return text.isEmpty ? "(root)" : text
    }
}

/// A value that breaks a rule of Convex values or of Convex JSON, with where and why.
public struct ValueError: Error, Hashable, Sendable, CustomStringConvertible {
    public var path: ValuePath
    public var message: String

    public init(path: ValuePath, message: String) {
        self.path = path
        self.message = message
    }

    public var description: String { "\(path): \(message)" }
}
