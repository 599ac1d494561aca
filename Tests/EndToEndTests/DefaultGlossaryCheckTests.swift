import Foundation
import Testing

/// `check` and `lookup` with the built-in glossary on the news a newsroom writes every day:
/// renamed countries and places, leaders, organisations, look-alike words.
@Suite("the built-in glossary, end to end")
struct DefaultGlossaryCheckTests {
    /// Runs from a fresh folder, so that the built-in glossary is the one in use.
    func run(_ arguments: [String], stdin: String) throws -> RunResult {
        let cwd = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: cwd) }
        return try runTsuzuri(arguments, stdin: stdin, currentDirectory: cwd)
    }

    @Test("old names of renamed countries and Ukrainian places are flagged as deprecated")
    func deprecatedNames() throws {
        let text = "グルジアとビルマ、マケドニア、スワジランド。ハリコフ、オデッサ、チェルノブイリ、ニコラエフ、ドニエプル。\n"
        let result = try run(["check", "--format", "gcc", "-"], stdin: text)
        #expect(result.status == 1)
        let lines = result.stdout.split(separator: "\n")
        #expect(lines.count == 9)
        #expect(lines.allSatisfy { $0.hasSuffix("[deprecated]") })
        for (old, new) in [("グルジア", "ジョージア"), ("ビルマ", "ミャンマー"), ("マケドニア", "北マケドニア"),
                           ("スワジランド", "エスワティニ"), ("ハリコフ", "ハルキウ"), ("オデッサ", "オデーサ"),
                           ("チェルノブイリ", "チョルノービリ"), ("ニコラエフ", "ミコライウ"), ("ドニエプル", "ドニプロ")] {
            #expect(lines.contains { $0.contains("warning: \(old) is deprecated; write \(new) ") }, "\(old)")
        }
    }

    @Test("a news paragraph written the glossary's way has no findings")
    func cleanNews() throws {
        let text = """
            国連のグテーレス事務総長とNATOのルッテ事務総長は、ジョージアの首都トビリシで北マケドニアのスコピエ、\
            ミャンマー、エスワティニ、南スーダン、コンゴ民主共和国の代表と会った。
            ハルキウ、オデーサ、チョルノービリ、ミコライウ、ドニプロでは被害が続く。
            習近平国家主席、高市早苗首相、李在明大統領、モディ首相、メルツ首相、ルラ大統領、ミレイ大統領が\
            G20に集まり、WHOとIMF、世界銀行、欧州委員会のフォンデアライエン委員長も加わった。
            イタリアンの店でマリー・アントワネット展とミレーの絵の話をした。

            """
        let result = try run(["check", "-"], stdin: text)
        #expect(result.status == 0, "\(result.stdout)")
        #expect(result.stdout == "No findings in <stdin>.\n")
    }

    @Test("spellings close to a new entry are near misses of it")
    func nearMisses() throws {
        let result = try run(["check", "--format", "gcc", "-"], stdin: "ヴェトナムとギリシア、ケニヤ。グテレス氏。\n")
        #expect(result.status == 1)
        for (spelling, entry) in [("ヴェトナム", "ベトナム"), ("ギリシア", "ギリシャ"), ("ケニヤ", "ケニア"), ("グテレス", "グテーレス")] {
            #expect(result.stdout.contains("warning: \(spelling) looks like \(entry) ("), "\(spelling)")
        }
        #expect(result.stdout.split(separator: "\n").allSatisfy { $0.hasSuffix("[near-miss]") })
    }

    @Test("lookup finds a renamed country through its old name, and a capital in English")
    func lookup() throws {
        let result = try run(["lookup", "グルジア", "Naypyidaw"], stdin: "")
        #expect(result.status == 0)
        #expect(result.stdout.contains("グルジア  deprecated form of ジョージア\n  ジョージア = Georgia (place)  <built-in>/places.tsv:"))
        #expect(result.stdout.contains("Naypyidaw  English form of ネーピードー"))
    }
}
