import Foundation
import Testing

/// `tsuzuri check` on bilingual files made from the dev set's sentence pairs with gold errors
/// (scripts/make-bilingual-fixtures): every injected error is reported at its unit and its
/// line:column, and nothing is reported on the clean units.
@Suite("check on bilingual files")
struct BilingualCheckTests {
    static let folder = Bundle.module.url(forResource: "Fixtures", withExtension: nil)!.appendingPathComponent("bilingual")
    static let glossary = folder.appendingPathComponent("glossary.tsv").path

    struct Expected: Decodable {
        struct Error: Decodable {
            var unit: String
            var rule: String
            var text: String
            var line: Int
            var column: Int
        }
        var file: String
        var units: Int
        var errors: [Error]
        var cleanUnits: [String]
    }

    struct Report: Decodable {
        struct Finding: Decodable {
            var spellings: [Spelling]
            var sourceText: String?
        }
        struct Spelling: Decodable {
            var spelling: String
            var rule: String?
            var locations: [Location]
        }
        struct Location: Decodable {
            var line: Int
            var column: Int
            var unit: String?
        }
        struct Summary: Decodable {
            var units: Int?
            var untranslatedUnits: Int?
        }
        var findings: [Finding]
        var summary: Summary
    }

    /// One flagged place: unit, rule, line:column.
    struct Flag: Hashable, CustomStringConvertible {
        var unit: String?
        var rule: String
        var line: Int
        var column: Int
        var description: String { "unit \(unit ?? "-") \(rule) at \(line):\(column)" }
    }

    static func check(_ file: String, arguments: [String] = []) throws -> (RunResult, Expected, [Flag]) {
        let expected = try JSONDecoder().decode(
            Expected.self, from: Data(contentsOf: folder.appendingPathComponent(file + ".expected.json")))
        let result = try runTsuzuri(
            ["check", "--format", "json", "--glossary", glossary] + arguments + [folder.appendingPathComponent(file).path])
        guard result.status != 2 else { return (result, expected, []) }
        let report = try JSONDecoder().decode(Report.self, from: Data(result.stdout.utf8))
        #expect(report.summary.units == expected.units)
        #expect(report.summary.untranslatedUnits == 0)
        var flags: [Flag] = []
        for finding in report.findings {
            for spelling in finding.spellings {
                guard let rule = spelling.rule else { continue }
                for location in spelling.locations {
                    flags.append(Flag(unit: location.unit, rule: rule, line: location.line, column: location.column))
                }
            }
        }
        return (result, expected, flags)
    }

    static func assertGold(_ expected: Expected, _ flags: [Flag]) {
        let found = Set(flags)
        for error in expected.errors {
            let flag = Flag(unit: error.unit, rule: error.rule, line: error.line, column: error.column)
            #expect(found.contains(flag), "\(expected.file): \(error.text) not reported as \(flag); found \(flags)")
        }
        let clean = Set(expected.cleanUnits)
        for flag in flags {
            #expect(flag.unit.map { !clean.contains($0) } == true, "\(expected.file): a finding on a clean unit: \(flag)")
        }
    }

    @Test("PO: every gold error at its unit and line:column, nothing on the clean units", arguments: ["bi-1.po", "bi-2.po"])
    func po(file: String) throws {
        let (result, expected, flags) = try Self.check(file)
        #expect(result.status == 1, "\(result.stderr)")
        #expect(result.stderr.isEmpty)
        Self.assertGold(expected, flags)
    }

    @Test("PO: the gcc format names the unit and the rule of each error")
    func gccNamesUnits() throws {
        let file = Self.folder.appendingPathComponent("bi-2.po").path
        let result = try runTsuzuri(["check", "--format", "gcc", "--glossary", Self.glossary, file])
        #expect(result.status == 1)
        let lines = result.stdout.split(separator: "\n")
        #expect(lines.count == 4)
        #expect(lines.contains { $0.hasPrefix("\(file):36:9: warning: unit 5: グルジア is deprecated") && $0.hasSuffix("[deprecated]") })
        #expect(lines.contains { $0.contains("unit 16: \"No timeline was given.\" is translated \"時期については言及がなかった。\"") })
    }

    @Test("PO from stdin with --input-format po: places as in the file")
    func poFromStdin() throws {
        let text = try String(contentsOf: Self.folder.appendingPathComponent("bi-2.po"), encoding: .utf8)
        let result = try runTsuzuri(["check", "--format", "gcc", "--input-format", "po", "--glossary", Self.glossary, "-"], stdin: text)
        #expect(result.status == 1)
        #expect(result.stdout.contains("<stdin>:46:9: warning: unit 7: エルドガン is a variant of エルドアン"))
    }

    @Test("a catalogue without a .po extension is recognised by its content")
    func detectedByContent() throws {
        let dir = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("messages").path
        try FileManager.default.copyItem(atPath: Self.folder.appendingPathComponent("bi-2.po").path, toPath: path)
        let result = try runTsuzuri(["check", "--format", "gcc", "--glossary", Self.glossary, path])
        #expect(result.status == 1)
        #expect(result.stdout.split(separator: "\n").count == 4)
        #expect(result.stdout.contains("\(path):60:41: warning: unit 10: the source term Middle Corridor is not translated as 中央回廊"))
    }

    @Test("a broken catalogue is an input error naming the file and line (exit 2)")
    func brokenCatalogue() throws {
        let dir = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("broken.po").path
        try "msgid \"\"\nmsgstr \"Language: ja\\n\"\n\nmsgid \"Kyiv\"\nmsgstr \"キエフ\n".write(toFile: path, atomically: true, encoding: .utf8)
        let result = try runTsuzuri(["check", path])
        #expect(result.status == 2)
        #expect(result.stdout.isEmpty)
        #expect(result.stderr.contains("\(path):5: unterminated string"))
    }

    /// Whether this build reads XLIFF (another engineer's reader; until it is merged the format
    /// reports itself unavailable).
    static let xliffAvailable: Bool = {
        let file = folder.appendingPathComponent("bi-1.xlf").path
        guard let result = try? runTsuzuri(["check", "--glossary", glossary, file]) else { return false }
        return !result.stderr.contains("cannot be read yet")
    }()

    @Test(
        "XLIFF 1.2 and 2.1: every gold error at its unit and line:column, nothing on the clean units",
        .enabled(if: xliffAvailable, "the XLIFF reader is not in this build yet (DocumentReaders.reader(for: .xliff) is unavailable)"),
        arguments: ["bi-1.xlf", "bi-2.xlf", "bi-1.xliff2.xlf", "bi-2.xliff2.xlf"])
    func xliff(file: String) throws {
        let (result, expected, flags) = try Self.check(file)
        #expect(result.status == 1, "\(result.stderr)")
        Self.assertGold(expected, flags)
    }
}
