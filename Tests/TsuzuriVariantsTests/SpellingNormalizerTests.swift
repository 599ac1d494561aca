import Testing
@testable import TsuzuriVariants

@Suite struct SpellingNormalizerTests {
    @Test(arguments: [
        ("ﾍｸﾞｾｽ", "ヘグセス"),
        ("へぐせす", "ヘグセス"),
        ("ピート・ヘグセス", "ピートヘグセス"),
        ("ピート･ヘグセス", "ピートヘグセス"),
        ("ピート ヘグセス", "ピートヘグセス"),
        ("ピート　ヘグセス", "ピートヘグセス"),
        ("ジャン＝ピエール", "ジャンピエール"),
        ("コンピュータ－", "コンピューター"),
        ("コンピュータ-", "コンピューター"),
        ("コンピュータ―", "コンピューター"),
        ("コンピュータ〜", "コンピューター"),
        ("コンピュータｰ", "コンピューター"),
        ("ABC-1", "ABC-1"),                    // a dash after Latin keeps its meaning
        ("ＮＡＴＯ", "NATO"),
    ])
    func normalizes(_ raw: String, _ expected: String) {
        #expect(SpellingNormalizer.normalize(raw) == expected)
    }

    @Test func kanaOnly() {
        #expect(SpellingNormalizer.isKana("ヘグセス"))
        #expect(SpellingNormalizer.isKana("コンピューター"))
        #expect(!SpellingNormalizer.isKana("第5条"))
        #expect(!SpellingNormalizer.isKana("NATO"))
        #expect(!SpellingNormalizer.isKana(""))
    }

    @Test(arguments: [
        ("ヴォロディミル", ["ヴォ", "ロ", "ディ", "ミ", "ル"]),
        ("シュッシュー", ["シュ", "ッ", "シュ", "ー"]),
        ("コンピューター", ["コ", "ン", "ピュ", "ー", "タ", "ー"]),
        ("ウィンドウ", ["ウィ", "ン", "ド", "ウ"]),
        ("ァア", ["ァ", "ア"]),                // a stray small kana is a mora of its own
    ])
    func segmentsMorae(_ text: String, _ expected: [String]) {
        #expect(MoraSegmenter.segment(text).surfaces == expected)
    }

    @Test func longVowelsAndLengtheningVowelsAreNotSyllables() {
        #expect(Spelling("ゼーゼー").syllables == 2)
        #expect(Spelling("ゼイゼイ").syllables == 2)
        #expect(Spelling("ヘグセス").syllables == 4)
    }
}
