import Foundation
import Testing
@testable import TsuzuriCheck
import TsuzuriGlossary
import TsuzuriText

/// A line longer than the checker's window is checked in windows cut after sentence ends and
/// commas: the report must be the one the whole line gives (terms, places, titles, evidence and
/// the "both in one sentence" rule all see the same line).
@Suite struct LongLineTests {
    @Test("a long line checked in windows gives the report of the whole line", arguments: [512, 4096])
    func windowsGiveTheWholeLinesReport(window: Int) throws {
        let seed = try String(
            contentsOf: URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
                .deletingLastPathComponent().appendingPathComponent("seeds/000_c8ac7e5ec8ea1ea5.txt"), encoding: .utf8)
        // The article on one line, three times, with a look-alike and a variant on the way.
        let line = String(repeating: seed.replacingOccurrences(of: "\n", with: ""), count: 3)
            .replacingOccurrences(of: "ゼレンスキー大統領", with: "ゼレンスキ一大統領")
        let text = "見出し\n" + line + "\n最後の行。ヘグゼス氏\n"
        let glossary = Glossary(entries: [
            GlossaryEntry(ja: "ヘグセス", en: "Hegseth", kind: .person, variants: ["ヘグゼス"]),
            GlossaryEntry(ja: "キーウ", en: "Kyiv", kind: .place, deprecated: ["キエフ"]),
        ])
        let whole = Checker(glossary: glossary)
        whole.lineWindow = Int.max
        whole.check(text: text, name: "a.txt")
        let windowed = Checker(glossary: glossary)
        windowed.lineWindow = window
        windowed.check(text: text, name: "a.txt")
        // The same line as a document reader hands it on (a piece placed at line 2, column 1).
        let document = Checker(glossary: glossary)
        document.lineWindow = window
        try document.check(document: "a.txt") { emit in
            for (index, text) in text.split(separator: "\n").enumerated() {
                try emit(.text(TextPiece(text: String(text), line: index + 1, column: 1), language: nil))
            }
        }
        let expected = whole.report()
        #expect(!expected.findings.isEmpty)
        #expect(windowed.report().findings == expected.findings)
        #expect(document.report().findings == expected.findings)
    }
}
