import Testing
import TsuzuriCheck
import TsuzuriGlossary
import TsuzuriText

/// The bilingual rules on translation units: `missing-term` in both directions (how English
/// terms are found, what satisfies them) and `inconsistent-translation`.
@Suite("Bilingual rules")
struct BilingualRulesTests {
    let glossary = Glossary(entries: [
        GlossaryEntry(ja: "ヘグセス", en: "Pete Hegseth", kind: .person, variants: ["ヘグゼス"]),
        GlossaryEntry(ja: "ピート", en: "Pete", kind: .person),
        GlossaryEntry(ja: "トランプ", en: "Trump", kind: .person),
        GlossaryEntry(ja: "キーウ", en: "Kyiv", kind: .place, deprecated: ["キエフ"]),
        GlossaryEntry(ja: "第5条", en: "Article 5", aliases: ["第五条"]),
        GlossaryEntry(ja: "同盟国", en: "ally"),
        GlossaryEntry(ja: "エルドアン", en: "Recep Tayyip Erdoğan", kind: .person),
        GlossaryEntry(ja: "シュミハリ", en: "Denys Shmyhal", kind: .person),
        GlossaryEntry(ja: "ルビオ", en: "Rubio", kind: .person),
        GlossaryEntry(ja: "マルコ", en: "Marco", kind: .person),
        GlossaryEntry(ja: "マーク・ルッテ", en: "Mark Rutte", kind: .person),
    ])

    /// A unit whose source is written on `line` from column 8 and its target on the next line from column 9.
    static func unit(_ id: String, _ source: String, _ target: String?, line: Int, languages: (String?, String?) = ("en", "ja")) -> BilingualUnit {
        BilingualUnit(
            id: id, source: UnitText(language: languages.0, pieces: [TextPiece(text: source, line: line, column: 8)]),
            target: target.map { UnitText(language: languages.1, pieces: [TextPiece(text: $0, line: line + 1, column: 9)]) })
    }

    func report(_ units: [BilingualUnit]) throws -> CheckReport {
        let checker = Checker(glossary: glossary)
        try checker.check(document: "t.po") { emit in
            for unit in units { try emit(.unit(unit)) }
        }
        return checker.report()
    }

    /// Every flagged place as "unit rule spelling line:column".
    func flags(_ units: [BilingualUnit]) throws -> [String] {
        try report(units).findings.flatMap { finding in
            finding.flagged.flatMap { use in
                use.locations.map { "\($0.unit ?? "-") \(use.rule!.rawValue) \(use.spelling) \($0.line):\($0.column)" }
            }
        }.sorted()
    }

    @Test("missing-term: an English term whose Japanese form the target lacks, placed at the term in the source")
    func missingTerm() throws {
        #expect(try flags([Self.unit("1", "Kyiv was attacked.", "首都が攻撃された。", line: 3)]) == ["1 missing-term Kyiv 3:8"])
        #expect(try flags([Self.unit("1", "They honor Article 5.", "第五条を守る。", line: 3)]) == [])
    }

    @Test("a variant or deprecated form in the target is reported under its own rule, not as missing-term")
    func flaggedFormSatisfies() throws {
        #expect(try flags([Self.unit("7", "Kyiv was attacked.", "キエフが攻撃された。", line: 3)]) == ["7 deprecated キエフ 4:9"])
        #expect(try flags([Self.unit("8", "Hegseth spoke.", "ヘグゼス長官が話した。", line: 3)]) == ["8 glossary-variant ヘグゼス 4:9"])
    }

    @Test(
        "English terms: a person by surname, possessives, plurals, diacritics",
        arguments: [
            ("Hegseth's plan", "Hegseth's"), ("Erdogan said", "Erdogan"), ("Erdoğan said", "Erdoğan"),
            ("our allies", "allies"), ("Recep Tayyip Erdoğan said", "Recep Tayyip Erdoğan"),
        ])
    func englishForms(source: String, surface: String) throws {
        let found = try flags([Self.unit("1", source, "何か。", line: 1)])
        #expect(found.count == 1)
        #expect(found.first?.contains("missing-term \(surface) 1:") == true, "\(found)")
    }

    @Test("names keep their capitals: a trump card is not Trump; one- and two-letter surnames are not names alone")
    func capitals() throws {
        #expect(try flags([Self.unit("1", "He played a trump card in kyiv.", "切り札を出した。", line: 1)]) == [])
        #expect(try flags([Self.unit("1", "Trump spoke.", "大統領が話した。", line: 1)]) == ["1 missing-term Trump 1:8"])
    }

    @Test("a one-word name before another capitalised word is a given name: optional; the surname is not")
    func givenName() throws {
        // Given name and surname as entries of their own (the default glossary's way).
        #expect(try flags([Self.unit("1", "Marco Rubio spoke.", "ルビオ長官が話した。", line: 1)]) == [])
        #expect(try flags([Self.unit("1", "Marco Rubio spoke.", "長官が話した。", line: 1)]) == ["1 missing-term Rubio 1:14"])
        #expect(try flags([Self.unit("1", "Marco spoke.", "彼が話した。", line: 1)]) == ["1 missing-term Marco 1:8"])
        // Someone else with the same given name (a credits line: Marco Polo).
        #expect(try flags([Self.unit("1", "Marco Polo", "マルコ・ポーロ", line: 1)]) == [])
        #expect(try flags([Self.unit("1", "by Marco Polo", "ポーロ作", line: 1)]) == [])
        // A full name as one entry: its Japanese surname is enough, as is the full Japanese name.
        #expect(try flags([Self.unit("1", "Pete Hegseth spoke.", "ヘグセス長官が話した。", line: 1)]) == [])
        #expect(try flags([Self.unit("1", "Pete Hegseth spoke.", "長官が話した。", line: 1)]) == ["1 missing-term Pete Hegseth 1:8"])
        #expect(try flags([Self.unit("1", "Rutte spoke.", "ルッテ事務総長が話した。", line: 1)]) == [])
    }

    @Test("a term wrapped onto the next line is found in the source and satisfied in the target")
    func wrapped() throws {
        let unit = BilingualUnit(
            id: "w",
            source: UnitText(
                language: "en",
                pieces: [TextPiece(text: "They honor Article ", line: 5, column: 2), TextPiece(text: "5 and Kyiv.", line: 6, column: 2)]),
            target: UnitText(
                language: "ja", pieces: [TextPiece(text: "第5", line: 8, column: 2), TextPiece(text: "条を守る。", line: 9, column: 2)]))
        #expect(try flags([unit]) == ["w missing-term Kyiv 6:8"])
    }

    @Test("Japanese source, English target: the Japanese term is placed in the source")
    func japaneseSource() throws {
        let units = [Self.unit("j", "キーウが攻撃された。", "The capital was attacked.", line: 2, languages: ("ja", "en"))]
        #expect(try flags(units) == ["j missing-term キーウ 2:8"])
        #expect(try flags([Self.unit("j", "キーウが攻撃された。", "Kyiv was attacked.", line: 2, languages: ("ja", "en"))]) == [])
    }

    @Test("no side Japanese (English to French): no term or katakana checks")
    func noJapaneseSide() throws {
        #expect(try flags([Self.unit("f", "Kyiv was attacked.", "La capitale a été attaquée.", line: 1, languages: ("en", "fr"))]) == [])
    }

    @Test("the side is known by its text when the file gives no language")
    func languageByScript() throws {
        #expect(try flags([Self.unit("n", "Kyiv was attacked.", "首都が攻撃された。", line: 1, languages: (nil, nil))]) == ["n missing-term Kyiv 1:8"])
    }

    @Test("inconsistent-translation: the later, less frequent translation is flagged at its target, the kept one named")
    func inconsistentTranslation() throws {
        let units = [
            Self.unit("10", "No details.", "詳細は不明。", line: 10),
            Self.unit("12", "No details.", "詳細は 不明。", line: 12),  // white space only: the same translation
            Self.unit("15", "No  details.", "内容は非公表。", line: 15),
        ]
        #expect(try flags(units) == ["15 inconsistent-translation 内容は非公表。 16:9"])
        let finding = try report(units).findings[0]
        #expect(finding.preferred == "詳細は不明。")
        #expect(finding.sourceText == "No details.")
        #expect(finding.spellings[0].locations.map(\.unit) == ["10", "12"])
    }

    @Test("untranslated units are counted, not checked for terms")
    func untranslated() throws {
        let report = try report([Self.unit("u", "Kyiv was attacked.", "", line: 1), Self.unit("v", "Kyiv.", nil, line: 3)])
        #expect(report.findings.isEmpty)
        #expect(report.units?.checked == 2)
        #expect(report.units?.untranslated == 2)
    }
}
