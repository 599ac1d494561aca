import ArgumentParser

// Scaffolding: replaced by the real command.
struct Similar: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "similar")
    func run() throws { throw ValidationError("not built yet") }
}
