/// Renders diagnostics as swiftc does (`FILE:LINE:COLUMN: error: MESSAGE`, the
/// source line, a caret) or as a JSON array.
public enum DiagnosticRenderer {
    /// The text form: each diagnostic and its notes, each followed by its
    /// source line and a caret under the column.
    ///
    /// - Parameter sources: the files, by the path diagnostics name them by.
    public static func text(_ diagnostics: [Diagnostic], sources: [String: SourceFile]) -> String {
        var out = ""
        for diagnostic in diagnostics {
            for item in [diagnostic] + diagnostic.notes {
                let place = item.location
                out += "\(item.file):\(place.line):\(place.column): \(item.severity.rawValue): \(item.message)\n"
                let line = sources[item.file]?.lineText(place.line) ?? ""
                out += line + "\n" + caret(under: place.column, in: line) + "\n"
            }
        }
        return out
    }

    /// Spaces (tabs where the line has them) up to the column, then `^`.
    private static func caret(under column: Int, in line: String) -> String {
        var prefix = ""
        for scalar in line.unicodeScalars.prefix(max(0, column - 1)) {
            prefix.append(scalar == "\t" ? "\t" : " ")
        }
        let missing = max(0, column - 1 - line.unicodeScalars.count)
        return prefix + String(repeating: " ", count: missing) + "^"
    }

    /// The JSON form: one array of `{"file", "line", "column", "severity",
    /// "message"}` objects, notes right after the diagnostic they belong to.
    public static func json(_ diagnostics: [Diagnostic]) -> String {
        let objects = diagnostics.flatMap { [$0] + $0.notes }.map { item in
            "  {\"file\": \(quoted(item.file)), \"line\": \(item.location.line), "
                + "\"column\": \(item.location.column), \"severity\": \(quoted(item.severity.rawValue)), "
                + "\"message\": \(quoted(item.message))}"
        }
        return objects.isEmpty ? "[]\n" : "[\n" + objects.joined(separator: ",\n") + "\n]\n"
    }

    /// A JSON string literal.
    static func quoted(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case _ where scalar.value < 0x20:
                let hex = String(scalar.value, radix: 16)
                out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }
}
