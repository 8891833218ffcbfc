import Foundation
import PackagePlugin

/// Runs `EmbedTheme` over the package's `site-templates/` folder before `SiteBuilder` compiles,
/// so the default theme is part of the binary.
@main
struct EmbedThemePlugin: BuildToolPlugin {
  func createBuildCommands(context: PluginContext, target: Target) throws -> [Command] {
    let templates = context.package.directoryURL.appending(path: "site-templates")
    let names = try FileManager.default.contentsOfDirectory(atPath: templates.path)
      .filter { !$0.hasPrefix(".") && ($0.hasSuffix(".mustache") || $0.hasSuffix(".css")) }
      .sorted()
    let output = context.pluginWorkDirectoryURL.appending(path: "DefaultTheme.swift")
    return [
      .buildCommand(
        displayName: "Embedding the default theme from site-templates/",
        executable: try context.tool(named: "EmbedTheme").url,
        arguments: [templates.path, output.path],
        inputFiles: names.map { templates.appending(path: $0) },
        outputFiles: [output])
    ]
  }
}
