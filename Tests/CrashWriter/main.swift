// The child process of the crash-safety test (Tests/PolarisBackendTests/CrashSafetyTests.swift).
//
//   polaris-crash-writer DATABASE PROJECT-ID FIRST
//
// Opens DATABASE and, from mutation number FIRST on, runs `system:writeFileByPath` for
// `dN/eN/fN.txt` (two new folders and a file, one transaction each), writing `ack N` to stdout
// after each call returns, until it is killed.
import Foundation
import PolarisBackend
import PolarisGenerated
import PolarisRuntime

let arguments = CommandLine.arguments
guard arguments.count == 4, let first = Int(arguments[3]) else {
    FileHandle.standardError.write(Data("usage: polaris-crash-writer DATABASE PROJECT-ID FIRST\n".utf8))
    exit(2)
}
let key = "crash-key"
do {
    let store = try DocumentStore(path: arguments[1], schema: PolarisDatabase.self)
    let runner = PolarisBackend.runner(store: store, internalKey: key)
    for number in first... {
        _ = try runner.run(
            "system:writeFileByPath",
            arguments: .object([
                "internalKey": .string(key), "projectId": .string(arguments[2]),
                "path": .string("d\(number)/e\(number)/f\(number).txt"),
                "content": .string(String(repeating: "\(number) ", count: 4096)),
            ]),
            identity: nil)
        FileHandle.standardOutput.write(Data("ack \(number)\n".utf8))
    }
} catch {
    FileHandle.standardError.write(Data("polaris-crash-writer: \(error)\n".utf8))
    exit(1)
}
