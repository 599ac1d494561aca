import Foundation
import Testing

/// `check` with suppression comments in Markdown, HTML, plain text and PO, end to end.
@Suite("check: suppression comments")
struct SuppressionCommandTests {
    static let glossary = CheckCommandTests.glossary

    /// Writes `text` as `name` in a new folder and returns its path.
    private func write(_ name: String, _ text: String) throws -> String {
        let path = try makeTemporaryDirectory().appendingPathComponent(name).path
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    /// The gcc lines of `check` (one per flagged occurrence) without the message: `line:col [rule]`.
    private func flagged(_ path: String, _ extra: [String] = []) throws -> (RunResult, [String]) {
        let result = try runTsuzuri(["check", "--format", "gcc", "--glossary", Self.glossary] + extra + [path])
        let lines = result.stdout.split(separator: "\n").map { line in
            let parts = line.split(separator: ":", maxSplits: 3)
            let rule = line.split(separator: "[").last.map { "[" + $0 } ?? ""
            return "\(parts[1]):\(parts[2]) \(rule)"
        }
        return (result, lines)
    }

    @Test("Markdown: next line, end of line, a block, named rules; JSON counts what was suppressed")
    func markdown() throws {
        let path = try write("a.md", """
            # 記事

            ヘグゼス長官が来日した。
            <!-- tsuzuri-disable-next-line -->
            ヘグゼス長官は語った。

            ヘグゼス長官は述べた。 <!-- tsuzuri-disable-line glossary-variant -->

            キエフでヘグゼス長官。 <!-- tsuzuri-disable-line near-miss -->

            <!-- tsuzuri-disable deprecated -->
            キエフを訪れた。

            キエフに戻った。
            <!-- tsuzuri-enable -->
            キエフを発った。

            """)
        let (result, lines) = try flagged(path)
        #expect(result.status == 1)
        #expect(lines == ["3:1 [glossary-variant]", "9:1 [deprecated]", "9:5 [glossary-variant]", "16:1 [deprecated]"])
        let json = try runTsuzuri(["check", "--format", "json", "--glossary", Self.glossary, path])
        #expect(json.stdout.contains("\"suppressedOccurrences\" : 4"))
    }

    @Test("HTML: comments between elements and inside a paragraph")
    func html() throws {
        let path = try write("a.html", """
            <html><body>
            <p>ヘグゼス長官が来日した。</p>
            <!-- tsuzuri-disable-next-line -->
            <p>ヘグゼス長官は語った。</p>
            <p>キエフを訪れた。<!-- tsuzuri-disable-line deprecated --></p>
            <!-- tsuzuri-disable -->
            <p>ヘグゼス</p>
            </body></html>

            """)
        let (result, lines) = try flagged(path)
        #expect(result.status == 1)
        #expect(lines == ["2:4 [glossary-variant]"])
    }

    @Test("plain text: a line that ends in a tsuzuri comment is a marker")
    func plainText() throws {
        let path = try write("a.txt", """
            ヘグゼス長官が来日した。
            <!-- tsuzuri-disable-next-line -->
            ヘグゼス長官は語った。
            ヘグゼス長官は述べた。<!-- tsuzuri-disable-line -->
            ヘグゼス長官は去った。

            """)
        let (result, lines) = try flagged(path)
        #expect(result.status == 1)
        #expect(lines == ["1:1 [glossary-variant]", "5:1 [glossary-variant]"])
    }

    @Test("PO: a translator comment # tsuzuri-disable suppresses its entry")
    func po() throws {
        let path = try write("ja.po", """
            msgid ""
            msgstr ""
            "Language: ja\\n"

            # tsuzuri-disable deprecated
            msgid "Kyiv"
            msgstr "キエフ"

            msgid "Kyiv city"
            msgstr "キエフ市"

            """)
        let (result, lines) = try flagged(path)
        #expect(result.status == 1)
        #expect(lines == ["10:9 [deprecated]"])
    }

    @Test("--report-unused-suppressions warns with file:line and exits 1; unknown rules are warned about")
    func unused() throws {
        let path = try write("a.md", """
            ヘグセス長官が来日した。
            <!-- tsuzuri-disable-next-line near-mis -->
            ヘグセス長官は語った。
            <!-- tsuzuri-disable-next-line -->
            ヘグゼス長官は述べた。

            """)
        let plain = try runTsuzuri(["check", "--glossary", Self.glossary, path])
        #expect(plain.status == 0, "\(plain.stdout)")
        #expect(plain.stderr.contains("a.md:2: unknown rule 'near-mis' in tsuzuri-disable-next-line"))
        let report = try runTsuzuri(["check", "--report-unused-suppressions", "--glossary", Self.glossary, path])
        #expect(report.status == 1)
        #expect(report.stderr.contains("a.md:2: unused suppression `tsuzuri-disable-next-line near-mis`"))
        #expect(!report.stderr.contains("a.md:4: unused"))
    }

    @Test("--fix leaves a suppressed occurrence alone")
    func fix() throws {
        let path = try write("a.md", """
            ヘグゼス長官が来日した。
            <!-- tsuzuri-disable-next-line -->
            「ヘグゼス」と誤記された。

            """)
        let result = try runTsuzuri(["check", "--fix", "--glossary", Self.glossary, path])
        #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
        #expect(try String(contentsOfFile: path, encoding: .utf8) == """
            ヘグセス長官が来日した。
            <!-- tsuzuri-disable-next-line -->
            「ヘグゼス」と誤記された。

            """)
    }
}
