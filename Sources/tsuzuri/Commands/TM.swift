import ArgumentParser

// Scaffolding: replaced by the real command.
struct TM: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "tm")
    func run() throws { throw ValidationError("not built yet") }
}
