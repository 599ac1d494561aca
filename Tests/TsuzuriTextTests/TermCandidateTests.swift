import Testing
@testable import TsuzuriText

@Suite("Term candidates")
struct TermCandidateTests {
    private func terms(_ text: String, kind: TermCandidate.Kind? = nil) -> [String] {
        TermCandidates.find(in: ScannedLine(text)).filter { kind == nil || $0.kind == kind }.map(\.term)
    }

    @Test("maximal katakana runs, never ICU's split of プーチン")
    func katakanaRuns() {
        #expect(terms("ロシアのプーチン大統領と電話会談") == ["ロシア", "プーチン"])
    }

    @Test("full names joined over ・, with their parts")
    func fullNames() {
        let found = TermCandidates.find(in: ScannedLine("ピート・ヘグセス国防長官"))
        #expect(found.map(\.kind) == [.fullName, .katakana, .katakana])
        #expect(found.map(\.term) == ["ピート・ヘグセス", "ピート", "ヘグセス"])
        #expect(found.map(\.column) == [1, 1, 5])
    }

    @Test("a trailing ・ does not join")
    func trailingJoiner() {
        #expect(terms("ロバート・F・ケネディ") == ["ロバート", "ケネディ"])
    }

    @Test("half-width katakana are normalised; columns still point into the source")
    func halfWidth() {
        let found = TermCandidates.find(in: ScannedLine("国防長官ﾍｸﾞｾｽ氏"))
        #expect(found.count == 1)
        #expect(found[0].term == "ヘグセス")
        #expect(found[0].surface == "ﾍｸﾞｾｽ")
        #expect(found[0].column == 5)
        #expect(found[0].length == 5)
    }

    @Test("small kana, ヴ and ー stay inside a run")
    func smallKana() {
        #expect(terms("ヴォロディミル・ゼレンスキー") == ["ヴォロディミル・ゼレンスキー", "ヴォロディミル", "ゼレンスキー"])
    }

    @Test("single kana are not terms, and a leading ー is a dash")
    func shortRuns() {
        #expect(terms("6カ月後") == [])
        #expect(terms("ーーー") == [])
    }

    @Test("acronyms, also written full-width; lower-case words and initials are not")
    func acronyms() {
        #expect(terms("NATOとＵＳＡＩＤ、MSCとF、Nato", kind: .acronym) == ["NATO", "USAID", "MSC"])
        let found = TermCandidates.find(in: ScannedLine("とＮＡＴＯ"))
        #expect(found.first?.surface == "ＮＡＴＯ")
        #expect(found.first?.column == 2)
    }

    @Test("numbered articles in every notation are one term", arguments: ["第5条", "第５条", "第五条"])
    func articles(_ text: String) {
        let found = TermCandidates.find(in: ScannedLine("NATO憲章\(text)は"))
        let article = found.first { $0.kind == .article }
        #expect(article?.term == "第5条")
        #expect(article?.english == "Article 5")
        #expect(article?.surface == text)
    }

    @Test("kanji numerals with units", arguments: [("十二", 12), ("二十", 20), ("百五", 105), ("二〇", 20), ("12", 12)])
    func kanjiNumbers(_ text: String, _ value: Int) {
        #expect(KanjiNumber.parse(text.unicodeScalars.map(\.value)) == value)
    }

    @Test("a numeral too large for Int is no number, not a crash",
          arguments: ["一二三四五六七八九〇一二三四五六七八九〇", "一" + String(repeating: "〇", count: 18) + "千", "99999999999999999999"])
    func overflowingNumerals(_ text: String) throws {
        #expect(KanjiNumber.parse(text.unicodeScalars.map(\.value)) == nil)
        let found = TermCandidates.find(in: ScannedLine("第\(text)条に基づく"))
        #expect(!found.contains { $0.kind == .article })
    }
}
