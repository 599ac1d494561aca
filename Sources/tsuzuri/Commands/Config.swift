import ArgumentParser
import Foundation
import TsuzuriCheck
import TsuzuriConfig

/// `tsuzuri config`: the settings a command run here would use, and where each comes from.
struct Config: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "config",
        abstract: "Show the effective settings and where each comes from.",
        discussion: """
            Reads .tsuzuri.toml (found in this folder or the nearest parent; --config PATH or \
            $TSUZURI_CONFIG name another; --no-config reads none), the environment and the options given, \
            and prints each setting with its source: default, the config file's line, the environment or the \
            command line. Exit status: 0, or 2 when the config file is wrong (the message names the line).
            """)

    @OptionGroup var glossaryOptions: GlossaryOptions
    @OptionGroup var tolerance: ToleranceOption
    @Option(name: .long, help: ArgumentHelp("The translation memory file (as tm commands take it).", valueName: "path"))
    var memory: String?
    @OptionGroup var input: InputFormatOption
    @OptionGroup var configOptions: ConfigOptions
    @OptionGroup var output: FormatOption

    func run() throws {
        let settings = try configOptions.settings(
            CommandLineSettings(glossary: glossaryOptions.glossary, memory: memory, tolerance: tolerance.tolerance, inputFormat: input.format))
        let rows = settings.rows
        switch output.format {
        case .json:
            try JSONOutput.print(ConfigReport(configFile: settings.configFile, settings: rows))
        case .text:
            var out = StandardOutput()
            out.write("config file: \(settings.configFile ?? "none")\n")
            let keyWidth = rows.map(\.key.count).max() ?? 0
            // Columns as the terminal shows them: a Japanese spelling takes two per character.
            let valueWidth = min(48, rows.map { displayWidth($0.value.description) }.max() ?? 0)
            for row in rows {
                let key = row.key.padding(toLength: keyWidth, withPad: " ", startingAt: 0)
                let value = row.value.description
                let padded = value + String(repeating: " ", count: max(0, valueWidth - displayWidth(value)))
                out.write("\(key)  \(padded)  \(Style.dim(row.source))\n")
            }
        }
    }
}

/// `--format json` output of `config`.
struct ConfigReport: Encodable {
    var configFile: String?
    var settings: [SettingRow]
}
