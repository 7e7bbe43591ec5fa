/// What checking one schema file gives: every diagnostic, and the checked
/// schema when there was no error.
public struct CheckResult: Sendable {
    /// The checked schema; nil when any error was reported.
    public let schema: Schema?
    /// Every error, warning and note, in source order.
    public let diagnostics: [Diagnostic]

    /// Whether any diagnostic is an error.
    public var hasErrors: Bool { diagnostics.contains { $0.severity == .error } }
}

/// The compiler's front end: YAML with source marks, type expressions, and
/// every rule of the schema language.
public enum SchemaCompiler {
    /// Parses and checks one schema file, reporting every problem in it.
    public static func check(_ file: SourceFile) -> CheckResult {
        SchemaChecker(file: file).run()
    }
}
