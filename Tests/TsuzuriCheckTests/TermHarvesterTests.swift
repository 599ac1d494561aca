import Testing
import TsuzuriCheck
import TsuzuriGlossary
import TsuzuriText

@Suite("TermHarvester")
struct TermHarvesterTests {
    let glossary = Glossary(entries: [
        GlossaryEntry(ja: "ヘグセス", en: "Hegseth", kind: .person, variants: ["ヘグゼス"]),
        GlossaryEntry(ja: "NATO", en: "NATO", kind: .org),
    ])

    @Test("known forms (preferred, variant, English) are left out; variant spellings are one term, most frequent first")
    func groups() throws {
        let harvester = try TermHarvester(glossary: glossary)
        harvester.harvest(text: "ヘグゼス長官とNATO。\nヴィリニュスで会合。ビリニュス市長とビリニュス大学。\nUSAIDの件。", name: "a.txt")
        let terms = harvester.terms()
        #expect(terms.map(\.term) == ["ビリニュス", "USAID"])
        #expect(terms[0].count == 2)
        #expect(terms[0].variants == [.init(term: "ヴィリニュス", count: 1)])
        // The location is the first use of the spelling kept, not of the group.
        #expect(terms[0].location == TextLocation(file: "a.txt", line: 2, column: 11, length: 5))
        #expect(terms[1].kind == .acronym)
    }

    @Test("context is the sentence of the first use, cut around the term; full names keep their parts")
    func context() throws {
        let harvester = try TermHarvester(glossary: .empty)
        let long = String(repeating: "あ", count: 40)
        harvester.harvest(text: "前の文。\(long)マルコ・ルビオ\(long)。次の文。", name: "b.txt")
        let name = try #require(harvester.terms().first { $0.kind == .fullName })
        #expect(name.parts == ["マルコ", "ルビオ"])
        let reach = String(repeating: "あ", count: 24)
        #expect(name.context == "…\(reach)マルコ・ルビオ\(reach)…")
    }
}
