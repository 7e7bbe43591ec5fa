import PolarisSchema

/// Feeds one input to the whole front end: YAML, type expressions, the
/// checker, and both diagnostic renderers.
func checkInput(_ bytes: [UInt8]) -> [Diagnostic] {
    let file = SourceFile(path: "fuzz.yaml", bytes: bytes)
    let result = SchemaCompiler.check(file)
    _ = DiagnosticRenderer.text(result.diagnostics, sources: [file.path: file])
    _ = DiagnosticRenderer.json(result.diagnostics)
    return result.diagnostics
}

#if FUZZING
/// libFuzzer's entry point; built by `scripts/fuzz` with `-sanitize=fuzzer`.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    _ = checkInput(Array(UnsafeBufferPointer(start: data, count: size)))
    return 0
}
#else
import Foundation

/// Without the fuzzer: replays inputs (a crash the fuzzer saved, a corpus)
/// through the same entry, to reproduce a finding in a debugger.
@main
struct ReplayInputs {
    static func main() throws {
        let paths = CommandLine.arguments.dropFirst()
        guard !paths.isEmpty else {
            print("usage: polaris-fuzz FILE... (build with scripts/fuzz to fuzz)")
            return
        }
        for path in paths {
            let diagnostics = checkInput([UInt8](try Data(contentsOf: URL(fileURLWithPath: path))))
            print("\(path): \(diagnostics.count) diagnostics")
        }
    }
}
#endif
