import Foundation
import Testing

/// `tsuzuri check` on HTML end to end: the seed article as HTML (Fixtures/seed.html, written by
/// scripts/make-seed-html) must give the findings of the text version, placed in the HTML file.
@Suite("check command on HTML")
struct HTMLCheckTests {
    static let html = Golden.directory.appendingPathComponent("seed.html").path
    /// Lines the script writes before the article's first line.
    static let header = 6

    struct Report: Decodable {
        struct Finding: Decodable {
            var preferred: String
            var rules: [String]
            var spellings: [Spelling]
        }
        struct Spelling: Decodable {
            var spelling: String
            var rule: String?
            var count: Int
            var locations: [Location]
        }
        struct Location: Decodable {
            var line: Int
            var column: Int
            var length: Int
        }
        var findings: [Finding]
    }

    static func report(_ file: String) throws -> (RunResult, Report) {
        let result = try runTsuzuri(["check", "--format", "json", "--glossary", CheckCommandTests.glossary, file])
        return (result, try JSONDecoder().decode(Report.self, from: Data(result.stdout.utf8)))
    }

    @Test("the seed as HTML gives the text version's findings, with lines and columns into the HTML file")
    func seedAsHTML() throws {
        let (textResult, text) = try Self.report(CheckCommandTests.seed)
        let (htmlResult, html) = try Self.report(Self.html)
        #expect(htmlResult.status == 1)
        #expect(htmlResult.stderr.isEmpty)
        #expect(textResult.status == 1)
        // Same findings, spellings and counts: the <code> ヘグゼス and the English paragraph's
        // ヘグセス and ヘスゲス are not read.
        func summary(_ report: Report) -> [String] {
            report.findings.map { finding in
                "\(finding.preferred) \(finding.rules): " + finding.spellings.map { "\($0.spelling)×\($0.count) \($0.rule ?? "-")" }.joined(separator: ", ")
            }
        }
        #expect(summary(html) == summary(text))
        #expect(!html.findings.isEmpty)

        // Every location is where the spelling stands in the HTML file, on the text's line + header.
        let lines = try String(contentsOfFile: Self.html, encoding: .utf8)
            .unicodeScalars.split(separator: "\n", omittingEmptySubsequences: false).map(Array.init)
        for (finding, textFinding) in zip(html.findings, text.findings) {
            for (spelling, textSpelling) in zip(finding.spellings, textFinding.spellings) {
                #expect(spelling.locations.map(\.line) == textSpelling.locations.map { $0.line + Self.header })
                for location in spelling.locations {
                    let line = lines[location.line - 1]
                    let found = String(String.UnicodeScalarView(line.dropFirst(location.column - 1).prefix(location.length)))
                    #expect(found == spelling.spelling, "\(spelling.spelling) at \(location.line):\(location.column) is \(found)")
                }
            }
        }
        // The columns moved: ピート&#x30FB;ヘグゼス (text line 37) sits 12 columns further right.
        let hegseth = try #require(html.findings.first { $0.preferred == "ヘグセス" })
        let variant = try #require(hegseth.spellings.first { $0.spelling == "ヘグゼス" })
        let textVariant = try #require(text.findings.first { $0.preferred == "ヘグセス" }?.spellings.first { $0.spelling == "ヘグゼス" })
        #expect(variant.locations.first?.column == (textVariant.locations.first?.column ?? 0) + 3 + 7 + 7)
    }

    @Test("gcc output names the HTML file, line and column")
    func gccOnHTML() throws {
        let result = try runTsuzuri(["check", "--format", "gcc", "--glossary", CheckCommandTests.glossary, Self.html])
        #expect(result.status == 1)
        #expect(result.stdout.contains("seed.html:43:35: warning: ヘグゼス is a variant of ヘグセス"))
    }

    @Test("HTML is recognised by its content when the extension says nothing; --input-format html forces it")
    func detection() throws {
        let dir = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let page = dir.appendingPathComponent("page")
        try "<!DOCTYPE html>\n<p>ヘグ<b>ゼス</b>と<code>ヘスゲス</code></p>\n".write(to: page, atomically: true, encoding: .utf8)
        let detected = try runTsuzuri(["check", "--format", "gcc", "--glossary", CheckCommandTests.glossary, page.path])
        #expect(detected.status == 1)
        #expect(detected.stdout == "\(page.path):2:4: warning: ヘグゼス is a variant of ヘグセス (Hegseth); write ヘグセス (listed at \(CheckCommandTests.glossary)/people.tsv:9) [glossary-variant]\n")
        let forced = try runTsuzuri(["check", "--input-format", "html", "--format", "gcc", "--glossary", CheckCommandTests.glossary, "-"], stdin: "<p>ヘグゼス</p>")
        #expect(forced.status == 1)
        #expect(forced.stdout.hasPrefix("<stdin>:1:4: warning: ヘグゼス"))
    }

    @Test("malformed HTML is read leniently: no parser noise on stderr, findings where they stand")
    func malformedPage() throws {
        let page = "<p>ヘグ<b>ゼス</p>残り</b></span><<p>>&#99999999;<table><td>セル<li>ヘグゼス</ul"
        let result = try runTsuzuri(["check", "--input-format", "html", "--format", "gcc", "--glossary", CheckCommandTests.glossary, "-"], stdin: page)
        #expect(result.status == 1)
        #expect(result.stderr.isEmpty)
        #expect(result.stdout.split(separator: "\n").map { $0.prefix(while: { $0 != " " }) } == ["<stdin>:1:4:", "<stdin>:1:61:"])
    }

    @Test("a page declaring another charset is an input error (exit 2) that names the line and the fix")
    func otherCharset() throws {
        let dir = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let page = dir.appendingPathComponent("sjis.html")
        try "<html>\n<meta charset=\"Shift_JIS\">\n<p>本文</p>\n".write(to: page, atomically: true, encoding: .utf8)
        let result = try runTsuzuri(["check", page.path])
        #expect(result.status == 2)
        #expect(result.stdout.isEmpty)
        #expect(result.stderr.contains("\(page.path):2: the document declares charset Shift_JIS"))
        #expect(result.stderr.contains("iconv -f Shift_JIS -t UTF-8"))
    }
}
