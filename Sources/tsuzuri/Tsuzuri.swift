import ArgumentParser
import Foundation

/// The `tsuzuri` command: keeps foreign names and terms spelled one way in Japanese–English work.
@main
struct Tsuzuri: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tsuzuri",
        abstract: "Japanese–English glossary, spelling checker and translation memory.",
        discussion: """
            Exit status: 0 clean, 1 findings or nothing found, 2 usage or input error.
            Results go to stdout, diagnostics to stderr; every command that prints results takes --format json.
            """,
        version: ToolVersion.current,
        subcommands: [
            Check.self, Lookup.self, Add.self, GlossaryCommand.self, Segment.self,
            Similar.self, Cluster.self,
            TM.self, Pretranslate.self, Dict.self, Terms.self, LSP.self,
        ]
    )

    /// Runs the command line with tsuzuri's exit-code convention: argument-parser reports usage
    /// errors as 64, but users and scripts rely on 2 for every usage or input error.
    static func main() {
        do {
            try checkHelpTopic(Array(CommandLine.arguments.dropFirst()))
            var command = try parseAsRoot()
            try command.run()
        } catch let code as ExitCode {
            Foundation.exit(code.rawValue)
        } catch {
            let code = exitCode(for: error)
            if code == .success {
                print(fullMessage(for: error))
                Foundation.exit(0)
            }
            if code == .validationFailure {
                // argument-parser's message starts with "Error: " and ends with usage help.
                var message = fullMessage(for: error)
                if message.hasPrefix("Error: ") { message.removeFirst("Error: ".count) }
                Diagnostics.error(message)
            } else {
                Diagnostics.error(Diagnostics.describe(error))
            }
            Foundation.exit(2)
        }
    }

    /// `tsuzuri help NAME…` must name commands that exist: argument-parser shows the general
    /// help and exits 0 for an unknown one, which hides the typo from scripts.
    static func checkHelpTopic(_ arguments: [String]) throws {
        guard arguments.first == "help" else { return }
        var command: ParsableCommand.Type = Tsuzuri.self
        for name in arguments.dropFirst() where !name.hasPrefix("-") {
            let subcommands = command.configuration.subcommands
            guard let next = subcommands.first(where: { ($0.configuration.commandName ?? $0._commandName) == name }) else {
                let known = subcommands.map { $0.configuration.commandName ?? $0._commandName }.filter { $0 != "bench" }
                throw ValidationError("no command '\(name)'; the commands are \(known.joined(separator: ", "))")
            }
            command = next
        }
    }
}
