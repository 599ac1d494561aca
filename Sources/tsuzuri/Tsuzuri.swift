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
        subcommands: [
            Check.self, Lookup.self, Add.self, Segment.self,
            Similar.self, Cluster.self,
            TM.self, Pretranslate.self, Dict.self, Terms.self,
        ]
    )

    /// Runs the command line with tsuzuri's exit-code convention: argument-parser reports usage
    /// errors as 64, but users and scripts rely on 2 for every usage or input error.
    static func main() {
        do {
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
}
