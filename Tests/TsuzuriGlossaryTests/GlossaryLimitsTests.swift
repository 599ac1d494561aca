import Testing
@testable import TsuzuriGlossary

/// Glossary lines have no length bound: a line is read as it is, in time linear in its length.
@Suite struct GlossaryLimitsTests {
    /// A 1 MiB note and 2,000 variants on one line load whole.
    @Test func aLongLineLoadsWhole() throws {
        let note = String(repeating: "n", count: 1 << 20)
        let variants = (0..<2000).map { "ヘグセス\($0)" }.joined(separator: "|")
        let text = "ja\ten\tkind\tvariants\taliases\tnote\nヘグセス\tHegseth\tperson\t\(variants)\t\t\(note)\n"
        let glossary = try Glossary.parse(text, file: "long.tsv")
        let entry = try #require(glossary.entries.first)
        #expect(entry.note.utf8.count == 1 << 20)
        #expect(entry.variants.count == 2000)
        #expect(glossary.lookup("ヘグセス1999").first?.entry.ja == "ヘグセス")
    }
}
