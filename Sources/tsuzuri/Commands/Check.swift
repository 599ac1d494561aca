import ArgumentParser

// Scaffolding: replaced by the real command.
struct Check: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "check")
    func run() throws { throw ValidationError("not built yet") }
}
