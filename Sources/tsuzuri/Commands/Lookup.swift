import ArgumentParser

// Scaffolding: replaced by the real command.
struct Lookup: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "lookup")
    func run() throws { throw ValidationError("not built yet") }
}
