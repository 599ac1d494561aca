import Foundation
import Testing
@testable import TsuzuriCheck
import TsuzuriGlossary

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
}
