import Foundation
import Testing

/// `check --fix` and `--diff`: only the flagged spellings change, atomically, never a stale file.
@Suite("check --fix and --diff")
struct CheckFixTests {
    static let glossary = CheckCommandTests.glossary

    private func copyOfSeed() throws -> (URL, String) {
        let dir = try makeTemporaryDirectory()
        let path = dir.appendingPathComponent("article.txt").path
        try FileManager.default.copyItem(atPath: CheckCommandTests.seed, toPath: path)
        return (dir, path)
    }

    @Test("--fix rewrites exactly the flagged spans of the seed; check then finds nothing the glossary knows")
    func fixSeed() throws {
        let (_, path) = try copyOfSeed()
        let before = try String(contentsOfFile: path, encoding: .utf8)
        let (_, report) = try CheckCommandTests.report(["--glossary", Self.glossary, path])
        let result = try runTsuzuri(["check", "--fix", "--glossary", Self.glossary, path])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stderr.contains("fixed \(report.findings.flatMap(\.spellings).filter { $0.rule != nil }.map(\.count).reduce(0, +)) occurrences"))
        let after = try String(contentsOfFile: path, encoding: .utf8)
        // Rebuild the expected text from the report: each flagged location replaced, nothing else.
        var lines = before.components(separatedBy: "\n").map { Array($0.unicodeScalars) }
        var edits: [(line: Int, column: Int, length: Int, text: String)] = []
        for finding in report.findings {
            for use in finding.spellings where use.rule != nil {
                for location in use.locations {
                    edits.append((location.line, location.column, use.spelling.unicodeScalars.count, finding.preferred))
                }
            }
        }
        for edit in edits.sorted(by: { ($0.line, $0.column) > ($1.line, $1.column) }) {
            lines[edit.line - 1].replaceSubrange(
                (edit.column - 1)..<(edit.column - 1 + edit.length), with: Array(edit.text.unicodeScalars))
        }
        let expected = lines.map { String(String.UnicodeScalarView($0)) }.joined(separator: "\n")
        #expect(after == expected)
        #expect(after != before)
        let again = try runTsuzuri(["check", "--glossary", Self.glossary, path])
        #expect(again.status == 0, "\(again.stdout)")
        // No temporary file is left beside the article.
        let folder = (path as NSString).deletingLastPathComponent
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder) == ["article.txt"])
    }

    @Test("--diff prints a unified diff and writes nothing; exit 1 when there is something to fix")
    func diff() throws {
        let (dir, path) = try copyOfSeed()
        let before = try Data(contentsOf: URL(fileURLWithPath: path))
        let result = try runTsuzuri(["check", "--diff", "--glossary", Self.glossary, "article.txt"], currentDirectory: dir)
        #expect(result.status == 1)
        #expect(result.stdout.hasPrefix("--- a/article.txt\n+++ b/article.txt\n@@ -"))
        #expect(result.stdout.contains("\n-・モスクワの首都キエフ制圧の試みは"))
        #expect(result.stdout.contains("\n+・モスクワの首都キーウ制圧の試みは"))
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == before)
    }

    @Test("CRLF line ends and a byte order mark survive a fix byte for byte")
    func lineEndsAndBOM() throws {
        let dir = try makeTemporaryDirectory()
        let path = dir.appendingPathComponent("crlf.txt").path
        let text = "\u{FEFF}ヘグセス長官。\r\nキエフで、ヘグゼス長官が。\r\n"
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        let result = try runTsuzuri(["check", "--fix", "--glossary", Self.glossary, path])
        #expect(result.status == 0, "\(result.stderr)")
        // Compared as bytes: Foundation would drop the byte order mark when decoding.
        let expected = Data("\u{FEFF}ヘグセス長官。\r\nキーウで、ヘグセス長官が。\r\n".utf8)
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == expected)
    }

    @Test("in-text inconsistencies are fixed only with --fix-unknown; what remains exits 1")
    func unknownOnlyWhenAsked() throws {
        let dir = try makeTemporaryDirectory()
        let path = dir.appendingPathComponent("a.txt").path
        try "ラガルド総裁が述べた。\nラガルド総裁は。\nラガード総裁は言った。\n".write(toFile: path, atomically: true, encoding: .utf8)
        let plain = try runTsuzuri(["check", "--fix", "--glossary", Self.glossary, path])
        #expect(plain.status == 1)
        #expect(try String(contentsOfFile: path, encoding: .utf8).contains("ラガード"))
        let unknown = try runTsuzuri(["check", "--fix", "--fix-unknown", "--glossary", Self.glossary, path])
        #expect(unknown.status == 0, "\(unknown.stdout)")
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "ラガルド総裁が述べた。\nラガルド総裁は。\nラガルド総裁は言った。\n")
    }

    @Test("a read-only file is refused with a message, unchanged; stdin cannot be fixed")
    func refusals() throws {
        let (_, path) = try copyOfSeed()
        let before = try Data(contentsOf: URL(fileURLWithPath: path))
        try FileManager.default.setAttributes([.posixPermissions: 0o444], ofItemAtPath: path)
        let result = try runTsuzuri(["check", "--fix", "--glossary", Self.glossary, path])
        #expect(result.status == 2)
        #expect(result.stderr.contains("read-only"))
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == before)
        let stdin = try runTsuzuri(["check", "--fix", "-"], stdin: "キエフ")
        #expect(stdin.status == 2)
        #expect(stdin.stderr.contains("stdin"))
    }
}
