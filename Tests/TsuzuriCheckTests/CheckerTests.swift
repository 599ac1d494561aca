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
