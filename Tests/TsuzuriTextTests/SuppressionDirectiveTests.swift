import Testing
import TsuzuriText

@Suite("Suppression directives: what a tsuzuri-disable comment says")
struct SuppressionDirectiveTests {
    @Test(
        "the four keywords, with and without rule names, comment markers and a reason",
        arguments: [
            ("<!-- tsuzuri-disable-next-line -->", SuppressionDirective.Kind.disableNextLine, [String]()),
            ("<!--tsuzuri-disable-line-->", .disableLine, []),
            ("<!-- tsuzuri-disable near-miss, mixed-script -->", .disable, ["near-miss", "mixed-script"]),
            ("<!-- tsuzuri-disable-next-line near-miss mixed-script -- a quoted old spelling -->", .disableNextLine, ["near-miss", "mixed-script"]),
            (" tsuzuri-enable ", .enable, []),
            ("tsuzuri-disable deprecated", .disable, ["deprecated"]),
        ])
    func parses(comment: String, kind: SuppressionDirective.Kind, rules: [String]) throws {
        let directive = try #require(SuppressionDirective.parse(comment, lines: 3...3))
        #expect(directive.kind == kind)
        #expect(directive.rules == rules)
        #expect(directive.lines == 3...3)
    }

    @Test(
        "comments that are not directives",
        arguments: ["<!-- a note to the editor -->", "<!-- tsuzuri-disabled -->", "<!-- tsuzuri-disable-next-lines -->", "<!-- tsuzuri -->", "tsuzuri-enablex"])
    func ignores(comment: String) {
        #expect(SuppressionDirective.parse(comment, lines: 1...1) == nil)
    }

    @Test("plain text: a line ending in a tsuzuri comment is a marker; prose is not")
    func plainText() throws {
        let alone = try #require(SuppressionDirective.parse(plainTextLine: "<!-- tsuzuri-disable-next-line -->  ", number: 4))
        #expect(alone.kind == .disableNextLine)
        #expect(alone.lines == 4...4)
        let trailing = try #require(SuppressionDirective.parse(plainTextLine: "ヘグゼス長官。 <!-- tsuzuri-disable-line glossary-variant -->", number: 7))
        #expect(trailing.kind == .disableLine)
        #expect(trailing.rules == ["glossary-variant"])
        #expect(SuppressionDirective.parse(plainTextLine: "tsuzuri-disable-next-line", number: 1) == nil)
        #expect(SuppressionDirective.parse(plainTextLine: "矢印 --> の先に <!-- 注 --> がある", number: 1) == nil)
    }
}
