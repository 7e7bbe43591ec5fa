import Testing
@testable import PolarisSchema

/// Diffs two schema texts (`old.yaml`, `new.yaml`) and gives each diagnostic
/// as one line, `FILE:LINE:COLUMN: SEVERITY: MESSAGE`.
func diff(_ old: String, _ new: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) -> [String] {
    func schema(_ text: String, _ path: String) -> Schema? {
        let result = SchemaCompiler.check(SourceFile(path: path, text: text))
        #expect(result.schema != nil, "\(path) has errors: \(result.diagnostics.map(\.message))", sourceLocation: sourceLocation)
        return result.schema
    }
    guard let before = schema(old, "old.yaml"), let after = schema(new, "new.yaml") else { return [] }
    return SchemaDiff.diagnostics(old: before, oldFile: "old.yaml", new: after, newFile: "new.yaml").map {
        "\($0.file):\($0.location.line):\($0.location.column): \($0.severity.rawValue): \($0.message)"
    }
}

/// A schema of one table `t` with the given `fields:` lines (indented by 6).
func table(_ fields: String, indexes: String = "") -> String {
    """
    version: 1
    tables:
      t:
        fields:
    \(fields)
    """ + (indexes.isEmpty ? "" : "\n    indexes:\n" + indexes)
}

/// A schema with no tables and one function `m:f`, given its lines (indented by 6).
func function(_ lines: String) -> String {
    """
    version: 1
    tables:
      t: { fields: { a: string } }
    functions:
      m:
        f:
    \(lines)
    """
}
