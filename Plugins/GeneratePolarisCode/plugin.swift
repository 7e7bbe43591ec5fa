import Foundation
import PackagePlugin

/// The command plugin that refreshes a checked-in folder of generated code:
/// `swift package --allow-writing-to-package-directory generate-polaris-code
/// [--schema schema/polaris.yaml] [--output Generated] [--check]`.
@main
struct GeneratePolarisCode: CommandPlugin {
    func performCommand(context: PluginContext, arguments: [String]) async throws {
        var extractor = ArgumentExtractor(arguments)
        let schema = extractor.extractOption(named: "schema").last ?? "schema/polaris.yaml"
        let output = extractor.extractOption(named: "output").last ?? "Generated"
        let check = extractor.extractFlag(named: "check") > 0
        let root = context.package.directoryURL
        let process = Process()
        process.executableURL = try context.tool(named: "polaris").url
        process.currentDirectoryURL = root
        process.arguments = ["generate", schema, "--output", output] + (check ? ["--check"] : [])
        try process.run()
        process.waitUntilExit()
        if process.terminationStatus != 0 {
            Diagnostics.error("polaris generate \(schema) exited with status \(process.terminationStatus)")
        }
    }
}
