import Testing
import TsuzuriCheck
import TsuzuriGlossary
import TsuzuriText

@Suite("look-alike characters in katakana words")
struct LookAlikeTests {
    let glossary = Glossary(entries: [
        GlossaryEntry(ja: "ヘグセス", en: "Hegseth", kind: .person),
        GlossaryEntry(ja: "ベッセント", en: "Bessent", kind: .person),
        GlossaryEntry(ja: "トランプ", en: "Trump", kind: .person),
        GlossaryEntry(ja: "ゼレンスキー", en: "Zelensky", kind: .person),
    ])

    private func flagged(_ text: String, glossary: Glossary? = nil) -> [(String, String, TextLocation)] {
        let checker = Checker(glossary: glossary ?? self.glossary)
        checker.check(text: text, name: "a.txt")
        return checker.report().findings.flatMap { finding in
            finding.spellings.filter { $0.rule == .mixedScript }.flatMap { use in
                use.locations.map { (use.spelling, finding.preferred, $0) }
            }
        }
    }

    @Test(
        "a look-alike inside or at the edge of a known word is reported with the word to write",
        arguments: [
            ("へグセス長官が語った。", "へグセス", "ヘグセス", 1),
            ("長官のべッセント氏。", "べッセント", "ベッセント", 4),
            ("卜ランプ大統領。", "卜ランプ", "トランプ", 1),
            ("ゼレンスキ一大統領。", "ゼレンスキ一", "ゼレンスキー", 1),
            ("ゼレンスキ－氏。", "ゼレンスキ－", "ゼレンスキー", 1),
        ])
    func known(text: String, written: String, preferred: String, column: Int) throws {
        let found = flagged(text)
        #expect(found.count == 1)
        let (spelling, word, location) = try #require(found.first)
        #expect(spelling == written)
        #expect(word == preferred)
        #expect(location.column == column && location.length == written.unicodeScalars.count)
    }

    @Test("a word the text itself spells right elsewhere counts as known")
    func knownFromText() throws {
        let found = flagged("マクロンが来日。マク口ン大統領は語った。", glossary: Glossary(entries: []))
        #expect(found.map(\.0) == ["マク口ン"])
        #expect(found.first?.1 == "マクロン")
    }

    @Test("look-alikes that make no known word stay quiet (二国間, カ月, 一方, the particle へ)")
    func quiet() {
        #expect(flagged("ロシア二国間協議。3カ月ぶり。一方、ウクライナへ向かう。トランプ一家。").isEmpty)
    }

    @Test("the fragment a broken word was read as (ゼレンスキ, 'ー dropped') is not reported on its own")
    func fragmentDropped() {
        let checker = Checker(glossary: glossary)
        checker.check(text: "ゼレンスキ一大統領が語った。", name: "a.txt")
        let flagged = checker.report().findings.flatMap(\.spellings).filter { $0.rule != nil }
        #expect(flagged.map(\.spelling) == ["ゼレンスキ一"])
        #expect(flagged.map(\.rule) == [.mixedScript])
    }
}

extension LookAlikeTests {
    @Test(
        "a look-alike that belongs to its neighbours stays quiet (the false alarms measured on manpages-ja)",
        arguments: [
            "crontab は通常どおりロードするように見える。", "照合を通らない限りブートをしない。", "入力セットに含まれる。",
            "パーサ一つで足りる。", "エラー一覧を表示する。", "MPEG レイヤ-3 ストリーム。", "東京へフライトした。",
        ])
    func belongsToNeighbours(text: String) {
        let glossary = Glossary(entries: [
            GlossaryEntry(ja: "リロード", en: "reload"), GlossaryEntry(ja: "リブート", en: "reboot"),
            GlossaryEntry(ja: "カセット", en: "cassette"), GlossaryEntry(ja: "パーサー", en: "parser"),
            GlossaryEntry(ja: "エラー", en: "error"), GlossaryEntry(ja: "レイヤー", en: "layer"),
            GlossaryEntry(ja: "ヘフライト", en: "x"),
        ])
        #expect(flagged(text, glossary: glossary).isEmpty)
    }

    @Test("the same look-alikes after punctuation or Latin letters are typos and reported")
    func typosAfterPunctuation() {
        let glossary = Glossary(entries: [GlossaryEntry(ja: "ヘッダ", en: "header"), GlossaryEntry(ja: "リダイレクト", en: "redirect")])
        #expect(flagged("フッタ、へッダ、本文。HTTPりダイレクト。", glossary: glossary).map(\.0) == ["へッダ", "りダイレクト"])
    }
}
