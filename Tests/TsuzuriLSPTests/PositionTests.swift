import Testing
@testable import TsuzuriLSP

@Suite("Positions and incremental sync")
struct PositionTests {
    @Test(
        "a scalar column becomes the negotiated encoding's offset and back",
        arguments: [
            // 𠮷 is one scalar, two UTF-16 units, four UTF-8 bytes.
            ("𠮷ヘグゼス", 1, PositionEncoding.utf16, 2),
            ("𠮷ヘグゼス", 1, .utf8, 4),
            ("𠮷ヘグゼス", 1, .utf32, 1),
            ("a𠮷𠮷b", 3, .utf16, 5),
            // Half-width ﾍｸﾞｾｽ: the voicing mark is a scalar (and a column) of its own.
            ("ﾍｸﾞｾｽ", 3, .utf16, 3),
            ("ﾍｸﾞｾｽ", 3, .utf8, 9),
        ])
    func conversion(line: String, scalar: Int, encoding: PositionEncoding, offset: Int) {
        #expect(encoding.offset(ofScalar: scalar, in: line[...]) == offset)
        #expect(encoding.scalarIndex(ofOffset: offset, in: line[...]) == scalar)
    }

    @Test("an offset inside a surrogate pair rounds down; past the end clamps to the end")
    func clamping() {
        #expect(PositionEncoding.utf16.scalarIndex(ofOffset: 1, in: "𠮷x"[...]) == 0)
        #expect(PositionEncoding.utf8.scalarIndex(ofOffset: 3, in: "𠮷x"[...]) == 0)
        #expect(PositionEncoding.utf16.scalarIndex(ofOffset: 99, in: "𠮷x"[...]) == 2)
    }

    @Test("the server takes the first encoding the client offers that it knows; UTF-16 otherwise")
    func negotiation() {
        #expect(PositionEncoding.negotiate(clientOffers: nil) == .utf16)
        #expect(PositionEncoding.negotiate(clientOffers: ["utf-8", "utf-16"]) == .utf8)
        #expect(PositionEncoding.negotiate(clientOffers: ["latin-1", "utf-32"]) == .utf32)
        #expect(PositionEncoding.negotiate(clientOffers: []) == .utf16)
    }

    @Test("incremental changes edit within and across lines; LF, CRLF and CR all end lines")
    func incremental() throws {
        var document = TextDocument(uri: "file:///a", version: 1, text: "一行目\r\n𠮷ヘグゼス長官\r三行目\n")
        #expect(document.lines == ["一行目", "𠮷ヘグゼス長官", "三行目", ""])
        // Replace ゼ (UTF-16 offset 4..5 after 𠮷's two units).
        try document.apply(range: (.init(line: 1, character: 4), .init(line: 1, character: 5)), text: "セ", encoding: .utf16)
        #expect(document.lines[1] == "𠮷ヘグセス長官")
        // The same edit in UTF-8 offsets: 𠮷 is 4 bytes, each kana 3.
        try document.apply(range: (.init(line: 1, character: 10), .init(line: 1, character: 13)), text: "ゼ", encoding: .utf8)
        #expect(document.lines[1] == "𠮷ヘグゼス長官")
        // Join lines 0 and 1, then split one line into three.
        try document.apply(range: (.init(line: 0, character: 3), .init(line: 1, character: 2)), text: "", encoding: .utf16)
        #expect(document.lines == ["一行目ヘグゼス長官", "三行目", ""])
        try document.apply(range: (.init(line: 1, character: 1), .init(line: 1, character: 1)), text: "A\r\nB\nC", encoding: .utf16)
        #expect(document.lines == ["一行目ヘグゼス長官", "三A", "B", "C行目", ""])
        // Past the end of the document: clamped to the end.
        try document.apply(range: (.init(line: 9, character: 0), .init(line: 9, character: 0)), text: "末", encoding: .utf16)
        #expect(document.lines.last == "末")
        #expect(throws: TextDocument.ChangeError.self) {
            try document.apply(range: (.init(line: 2, character: 0), .init(line: 1, character: 0)), text: "x", encoding: .utf16)
        }
    }

    @Test("thousands of edits leave the document as long as the text it holds")
    func manyEdits() throws {
        var document = TextDocument(uri: "file:///a", version: 1, text: String(repeating: "ヘグセス長官が語った。\n", count: 100))
        for i in 0..<5000 {
            let line = (i / 2) % 100  // each line gets ゼ, then セ back
            try document.apply(range: (.init(line: line, character: 2), .init(line: line, character: 3)), text: i % 2 == 0 ? "ゼ" : "セ", encoding: .utf16)
        }
        #expect(document.lines.count == 101)
        #expect(document.text == String(repeating: "ヘグセス長官が語った。\n", count: 100))
    }
}
