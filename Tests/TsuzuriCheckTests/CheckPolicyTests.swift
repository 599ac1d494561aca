import Testing
import TsuzuriCheck
import TsuzuriGlossary

@Suite("Check policy: rule levels and allowed spellings")
struct CheckPolicyTests {
    let glossary = Glossary(entries: [
        GlossaryEntry(ja: "ヘグセス", en: "Hegseth", kind: .person, variants: ["ヘグゼス"]),
        GlossaryEntry(ja: "キーウ", en: "Kyiv", kind: .place, deprecated: ["キエフ"]),
    ])

    private func report(_ text: String) -> CheckReport {
        let checker = Checker(glossary: glossary)
        checker.check(text: text, name: "a.txt")
        return checker.report()
    }

    @Test("a rule switched off drops its findings; the others stay, at their level")
    func ruleOff() throws {
        let policy = CheckPolicy(levels: [.deprecated: .off, .glossaryVariant: .error])
        let report = report("キエフでヘグゼス長官とヘグセス長官。").applying(policy)
        #expect(report.findings.count == 1)
        let flagged = try #require(report.findings.first?.flagged.first)
        #expect(flagged.spelling == "ヘグゼス")
        #expect(flagged.level == .error)
        var gcc = ""
        report.renderGCC(to: &gcc)
        #expect(gcc.hasPrefix("a.txt:1:5: error: ヘグゼス is a variant of ヘグセス"))
        #expect(report.sarif(toolVersion: "0").runs[0].results.map(\.level) == ["error"])
    }

    @Test("an allowed spelling is never flagged (compared as the glossary compares forms: half-width too)")
    func allowed() {
        let policy = CheckPolicy(allowed: ["ﾍｸﾞｾﾞｽ"])
        let report = report("キエフでヘグゼス長官とヘグセス長官。").applying(policy)
        #expect(report.findings.flatMap(\.flagged).map(\.spelling) == ["キエフ"])
        #expect(report.findings.flatMap(\.flagged).map(\.level) == [.warning])
    }

    @Test("the default policy changes nothing but the level it states")
    func defaultPolicy() {
        let original = report("キエフでヘグゼス長官とヘグセス長官。")
        let applied = original.applying(CheckPolicy())
        #expect(applied.findings.map(\.rules) == original.findings.map(\.rules))
        #expect(applied.findings.flatMap(\.flagged).allSatisfy { $0.level == .warning })
    }
}
