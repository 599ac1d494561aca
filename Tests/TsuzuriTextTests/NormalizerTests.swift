import Testing
import TsuzuriText

@Suite("one normaliser, named profiles")
struct NormalizerProfileTests {
    @Test("every scalar the fast path calls stable is left alone by ICU's NFKC")
    func stableScalarsAreStable() {
        var wrong: [String] = []
        for v in UInt32(0)...0x2FFFF where Normalizer.isStable(v) {
            guard let scalar = Unicode.Scalar(v) else { continue }
            let text = String(scalar)
            if Normalizer.nfkc(text) != text { wrong.append(String(v, radix: 16)) }
        }
        #expect(wrong.isEmpty, "not stable under NFKC: \(wrong.prefix(10))")
    }

    @Test(
        "a scanned line is NFKC with a map back to its columns",
        arguments: [
            ("ﾍｸﾞｾｽ長官", "ヘグセス長官"),
            ("エリザベスⅡ世", "エリザベスII世"),
            ("ＮＡＴＯ　本部", "NATO 本部"),
            ("か\u{3099}", "が"),
            ("𠮷野家", "𠮷野家"),
        ])
    func scannedLineIsNFKC(source: String, normalized: String) {
        let line = ScannedLine(source)
        #expect(ScannedLine.string(line.normalized[...]) == normalized)
        #expect(ScannedLine.string(line.normalized[...]) == Normalizer.normalize(source, .term))
        // The last normalised scalar points back into the source line.
        #expect(line.sourceRange((line.normalized.count - 1)..<line.normalized.count).upperBound <= line.source.count)
    }

    @Test("Ⅱ in the text and II in a key compare equal, at the right columns")
    func romanNumeral() {
        let line = ScannedLine("女王エリザベスⅡ世が")
        let start = line.normalized.firstIndex(of: 0x30A8)!  // エ
        let end = start + "エリザベスII世".unicodeScalars.count
        #expect(line.normalizedText(start..<end) == Normalizer.normalize("エリザベスⅡ世", .term))
        #expect(line.sourceRange(start..<end) == 2..<9)
    }

    @Test(
        "the spelling profile folds what never makes a different word",
        arguments: [
            ("ピート・ヘグセス", "ピートヘグセス"),
            ("ﾋﾟｰﾄ･ﾍｸﾞｾｽ", "ピートヘグセス"),
            ("へぐせす", "ヘグセス"),
            ("ゼレンスキ－", "ゼレンスキー"),
            ("ABC-1", "ABC-1"),
        ])
    func spelling(text: String, expected: String) {
        #expect(Normalizer.normalize(text, .spelling) == expected)
    }

    /// Katakana letters and ー come back unchanged without the general route; a ・ in front
    /// sends the same letters through it, which must agree.
    @Test func spellingOfPlainKatakanaIsTheGeneralRoutes() {
        let letters = (0x30A1...0x30FA).map { String(Unicode.Scalar($0)!) } + ["ー"]
        for first in letters {
            for second in letters {
                let text = first + second + "ー" + first
                #expect(Normalizer.normalize(text, .spelling) == text)
                #expect(Normalizer.normalize("・" + text, .spelling) == text, "\(text)")
            }
        }
    }

    @Test(
        "the English profile ignores case, diacritics, punctuation and spaces",
        arguments: [
            ("Secretary-of-Defense", "secretaryofdefense"),
            ("U.S.", "us"),
            ("Zürich", "zurich"),
            ("ＮＡＴＯ", "nato"),
            ("Straße", "strasse"),
        ])
    func english(text: String, expected: String) {
        #expect(Normalizer.normalize(text, .english) == expected)
    }

    @Test("name separators: ・ ＝ = · and spaces join a name's parts; letters do not")
    func separators() {
        for v: UInt32 in [0x30FB, 0xFF65, 0x3D, 0xFF1D, 0xB7, 0x20, 0x3000, 0x200B] {
            #expect(Script.isNameSeparator(v), "U+\(String(v, radix: 16))")
        }
        for v: UInt32 in [0x30A2, 0x41, 0x30FC] { #expect(!Script.isNameSeparator(v)) }
    }
}
