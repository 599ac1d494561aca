import Foundation
import Testing
import TsuzuriGlossary

@Suite("Looking terms up")
struct GlossaryLookupTests {
    let glossary: Glossary

    init() throws {
        glossary = try Glossary.load(paths: [Fixtures.path("sample.tsv")])
    }

    @Test(
        "Japanese forms find their entry and role, NFKC-normalised",
        arguments: [
            ("ヘグセス", "ヘグセス", FormRole.preferred),
            ("ヘグゼス", "ヘグセス", .variant),
            ("ヘスゲス", "ヘグセス", .variant),
            ("ﾍｸﾞｾｽ", "ヘグセス", .preferred),
            (" ヘグセス ", "ヘグセス", .preferred),
            ("キエフ", "キーウ", .deprecated),
            ("北大西洋条約機構", "NATO", .alias),
            ("第５条", "第5条", .preferred),
            ("第五条", "第5条", .alias),
            ("ＮＡＴＯ", "NATO", .preferred),
        ])
    func japanese(term: String, ja: String, role: FormRole) throws {
        let found = try #require(glossary.entry(forJapanese: term))
        #expect(found.entry.ja == ja)
        #expect(found.role == role)
        let matches = glossary.lookup(term)
        #expect(matches.first?.entry.ja == ja)
        #expect(matches.first?.role == role)
        #expect(matches.first?.side == .japanese)
    }

    @Test(
        "English forms are found ignoring case, punctuation and spaces",
        arguments: [
            ("Hegseth", "ヘグセス"), ("hegseth", "ヘグセス"), ("HEGSETH", "ヘグセス"),
            ("secretary of defense", "国防長官"), ("Secretary-of-Defense", "国防長官"),
            ("article 5", "第5条"), ("kyiv", "キーウ"), ("nato", "NATO"),
        ])
    func english(term: String, ja: String) {
        let matches = glossary.lookup(term)
        #expect(matches.count == 1)
        #expect(matches.first?.entry.ja == ja)
    }

    @Test("a Latin form in the ja column matches once, on the Japanese side")
    func latinJapaneseForm() {
        let matches = glossary.lookup("NATO")
        #expect(matches.count == 1)
        #expect(matches.first?.side == .japanese)
        #expect(glossary.entries(forEnglish: "N.A.T.O.").map(\.ja) == ["NATO"])
    }

    @Test("a full name with no entry of its own finds the entries of its parts")
    func fullName() throws {
        var glossary = glossary
        glossary.entries.append(GlossaryEntry(ja: "ピート", en: "Pete", kind: .person))
        #expect(glossary.lookup("ピート・ヘグセス").map(\.entry.ja) == ["ピート", "ヘグセス"])
        #expect(glossary.lookup("ピート・ヘグゼス").map(\.role) == [.preferred, .variant])
        #expect(glossary.lookup("ﾋﾟｰﾄ･ﾍｸﾞｾｽ").count == 2)
        #expect(glossary.lookup("ジョン・ヘグセス").map(\.entry.ja) == ["ヘグセス"])
        #expect(glossary.lookup("ジョン・スミス").isEmpty)
    }

    @Test("unknown terms find nothing")
    func unknown() {
        #expect(glossary.lookup("ヘグセズ").isEmpty)
        #expect(glossary.lookup("Hegsith").isEmpty)
        #expect(glossary.lookup("").isEmpty)
        #expect(glossary.entry(forJapanese: "リーダー") == nil)
    }

    @Test("the closest entries for an unknown term, best first, each entry once")
    func closest() {
        let japanese = glossary.closest(to: "ヘグセズ", japaneseSimilarity: EnglishSimilarity.ratio)
        #expect(japanese.first?.entry.ja == "ヘグセス")
        #expect(japanese.count == 1)
        let english = glossary.closest(to: "Hegsith", japaneseSimilarity: { _, _ in 0 })
        #expect(english.first?.entry.ja == "ヘグセス")
        #expect(english.first.map { $0.score > 0.8 && $0.score < 1 } == true)
        #expect(glossary.closest(to: "zzzzzz", japaneseSimilarity: { _, _ in 0 }).isEmpty)
        let limited = glossary.closest(to: "キ", limit: 2, minimumScore: 0, japaneseSimilarity: { _, _ in 0.1 })
        #expect(limited.count == 2)
    }

    @Test("every form is indexed with its role; the index follows edits to entries")
    func forms() {
        #expect(glossary.forms.count == 10)
        var edited = glossary
        edited.entries.append(GlossaryEntry(ja: "ヒーリー", en: "Healey", kind: .person))
        #expect(edited.entry(forJapanese: "ヒーリー")?.entry.en == "Healey")
        #expect(glossary.entry(forJapanese: "ヒーリー") == nil)
    }

    @Test("Levenshtein ratio", arguments: [("kitten", "sitting", 1 - 3.0 / 7), ("", "", 1.0), ("abc", "abc", 1.0), ("abc", "", 0.0)])
    func ratio(a: String, b: String, expected: Double) {
        #expect(abs(EnglishSimilarity.ratio(a, b) - expected) < 1e-9)
    }

    @Test("English keys ignore case, diacritics, punctuation and spaces")
    func englishKey() {
        #expect(Glossary.englishKey("U.S. Secretary of State") == "ussecretaryofstate")
        #expect(Glossary.englishKey("Zelenskyy") != Glossary.englishKey("Zelensky"))
        #expect(Glossary.englishKey("Café") == "cafe")
    }
}
