import Foundation
import Testing

/// `tsuzuri check` end to end: the built binary on the seed article and on bad input.
@Suite("check command")
struct CheckCommandTests {
    static let seed = TsuzuriBinary.repositoryRoot.appendingPathComponent("seeds/000_c8ac7e5ec8ea1ea5.txt").path
    static let glossary = TsuzuriBinary.repositoryRoot.appendingPathComponent("glossary").path

    /// A glossary file that holds only the header line.
    static func emptyGlossary() throws -> String {
        let dir = try makeTemporaryDirectory()
        let path = dir.appendingPathComponent("empty.tsv").path
        try "ja\ten\tkind\tvariants\taliases\tnote\n".write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    struct Report: Decodable {
        struct Finding: Decodable {
            var preferred: String
            var english: String?
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
            var file: String
            var line: Int
            var column: Int
        }
        var findings: [Finding]
    }

    static func report(_ arguments: [String]) throws -> (RunResult, Report) {
        let result = try runTsuzuri(["check", "--format", "json"] + arguments)
        return (result, try JSONDecoder().decode(Report.self, from: Data(result.stdout.utf8)))
    }

    /// spelling → (count, lines) for one finding.
    static func spellings(_ finding: Report.Finding) -> [String: (Int, [Int])] {
        Dictionary(uniqueKeysWithValues: finding.spellings.map { ($0.spelling, ($0.count, $0.locations.map(\.line))) })
    }

    @Test("the seed with the default glossary: Hegseth ×3 spellings (the typo ヘスゲス a near miss), Volodymyr, キエフ; exit 1")
    func seedWithDefaultGlossary() throws {
        let (result, report) = try Self.report(["--glossary", Self.glossary, Self.seed])
        #expect(result.status == 1)
        let hegseth = try #require(report.findings.first { $0.english == "Hegseth" })
        let spellings = Self.spellings(hegseth)
        #expect(hegseth.preferred == "ヘグセス")
        #expect(spellings["ヘグセス"]?.0 == 5)
        #expect(spellings["ヘグセス"]?.1 == [57, 68, 69, 75, 80])
        #expect(spellings["ヘグゼス"]?.0 == 2)
        #expect(spellings["ヘグゼス"]?.1 == [37, 56])
        #expect(spellings["ヘスゲス"]?.0 == 1)
        #expect(spellings["ヘスゲス"]?.1 == [52])
        // The glossary does not list the typo: the variant engine finds it (グセ↔スゲ transposed).
        #expect(hegseth.spellings.first { $0.spelling == "ヘスゲス" }?.rule == "near-miss")
        #expect(hegseth.spellings.first { $0.spelling == "ヘグゼス" }?.rule == "glossary-variant")

        let volodymyr = try #require(report.findings.first { $0.english == "Volodymyr" })
        #expect(Set(volodymyr.spellings.map(\.spelling)) == ["ヴォロディミル", "ウォロディミル"])

        let kyiv = try #require(report.findings.first { $0.preferred == "キーウ" })
        #expect(kyiv.rules == ["deprecated"])
        #expect(Self.spellings(kyiv)["キエフ"]?.1 == [30, 40])
    }

    @Test("the seed with an empty glossary still finds the Hegseth group and the Volodymyr pair")
    func seedWithEmptyGlossary() throws {
        let (result, report) = try Self.report(["--glossary", try Self.emptyGlossary(), Self.seed])
        #expect(result.status == 1)
        let groups = report.findings.map { Set($0.spellings.map(\.spelling)) }
        #expect(groups.contains(["ヘグセス", "ヘグゼス", "ヘスゲス"]))
        #expect(groups.contains(["ヴォロディミル", "ウォロディミル"]))
        let hegseth = try #require(report.findings.first { $0.preferred == "ヘグセス" })
        #expect(hegseth.rules == ["inconsistent-spelling"])
    }

    @Test("no false positives on look-alike names and compounds", arguments: [true, false])
    func noFalsePositives(emptyGlossary: Bool) throws {
        let glossary = emptyGlossary ? try Self.emptyGlossary() : Self.glossary
        let (_, report) = try Self.report(["--glossary", glossary, Self.seed])
        let flagged = report.findings.flatMap(\.spellings).map(\.spelling)
        for innocent in ["ジョー", "ジョン", "リーダー", "リーダーシップ", "チーム", "チームレベル", "ロシア", "トランプ"] {
            #expect(!flagged.contains(innocent), "\(innocent) must not be part of a finding")
        }
        // Exactly the expected entities, nothing else.
        let expected: Set<String> = emptyGlossary ? ["ヘグセス", "ヴォロディミル"] : ["ヘグセス", "ウォロディミル", "キーウ"]
        #expect(Set(report.findings.map(\.preferred)) == expected)
    }

    @Test("the built-in glossary is used when no glossary is given and ./glossary is absent")
    func builtInGlossary() throws {
        let elsewhere = try makeTemporaryDirectory()
        let result = try runTsuzuri(["check", "--format", "json", Self.seed], currentDirectory: elsewhere)
        #expect(result.status == 1)
        #expect(result.stdout.contains("Hegseth"))
        #expect(result.stdout.contains("キエフ"))
    }

    @Test("gcc format: one line per flagged occurrence, path:line:col: warning: … [rule]")
    func gccFormat() throws {
        let result = try runTsuzuri(["check", "--format", "gcc", "--glossary", Self.glossary, Self.seed])
        #expect(result.status == 1)
        let lines = result.stdout.split(separator: "\n")
        #expect(lines.count == 7)
        #expect(lines.allSatisfy { $0.hasPrefix("\(Self.seed):") && $0.contains(": warning: ") && $0.hasSuffix("]") })
        #expect(lines.contains { $0.hasPrefix("\(Self.seed):52:37: warning: ヘスゲス") && $0.hasSuffix("[near-miss]") })
        #expect(lines.contains { $0.hasPrefix("\(Self.seed):30:9: warning: キエフ") && $0.hasSuffix("[deprecated]") })
    }

    @Test("text output matches the recorded golden file")
    func goldenText() throws {
        let result = try runTsuzuri(["check", "--glossary", "glossary", "seeds/000_c8ac7e5ec8ea1ea5.txt"], currentDirectory: TsuzuriBinary.repositoryRoot)
        try Golden.assert(result.stdout, matches: "seed-check.txt")
        let empty = try runTsuzuri(["check", "--glossary", try Self.emptyGlossary(), "seeds/000_c8ac7e5ec8ea1ea5.txt"], currentDirectory: TsuzuriBinary.repositoryRoot)
        try Golden.assert(empty.stdout, matches: "seed-check-empty-glossary.txt")
        let gcc = try runTsuzuri(["check", "--format", "gcc", "--glossary", "glossary", "seeds/000_c8ac7e5ec8ea1ea5.txt"], currentDirectory: TsuzuriBinary.repositoryRoot)
        try Golden.assert(gcc.stdout, matches: "seed-check.gcc")
    }

    @Test("text output shows each flagged place with its line around it; --no-snippets and stdin list places only")
    func snippets() throws {
        let withSnippets = try runTsuzuri(["check", "--glossary", Self.glossary, Self.seed])
        #expect(withSnippets.stdout.contains("      52:37  …持ち込まれるかどうかは不明だが、ヘスゲス氏は、将来の安全保障協定において…\n"))
        #expect(withSnippets.stdout.contains("      56:17  前述の記事で、アメリカのピート・ヘグゼス新国防長官の発言も取り上げていま…\n"), "a second place gets its snippet too")
        // Places kept on disk (as a large input's are) give the same snippets.
        let spilled = try runTsuzuri(["check", "--places-in-memory", "1", "--glossary", Self.glossary, Self.seed])
        #expect(spilled.stdout == withSnippets.stdout)
        let without = try runTsuzuri(["check", "--no-snippets", "--glossary", Self.glossary, Self.seed])
        #expect(without.status == 1)
        #expect(without.stdout.contains("      at 52:37\n") && !without.stdout.contains("不明だが"))
        let stdin = try runTsuzuri(["check", "--glossary", Self.glossary, "-"], stdin: "ヘグゼス国防長官が到着した。\n")
        #expect(stdin.stdout.contains("      at 1:1\n"))
    }

    @Test("after a text report, stderr names the command that fixes what the glossary knows (not for stdin, not for --format gcc)")
    func fixHint() throws {
        let seed = try runTsuzuri(["check", "--glossary", Self.glossary, Self.seed])
        #expect(seed.stderr == "To write the glossary's spelling in all 7 flagged occurrences: tsuzuri check --fix \(Self.seed)  (--diff shows the changes first)\n")
        let dir = try makeTemporaryDirectory()
        let mixed = dir.appendingPathComponent("a.txt").path
        try "ヘグゼスとヘグセスとヘグセス。\nシグネチャを確認する。\nシグネチャを確認する。\nシグネチヤを確認する。\n".write(toFile: mixed, atomically: true, encoding: .utf8)
        let both = try runTsuzuri(["check", "--glossary", Self.glossary, mixed])
        #expect(both.stdout.hasPrefix("2 findings, 2 flagged occurrences in "), "\(both.stdout)")
        #expect(both.stderr.contains("in 1 of the 2 flagged occurrences: tsuzuri check --fix \(mixed)  (--diff shows the changes first); add --fix-unknown to also turn 1 occurrence of a less frequent spelling into the text's most frequent one"), "\(both.stderr)")
        let unknown = try runTsuzuri(["check", "--glossary", try Self.emptyGlossary(), mixed])
        #expect(unknown.stderr.contains("tsuzuri check --fix --fix-unknown \(mixed)"), "\(unknown.stderr)")
        #expect(try runTsuzuri(["check", "--glossary", Self.glossary, "-"], stdin: "ヘグゼス国防長官が到着した。\n").stderr.isEmpty)
        #expect(try runTsuzuri(["check", "--format", "gcc", "--glossary", Self.glossary, Self.seed]).stderr.isEmpty)
    }

    @Test("a single flagged occurrence is counted in the singular")
    func singular() throws {
        let one = try runTsuzuri(["check", "--glossary", Self.glossary, "-"], stdin: "ヘグゼス国防長官が到着した。\n")
        #expect(one.stdout.hasPrefix("1 finding, 1 flagged occurrence in <stdin>\n"), "\(one.stdout)")
    }

    @Test("stdin as '-', and a clean text exits 0 with nothing on stderr")
    func stdin() throws {
        let flagged = try runTsuzuri(["check", "--glossary", Self.glossary, "-"], stdin: "ヘグゼス国防長官が到着した。\n")
        #expect(flagged.status == 1)
        #expect(flagged.stdout.contains("in <stdin>") && flagged.stdout.contains("ヘグゼス"))
        let clean = try runTsuzuri(["check", "--glossary", Self.glossary, "-"], stdin: "ヘグセス国防長官が到着した。\n")
        #expect(clean.status == 0)
        #expect(clean.stderr.isEmpty)
    }

    @Test("--tolerance loosens the in-text judgement: シグナチャ / シグネチャ only at 2")
    func tolerance() throws {
        let text = "シグナチャを確認する。\nシグネチャを確認する。\n"
        let glossary = try Self.emptyGlossary()
        let strict = try runTsuzuri(["check", "--glossary", glossary, "-"], stdin: text)
        #expect(strict.status == 0, "\(strict.stdout)")
        let loose = try runTsuzuri(["check", "--glossary", glossary, "--tolerance", "2", "--format", "gcc", "-"], stdin: text)
        #expect(loose.status == 1)
        #expect(loose.stdout.contains("[inconsistent-spelling]"), "\(loose.stdout)")
        #expect(loose.stdout.contains("シグナチャ") && loose.stdout.contains("シグネチャ"))
    }

    @Test("BOM and CRLF line ends give the same findings and positions")
    func bomAndCRLF() throws {
        let text = try String(contentsOfFile: Self.seed, encoding: .utf8)
        let dir = try makeTemporaryDirectory()
        let path = dir.appendingPathComponent("crlf.txt").path
        try Data([0xEF, 0xBB, 0xBF] + Array(text.replacingOccurrences(of: "\n", with: "\r\n").utf8)).write(to: URL(fileURLWithPath: path))
        let (_, original) = try Self.report(["--glossary", Self.glossary, Self.seed])
        let (result, converted) = try Self.report(["--glossary", Self.glossary, path])
        #expect(result.status == 1)
        #expect(converted.findings.map(\.preferred) == original.findings.map(\.preferred))
        let lines = { (r: Report) in r.findings.flatMap { $0.spellings.flatMap { $0.locations.map { "\($0.line):\($0.column)" } } } }
        #expect(lines(converted) == lines(original))
    }

    @Test("an empty file has no findings")
    func emptyFile() throws {
        let path = try makeTemporaryDirectory().appendingPathComponent("empty.txt").path
        FileManager.default.createFile(atPath: path, contents: Data())
        let result = try runTsuzuri(["check", "--glossary", Self.glossary, path])
        #expect(result.status == 0)
        #expect(result.stdout.contains("No findings"))
    }

    @Test("an article number too large for any integer is checked, not a crash")
    func hugeArticleNumber() throws {
        let text = "第一二三四五六七八九〇一二三四五六七八九〇条に基づく。\n"
        let check = try runTsuzuri(["check", "--glossary", try Self.emptyGlossary(), "-"], stdin: text)
        #expect(check.status == 0, "\(check.stderr)")
        let segment = try runTsuzuri(["segment", "--format", "json", "-"], stdin: text)
        #expect(segment.status == 0, "\(segment.stderr)")
    }

    @Test("bad input: a clear message naming the file, exit 2, nothing on stdout")
    func badInput() throws {
        let dir = try makeTemporaryDirectory()
        let invalid = dir.appendingPathComponent("latin1.txt").path
        try Data(Array("ヘグセス\nabc".utf8) + [0xE9] + Array("t\n".utf8)).write(to: URL(fileURLWithPath: invalid))
        let badGlossary = dir.appendingPathComponent("bad.tsv").path
        try "ja\ten\tkind\tvariants\taliases\tnote\nヘグセス\tHegseth\n".write(toFile: badGlossary, atomically: true, encoding: .utf8)
        let unreadable = dir.appendingPathComponent("secret.txt").path
        try "ヘグセス\n".write(toFile: unreadable, atomically: true, encoding: .utf8)
        chmod(unreadable, 0)

        let cases: [([String], String)] = [
            (["check", "--glossary", Self.glossary, dir.appendingPathComponent("missing.txt").path], "missing.txt: no such file"),
            (["check", "--glossary", Self.glossary, dir.path], "is a directory"),
            (["check", "--glossary", Self.glossary, invalid], "latin1.txt:2: invalid UTF-8 at byte offset 16"),
            (["check", "--glossary", badGlossary, Self.seed], "bad.tsv:2"),
            (["check"], "Missing expected argument"),
            (["check", "--format", "xml", Self.seed], "xml"),
        ]
        for (arguments, message) in cases {
            let result = try runTsuzuri(arguments)
            #expect(result.status == 2, "\(arguments)")
            #expect(result.stdout.isEmpty, "\(arguments)")
            #expect(result.stderr.contains(message), "\(arguments): \(result.stderr)")
        }
        if getuid() != 0 {  // root reads any file
            let result = try runTsuzuri(["check", "--glossary", Self.glossary, unreadable])
            #expect(result.status == 2)
            #expect(result.stderr.contains("secret.txt"))
        }
    }

    @Test("a 50 MB single-line file is checked without a crash")
    func hugeLine() throws {
        let path = try makeTemporaryDirectory().appendingPathComponent("huge.txt").path
        let unit = "ヘグゼス国防長官はNATO第5条について述べた。"
        let count = 50_000_000 / unit.utf8.count + 1
        let handle = try #require({ FileManager.default.createFile(atPath: path, contents: nil); return FileHandle(forWritingAtPath: path) }())
        let block = Data(String(repeating: unit, count: 10_000).utf8)
        for _ in 0..<(count / 10_000 + 1) { handle.write(block) }
        try handle.close()
        let result = try runTsuzuri(["check", "--format", "gcc", "--glossary", Self.glossary, path])
        #expect(result.status == 1)
        #expect(result.stdout.hasPrefix("\(path):1:1: warning: ヘグゼス"))
        try? FileManager.default.removeItem(atPath: path)
    }
}
