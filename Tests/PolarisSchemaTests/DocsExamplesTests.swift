import Foundation
import Testing
@testable import PolarisSchema

/// Every ```yaml example in docs/ is checked. An example followed by a
/// ```console block that starts with `$ polaris check example.yaml` must give
/// exactly the output shown there; any other example must check clean.
@Suite struct DocsExamplesTests {
    struct Example: CustomTestStringConvertible, Sendable {
        var document: String
        var line: Int
        var yaml: String
        /// The diagnostics the docs show for it, if any.
        var expected: String?

        var testDescription: String { "\(document):\(line)" }
    }

    static let docs = Fixtures.root.deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("docs")

    static let examples: [Example] = {
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: docs.path)) ?? []).filter { $0.hasSuffix(".md") }
        return names.sorted().flatMap { name -> [Example] in
            let text = (try? String(contentsOf: docs.appendingPathComponent(name), encoding: .utf8)) ?? ""
            return examples(in: text, document: name)
        }
    }()

    /// The fenced blocks of a Markdown text: (language, first line number, body).
    static func blocks(in text: String) -> [(language: String, line: Int, body: String)] {
        var blocks: [(String, Int, String)] = []
        var open: (language: String, line: Int, lines: [String])?
        for (number, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            if line.hasPrefix("```") {
                if let current = open {
                    blocks.append((current.language, current.line, current.lines.joined(separator: "\n") + "\n"))
                    open = nil
                } else {
                    open = (String(line.dropFirst(3)), number + 2, [])
                }
            } else {
                open?.lines.append(String(line))
            }
        }
        return blocks
    }

    static func examples(in text: String, document: String) -> [Example] {
        let blocks = blocks(in: text)
        return blocks.indices.compactMap { index in
            guard blocks[index].language == "yaml" else { return nil }
            var expected: String?
            let command = "$ polaris check example.yaml\n"
            if index + 1 < blocks.count, blocks[index + 1].language == "console", blocks[index + 1].body.hasPrefix(command) {
                expected = String(blocks[index + 1].body.dropFirst(command.count))
            }
            return Example(document: document, line: blocks[index].line, yaml: blocks[index].body, expected: expected)
        }
    }

    @Test func theDocsHaveExamples() {
        #expect(Self.examples.count >= 15)
        #expect(Self.examples.contains { $0.expected != nil })
    }

    @Test(arguments: examples)
    func exampleChecksAsShown(_ example: Example) {
        let (result, rendered) = Fixtures.check(example.yaml, path: "example.yaml")
        if let expected = example.expected {
            #expect(rendered == expected)
            #expect(result.hasErrors || !result.diagnostics.isEmpty)
        } else {
            #expect(rendered == "", "\(example.document):\(example.line) should check clean")
        }
    }
}
