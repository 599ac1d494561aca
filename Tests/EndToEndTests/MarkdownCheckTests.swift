import Foundation
import Testing

/// `tsuzuri check` on Markdown end to end: the seed article as Markdown (made by
/// scripts/make-seed-markdown) gives the findings of the text version, at columns into the .md file.
@Suite("check command on Markdown")
struct MarkdownCheckTests {
    static let seedText = CheckCommandTests.seed
    static let seedMarkdown = TsuzuriBinary.repositoryRoot.appendingPathComponent("Tests/EndToEndTests/Fixtures/seed.md").path
    static let glossary = CheckCommandTests.glossary

    /// The findings without their locations: preferred form, rules, and each spelling's rule and count.
    static func summary(_ report: CheckCommandTests.Report) -> [String] {
        report.findings.map { finding in
            let spellings = finding.spellings.map { "\($0.spelling)/\($0.rule ?? "-")×\($0.count)" }
            return "\(finding.preferred) \(finding.rules) \(spellings)"
        }
    }

    @Test("seed.md gives the same findings as the text seed", arguments: [false, true])
    func sameFindings(emptyGlossary: Bool) throws {
        let glossary = emptyGlossary ? try CheckCommandTests.emptyGlossary() : Self.glossary
        let (textResult, text) = try CheckCommandTests.report(["--glossary", glossary, Self.seedText])
        let (result, markdown) = try CheckCommandTests.report(["--glossary", glossary, Self.seedMarkdown])
        #expect(result.status == 1)
        #expect(textResult.status == 1)
        #expect(result.stderr.isEmpty, "\(result.stderr)")
        #expect(!markdown.findings.isEmpty)
        #expect(Self.summary(markdown) == Self.summary(text))
    }

    @Test("every location points at its spelling in the .md file as it is on disk")
    func locationsIntoTheFile() throws {
        let (_, report) = try CheckCommandTests.report(["--glossary", Self.glossary, Self.seedMarkdown])
        let lines = try String(contentsOfFile: Self.seedMarkdown, encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: false)
        var checked = 0
        for spelling in report.findings.flatMap(\.spellings) {
            for location in spelling.locations {
                #expect(location.file == Self.seedMarkdown)
                let scalars = Array(lines[location.line - 1].unicodeScalars)
                let start = location.column - 1
                let written = String(String.UnicodeScalarView(scalars[start..<min(start + spelling.spelling.unicodeScalars.count, scalars.count)]))
                #expect(written == spelling.spelling, "\(location.line):\(location.column)")
                checked += 1
            }
        }
        #expect(checked == 13)
    }

    @Test("ヘグゼス in bold, a list item, a link title, a table cell: exact places; code, autolinks and comments not reported")
    func exactPlaces() throws {
        let (_, report) = try CheckCommandTests.report(["--glossary", Self.glossary, Self.seedMarkdown])
        let hegseth = try #require(report.findings.first { $0.preferred == "ヘグセス" })
        let places = Dictionary(uniqueKeysWithValues: hegseth.spellings.map { ($0.spelling, $0.locations.map { "\($0.line):\($0.column)" }) })
        // - しかし、米国の新国防長官ピート・**ヘグゼス**氏 … and a paragraph; the code block, code
        // span, autolink and comment on lines 165–171 and the link title on line 32 are not text.
        #expect(places["ヘグゼス"] == ["62:21", "89:17"])
        #expect(places["ヘスゲス"] == ["83:38"])
        // Table cells: | ヘグセス長官: | … and |  | ヘグセス長官、…
        #expect(places["ヘグセス"] == ["91:7", "114:6", "115:3", "119:3", "122:3"])
        let volodymyr = try #require(report.findings.first { $0.english == "Volodymyr" })
        // [ヴォロディミル・ゼレンスキー](https://ja.wikipedia.org/wiki/ウォロディミル・…): the link
        // text is checked, the URL is not (the list item at 46:9 is the text's own ウォロディミル).
        let volodymyrPlaces = volodymyr.spellings.flatMap { spelling in spelling.locations.map { "\(spelling.spelling)@\($0.line):\($0.column)" } }
        #expect(Set(volodymyrPlaces) == ["ヴォロディミル@32:8", "ヴォロディミル@34:75", "ウォロディミル@46:9"])
    }

    @Test("gcc output on seed.md matches the recorded golden file")
    func goldenGCC() throws {
        let result = try runTsuzuri(
            ["check", "--format", "gcc", "--glossary", "glossary", "Tests/EndToEndTests/Fixtures/seed.md"],
            currentDirectory: TsuzuriBinary.repositoryRoot)
        #expect(result.status == 1)
        try Golden.assert(result.stdout, matches: "seed-md-check.gcc")
    }

    @Test("--input-format markdown reads stdin and other extensions as Markdown")
    func inputFormat() throws {
        let markdown = "# 見出し\n\n`ヘグゼス` と **ヘスゲス**\n"
        let stdin = try runTsuzuri(["check", "--format", "gcc", "--glossary", Self.glossary, "--input-format", "markdown", "-"], stdin: markdown)
        #expect(stdin.status == 1)
        #expect(stdin.stdout == "<stdin>:3:12: warning: ヘスゲス looks like ヘグセス (Hegseth), variant score 0.50; write ヘグセス or add ヘスゲス to the glossary [near-miss]\n")
        let path = try makeTemporaryDirectory().appendingPathComponent("notes.txt").path
        try markdown.write(toFile: path, atomically: true, encoding: .utf8)
        let asText = try runTsuzuri(["check", "--format", "gcc", "--glossary", Self.glossary, path])
        #expect(asText.stdout.contains("ヘグゼス"))
        let asMarkdown = try runTsuzuri(["check", "--format", "gcc", "--glossary", Self.glossary, "--input-format", "markdown", path])
        #expect(!asMarkdown.stdout.contains("ヘグゼス") && asMarkdown.stdout.contains("\(path):3:12: warning: ヘスゲス"))
    }

    @Test("invalid UTF-8 in a .md file: the file and line named, exit 2")
    func invalidUTF8() throws {
        let path = try makeTemporaryDirectory().appendingPathComponent("bad.md").path
        try Data(Array("# 見出し\n\nabc".utf8) + [0xE9] + Array("t\n".utf8)).write(to: URL(fileURLWithPath: path))
        let result = try runTsuzuri(["check", "--glossary", Self.glossary, path])
        #expect(result.status == 2)
        #expect(result.stdout.isEmpty)
        #expect(result.stderr.contains("bad.md:3: invalid UTF-8 at byte offset 16"), "\(result.stderr)")
    }
}
