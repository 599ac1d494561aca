import Testing
import TsuzuriText

/// The PO string-literal scanner shared by `check` (PO documents) and `tm import`.
@Suite("PO string literals")
struct POStringLiteralTests {
    @Test(
        "values: C escapes, octal and hex bytes as UTF-8",
        arguments: [
            (#""a\"b\\c\td""#, "a\"b\\c\td"), (#""line\nnext""#, "line\nnext"), (#"  "\343\202\255ーウ"  "#, "キーウ"),
            (#""\xe3\x82\xad""#, "キ"), (#""\101\102""#, "AB"), (#""""#, ""),
        ])
    func values(literal: String, value: String) {
        #expect(POStringLiteral.value(of: literal) == value)
    }

    @Test("not one literal: nil", arguments: [#""open"#, #"bare"#, #""a" "b""#, #""a" x"#, #""\377""#])
    func notALiteral(text: String) {
        #expect(POStringLiteral.value(of: text) == nil)
    }

    @Test("parts are cut at \\n and place each scalar where it is written")
    func parts() throws {
        let line = Array(#"msgstr "a\tb\nキ\"""#.unicodeScalars)
        let decoded = try POStringLiteral.decode(line, from: 7)
        #expect(decoded.parts.map(\.text) == ["a\tb", "キ\""])
        #expect(decoded.parts[0].offsets == [8, 9, 11])
        #expect(decoded.parts[0].endsLine && !decoded.parts[1].endsLine)
        #expect(decoded.parts[1].offsets == [14, 15])
        #expect(decoded.parts[1].end == 17)
        #expect(decoded.end == line.count)
        #expect(throws: POStringLiteral.Problem.unterminated(offset: 0)) { try POStringLiteral.decode(Array(#""abc"#.unicodeScalars), from: 0) }
    }
}
