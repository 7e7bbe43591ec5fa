import CLibFuzzer
import Foundation
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
/// libFuzzer's entry point: one input per call.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    _ = checkInput(Array(UnsafeBufferPointer(start: data, count: size)))
    return 0
}
#endif

/// Built by `scripts/fuzz` (with `-sanitize=fuzzer -DFUZZING`), it hands its
/// arguments to libFuzzer's driver; built plainly, it replays the inputs it is
/// given (a crash the fuzzer saved) through the same entry.
@main
struct SchemaFuzzer {
    static func main() throws {
        #if FUZZING
        var argc = CommandLine.argc
        var argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = CommandLine.unsafeArgv
        exit(LLVMFuzzerRunDriver(&argc, &argv) { data, size in fuzzOneInput(data!, size) })
        #else
        let paths = CommandLine.arguments.dropFirst()
        guard !paths.isEmpty else {
            print("usage: polaris-fuzz FILE...   (scripts/fuzz builds the fuzzer)")
            return
        }
        for path in paths {
            let diagnostics = checkInput([UInt8](try Data(contentsOf: URL(fileURLWithPath: path))))
            print("\(path): \(diagnostics.count) diagnostics")
        }
        #endif
    }
}
