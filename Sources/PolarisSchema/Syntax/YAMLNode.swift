/// A YAML scalar with the place where it starts and ends.
struct YAMLScalar {
    /// How the scalar was written.
    enum Style { case plain, singleQuoted, doubleQuoted, literal, folded }

    var value: String
    var style: Style
    var location: SourceLocation
    var endLocation: SourceLocation

    /// A plain scalar that YAML would read as null (`key:` with nothing after it, `~`, `null`).
    var isNull: Bool { style == .plain && (value.isEmpty || value == "~" || value == "null" || value == "Null" || value == "NULL") }
}

/// A key and its value in a YAML mapping.
struct YAMLEntry {
    var key: YAMLScalar
    var value: YAMLNode
}

/// A YAML mapping, its entries in source order.
struct YAMLMapping {
    var location: SourceLocation
    var entries: [YAMLEntry]
}

/// A YAML sequence.
struct YAMLSequence {
    var location: SourceLocation
    var items: [YAMLNode]
}

/// A node of the YAML tree, each knowing where it stands.
enum YAMLNode {
    case scalar(YAMLScalar)
    case mapping(YAMLMapping)
    case sequence(YAMLSequence)
    /// A node that was already reported as an error (an alias, a node with an
    /// anchor or a tag); later stages pass over it silently.
    case invalid(SourceLocation)

    var location: SourceLocation {
        switch self {
        case .scalar(let scalar): scalar.location
        case .mapping(let mapping): mapping.location
        case .sequence(let sequence): sequence.location
        case .invalid(let location): location
        }
    }
}
