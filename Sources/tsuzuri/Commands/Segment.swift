import ArgumentParser

// Scaffolding: replaced by the real command.
struct Segment: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "segment")
    func run() throws { throw ValidationError("not built yet") }
}
