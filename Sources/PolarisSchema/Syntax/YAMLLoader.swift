import CLibYAML

/// Reads a YAML file into a tree of nodes with their source marks, from
/// libyaml's event stream.
///
/// Every duplicate key is reported (at the later occurrence), not only the
/// first; anchors, aliases, merge keys and tags are rejected because they
/// would lose the positions the checker reports; nesting deeper than
/// `maximumDepth` ends the load with a diagnostic.
enum YAMLLoader {
    /// The deepest nesting of mappings and sequences that is built.
    static let maximumDepth = 64
    /// The largest file that is read.
    static let maximumBytes = 64 << 20

    /// Loads the file's one document, reporting every problem; nil when the
    /// file is not well-formed YAML.
    static func load(_ file: SourceFile, into diagnostics: inout DiagnosticEngine) -> YAMLNode? {
        let start = SourceLocation(line: 1, column: 1)
        guard file.bytes.count <= maximumBytes else {
            diagnostics.error(
                "the schema file is too large (\(file.bytes.count) bytes; at most \(maximumBytes) are read)", at: start)
            return nil
        }
        var builder = TreeBuilder(file: file)
        let wellFormed = file.bytes.withUnsafeBufferPointer { buffer in
            builder.run(buffer, diagnostics: &diagnostics)
        }
        guard wellFormed else { return nil }
        guard let root = builder.root else {
            diagnostics.error("the schema file is empty; expected a mapping with 'version' and 'tables'", at: start)
            return nil
        }
        return root
    }
}

/// The state of one load: a stack of open mappings and sequences.
private struct TreeBuilder {
    /// What an open mapping expects next.
    enum KeyState {
        case awaitingKey
        case awaitingValue(YAMLScalar)
        /// The key was rejected (duplicate, merge key, not a scalar): drop its value.
        case skippingValue
    }

    struct Frame {
        var isMapping: Bool
        var location: SourceLocation
        var items: [YAMLNode] = []
        var entries: [YAMLEntry] = []
        var keyState = KeyState.awaitingKey
        /// The keys of `entries` by name, once there are enough of them that a
        /// linear search for duplicates would cost more.
        var keyIndex: [String: SourceLocation]?

        /// Where `key` first stands in this mapping, if it does.
        mutating func firstLocation(of key: String) -> SourceLocation? {
            if keyIndex == nil, entries.count >= 16 {
                keyIndex = Dictionary(entries.map { ($0.key.value, $0.key.location) }, uniquingKeysWith: { first, _ in first })
            }
            if let keyIndex { return keyIndex[key] }
            return entries.first { $0.key.value == key }?.key.location
        }
    }

    let file: SourceFile
    var root: YAMLNode?
    var stack: [Frame] = []
    /// While skipping a rejected subtree (one with an anchor or a tag): how many levels are open.
    var skippedLevels = 0
    /// Whether the nesting went deeper than `YAMLLoader.maximumDepth`, which ends the load.
    var tooDeep = false
    var documents = 0

    init(file: SourceFile) {
        self.file = file
    }

    /// Feeds libyaml's events into the tree; false on a YAML syntax error.
    mutating func run(_ buffer: UnsafeBufferPointer<UInt8>, diagnostics: inout DiagnosticEngine) -> Bool {
        var parser = yaml_parser_t()
        guard yaml_parser_initialize(&parser) == 1 else {
            diagnostics.error("out of memory while reading YAML", at: SourceLocation(line: 1, column: 1))
            return false
        }
        defer { yaml_parser_delete(&parser) }
        yaml_parser_set_input_string(&parser, buffer.baseAddress, buffer.count)
        var event = yaml_event_t()
        while true {
            guard yaml_parser_parse(&parser, &event) == 1 else {
                reportSyntaxError(parser, diagnostics: &diagnostics)
                return false
            }
            defer { yaml_event_delete(&event) }
            if event.type == YAML_STREAM_END_EVENT { return true }
            if !handle(event, diagnostics: &diagnostics) { return !tooDeep }
        }
    }

    /// Handles one event; false when the rest of the stream is to be ignored
    /// (a second document, or nesting too deep).
    private mutating func handle(_ event: yaml_event_t, diagnostics: inout DiagnosticEngine) -> Bool {
        let location = Self.location(event.start_mark)
        switch event.type {
        case YAML_DOCUMENT_START_EVENT:
            documents += 1
            if documents > 1 {
                diagnostics.error("a schema file holds one YAML document; another one starts here", at: location)
                return false
            }
        case YAML_ALIAS_EVENT:
            if skippedLevels == 0 {
                diagnostics.error(
                    "YAML aliases ('*\(Self.string(event.data.alias.anchor))') are not supported; write the value out",
                    at: location)
                add(.invalid(location), diagnostics: &diagnostics)
            }
        case YAML_SCALAR_EVENT:
            guard skippedLevels == 0 else { break }
            let scalar = event.data.scalar
            guard properties(anchor: scalar.anchor, tag: scalar.tag, at: location, diagnostics: &diagnostics) else {
                add(.invalid(location), diagnostics: &diagnostics)
                break
            }
            let node = YAMLScalar(
                value: String(decoding: UnsafeBufferPointer(start: scalar.value, count: scalar.length), as: UTF8.self),
                style: Self.style(scalar.style), location: location, endLocation: Self.location(event.end_mark))
            add(.scalar(node), diagnostics: &diagnostics)
        case YAML_SEQUENCE_START_EVENT, YAML_MAPPING_START_EVENT:
            if stack.count + skippedLevels >= YAMLLoader.maximumDepth {
                // Stop here: libyaml's cost grows with the square of the nesting.
                diagnostics.error(
                    "the schema is nested too deeply (more than \(YAMLLoader.maximumDepth) levels)", at: location)
                tooDeep = true
                return false
            }
            if skippedLevels > 0 {
                skippedLevels += 1
                break
            }
            let isMapping = event.type == YAML_MAPPING_START_EVENT
            let (anchor, tag) = isMapping
                ? (event.data.mapping_start.anchor, event.data.mapping_start.tag)
                : (event.data.sequence_start.anchor, event.data.sequence_start.tag)
            if !properties(anchor: anchor, tag: tag, at: location, diagnostics: &diagnostics) {
                skippedLevels = 1
            }
            stack.append(Frame(isMapping: isMapping, location: location))
        case YAML_SEQUENCE_END_EVENT, YAML_MAPPING_END_EVENT:
            if skippedLevels > 1 {
                skippedLevels -= 1
                break
            }
            let frame = stack.removeLast()
            if skippedLevels == 1 {
                skippedLevels = 0
                add(.invalid(frame.location), diagnostics: &diagnostics)
            } else if frame.isMapping {
                add(.mapping(YAMLMapping(location: frame.location, entries: frame.entries)), diagnostics: &diagnostics)
            } else {
                add(.sequence(YAMLSequence(location: frame.location, items: frame.items)), diagnostics: &diagnostics)
            }
        default:
            break
        }
        return true
    }

    /// Rejects anchors and tags; true when the node has neither.
    private func properties(
        anchor: UnsafeMutablePointer<yaml_char_t>?, tag: UnsafeMutablePointer<yaml_char_t>?,
        at location: SourceLocation, diagnostics: inout DiagnosticEngine
    ) -> Bool {
        if let anchor {
            diagnostics.error(
                "YAML anchors ('&\(Self.string(anchor))') are not supported; write the value out", at: location)
            return false
        }
        if let tag {
            let written = Self.string(tag).replacingPrefix("tag:yaml.org,2002:", with: "!!")
            diagnostics.error("YAML tags ('\(written)') are not supported; write the value without one", at: location)
            return false
        }
        return true
    }

    /// Adds a finished node to the open mapping or sequence, or makes it the root.
    private mutating func add(_ node: YAMLNode, diagnostics: inout DiagnosticEngine) {
        guard !stack.isEmpty else {
            root = node
            return
        }
        let top = stack.count - 1
        guard stack[top].isMapping else {
            stack[top].items.append(node)
            return
        }
        switch stack[top].keyState {
        case .awaitingValue(let key):
            stack[top].entries.append(YAMLEntry(key: key, value: node))
            stack[top].keyState = .awaitingKey
        case .skippingValue:
            stack[top].keyState = .awaitingKey
        case .awaitingKey:
            stack[top].keyState = .skippingValue
            guard case .scalar(let key) = node else {
                if case .invalid = node { return }
                diagnostics.error("a key must be a name, not a list or a mapping", at: node.location)
                return
            }
            if key.style == .plain && key.value == "<<" {
                diagnostics.error("YAML merge keys ('<<') are not supported; write the entries out", at: key.location)
            } else if let first = stack[top].firstLocation(of: key.value) {
                diagnostics.error(
                    "duplicate key '\(key.value)'", at: key.location,
                    notes: [("'\(key.value)' is first defined here", first)])
            } else {
                stack[top].keyIndex?[key.value] = key.location
                stack[top].keyState = .awaitingValue(key)
            }
        }
    }

    private func reportSyntaxError(_ parser: yaml_parser_t, diagnostics: inout DiagnosticEngine) {
        let location = Self.location(parser.problem_mark)
        let problem = parser.problem.map { String(cString: $0) } ?? "unreadable input"
        let character = file.lineText(location.line).unicodeScalars.dropFirst(location.column - 1).first
        if character == "\t" || problem.contains("tab") {
            diagnostics.error("invalid YAML: a tab character cannot indent YAML; use spaces", at: location)
            return
        }
        var notes: [(String, SourceLocation)] = []
        if let context = parser.context {
            let contextLocation = Self.location(parser.context_mark)
            if contextLocation != location {
                notes.append(("\(String(cString: context)) that starts here", contextLocation))
            }
        }
        diagnostics.error("invalid YAML: \(problem)", at: location, notes: notes)
    }

    private static func location(_ mark: yaml_mark_t) -> SourceLocation {
        SourceLocation(line: Int(mark.line) + 1, column: Int(mark.column) + 1)
    }

    private static func string(_ pointer: UnsafeMutablePointer<yaml_char_t>) -> String {
        String(cString: UnsafeRawPointer(pointer).assumingMemoryBound(to: CChar.self))
    }

    private static func style(_ style: yaml_scalar_style_t) -> YAMLScalar.Style {
        switch style {
        case YAML_SINGLE_QUOTED_SCALAR_STYLE: .singleQuoted
        case YAML_DOUBLE_QUOTED_SCALAR_STYLE: .doubleQuoted
        case YAML_LITERAL_SCALAR_STYLE: .literal
        case YAML_FOLDED_SCALAR_STYLE: .folded
        default: .plain
        }
    }
}

extension String {
    fileprivate func replacingPrefix(_ prefix: String, with replacement: String) -> String {
        hasPrefix(prefix) ? replacement + dropFirst(prefix.count) : self
    }
}
