import Foundation
import Testing

/// Golden files in Fixtures/: expected outputs recorded on purpose. Run the tests with
/// TSUZURI_RECORD=1 to re-record them after a deliberate change, then review the diff.
enum Golden {
    static let directory = TsuzuriBinary.repositoryRoot.appendingPathComponent("Tests/EndToEndTests/Fixtures")

    static func assert(_ actual: String, matches name: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let url = directory.appendingPathComponent(name)
        if ProcessInfo.processInfo.environment["TSUZURI_RECORD"] == "1" {
            try actual.write(to: url, atomically: true, encoding: .utf8)
            return
        }
        let expected = try String(contentsOf: url, encoding: .utf8)
        #expect(actual == expected, "output differs from \(name); re-record with TSUZURI_RECORD=1 if the change is intended", sourceLocation: sourceLocation)
    }
}
