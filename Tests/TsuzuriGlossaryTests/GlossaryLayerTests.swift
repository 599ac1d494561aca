import Testing
import TsuzuriGlossary

@Suite("Glossary layers")
struct GlossaryLayerTests {
    let header = "ja\ten\tkind\tvariants\taliases\tnote"

    func layer(_ file: String, _ lines: String...) throws -> Glossary {
        try Glossary.parse(header + "\n" + lines.joined(separator: "\n") + "\n", file: file)
    }

    @Test("a later layer adds entries and replaces the entry with the same ja, in its place")
    func override() throws {
        let builtIn = try layer("<built-in>/places.tsv", "キーウ\tKyiv\tplace\t!キエフ\t\t", "ハルキウ\tKharkiv\tplace\t\t\t")
        let team = try layer("team.tsv", "キーウ\tKyiv (team)\tplace\t!キエフ|キエフ市\t\t", "オデーサ\tOdesa\tplace\t\t\t")
        let (glossary, conflicts) = Glossary.layered([builtIn, team])
        #expect(conflicts.isEmpty)
        #expect(glossary.entries.map(\.ja) == ["キーウ", "ハルキウ", "オデーサ"])
        #expect(glossary.entries[0].en == "Kyiv (team)")
        #expect(glossary.entries[0].source?.description == "team.tsv:2")
        #expect(glossary.entry(forJapanese: "キエフ市")?.entry.en == "Kyiv (team)")
        #expect(throws: Never.self) { try glossary.checkUniqueForms() }
    }

    @Test("a form two layers give to different entries is a conflict naming both lines; the later layer keeps it")
    func conflict() throws {
        let builtIn = try layer("<built-in>/people.tsv", "ヘグセス\tHegseth\tperson\tヘグゼス\t\t", "ゼレンスキー\tZelensky\tperson\t\t\t")
        let project = try layer("glossary/x.tsv", "ヘグゼス\tHegzeth\tperson\t\t\t", "ゼレンスキ\tZelenskyy\tperson\tゼレンスキー\t\t")
        let (glossary, conflicts) = Glossary.layered([builtIn, project])
        #expect(conflicts.map(\.form) == ["ヘグゼス", "ゼレンスキー"])
        #expect(conflicts[0].earlierSource?.description == "<built-in>/people.tsv:2")
        #expect(conflicts[0].laterSource?.description == "glossary/x.tsv:2")
        #expect(conflicts[0].description.contains("<built-in>/people.tsv:2") && conflicts[0].description.contains("glossary/x.tsv:2"))
        // The variant moved to the later entry; an earlier entry whose own ja was claimed is gone.
        #expect(glossary.entry(forJapanese: "ヘグゼス")?.entry.en == "Hegzeth")
        #expect(glossary.entry(forJapanese: "ヘグセス")?.entry.variants == [])
        #expect(glossary.entry(forJapanese: "ゼレンスキー")?.entry.ja == "ゼレンスキ")
        #expect(!glossary.entries.contains { $0.en == "Zelensky" })
        #expect(throws: Never.self) { try glossary.checkUniqueForms() }
    }

    @Test("one layer, or none, is itself")
    func trivial() throws {
        let only = try layer("a.tsv", "A\tB\t\t\t\t")
        #expect(Glossary.layered([only]).glossary.entries == only.entries)
        #expect(Glossary.layered([]).glossary.isEmpty)
    }
}
