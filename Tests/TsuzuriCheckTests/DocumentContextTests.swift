import Testing
import TsuzuriCheck
import TsuzuriGlossary
import TsuzuriText

/// Evidence from the document decides pairs that spelling alone cannot.
@Suite("document context")
struct DocumentContextTests {
    private func findings(_ text: String, glossary: Glossary = Glossary(entries: [])) -> [Finding] {
        let checker = Checker(glossary: glossary)
        checker.check(text: text, name: "a.txt")
        return checker.report().findings
    }

    @Test("the same title joins two close spellings, and the finding says so")
    func sameTitle() throws {
        let finding = try #require(findings("ラガルド総裁が述べた。\nラガード総裁は言った。").first)
        #expect(Set(finding.spellings.map(\.spelling)) == ["ラガルド", "ラガード"])
        let evidence = try #require(finding.evidence?.first)
        #expect(evidence.contains("same title 総裁"))
        #expect(evidence.contains("1:1, 2:1"))
    }

    @Test("a title follows English in parentheses: ウォーシュ（Kevin Warsh）元理事")
    func titleAfterEnglish() throws {
        let finding = try #require(findings("ケビン・ウォーシュ（Kevin Warsh）元理事は語った。\nワーシュ元理事が就任すれば。").first)
        #expect(Set(finding.spellings.map(\.spelling)) == ["ウォーシュ", "ワーシュ"])
    }

    @Test("a shared title does not join spellings far apart (デイリー総裁, ベイリー総裁)")
    func titleAloneIsNotEnough() {
        #expect(findings("デイリー総裁が述べた。\nベイリー総裁が述べた。").isEmpty)
    }

    @Test("two close spellings in one sentence are two people, title or not")
    func oneSentence() {
        #expect(findings("ラガルド総裁とラガード総裁が会談した。").isEmpty)
    }

    @Test("one sentence keeps two spellings apart when the sentences went to the temporary file")
    func oneSentenceSpilled() {
        func findings(_ text: String) -> [Finding] {
            let checker = Checker(glossary: Glossary(entries: []))
            checker.keepPlaces(inMemoryUpTo: 1)
            checker.check(text: text, name: "a.txt")
            return checker.report().findings
        }
        let before = String(repeating: "ラガルド総裁が来た。ラガード総裁も。\n", count: 3)
        #expect(findings(before + "ラガルド総裁とラガード総裁が会談した。").isEmpty)
        #expect(findings("ラガルド総裁が来た。\nラガード総裁も来た。").count == 1)
    }

    @Test("one sentence counts when a later piece on the same line numbers its sentences from 0")
    func oneSentenceOutOfOrder() throws {
        func findings(_ second: String) throws -> [Finding] {
            let checker = Checker(glossary: Glossary(entries: []))
            try checker.check(document: "a.html") { emit in
                try emit(.text(TextPiece(text: "前文。次の文。ラガルド総裁が来た。", line: 1, column: 1), language: nil))
                try emit(.text(TextPiece(text: second, line: 1, column: 40), language: nil))
            }
            return checker.report().findings
        }
        // The second piece's first sentence is (line 1, sentence 0), below ラガルド's first key.
        #expect(try findings("ラガルド総裁とラガード総裁が会談した。").isEmpty)
        #expect(try findings("ラガード総裁も来た。").count == 1)
    }

    @Test("the same English in parentheses joins two spellings")
    func sameEnglish() throws {
        let finding = try #require(findings("ワーシュ（Warsh）は語った。\nきのう、ウォーシュ（Warsh）は述べた。").first)
        #expect(finding.evidence?.first?.contains("same English Warsh") == true)
    }

    @Test("first names of different people are kept apart though spelling joins them")
    func differentSurnames() {
        let text = "アレクサンデル・ストゥブ大統領が述べた。\nアレクサンドル・ルカシェンコ大統領も語った。"
        #expect(!findings(text).contains { Set($0.spellings.map(\.spelling)) == ["アレクサンデル", "アレクサンドル"] })
    }

    @Test("different English forms keep spellings apart (ウェルズ Wells, ウェールズ Wales)")
    func differentEnglish() {
        #expect(findings("ウェルズ（Wells）氏が語った。\nウェールズ（Wales）地方では。").isEmpty)
    }

    @Test("on a tie the spelling introduced by full name is preferred, wherever it stands")
    func introducedWinsTie() throws {
        let finding = try #require(findings("スタッブ大統領は語った。\nアレクサンデル・ストゥブ大統領が述べた。").first)
        #expect(finding.preferred == "ストゥブ")
        #expect(finding.spellings.first { $0.rule != nil }?.spelling == "スタッブ")
    }

    @Test("a person's title keeps a spelling from being a near miss of a place")
    func kindContradiction() {
        let glossary = Glossary(entries: [GlossaryEntry(ja: "ウェールズ", en: "Wales", kind: .place)])
        #expect(findings("ウェルズ氏が語った。", glossary: glossary).isEmpty)
        #expect(!findings("ウェルズ地方では。", glossary: glossary).isEmpty)
    }

    @Test("role words: the longest wins, a prefix stays, a Latin title must end")
    func roleWords() throws {
        let finding = try #require(findings("ゲオルギエワ専務理事は述べた。\nゲオルギエバ専務理事は。").first)
        #expect(finding.evidence?.first?.contains("専務理事") == true)
        #expect(findings("アモンCEOsは。\nアモデイCEOsは。").isEmpty)
    }
}

/// An outside source answering from a fixed table.
private final class FixedEvidence: TranslationEvidence {
    let name: String
    let canContradict: Bool
    let table: [String: String]

    init(name: String, canContradict: Bool, _ table: [String: String]) {
        self.name = name
        self.canContradict = canContradict
        self.table = table
    }

    func translations(of spelling: String) -> [EvidenceTranslation] {
        table[spelling].map { [EvidenceTranslation(english: $0, support: "test")] } ?? []
    }
}

@Suite("outside evidence")
struct OutsideEvidenceTests {
    private func findings(_ text: String, _ source: FixedEvidence) -> [Finding] {
        let checker = Checker(glossary: Glossary(entries: []))
        checker.evidenceSources = [source]
        checker.check(text: text, name: "a.txt")
        return checker.report().findings
    }

    @Test("the same English joins, and a source that may contradict keeps different English apart")
    func joinAndSeparate() {
        let text = "ストゥブは語った。\nスタッブはこう述べた。\nアレクサンデルが来た。\nアレクサンドルも来た。\n"
        let memory = FixedEvidence(
            name: "the memory", canContradict: true,
            ["ストゥブ": "Stubb", "スタッブ": "Stubb", "アレクサンデル": "Alexander", "アレクサンドル": "Aleksandr"])
        let groups = findings(text, memory).map { Set($0.spellings.map(\.spelling)) }
        #expect(groups == [["ストゥブ", "スタッブ"]])
    }

    @Test("a dictionary's different senses prove nothing: a homograph does not split a group")
    func dictionaryDoesNotContradict() {
        let dictionary = FixedEvidence(name: "the dictionary", canContradict: false, ["カラス": "crow", "カッラス": "Kallas"])
        let groups = findings("カラスは語った。\nカッラスは。\n", dictionary).map { Set($0.spellings.map(\.spelling)) }
        #expect(groups == [["カラス", "カッラス"]])
    }
}
