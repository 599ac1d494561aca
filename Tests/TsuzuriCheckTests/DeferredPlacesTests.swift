import Foundation
import Testing
@testable import TsuzuriCheck
import TsuzuriGlossary
import TsuzuriText

/// A report that leaves its places with the checker (`defersPlaces`, what `check` prints from)
/// gives, finding by finding once resolved, the report that reads them at once (what suppressions
/// and fixes work on) — with the places in memory or written to the temporary file.
@Suite struct DeferredPlacesTests {
    @Test("deferred places resolve to the findings of the report that read them at once", arguments: [3, 1 << 16])
    func deferredEqualsRead(placesInMemory: Int) throws {
        let seed = try String(
            contentsOf: URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
                .deletingLastPathComponent().appendingPathComponent("seeds/000_c8ac7e5ec8ea1ea5.txt"), encoding: .utf8)
        let glossary = Glossary(entries: [
            GlossaryEntry(ja: "ヘグセス", en: "Hegseth", kind: .person, variants: ["ヘグゼス"]),
            GlossaryEntry(ja: "キーウ", en: "Kyiv", kind: .place, deprecated: ["キエフ"]),
            GlossaryEntry(ja: "ゼレンスキー", en: "Zelensky", kind: .person),
        ])
        let checker = Checker(glossary: glossary)
        checker.keepPlaces(inMemoryUpTo: placesInMemory)
        // Two files (the second name sorts first), a look-alike, so places sort across files.
        checker.check(text: seed, name: "b.txt")
        checker.check(text: seed.replacingOccurrences(of: "ゼレンスキー", with: "ゼレンスキ一"), name: "a.txt")
        let read = checker.report()
        checker.defersPlaces = true
        let deferred = checker.report()
        #expect(read.findings.count >= 3)
        #expect(deferred.findings.map(\.firstLocation) == read.findings.map(\.firstLocation))
        #expect(deferred.findings.map(deferred.resolved) == read.findings)
        #expect(deferred.flaggedOccurrences == read.flaggedOccurrences)
    }

    /// Text output reads a deferred spelling's places as it writes them (never holding them all)
    /// when they come in order, and sorts them when they do not (files given out of name order):
    /// either way it prints what the report with every place read prints.
    @Test("text output streams deferred places, in order or not", arguments: [["a.txt", "b.txt"], ["b.txt", "a.txt"]])
    func textStreamsDeferredPlaces(names: [String]) throws {
        let text = (0..<40).map { "\($0)行目、首都キエフで" + ($0 % 3 == 0 ? "ゼレンスキ一氏" : "ゼレンスキー氏") + "とキーウ。" }
            .joined(separator: "\n")
        let glossary = Glossary(entries: [
            GlossaryEntry(ja: "キーウ", en: "Kyiv", kind: .place, deprecated: ["キエフ"]),
            GlossaryEntry(ja: "ゼレンスキー", en: "Zelensky", kind: .person),
        ])
        let checker = Checker(glossary: glossary)
        checker.keepPlaces(inMemoryUpTo: 5)
        for name in names { checker.check(text: text, name: name) }
        let read = checker.report()
        checker.defersPlaces = true
        let deferred = checker.report()
        #expect(deferred.findings.contains { $0.spellings.contains { $0.count > 1 && $0.locations.count == 1 } }, "places are deferred")
        let input = TextInput(name: "a.txt", contents: Array(text.utf8))
        let snippets = Snippet.read(read.findings.flatMap { $0.flagged.flatMap(\.locations) }.filter { $0.file == "a.txt" }, from: input)
        #expect(!snippets.isEmpty)
        var expected = ""
        read.renderText(to: &expected, snippets: snippets)
        var streamed = ""
        deferred.renderText(to: &streamed, snippets: snippets)
        #expect(streamed == expected)
        #expect(expected.contains("more at a.txt:"))
    }
}
