import Foundation
import PackagePlugin

/// The build-tool plugin: a target holding a `polaris.yaml` gets its Swift
/// sources generated at build time by `polaris generate`. Schema errors are
/// shown by SwiftPM at their file, line and column.
@main
struct PolarisGenerator: BuildToolPlugin {
    func createBuildCommands(context: PluginContext, target: Target) throws -> [Command] {
        guard let module = target.sourceModule else { return [] }
        let schemas = module.sourceFiles.filter { $0.url.lastPathComponent == "polaris.yaml" }
        guard let schema = schemas.first else { return [] }
        let output = context.pluginWorkDirectoryURL.appendingPathComponent("GeneratedSources")
        let tool = try context.tool(named: "polaris")
        return [
            .buildCommand(
                displayName: "Generating Polaris code for \(module.name) from polaris.yaml",
                executable: tool.url,
                arguments: ["generate", schema.url.path, "--output", output.path],
                inputFiles: [schema.url],
                // The file set depends only on the schema file's name: `polaris.yaml`
                // always gives these four (see SwiftGenerator.fileNames).
                outputFiles: ["Models", "Tables", "Functions", "Client"].map {
                    output.appendingPathComponent("Polaris\($0).swift")
                })
        ]
    }
}
