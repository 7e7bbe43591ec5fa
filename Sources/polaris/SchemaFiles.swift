import Foundation
import PolarisSchema

/// Reads a schema file named on the command line.
func readSchemaFile(_ path: String) throws(ToolFailure) -> SourceFile {
    guard let data = FileManager.default.contents(atPath: path) else {
        var isDirectory: ObjCBool = false
        let exists = FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory)
        let reason = !exists ? "no such file" : isDirectory.boolValue ? "it is a directory" : "permission denied"
        throw ToolFailure(message: "cannot read '\(path)': \(reason)")
    }
    return SourceFile(path: path, bytes: [UInt8](data))
}

/// Reads a schema named on the command line as a file or, when no such file
/// exists and it has the form `REV:PATH`, as `git show REV:PATH` prints it
/// (PATH from the repository's root, or from the current folder with `./`).
func readSchema(fileOrRevision argument: String) throws(ToolFailure) -> SourceFile {
    guard !FileManager.default.fileExists(atPath: argument), let colon = argument.firstIndex(of: ":"),
        colon != argument.startIndex
    else { return try readSchemaFile(argument) }
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = ["git", "show", argument]
    let output = Pipe()
    let errors = Pipe()
    process.standardOutput = output
    process.standardError = errors
    do {
        try process.run()
    } catch {
        throw ToolFailure(message: "cannot read '\(argument)': git could not be run (\(error.localizedDescription))")
    }
    let data = output.fileHandleForReading.readDataToEndOfFile()
    let message = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    process.waitUntilExit()
    guard process.terminationStatus == 0 else {
        let reason = message.split(separator: "\n").first.map(String.init) ?? "git show failed"
        throw ToolFailure(message: "cannot read '\(argument)': no such file, and \(reason)")
    }
    return SourceFile(path: argument, bytes: [UInt8](data))
}
