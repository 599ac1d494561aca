import Testing
import TsuzuriCheck
import TsuzuriGlossary
import TsuzuriText

@Suite("Checker")
struct CheckerTests {
    let glossary = Glossary(entries: [
        GlossaryEntry(ja: "ヘグセス", en: "Hegseth", kind: .person, variants: ["ヘグゼス"]),
        GlossaryEntry(ja: "キーウ", en: "Kyiv", kind: .place, deprecated: ["キエフ"]),
        GlossaryEntry(ja: "ジョン", en: "John", kind: .person),
        GlossaryEntry(ja: "ジョー", en: "Joe", kind: .person),
    ])

    private func report(_ text: String, glossary: Glossary? = nil) -> CheckReport {
        let checker = Checker(glossary: glossary ?? self.glossary)
        checker.check(text: text, name: "article.txt")
        return checker.report()
    }

    @Test("checkers that share a prepared glossary report what a checker of their own reports")
    func preparedGlossaryShared() throws {
        let prepared = PreparedGlossary(glossary)
        let texts = ["ヘグセス長官とヘグゼス氏。キエフ", "キーウとキエフ。ジョンとジョー。ヘグゼス"]
        for text in texts {
            let shared = Checker(prepared: prepared)
            shared.check(text: text, name: "article.txt")
            #expect(shared.report().findings == report(text).findings)
        }
    }

    @Test("a text in memory with CRLF line ends is read line by line")
    func crlfText() throws {
        let finding = try #require(report("ヘグセス長官。\r\nヘグゼス長官と、\r\nヘグゼス氏。").findings.first)
        #expect(finding.spellings[1].locations.map(\.line) == [2, 3])
        #expect(finding.spellings[1].locations.map(\.column) == [1, 1])
    }

    @Test("a leading BOM in a text in memory is not a column: its edits apply to the file's bytes")
    func leadingBOM() throws {
        let text = "\u{FEFF}キエフとキーウ。"
        let finding = try #require(report(text).findings.first)
        #expect(finding.spellings.last?.locations.first?.column == 1)
        let checker = Checker(glossary: glossary)
        checker.check(text: text, name: "a.txt")
        let edits = try #require(checker.report().edits(fixing: CheckRule.fixableUnknown).first?.1)
        let result = TextEditor.apply(edits, to: Array(text.utf8))
        #expect(result.skipped.isEmpty)
        #expect(String(decoding: result.bytes, as: UTF8.self) == "\u{FEFF}キーウとキーウ。")
    }

    @Test("a glossary variant is flagged with its locations, and the preferred uses are listed")
    func variant() throws {
        let report = report("ヘグセス長官。\nヘグゼス長官と、ヘグセス氏。\n")
        let finding = try #require(report.findings.first)
        #expect(report.findings.count == 1)
        #expect(finding.english == "Hegseth")
        #expect(finding.spellings.map(\.spelling) == ["ヘグセス", "ヘグゼス"])
        #expect(finding.spellings[0].count == 2 && finding.spellings[0].rule == nil)
        #expect(finding.spellings[1].rule == .glossaryVariant)
        #expect(finding.spellings[1].locations == [TextLocation(file: "article.txt", line: 2, column: 1, length: 4)])
    }

    @Test("a deprecated form is flagged under its own rule")
    func deprecated() throws {
        let finding = try #require(report("キエフ市内").findings.first)
        #expect(finding.rules == [.deprecated])
        #expect(finding.preferred == "キーウ")
    }

    @Test("a spelling the glossary does not know but that looks like an entry is a near miss")
    func nearMiss() throws {
        let finding = try #require(report("ヘスゲス長官").findings.first)
        #expect(finding.preferred == "ヘグセス")
        #expect(finding.spellings.first?.rule == .nearMiss)
    }

    @Test("without a glossary, two spellings of one name in the text are inconsistent; the frequent one is kept")
    func inconsistent() throws {
        let report = report("ヘグセス。ヘグセス。ヘグゼス。", glossary: Glossary(entries: []))
        let finding = try #require(report.findings.first)
        #expect(finding.preferred == "ヘグセス")
        #expect(finding.english == nil)
        #expect(finding.spellings.map(\.rule) == [nil, .inconsistent])
    }

    @Test("different glossary entries are never merged, and correct usage gives no finding")
    func distinctEntries() {
        #expect(report("ジョン・ラトクリフとジョー・バイデン。ヘグセス。キーウ。").findings.isEmpty)
    }

    /// A glossary built in code may give one form to two entries: the first keeps it, for near
    /// misses too (a loaded glossary never does: `load` and `layered` refuse or settle it).
    @Test("a form two entries claim belongs to the first, also for the near misses of it")
    func repeatedFormBelongsToTheFirst() throws {
        let glossary = Glossary(entries: [
            GlossaryEntry(ja: "ヘグセス", en: "Hegseth", kind: .person, variants: ["ヘグゼス"]),
            GlossaryEntry(ja: "ヘグゼス", en: "Hegzes", kind: .person),
        ])
        #expect(!glossary.keysAreUnique)
        let finding = try #require(report("ヘグゼズ長官。", glossary: glossary).findings.first)
        #expect(finding.english == "Hegseth")
        #expect(finding.spellings.map(\.rule) == [.nearMiss])
        #expect(Glossary(entries: Array(glossary.entries.prefix(1))).keysAreUnique)
    }

    /// Only glossary forms near a spelling of the text are compared with the text's spellings;
    /// thousands of entries far from all of them (only m, r and y morae, which no spelling here
    /// has) must not change a finding, nor the order of the findings.
    @Test("glossary entries far from every spelling of the text change no finding")
    func farEntriesChangeNothing() {
        let text = "ヘグセス長官。ヘグゼス氏と、ヘスゲス。キエフ。ウォロディミル、ヴォロディミル、ウォロディミル。ジョン。\n"
        let kana = Array("マミムメモラリルレロヤユヨ").map(String.init)
        var far: [GlossaryEntry] = []
        var seen = Set<String>()
        var state: UInt64 = 13
        while far.count < 3000 {
            var name = ""
            for _ in 0..<(4 + far.count % 4) {
                state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
                name += kana[Int(state >> 33) % kana.count]
            }
            guard seen.insert(name).inserted else { continue }
            far.append(GlossaryEntry(ja: name, en: "Far \(far.count)", kind: .person, variants: far.count % 3 == 0 ? [name + "ー"] : []))
        }
        let small = report(text)
        #expect(small.findings.count >= 3)
        #expect(report(text, glossary: Glossary(entries: glossary.entries + far)).findings == small.findings)
        #expect(report(text, glossary: Glossary(entries: far + glossary.entries)).findings == small.findings)
    }
}

@Suite("glossary forms and text share one normaliser")
struct NormalisationAgreementTests {
    @Test("a glossary form with Ⅱ matches the text's Ⅱ and II, at the text's columns")
    func romanNumeral() throws {
        let glossary = Glossary(entries: [
            GlossaryEntry(ja: "エリザベス2世", en: "Elizabeth II", kind: .person, variants: ["エリザベスⅡ世"])
        ])
        let checker = Checker(glossary: glossary)
        checker.check(text: "女王エリザベスⅡ世と、エリザベスII世。", name: "a.txt")
        let finding = try #require(checker.report().findings.first)
        let variant = try #require(finding.spellings.first { $0.rule == .glossaryVariant })
        #expect(variant.count == 2)
        #expect(variant.locations.map(\.column) == [3, 12])
        #expect(variant.locations.map(\.length) == [7, 8])
    }
}
