import Foundation
import Testing

@Suite("segment and pretranslate commands")
struct SegmentAndPretranslateTests {
    @Test("segment shows sentences, ICU words and whole katakana terms with positions")
    func segmentText() throws {
        let result = try runTsuzuri(["segment", "-"], stdin: "ロシアのプーチン大統領。ピート・ヘグセス長官。\n")
        #expect(result.status == 0)
        let lines = result.stdout.split(separator: "\n").map(String.init)
        #expect(lines.contains("1:1\tsentence\tロシアのプーチン大統領。"))
        #expect(lines.contains("1:13\tsentence\tピート・ヘグセス長官。"))
        #expect(lines.contains("1:5\tkatakana\tプーチン"))
        #expect(lines.contains("1:13\tfullName\tピート・ヘグセス"))
        #expect(lines.contains("1:17\tkatakana\tヘグセス"))
    }

    @Test("segment --format json normalises half-width kana and article numerals")
    func segmentJSON() throws {
        let result = try runTsuzuri(["segment", "--show", "terms", "--format", "json", "-"], stdin: "ﾍｸﾞｾｽ国防長官と第五条。\n")
        #expect(result.status == 0)
        struct Line: Decodable {
            struct Term: Decodable { var term: String; var surface: String; var column: Int; var kind: String; var english: String? }
            var line: Int
            var terms: [Term]
        }
        let lines = try JSONDecoder().decode([Line].self, from: Data(result.stdout.utf8))
        let terms = try #require(lines.first?.terms)
        #expect(terms.map(\.term) == ["ヘグセス", "第5条"])
        #expect(terms.map(\.surface) == ["ﾍｸﾞｾｽ", "第五条"])
        #expect(terms.map(\.column) == [1, 11])
        #expect(terms[1].english == "Article 5")
    }

    @Test("segment on a missing file is an input error")
    func segmentMissing() throws {
        let result = try runTsuzuri(["segment", "/no/such.txt"])
        #expect(result.status == 2)
        #expect(result.stderr.contains("/no/such.txt: no such file"))
    }

    @Test("pretranslate: memory matches and glossary terms per sentence")
    func pretranslate() throws {
        let dir = try makeTemporaryDirectory()
        let memory = dir.appendingPathComponent("memory.sqlite").path
        let add = try runTsuzuri(["tm", "add", "--memory", memory, "ヘグセス国防長官はブリュッセルに到着した。", "Defense Secretary Hegseth arrived in Brussels."])
        #expect(add.status == 0, "\(add.stderr)")
        let article = dir.appendingPathComponent("article.txt").path
        try "ヘグセス国防長官はブリュッセルに到着しました。キエフは遠い。\n".write(toFile: article, atomically: true, encoding: .utf8)

        let result = try runTsuzuri(["pretranslate", "--memory", memory, "--format", "json", article])
        #expect(result.status == 0, "\(result.stderr)")
        struct Sentence: Decodable {
            struct Match: Decodable { var target: String; var score: Int }
            struct Term: Decodable { var ja: String; var en: String; var role: String }
            var line: Int
            var column: Int
            var text: String
            var match: Match?
            var terms: [Term]
        }
        let sentences = try JSONDecoder().decode([Sentence].self, from: Data(result.stdout.utf8))
        #expect(sentences.count == 2)
        #expect(sentences[0].match?.target == "Defense Secretary Hegseth arrived in Brussels.")
        #expect(sentences[0].terms.map(\.en).contains("Hegseth"))
        #expect(sentences[0].terms.map(\.en).contains("Secretary of Defense"))
        #expect(sentences[1].match == nil)
        #expect(sentences[1].terms.first?.role == "deprecated")

        let text = try runTsuzuri(["pretranslate", "--memory", memory, article])
        #expect(text.stdout.contains("Defense Secretary Hegseth arrived in Brussels."))
        #expect(text.stdout.contains("キエフ (deprecated of キーウ) → Kyiv"))
    }

    @Test("pretranslate without a memory warns on stderr and still lists terms")
    func pretranslateWithoutMemory() throws {
        let dir = try makeTemporaryDirectory()
        let result = try runTsuzuri(["pretranslate", "--memory", dir.appendingPathComponent("none.sqlite").path, "-"], stdin: "プーチン大統領。\n")
        #expect(result.status == 0)
        #expect(result.stderr.contains("no translation memory"))
        #expect(result.stdout.contains("プーチン → Putin"))
        let nothing = try runTsuzuri(["pretranslate", "--memory", dir.appendingPathComponent("none.sqlite").path, "-"], stdin: "今日は晴れ。\n")
        #expect(nothing.status == 1)
    }
}
