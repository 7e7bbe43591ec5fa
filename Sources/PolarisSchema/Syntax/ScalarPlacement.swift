extension YAMLScalar {
    /// The source location of the character at `offset` (counted in Unicode
    /// scalars) of the scalar's value.
    ///
    /// Exact for scalars written on one line, plain or quoted (escapes are
    /// walked); for a scalar spread over several lines, the scalar's start.
    func location(ofValueOffset offset: Int, in file: SourceFile) -> SourceLocation {
        guard location.line == endLocation.line else { return location }
        switch style {
        case .plain:
            return SourceLocation(line: location.line, column: location.column + offset)
        case .singleQuoted, .doubleQuoted:
            let source = Array(file.lineText(location.line).unicodeScalars)
            var index = location.column  // 0-based: the first character after the quote
            for _ in 0..<offset where index < source.count {
                index += sourceWidth(of: source, at: index)
            }
            return SourceLocation(line: location.line, column: index + 1)
        case .literal, .folded:
            return location
        }
    }

    /// How many source characters one value character takes at `index`.
    private func sourceWidth(of source: [Unicode.Scalar], at index: Int) -> Int {
        let next = index + 1 < source.count ? source[index + 1] : nil
        if style == .singleQuoted {
            return source[index] == "'" && next == "'" ? 2 : 1
        }
        guard source[index] == "\\", let next else { return 1 }
        switch next {
        case "x": return 4
        case "u": return 6
        case "U": return 10
        default: return 2
        }
    }
}
