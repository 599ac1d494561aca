import ArgumentParser
import TsuzuriConfig
import Foundation
import TsuzuriLSP

/// `tsuzuri lsp`: the checker as a language server (LSP 3.17 over stdio) for editors.
struct LSP: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lsp",
        abstract: "Run as a language server over stdin/stdout (for editors).",
        discussion: """
            Speaks the Language Server Protocol 3.17: diagnostics for every finding of `check` (all open \
            documents are checked together), quick fixes, adding a spelling to the glossary, hover on terms. \
            The editor may set {"glossary": [paths], "tolerance": x} in initializationOptions; they override \
            --glossary and --tolerance. Exit status: 0 after shutdown and exit, 1 when the editor exits or \
            closes stdin without shutdown.
            """)

    @OptionGroup var glossaryOptions: GlossaryOptions
    @OptionGroup var tolerance: ToleranceOption
    @OptionGroup var configOptions: ConfigOptions

    @Option(name: .long, help: ArgumentHelp("Milliseconds of quiet after an edit before re-checking.", valueName: "ms"))
    var debounce: Int = 75

    func validate() throws {
        if debounce < 0 || debounce > 10_000 { throw ValidationError("--debounce \(debounce) is out of range: give 0 to 10000 milliseconds") }
    }

    func run() throws {
        // A client that goes away mid-answer must end the server through write's error, not SIGPIPE.
        signal(SIGPIPE, SIG_IGN)
        let settings = try configOptions.settings(CommandLineSettings(glossary: glossaryOptions.glossary, tolerance: tolerance.tolerance))
        // The server reads (and watches) the file and folder layers itself, on the built-in one when
        // that is the bottom layer; a glossary the editor's settings name replaces them all.
        let layers = settings.glossary.value
        let loader = GlossaryLoader(
            defaultPaths: GlossaryLayers.paths(layers), builtInUnderDefault: layers.first == .builtIn, builtIn: DefaultGlossary.layer,
            cache: .standard(environment: ProcessInfo.processInfo.environment))
        let server = LanguageServer(
            configuration: .init(
                glossary: loader, tolerance: settings.tolerance.value, debounce: Double(debounce) / 1000, version: ToolVersion.current))
        let status = StdioTransport.run(server)
        if status != 0 { throw ExitCode(status) }
    }
}
