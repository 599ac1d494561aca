import Testing
import TsuzuriCheck
import TsuzuriGlossary
import TsuzuriText

@Suite("Suppressions: directives applied to a report")
struct SuppressionsTests {
    let glossary = Glossary(entries: [
        GlossaryEntry(ja: "ヘグセス", en: "Hegseth", kind: .person, variants: ["ヘグゼス"]),
        GlossaryEntry(ja: "キーウ", en: "Kyiv", kind: .place, deprecated: ["キエフ"]),
    ])

    /// Checks `lines` (line n is `lines[n - 1]`) as a.txt and applies `directives` to the report.
    private func apply(_ lines: [String], _ directives: [SuppressionDirective]) -> (Suppressions, Suppressions.Outcome) {
        let checker = Checker(glossary: glossary)
        checker.check(text: lines.joined(separator: "\n"), name: "a.txt")
        var suppressions = Suppressions()
        for directive in directives { suppressions.record(directive, file: "a.txt") }
        return (suppressions, suppressions.apply(to: checker.report()))
    }

    private func flaggedLines(_ report: CheckReport) -> [Int] {
        report.findings.flatMap(\.flagged).flatMap(\.locations).map(\.line).sorted()
    }

    @Test("next line and this line: only those occurrences go, and they are counted")
    func lines() {
        let text = ["ヘグゼス長官。", "", "ヘグゼス長官。", "ヘグゼス長官。"]
        let (_, outcome) = apply(text, [
            .init(kind: .disableNextLine, lines: 2...2),
            .init(kind: .disableLine, lines: 4...4),
        ])
        #expect(flaggedLines(outcome.report) == [1])
        #expect(outcome.report.suppressedOccurrences == 2)
        #expect(outcome.report.findings.first?.flagged.first?.count == 1)
        #expect(outcome.unused.isEmpty)
    }

    @Test("a finding whose every flagged occurrence is suppressed disappears")
    func wholeFinding() {
        let (_, outcome) = apply(["キエフ。", "ヘグゼス長官。"], [.init(kind: .disableNextLine, lines: 1...1)])
        #expect(outcome.report.findings.map(\.preferred) == ["キーウ"])
    }

    @Test("disable … enable is a block; a disable without enable runs to the end of the file")
    func blocks() {
        let text = ["ヘグゼス", "", "ヘグゼス", "", "ヘグゼス", "", "ヘグゼス"]
        let (_, closed) = apply(text, [.init(kind: .disable, lines: 2...2), .init(kind: .enable, lines: 4...4)])
        #expect(flaggedLines(closed.report) == [1, 5, 7])
        let (_, open) = apply(text, [.init(kind: .disable, lines: 4...4)])
        #expect(flaggedLines(open.report) == [1, 3])
    }

    @Test("named rules: only those rules are suppressed; enable of one rule leaves the others off")
    func namedRules() {
        let text = ["", "ヘグゼスとキエフ", "", "ヘグゼスとキエフ"]
        let (_, named) = apply(text, [.init(kind: .disableNextLine, rules: ["deprecated"], lines: 1...1)])
        #expect(named.report.findings.flatMap(\.flagged).map { "\($0.spelling)\($0.locations.map(\.line))" }.sorted() == ["キエフ[4]", "ヘグゼス[2, 4]"])
        let (_, partial) = apply(text, [.init(kind: .disable, lines: 1...1), .init(kind: .enable, rules: ["glossary-variant"], lines: 3...3)])
        #expect(partial.report.findings.flatMap(\.flagged).map { "\($0.spelling)\($0.locations.map(\.line))" } == ["ヘグゼス[4]"])
    }

    @Test("unknown rule names are warnings with file:line; directives that suppress nothing are unused")
    func warningsAndUnused() {
        let (suppressions, outcome) = apply(["ヘグゼス", "", "", "ヘグゼス"], [
            .init(kind: .disableNextLine, rules: ["near-mis"], lines: 3...3),
            .init(kind: .disableNextLine, lines: 1...1),
            .init(kind: .enable, lines: 2...2),
        ])
        #expect(suppressions.warnings.count == 1)
        #expect(suppressions.warnings.first?.hasPrefix("a.txt:3: unknown rule 'near-mis' in tsuzuri-disable-next-line") == true)
        #expect(outcome.unused.map { "\($0.file):\($0.line) \($0.text)" } == ["a.txt:1 tsuzuri-disable-next-line", "a.txt:3 tsuzuri-disable-next-line near-mis"])
        #expect(flaggedLines(outcome.report) == [1, 4])
    }
}
