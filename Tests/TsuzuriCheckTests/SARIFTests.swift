import Foundation
import Testing
import TsuzuriCheck
import TsuzuriGlossary

@Suite("SARIF output")
struct SARIFTests {
    let glossary = Glossary(entries: [
        GlossaryEntry(
            ja: "ヘグセス", en: "Hegseth", kind: .person, variants: ["ヘグゼス"],
            source: GlossarySource(file: "glossary/people.tsv", line: 9)),
        GlossaryEntry(
            ja: "キーウ", en: "Kyiv", kind: .place, deprecated: ["キエフ"],
            source: GlossarySource(file: "<built-in>/places.tsv", line: 4)),
    ])

    private func log(_ texts: [(name: String, text: String)], glossary: Glossary? = nil) -> SARIF.Log {
        let checker = Checker(glossary: glossary ?? self.glossary)
        for (name, text) in texts { checker.check(text: text, name: name) }
        return checker.report().sarif(toolVersion: "9.8.7")
    }

    private func results(_ text: String, glossary: Glossary? = nil) -> [SARIF.Result] {
        log([("article.txt", text)], glossary: glossary).runs[0].results
    }

    @Test("one run; the driver lists the seven rules with stable ids, descriptions and level warning")
    func driver() throws {
        let log = log([("article.txt", "ヘグセス")])
        #expect(log.version == "2.1.0")
        #expect(log.runs.count == 1)
        let run = log.runs[0]
        #expect(run.columnKind == "unicodeCodePoints")
        #expect(run.tool.driver.name == "tsuzuri" && run.tool.driver.version == "9.8.7")
        let rules = run.tool.driver.rules
        #expect(rules.map(\.id) == ["glossary-variant", "deprecated", "near-miss", "inconsistent-spelling", "missing-term", "inconsistent-translation", "mixed-script"])
        #expect(rules.map(\.name) == ["GlossaryVariant", "Deprecated", "NearMiss", "InconsistentSpelling", "MissingTerm", "InconsistentTranslation", "MixedScript"])
        #expect(rules.allSatisfy { $0.defaultConfiguration.level == "warning" })
        #expect(rules.allSatisfy { !$0.shortDescription.text.isEmpty && !$0.fullDescription.text.isEmpty && !$0.help.text.isEmpty })
        #expect(run.results.isEmpty)
    }

    @Test("a glossary variant: region, fix replacing the span by the preferred form, glossary line as related location")
    func glossaryVariant() throws {
        let result = try #require(results("ヘグセス長官。\n首都でヘグゼス長官が。\n").first)
        #expect(result.ruleId == "glossary-variant" && result.ruleIndex == 0 && result.level == "warning")
        let place = try #require(result.locations.first?.physicalLocation)
        #expect(place.artifactLocation.uri == "article.txt")
        #expect(place.region == SARIF.Region(startLine: 2, startColumn: 4, endColumn: 8))

        let fix = try #require(result.fixes?.first)
        #expect(fix.description.text == "Write ヘグセス")
        let change = try #require(fix.artifactChanges.first)
        #expect(change.artifactLocation.uri == "article.txt")
        #expect(change.replacements.count == 1)
        #expect(change.replacements[0].deletedRegion == SARIF.Region(startLine: 2, startColumn: 4, endColumn: 8))
        #expect(change.replacements[0].insertedContent.text == "ヘグセス")

        let related = try #require(result.relatedLocations?.first)
        #expect(result.relatedLocations?.count == 1)
        #expect(related.physicalLocation.artifactLocation.uri == "glossary/people.tsv")
        #expect(related.physicalLocation.region == SARIF.Region(startLine: 9))
        #expect(related.message?.text == "glossary entry ヘグセス (Hegseth)")
    }

    @Test("the message is the gcc format's message, word for word")
    func sharedMessage() throws {
        let checker = Checker(glossary: glossary)
        checker.check(text: "ヘグゼス長官とヘスゲス氏、キエフにて。\n", name: "article.txt")
        let report = checker.report()
        var gcc = ""
        report.renderGCC(to: &gcc)
        let results = report.sarif(toolVersion: "1").runs[0].results
        #expect(results.count == 3)
        for result in results {
            let region = result.locations[0].physicalLocation.region
            let line = "article.txt:\(region.startLine):\(region.startColumn!): warning: \(result.message.text) [\(result.ruleId)]"
            #expect(gcc.contains(line + "\n"), "\(line) not in\n\(gcc)")
        }
        #expect(results[0].message.text == "ヘグゼス is a variant of ヘグセス (Hegseth); write ヘグセス (listed at glossary/people.tsv:9)")
    }

    @Test("columns and the fix's span count Unicode scalars: half-width ﾍｸﾞｾﾞｽ is six columns")
    func halfWidthColumns() throws {
        let result = try #require(results("国防長官ﾍｸﾞｾﾞｽが。\n").first)
        let region = result.locations[0].physicalLocation.region
        #expect(region == SARIF.Region(startLine: 1, startColumn: 5, endColumn: 11))
        #expect(result.fixes?.first?.artifactChanges.first?.replacements.first?.deletedRegion == region)
    }

    @Test("a near miss and a deprecated form get fixes; the built-in glossary gives no related location")
    func nearMissAndDeprecated() throws {
        let results = results("ヘスゲス長官がキエフへ。\n")
        #expect(results.map(\.ruleId) == ["near-miss", "deprecated"])
        #expect(results.map(\.ruleIndex) == [2, 1])
        #expect(results.map { $0.fixes?.first?.artifactChanges.first?.replacements.first?.insertedContent.text } == ["ヘグセス", "キーウ"])
        #expect(results[0].relatedLocations?.first?.physicalLocation.artifactLocation.uri == "glossary/people.tsv")
        #expect(results[1].relatedLocations == nil, "<built-in>/places.tsv is no file a viewer can open")
    }

    @Test("an in-text inconsistency gets no fix (the kept spelling is a guess) and no related location")
    func inconsistentHasNoFix() throws {
        let results = results("ヘグセス。ヘグセス。ヘグゼス。", glossary: Glossary(entries: []))
        let result = try #require(results.first)
        #expect(results.count == 1)
        #expect(result.ruleId == "inconsistent-spelling" && result.ruleIndex == 3)
        #expect(result.fixes == nil)
        #expect(result.relatedLocations == nil)
    }

    @Test("results follow the input order of the files, then line and column")
    func order() throws {
        let log = log([("b.txt", "キエフ\nヘグゼス\n"), ("a.txt", "ヘグゼス")])
        let places = log.runs[0].results.map {
            "\($0.locations[0].physicalLocation.artifactLocation.uri):\($0.locations[0].physicalLocation.region.startLine)"
        }
        #expect(places == ["b.txt:1", "b.txt:2", "a.txt:1"])
    }

    @Test("a fingerprint survives lines added above, and tells two uses of one spelling apart")
    func fingerprints() throws {
        let before = results("ヘグゼス。\nヘグゼス。\n").map { $0.partialFingerprints[SARIF.fingerprintKey] }
        let after = results("新しい行。\n\nヘグゼス。\nヘグゼス。\n").map { $0.partialFingerprints[SARIF.fingerprintKey] }
        #expect(before.count == 2 && before.allSatisfy { $0?.count == 16 })
        #expect(before == after)
        #expect(before[0] != before[1])
    }

    @Test(
        "paths become URI references: relative as given, absolute as file://, the rest percent-encoded",
        arguments: [
            ("seeds/000.txt", "seeds/000.txt"),
            ("/tmp/記事 1.txt", "file:///tmp/%E8%A8%98%E4%BA%8B%201.txt"),
            ("<stdin>", "%3Cstdin%3E"),
            ("a:b.txt", "a%3Ab.txt"),
        ])
    func uris(path: String, uri: String) {
        #expect(SARIF.uri(forPath: path) == uri)
    }

    @Test("a glossary source reads back from its file:line text", arguments: ["glossary/people.tsv:9", "C:/g/a.tsv:12"])
    func sourceRoundTrip(text: String) throws {
        let source = try #require(GlossarySource(text))
        #expect(source.description == text)
        #expect(GlossarySource("people.tsv") == nil && GlossarySource("people.tsv:0") == nil)
    }
}
