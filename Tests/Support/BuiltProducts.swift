import Foundation

/// What `swift build` put beside the test bundle: executables and module folders.
public enum BuiltProducts {
    /// The build folder holding `relativePath` (an executable's name, `Modules/X.swiftmodule`).
    public static func folder(holding relativePath: String) -> URL {
        let candidates = [Bundle.main.bundleURL, URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()]
            + Bundle.allBundles.map(\.bundleURL)
        for directory in candidates {
            for folder in [directory, directory.deletingLastPathComponent()]
            where FileManager.default.fileExists(atPath: folder.appendingPathComponent(relativePath).path) {
                return folder
            }
        }
        fatalError("no \(relativePath) was built beside the tests (looked in \(candidates))")
    }

    /// The built executable `name`.
    public static func executable(_ name: String) -> URL {
        folder(holding: name).appendingPathComponent(name)
    }
}
