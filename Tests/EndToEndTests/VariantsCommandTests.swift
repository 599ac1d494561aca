import Foundation
import Testing

/// `tsuzuri similar` and `tsuzuri cluster` end to end: the built binary, its streams and exit codes.
@Suite("similar and cluster commands")
struct VariantsCommandTests {
    struct Comparison: Decodable {
        struct Edit: Decodable {
            var kind: String
            var from: String
            var to: String
            var cost: Double
            var description: String
        }
        var a: String
        var b: String
        var score: Double
        var isVariant: Bool
        var edits: [Edit]
    }

    @Test func similarExplainsAVariant() throws {
        let result = try runTsuzuri(["similar", "ヘグセス", "ヘスゲス"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.hasPrefix("ヘグセス / ヘスゲス: variants (score "))
        #expect(result.stdout.contains("グセ↔スゲ transposed"))
        #expect(result.stderr.isEmpty)
    }

    @Test func similarJSONForDifferentNames() throws {
        let result = try runTsuzuri(["similar", "ジョー", "ジョン", "--format", "json"])
        #expect(result.status == 1)
        let comparison = try JSONDecoder().decode(Comparison.self, from: Data(result.stdout.utf8))
        #expect(comparison.a == "ジョー" && comparison.b == "ジョン")
        #expect(!comparison.isVariant)
        #expect(comparison.score < 0.5)
        #expect(!comparison.edits.isEmpty)
    }

    @Test func similarJSONForAVoicingVariant() throws {
        let result = try runTsuzuri(["similar", "--format", "json", "ヘグセス", "ヘグゼス"])
        #expect(result.status == 0)
        let comparison = try JSONDecoder().decode(Comparison.self, from: Data(result.stdout.utf8))
        #expect(comparison.isVariant)
        #expect(comparison.edits.map(\.description) == ["セ→ゼ voiced"])
        #expect(comparison.edits.first?.kind == "voicing")
    }

    @Test func similarJSONForAnRColouredVowel() throws {
        let result = try runTsuzuri(["similar", "--format", "json", "アーマジロ", "アルマジロ"])
        #expect(result.status == 0)
        let comparison = try JSONDecoder().decode(Comparison.self, from: Data(result.stdout.utf8))
        #expect(comparison.isVariant)
        #expect(comparison.edits.map(\.description) == ["ー→ル r-coloured vowel"])
        #expect(comparison.edits.first?.kind == "rColouring")
    }

    @Test func clusterKeepsLookAlikeWordsApart() throws {
        let input = "ログファイル\nロックファイル\nバイト\nビット\nタンブラー\nタンブラン\nバイタミン\nビタミン\n"
        let result = try runTsuzuri(["cluster", "--format", "json"], stdin: input)
        #expect(result.status == 1)
        let groups = try JSONDecoder().decode([[String]].self, from: Data(result.stdout.utf8))
        #expect(groups == [["バイタミン", "ビタミン"]])
    }

    @Test(arguments: [["similar"], ["similar", "ヘグセス"], ["similar", "a", "b", "c"], ["similar", "a", "b", "--format", "xml"]])
    func similarUsageErrors(_ arguments: [String]) throws {
        let result = try runTsuzuri(arguments)
        #expect(result.status == 2)
        #expect(result.stdout.isEmpty)
        #expect(result.stderr.lowercased().contains("error"))
    }

    @Test(arguments: [["similar", "a", "b", "--tolerance", "0"], ["cluster", "--tolerance", "5"],
                      ["check", "--tolerance", "x", "-"], ["cluster", "--tolerance", "nan"]])
    func toleranceOutOfRangeIsAUsageError(_ arguments: [String]) throws {
        let result = try runTsuzuri(arguments, stdin: "")
        #expect(result.status == 2)
        #expect(result.stdout.isEmpty)
        #expect(result.stderr.contains("--tolerance"), "\(result.stderr)")
    }

    @Test func clusterToleranceGroupsMore() throws {
        let input = "シグナチャ\nシグネチャ\nジョー\nジョン\n"
        let strict = try runTsuzuri(["cluster", "--format", "json"], stdin: input)
        #expect(strict.status == 0 && strict.stdout == "[]\n", "\(strict.stdout)")
        let loose = try runTsuzuri(["cluster", "--format", "json", "--tolerance", "2"], stdin: input)
        #expect(loose.status == 1)
        let groups = try JSONDecoder().decode([[String]].self, from: Data(loose.stdout.utf8))
        #expect(groups == [["シグナチャ", "シグネチャ"]])
    }

    @Test func clusterGroupsFromStdin() throws {
        let input = "ヘグセス\nヘグセス\nヘグゼス\n\nヘスゲス\nジョー\nジョン\nリーダー\nリーダーシップ\nヴォロディミル\nウォロディミル\n"
        let result = try runTsuzuri(["cluster"], stdin: input)
        #expect(result.status == 1)
        #expect(result.stdout == "ヘグセス (2) | ヘグゼス | ヘスゲス\nヴォロディミル | ウォロディミル\n")
        #expect(result.stderr.isEmpty)
    }

    @Test func clusterJSONFromAFile() throws {
        let dir = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("terms.txt")
        try "ウイルス\r\nウィルス\r\nコンピュータ\r\nコンピューター\r\nコンピューター\r\n".write(to: file, atomically: true, encoding: .utf8)
        let result = try runTsuzuri(["cluster", "--format", "json", file.path])
        #expect(result.status == 1)
        let groups = try JSONDecoder().decode([[String]].self, from: Data(result.stdout.utf8))
        #expect(groups == [["コンピューター", "コンピュータ"], ["ウイルス", "ウィルス"]])
    }

    /// Blank lines, repeats, Latin, a 10,000-character line and invalid UTF-8 in one list:
    /// reported on stderr with their line, never a crash.
    @Test func clusterSurvivesBadInput() throws {
        var bytes = Data("ヘグセス\n\n   \nNATO\nＮＡＴＯ\n".utf8)
        bytes.append(Data((String(repeating: "ア", count: 10_000) + "\n").utf8))
        bytes.append(Data("abc".utf8))
        bytes.append(contentsOf: [0xFF, 0xFE, 0x0A])
        bytes.append(Data("ヘグゼス\n".utf8))
        let result = try runTsuzuri(["cluster", "--format", "json", "-"], stdinData: bytes)
        #expect(result.status == 1, "\(result.stderr)")
        let groups = try JSONDecoder().decode([[String]].self, from: Data(result.stdout.utf8))
        #expect(groups == [["ヘグセス", "ヘグゼス"], ["NATO", "ＮＡＴＯ"]])
        #expect(result.stderr.contains("<stdin>:line 6: line longer than 1000 characters"))
        #expect(result.stderr.contains("<stdin>:line 7: invalid UTF-8 at byte offset"))
    }

    @Test func clusterWithNoGroupsExitsZero() throws {
        let result = try runTsuzuri(["cluster", "--format", "json"], stdin: "ジョー\nジョン\n")
        #expect(result.status == 0)
        #expect(try JSONDecoder().decode([[String]].self, from: Data(result.stdout.utf8)).isEmpty)
        let empty = try runTsuzuri(["cluster"], stdin: "")
        #expect(empty.status == 0)
        #expect(empty.stdout.isEmpty)
    }

    @Test func clusterInputErrors() throws {
        let missing = try runTsuzuri(["cluster", "/nonexistent/terms.txt"])
        #expect(missing.status == 2)
        #expect(missing.stderr.contains("/nonexistent/terms.txt: no such file"))
        let dir = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let directory = try runTsuzuri(["cluster", dir.path])
        #expect(directory.status == 2)
        #expect(directory.stderr.contains("is a directory"))
    }
}
