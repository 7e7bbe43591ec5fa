/// Collects the diagnostics of one file: every problem, each once.
struct DiagnosticEngine {
    let file: String
    private var collected: [Diagnostic] = []
    private var seen: Set<Diagnostic> = []

    init(file: String) {
        self.file = file
    }

    /// How many errors were reported.
    private(set) var errorCount = 0

    /// Whether any error was reported.
    var hasErrors: Bool { errorCount > 0 }

    /// How many times anything was reported, repeats included: unchanged
    /// across a step means the step found nothing wrong.
    private(set) var reportCount = 0

    /// Reports an error, optionally with notes at other places.
    mutating func error(_ message: String, at location: SourceLocation, notes: [(String, SourceLocation)] = []) {
        report(.error, message, at: location, notes: notes)
    }

    /// Reports a warning.
    mutating func warning(_ message: String, at location: SourceLocation) {
        report(.warning, message, at: location, notes: [])
    }

    private mutating func report(
        _ severity: Severity, _ message: String, at location: SourceLocation, notes: [(String, SourceLocation)]
    ) {
        reportCount += 1
        let diagnostic = Diagnostic(
            severity: severity, message: message, file: file, location: location,
            notes: notes.map { Diagnostic(severity: .note, message: $0.0, file: file, location: $0.1) })
        guard seen.insert(diagnostic).inserted else { return }
        if severity == .error { errorCount += 1 }
        collected.append(diagnostic)
    }

    /// The diagnostics in source order (stable for one place).
    var diagnostics: [Diagnostic] {
        collected.enumerated().sorted { lhs, rhs in
            lhs.element.location == rhs.element.location
                ? lhs.offset < rhs.offset : lhs.element.location < rhs.element.location
        }.map(\.element)
    }
}
