import ArgumentParser

// Scaffolding: replaced by the real command.
struct Cluster: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "cluster")
    func run() throws { throw ValidationError("not built yet") }
}
