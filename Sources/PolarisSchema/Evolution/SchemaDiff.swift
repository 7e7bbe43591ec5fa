/// `polaris diff OLD NEW`: every change between two versions of a schema,
/// judged by the rules of spec/evolution.md, one diagnostic each: placed in
/// NEW, or in OLD for what was removed.
public enum SchemaDiff {
    /// The changes from `old` (read from `oldFile`) to `new` (from `newFile`):
    /// tables in NEW's order, then removed tables, then functions likewise.
    public static func diagnostics(old: Schema, oldFile: String, new: Schema, newFile: String) -> [Diagnostic] {
        var differ = SchemaDiffer(old: old, oldFile: oldFile, new: new, newFile: newFile)
        differ.compareTables()
        differ.compareFunctions()
        return differ.diagnostics
    }
}

/// Walks both schemas side by side, collecting diagnostics.
struct SchemaDiffer {
    let old: Schema
    let oldFile: String
    let new: Schema
    let newFile: String
    private(set) var diagnostics: [Diagnostic] = []

    init(old: Schema, oldFile: String, new: Schema, newFile: String) {
        self.old = old
        self.oldFile = oldFile
        self.new = new
        self.newFile = newFile
    }

    /// A diagnostic at `location` in NEW.
    mutating func report(_ severity: Severity, _ message: String, at location: SourceLocation) {
        diagnostics.append(Diagnostic(severity: severity, message: message, file: newFile, location: location))
    }

    /// A diagnostic at `location` in OLD, for what NEW no longer has.
    mutating func reportRemoved(_ severity: Severity, _ message: String, at location: SourceLocation) {
        diagnostics.append(Diagnostic(severity: severity, message: message, file: oldFile, location: location))
    }

    /// Whether OLD's `t` accepts the same values as NEW's `u`.
    func isUnchanged(_ t: SchemaType, _ u: SchemaType) -> Bool {
        isWidened(t, u) && isNarrowed(t, u)
    }

    /// Whether OLD's `t` <: NEW's `u`: every value of the old type is still accepted.
    func isWidened(_ t: SchemaType, _ u: SchemaType) -> Bool {
        var subtyping = Subtyping(old, new)
        return subtyping.isSubtype(t, u)
    }

    /// Whether NEW's `u` <: OLD's `t`: every value of the new type was one of the old.
    func isNarrowed(_ t: SchemaType, _ u: SchemaType) -> Bool {
        var subtyping = Subtyping(new, old)
        return subtyping.isSubtype(u, t)
    }
}

/// The three ways a type of OLD can relate to its counterpart in NEW.
enum TypeChange {
    case none, widened, other
}

extension SchemaDiffer {
    /// How OLD's `t` relates to NEW's `u`.
    func change(from t: SchemaType, to u: SchemaType) -> TypeChange {
        guard isWidened(t, u) else { return .other }
        return isNarrowed(t, u) ? .none : .widened
    }
}
