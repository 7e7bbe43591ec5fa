/// How serious a diagnostic is.
public enum Severity: String, Sendable, Hashable {
    case error
    case warning
    case note
}

/// One message about a place in a schema file, as swiftc reports them.
public struct Diagnostic: Hashable, Sendable {
    /// Error, warning or note.
    public var severity: Severity
    /// What is wrong and what is expected.
    public var message: String
    /// The file, named as the user gave it.
    public var file: String
    /// Where in the file.
    public var location: SourceLocation
    /// Notes that belong to this diagnostic, shown right after it.
    public var notes: [Diagnostic]

    /// Creates a diagnostic.
    public init(
        severity: Severity, message: String, file: String,
        location: SourceLocation, notes: [Diagnostic] = []
    ) {
        self.severity = severity
        self.message = message
        self.file = file
        self.location = location
        self.notes = notes
    }
}
