import ArgumentParser

// Scaffolding: replaced by the real command.
struct Add: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "add")
    func run() throws { throw ValidationError("not built yet") }
}
