import Testing
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

    @Test("a matcher sharing another's trie finds the same forms, on two threads at once, and outlives it")
    func sharedTrie() {
        // Kanji forms need the word breaker, which each thread's matcher has of its own.
        let lines = [
            "国防長官はNATOの第五条に触れ、キエフとキーウの表記を論じた", "北大西洋条約機構のリーダー", "国防の話",
            "リーダーシップ", "第5条", "",
        ].map(ScannedLine.init)
        var original: GlossaryMatcher? = GlossaryMatcher(glossary: glossary)
        let expected = lines.map { original!.matches(in: $0) }
        for found in matchesOnTwoThreads(sharing: &original, lines, rounds: 200) { #expect(found == expected) }
        #expect(expected[0].count == 5)
    }

    @Test("a form whose first character is outside the BMP is found, as are the forms around it")
    func supplementaryFirstScalar() {
        let glossary = Glossary(entries: [
            GlossaryEntry(ja: "𠮷野家", en: "Yoshinoya", kind: .org),
            GlossaryEntry(ja: "リーダー", en: "leader"),
        ])
        let matcher = GlossaryMatcher(glossary: glossary)
        let hits = matcher.matches(in: ScannedLine("リーダーが𠮷野家に行った"))
        #expect(hits.map(\.surface) == ["リーダー", "𠮷野家"])
        #expect(hits.map(\.column) == [1, 6])
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
