import Testing
@testable import TsuzuriText

@Suite struct TermListTests {
    @Test func readsOneTermPerLine() {
        let list = TermList(bytes: Array("\u{FEFF}ヘグセス\r\n  ヘグゼス \n\n\nヘグセス\nNATO".utf8))
        #expect(list.terms == ["ヘグセス", "ヘグゼス", "ヘグセス", "NATO"])
        #expect(list.skipped.isEmpty)
    }

    @Test func skipsInvalidUTF8WithLineAndOffset() {
        var bytes = Array("ヘグセス\n".utf8)
        let offset = bytes.count + 3
        bytes += Array("abc".utf8) + [0xFF, 0xFE] + Array("\nヘグゼス\n".utf8)
        let list = TermList(bytes: bytes)
        #expect(list.terms == ["ヘグセス", "ヘグゼス"])
        #expect(list.skipped == [TermList.Skipped(line: 2, byteOffset: offset, reason: "invalid UTF-8")])
    }

    @Test(arguments: [[0xC3], [0xE3, 0x81], [0xED, 0xA0, 0x80], [0xF5, 0x80, 0x80, 0x80], [0xC0, 0x80]] as [[UInt8]])
    func rejectsMalformedSequences(_ bad: [UInt8]) {
        let list = TermList(bytes: Array("ア".utf8) + bad + [0x0A])
        #expect(list.terms.isEmpty)
        #expect(list.skipped.first?.byteOffset == 3)
    }

    @Test func skipsVeryLongLines() {
        let long = String(repeating: "ア", count: 10_000)
        let list = TermList(bytes: Array("ヘグセス\n\(long)\nヘグゼス".utf8))
        #expect(list.terms == ["ヘグセス", "ヘグゼス"])
        #expect(list.skipped.map(\.line) == [2])
    }

    @Test func emptyInput() {
        #expect(TermList(bytes: []).terms.isEmpty)
        #expect(TermList(bytes: Array("\n\n".utf8)).terms.isEmpty)
    }
}
