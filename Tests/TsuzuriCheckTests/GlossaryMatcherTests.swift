import Testing
import TsuzuriCheck
import TsuzuriGlossary
import TsuzuriText

@Suite("Glossary matching in running text")
struct GlossaryMatcherTests {
    let glossary = Glossary(entries: [
        GlossaryEntry(ja: "リーダー", en: "leader"),
        GlossaryEntry(ja: "NATO", en: "NATO", kind: .org, aliases: ["北大西洋条約機構"]),
        GlossaryEntry(ja: "第5条", en: "Article 5", aliases: ["第五条"]),
        GlossaryEntry(ja: "国防長官", en: "Secretary of Defense", kind: .title),
        GlossaryEntry(ja: "国防", en: "national defense"),
        GlossaryEntry(ja: "キーウ", en: "Kyiv", kind: .place, deprecated: ["キエフ"]),
    ])

    private func found(_ text: String) -> [String] {
        let matcher = GlossaryMatcher(glossary: glossary)
        return matcher.matches(in: ScannedLine(text)).map { glossary.entries[$0.entryIndex].en + ":" + $0.surface }
    }

    @Test("a katakana term inside a longer katakana word is not a match")
    func compounds() {
        #expect(found("リーダーシップを発揮するリーダー") == ["leader:リーダー"])
    }

    @Test("longest match wins: 国防長官 over 国防")
    func longest() {
        #expect(found("ヘグセス国防長官") == ["Secretary of Defense:国防長官"])
    }

    @Test("full-width and kanji-numeral forms match through normalisation and aliases")
    func normalised() {
        #expect(found("ＮＡＴＯ第５条") == ["NATO:ＮＡＴＯ", "Article 5:第５条"])
        #expect(found("北大西洋条約機構の第五条") == ["NATO:北大西洋条約機構", "Article 5:第五条"])
    }

    @Test("Latin terms need Latin word boundaries")
    func latin() {
        #expect(found("NATOsとNATO") == ["NATO:NATO"])
    }

    @Test("roles and columns are reported")
    func roles() {
        let matcher = GlossaryMatcher(glossary: glossary)
        let hits = matcher.matches(in: ScannedLine("首都キエフ"))
        #expect(hits.count == 1)
        #expect(hits[0].role == .deprecated)
        #expect(hits[0].column == 3)
        #expect(hits[0].length == 3)
    }
}

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
