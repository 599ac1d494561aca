import ArgumentParser

// Scaffolding: replaced by the real command.
struct Pretranslate: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "pretranslate")
    func run() throws { throw ValidationError("not built yet") }
}
