import Testing
import TsuzuriText

/// The scanned line decodes UTF-8 itself and builds strings from scalars itself (both are on
/// every line's path), so they are checked against the standard library's own decoding.
@Suite("scanned line")
struct ScannedLineTests {
    @Test(
        "source scalars are the text's scalars, whatever their UTF-8 length",
        arguments: ["", "ASCII only", "ヘグセス国防長官", "café ÅΩ", "𠮷野家と😀", "ﾍｸﾞｾｽ（ＮＡＴＯ）", "a\u{0301}\r\t"])
    func decodes(_ text: String) {
        #expect(ScannedLine(text).source == text.unicodeScalars.map(\.value))
        let sub = ("<" + text + ">").dropFirst().dropLast()
        #expect(ScannedLine(sub).source == text.unicodeScalars.map(\.value))
        #expect(ScannedLine.string(ScannedLine(text).source[...]) == text)
    }

    @Test("values that are no scalar are left out of a string (surrogates, beyond U+10FFFF)")
    func skipsNonScalars() {
        #expect(ScannedLine.string([0x41, 0xD800, 0x3042, 0x110000, 0x1F600][...]) == "Aあ😀")
    }

    @Test("a term keeps what the source wrote as its surface, normalised or not")
    func surfaces() {
        let plain = TermCandidates.find(in: ScannedLine("ヘグセス氏とNATO"))
        #expect(plain.map(\.surface) == ["ヘグセス", "NATO"])
        #expect(plain.map(\.term) == ["ヘグセス", "NATO"])
        let folded = TermCandidates.find(in: ScannedLine("ﾍｸﾞｾｽ氏とＮＡＴＯ、第五条"))
        #expect(folded.map(\.surface) == ["ﾍｸﾞｾｽ", "ＮＡＴＯ", "第五条"])
        #expect(folded.map(\.term) == ["ヘグセス", "NATO", "第5条"])
        #expect(TermCandidates.find(in: ScannedLine("第五条")).map(\.surface) == ["第五条"])
    }
}
