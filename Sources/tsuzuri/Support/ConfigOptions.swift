import ArgumentParser
import Foundation
import TsuzuriConfig
import TsuzuriMemory

/// `--config PATH` and `--no-config`, shared by every command that reads settings, and the one
/// place that turns options, environment and `.tsuzuri.toml` into the run's `Settings`.
struct ConfigOptions: ParsableArguments {
    @Option(
        name: .customLong("config"),
        help: ArgumentHelp(
            "The config file. Default: $TSUZURI_CONFIG, else .tsuzuri.toml in this folder or the nearest parent.",
            valueName: "path"))
    var path: String?

    @Flag(name: .customLong("no-config"), help: "Read no config file.")
    var noConfig = false

    func validate() throws {
        if noConfig && path != nil { throw ValidationError("--config and --no-config exclude each other.") }
    }

    /// The config file this run reads, if any: `--config`, else `TSUZURI_CONFIG`, else the nearest
    /// `.tsuzuri.toml` from the current folder up.
    func file(environment: [String: String] = ProcessInfo.processInfo.environment) throws -> ConfigFile? {
        if noConfig { return nil }
        let named: (path: String, origin: String)? =
            path.map { ($0, "--config") }
            ?? environment[ConfigFile.environmentVariable].flatMap { $0.isEmpty ? nil : ($0, ConfigFile.environmentVariable) }
        if let named {
            guard FileManager.default.fileExists(atPath: named.path) else { throw ConfigError.notFound(path: named.path, origin: named.origin) }
            return try ConfigFile.load(path: named.path)
        }
        return try ConfigFile.find(from: FileManager.default.currentDirectoryPath).map { try ConfigFile.load(path: Self.display($0)) }
    }

    /// The run's settings, `commandLine` overriding the rest.
    func settings(_ commandLine: CommandLineSettings) throws -> Settings {
        let environment = ProcessInfo.processInfo.environment
        var defaultEnvironment = environment
        defaultEnvironment[Settings.memoryVariable] = nil
        return Settings.resolve(
            config: try file(environment: environment), commandLine: commandLine, environment: environment,
            workingDirectory: FileManager.default.currentDirectoryPath,
            defaultMemory: TranslationMemory.defaultPath(environment: defaultEnvironment, home: NSHomeDirectory()))
    }

    /// A found config file's path relative to the current folder when it is inside it (shorter in
    /// messages: `.tsuzuri.toml:3`, `../.tsuzuri.toml:3`).
    static func display(_ path: String) -> String {
        let cwd = FileManager.default.currentDirectoryPath
        let here = URL(fileURLWithPath: cwd).standardizedFileURL.path
        let folder = URL(fileURLWithPath: path).deletingLastPathComponent().standardizedFileURL.path
        if folder == here { return ConfigFile.fileName }
        if here.hasPrefix(folder + "/") {
            let depth = here.dropFirst(folder.count).split(separator: "/").count
            return String(repeating: "../", count: depth) + ConfigFile.fileName
        }
        return path
    }
}
