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
