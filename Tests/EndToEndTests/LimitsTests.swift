import Foundation
import Testing

/// Inputs at the sizes README's Reliability section documents: many files, one very long line.
@Suite struct LimitsTests {
    private func folder() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("tsuzuri-limits-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// `check` takes any number of files: each is opened, read and closed in turn, so 1,500 files
    /// (past the usual 1,024 open-file limit) all report, in the order given.
    @Test func checkReadsFifteenHundredFiles() throws {
        let dir = try folder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let names = (1...1500).map { String(format: "a%04d.txt", $0) }
        for name in names {
            try Data("ヘグセス長官とヘグゼス長官。\n".utf8).write(to: dir.appendingPathComponent(name))
        }
        let result = try runTsuzuri(["check", "--format", "gcc"] + names, currentDirectory: dir)
        #expect(result.status == 1, "\(result.stderr)")
        #expect(result.stderr.isEmpty)
        let lines = result.stdout.split(separator: "\n")
        #expect(lines.count == 1500)
        #expect(lines.first?.hasPrefix("a0001.txt:1:8: warning: ヘグゼス") == true)
        #expect(lines.last?.hasPrefix("a1500.txt:1:8: warning: ヘグゼス") == true)
    }

    /// A line has no length bound in `check`: a 4 MB line (no line break) is checked, and a
    /// spelling at its end is placed at its column.
    @Test func checkPlacesASpellingAtTheEndOfAFourMegabyteLine() throws {
        let dir = try folder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let filler = String(repeating: "あ", count: 1_400_000)  // 4.2 MB of UTF-8
        try Data((filler + "ヘグゼス").utf8).write(to: dir.appendingPathComponent("long.txt"))
        let result = try runTsuzuri(["check", "--format", "gcc", "long.txt"], currentDirectory: dir)
        #expect(result.status == 1, "\(result.stderr)")
        #expect(result.stdout.hasPrefix("long.txt:1:1400001: warning: ヘグゼス"))
    }
}
