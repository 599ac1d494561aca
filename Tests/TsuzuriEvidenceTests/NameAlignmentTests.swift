import Testing
@testable import TsuzuriEvidence

@Suite("aligning katakana names with English words")
struct NameAlignmentTests {
    @Test(
        "a name and its English have the same consonant skeleton",
        arguments: [
            ("ヘグセス", "Hegseth"), ("ジョン", "John"), ("ジョー", "Joe"), ("ウォーシュ", "Warsh"),
            ("ワーシュ", "Warsh"), ("ストゥブ", "Stubb"), ("スタッブ", "Stubb"), ("ゼレンスキー", "Zelensky"),
            ("ヴィリニュス", "Vilnius"), ("アレクサンデル", "Alexander"),
        ])
    func fits(katakana: String, english: String) {
        #expect(NameAlignment.score(katakana: katakana, english: english) >= 0.6, "\(NameAlignment.skeleton(katakana: katakana)) vs \(NameAlignment.skeleton(english: english))")
    }

    @Test("the best-fitting word wins: ジョン is John, ジョー is Joe; unrelated words fit badly")
    func bestFit() {
        #expect(NameAlignment.score(katakana: "ジョン", english: "John") > NameAlignment.score(katakana: "ジョン", english: "Joe"))
        #expect(NameAlignment.score(katakana: "ジョー", english: "Joe") > NameAlignment.score(katakana: "ジョー", english: "John"))
        #expect(NameAlignment.score(katakana: "ヘグセス", english: "Brussels") < 0.6)
    }

    @Test("the capitalised words of a translation are its candidate names, possessives cut")
    func names() {
        #expect(NameAlignment.names(in: "Hegseth's visit to NATO: the Secretary said") == ["Hegseth", "NATO", "Secretary"])
    }
}
