import Foundation
import Testing

/// `tsuzuri lookup` and `tsuzuri add`, run as a user would, from a folder of their own.
@Suite("lookup and add, end to end")
struct GlossaryCommandTests {
    static let header = "ja\ten\tkind\tvariants\taliases\tnote\n"

    /// A fresh folder with no ./glossary/ in it, so that the built-in glossary is in use.
    func folder() throws -> URL { try makeTemporaryDirectory() }

    func json(_ text: String) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    }

    func results(_ text: String) throws -> [[String: Any]] {
        try #require(try json(text)["results"] as? [[String: Any]])
    }

    // MARK: lookup

    @Test("lookup through a variant, half-width kana and English, with the built-in glossary")
    func lookupBuiltIn() throws {
        let cwd = try folder()
        defer { try? FileManager.default.removeItem(at: cwd) }
        let run = try runTsuzuri(["lookup", "ヘグゼス", "ﾍｸﾞｾｽ", "hegseth", "キエフ"], currentDirectory: cwd)
        #expect(run.status == 0)
        #expect(run.stderr == "")
        #expect(run.stdout.contains("ヘグゼス  variant of ヘグセス\n  ヘグセス = Hegseth (person)  <built-in>/people.tsv:"))
        #expect(run.stdout.contains("ﾍｸﾞｾｽ  preferred form"))
        #expect(run.stdout.contains("hegseth  English form of ヘグセス"))
        #expect(run.stdout.contains("キエフ  deprecated form of キーウ\n  キーウ = Kyiv (place)"))
    }

    @Test("lookup --format json: matches with role and source, suggestions for an unknown term, exit 1")
    func lookupJSON() throws {
        let cwd = try folder()
        defer { try? FileManager.default.removeItem(at: cwd) }
        let run = try runTsuzuri(["lookup", "ヘグゼス", "Secretary of Defense", "Hegsith", "--format", "json"], currentDirectory: cwd)
        #expect(run.status == 1)
        #expect(run.stderr == "")
        let results = try results(run.stdout)
        #expect(results.count == 3)
        let first = try #require((results[0]["matches"] as? [[String: Any]])?.first)
        #expect(results[0]["found"] as? Bool == true)
        #expect(first["role"] as? String == "variant")
        #expect(first["side"] as? String == "ja")
        #expect(first["matchedForm"] as? String == "ヘグゼス")
        let entry = try #require(first["entry"] as? [String: Any])
        #expect(entry["ja"] as? String == "ヘグセス")
        #expect(entry["en"] as? String == "Hegseth")
        #expect((entry["source"] as? [String: Any])?["file"] as? String == "<built-in>/people.tsv")
        let title = try #require((results[1]["matches"] as? [[String: Any]])?.first)
        #expect(title["side"] as? String == "en")
        #expect((title["entry"] as? [String: Any])?["ja"] as? String == "国防長官")
        #expect(results[2]["found"] as? Bool == false)
        let suggestion = try #require((results[2]["suggestions"] as? [[String: Any]])?.first)
        #expect((suggestion["entry"] as? [String: Any])?["ja"] as? String == "ヘグセス")
        #expect((suggestion["score"] as? Double).map { $0 > 0.5 && $0 < 1 } == true)
    }

    @Test("lookup: nothing found is exit 1 on stdout; usage and glossary errors are exit 2 on stderr")
    func lookupExitCodes() throws {
        let cwd = try folder()
        defer { try? FileManager.default.removeItem(at: cwd) }
        let unknown = try runTsuzuri(["lookup", "qqqqqqqq"], currentDirectory: cwd)
        #expect(unknown.status == 1)
        #expect(unknown.stdout.contains("qqqqqqqq  not in the glossary"))
        #expect(unknown.stderr == "")

        let noTerms = try runTsuzuri(["lookup"], currentDirectory: cwd)
        #expect(noTerms.status == 2)
        #expect(noTerms.stdout == "")
        #expect(noTerms.stderr.contains("give at least one term"))

        let missing = try runTsuzuri(["lookup", "ヘグセス", "--glossary", "nope.tsv"], currentDirectory: cwd)
        #expect(missing.status == 2)
        #expect(missing.stdout == "")
        #expect(missing.stderr.contains("nope.tsv: no such file or folder"))

        try (Self.header + "ヘグセス\tHegseth\tperson\n").write(to: cwd.appendingPathComponent("bad.tsv"), atomically: true, encoding: .utf8)
        let bad = try runTsuzuri(["lookup", "ヘグセス", "--glossary", "bad.tsv"], currentDirectory: cwd)
        #expect(bad.status == 2)
        #expect(bad.stderr.contains("bad.tsv:2: expected 6 columns, found 3"))
    }

    @Test("where the glossary comes from: --glossary, else TSUZURI_GLOSSARY, else ./glossary/, else built in")
    func glossaryPrecedence() throws {
        let cwd = try folder()
        defer { try? FileManager.default.removeItem(at: cwd) }
        try (Self.header + "テスト\tOption\tterm\t\t\t\n").write(to: cwd.appendingPathComponent("option.tsv"), atomically: true, encoding: .utf8)
        try (Self.header + "テスト\tEnvironment\tterm\t\t\t\n").write(to: cwd.appendingPathComponent("env.tsv"), atomically: true, encoding: .utf8)
        try FileManager.default.createDirectory(at: cwd.appendingPathComponent("glossary"), withIntermediateDirectories: true)
        try (Self.header + "テスト\tFolder\tterm\t\t\t\n").write(
            to: cwd.appendingPathComponent("glossary/a.tsv"), atomically: true, encoding: .utf8)
        let env = ["TSUZURI_GLOSSARY": "env.tsv"]

        let option = try runTsuzuri(["lookup", "テスト", "--glossary", "option.tsv"], environment: env, currentDirectory: cwd)
        #expect(option.stdout.contains("テスト = Option"))
        let environment = try runTsuzuri(["lookup", "テスト"], environment: env, currentDirectory: cwd)
        #expect(environment.stdout.contains("テスト = Environment"))
        let list = try runTsuzuri(["lookup", "テスト", "ヘグセス"], environment: ["TSUZURI_GLOSSARY": "glossary:nothing-here.tsv"], currentDirectory: cwd)
        #expect(list.status == 2)
        #expect(list.stderr.contains("nothing-here.tsv: no such file"))
        let folder = try runTsuzuri(["lookup", "テスト"], currentDirectory: cwd)
        #expect(folder.stdout.contains("テスト = Folder (term)  glossary/a.tsv:2"))
        let builtIn = try runTsuzuri(["lookup", "テスト", "ヘグセス"], currentDirectory: cwd.appendingPathComponent("glossary"))
        #expect(builtIn.status == 1)
        #expect(builtIn.stdout.contains("ヘグセス = Hegseth"))
        // A file holding only the header line is a valid, empty glossary.
        try Self.header.write(to: cwd.appendingPathComponent("empty.tsv"), atomically: true, encoding: .utf8)
        let empty = try runTsuzuri(["lookup", "ヘグセス", "--glossary", "empty.tsv"], currentDirectory: cwd)
        #expect(empty.status == 1)
        #expect(empty.stderr == "")
    }

    @Test("the built-in glossary is glossary/*.tsv: every file embedded, every entry at its line")
    func builtInMatchesRepository() throws {
        let root = TsuzuriBinary.repositoryRoot
        let glossaryFolder = root.appendingPathComponent("glossary")
        let files = try FileManager.default.contentsOfDirectory(atPath: glossaryFolder.path).filter { $0.hasSuffix(".tsv") }.sorted()
        #expect(!files.isEmpty)
        let embedded = try FileManager.default.contentsOfDirectory(
            atPath: root.appendingPathComponent("Sources/tsuzuri/DefaultGlossary").path
        ).filter { $0.hasSuffix(".tsv") }.sorted()
        #expect(embedded == files, "Sources/tsuzuri/DefaultGlossary must link every glossary/*.tsv (and DefaultGlossary.files list it)")

        var expected: [(ja: String, en: String, source: String)] = []
        for file in files {
            let text = try String(contentsOf: glossaryFolder.appendingPathComponent(file), encoding: .utf8)
            var sawHeader = false
            for (index, line) in text.components(separatedBy: "\n").enumerated() {
                let trimmed = line.trimmingCharacters(in: .whitespaces)
                if trimmed.isEmpty || trimmed.hasPrefix("#") { continue }
                if !sawHeader { sawHeader = true; continue }
                let columns = line.components(separatedBy: "\t")
                expected.append((columns[0], columns[1], "<built-in>/\(file):\(index + 1)"))
            }
        }
        let cwd = try folder()
        defer { try? FileManager.default.removeItem(at: cwd) }
        let run = try runTsuzuri(["lookup", "--format", "json"] + expected.map(\.ja), currentDirectory: cwd)
        #expect(run.status == 0, "\(run.stderr)")
        let results = try results(run.stdout)
        #expect(results.count == expected.count)
        for (result, want) in zip(results, expected) {
            let entry = (result["matches"] as? [[String: Any]])?.first?["entry"] as? [String: Any]
            let source = entry?["source"] as? [String: Any]
            let got = "\(source?["file"] as? String ?? "?"):\(source?["line"] as? Int ?? 0)"
            #expect(got == want.source, "\(want.ja)")
            #expect(entry?["en"] as? String == want.en)
        }
    }

    // MARK: add

    @Test("add creates the file with the header, appends, and reports file:line on stdout")
    func addCreates() throws {
        let cwd = try folder()
        defer { try? FileManager.default.removeItem(at: cwd) }
        let run = try runTsuzuri(
            ["add", "ルビオ", "Rubio", "--kind", "person", "--variant", "ルビーオ", "--note", "Marco Rubio", "--glossary", "g.tsv"],
            currentDirectory: cwd)
        #expect(run.status == 0)
        #expect(run.stdout == "added ルビオ = Rubio (person) at g.tsv:2\n")
        #expect(run.stderr == "")
        let text = try String(contentsOf: cwd.appendingPathComponent("g.tsv"), encoding: .utf8)
        #expect(text == Self.header + "ルビオ\tRubio\tperson\tルビーオ\t\tMarco Rubio\n")

        let deprecated = try runTsuzuri(
            ["add", "キーウ", "Kyiv", "--kind", "place", "--deprecated", "キエフ", "--glossary", "g.tsv", "--format", "json"],
            currentDirectory: cwd)
        #expect(deprecated.status == 0)
        #expect(deprecated.stderr == "")
        let report = try json(deprecated.stdout)
        #expect(report["action"] as? String == "added")
        #expect((report["entry"] as? [String: Any])?["deprecated"] as? [String] == ["キエフ"])
        let lookup = try runTsuzuri(["lookup", "キエフ", "--glossary", "g.tsv"], currentDirectory: cwd)
        #expect(lookup.stdout.contains("deprecated form of キーウ"))

        // Writing a file the glossary in use does not read works, with a warning on stderr.
        let elsewhere = try runTsuzuri(["add", "ヤマダ", "Yamada", "--to", "other.tsv"], currentDirectory: cwd)
        #expect(elsewhere.status == 0)
        #expect(elsewhere.stdout == "added ヤマダ = Yamada (term) at other.tsv:2\n")
        #expect(elsewhere.stderr.contains("warning: other.tsv is not part of the glossary read here"))
    }

    @Test("add refuses (exit 2, file byte-identical, message naming file:line) duplicates and bad fields")
    func addRefusals() throws {
        let cwd = try folder()
        defer { try? FileManager.default.removeItem(at: cwd) }
        let file = cwd.appendingPathComponent("g.tsv")
        let original = "# team glossary\r\n" + Self.header.replacingOccurrences(of: "\n", with: "\r\n")
            + "ヘグセス\tHegseth\tperson\tヘグゼス\t\t\r\n\r\nNATO\tNATO\torg\t\t北大西洋条約機構\t"
        try original.write(to: file, atomically: true, encoding: .utf8)
        let before = try Data(contentsOf: file)
        let cases: [([String], String)] = [
            (["ヘグセス", "Hegseth"], "g.tsv:3: \"ヘグセス\" already has an entry; use --merge"),
            (["ピート", "Pete", "--alias", "ヘグゼス"], "g.tsv:3: \"ヘグゼス\" is already a variant of \"ヘグセス\""),
            (["北大西洋条約機構", "NATO"], "g.tsv:5: \"北大西洋条約機構\" is already an alias of \"NATO\""),
            (["ヘグセス", "Pete Hegseth", "--merge"], "the entry \"ヘグセス\" has English form \"Hegseth\""),
            (["ルビオ", "Rubio\tMarco"], "contains a tab or a line break"),
            (["ルビオ", "Rubio", "--note", "line\nbreak"], "contains a tab or a line break"),
        ]
        for (arguments, message) in cases {
            let run = try runTsuzuri(["add"] + arguments + ["--glossary", "g.tsv"], currentDirectory: cwd)
            #expect(run.status == 2, "\(arguments)")
            #expect(run.stdout == "")
            #expect(run.stderr.contains(message), "\(run.stderr)")
            #expect(try Data(contentsOf: file) == before)
        }
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: cwd.path).filter { $0.contains(".tmp-") }
        #expect(leftovers.isEmpty)

        // The built-in glossary counts too: ヘグゼス belongs to the built-in ヘグセス.
        let builtIn = try runTsuzuri(["add", "ピート", "Pete", "--variant", "ヘグゼス", "--to", "other.tsv"], currentDirectory: cwd)
        #expect(builtIn.status == 2)
        #expect(builtIn.stderr.contains("<built-in>/people.tsv:"))
        #expect(!FileManager.default.fileExists(atPath: cwd.appendingPathComponent("other.tsv").path))
    }

    @Test("add --merge rewrites only the entry's line and keeps CRLF and the missing final newline")
    func addMerge() throws {
        let cwd = try folder()
        defer { try? FileManager.default.removeItem(at: cwd) }
        let file = cwd.appendingPathComponent("g.tsv")
        let original = "# team glossary\r\n" + Self.header.replacingOccurrences(of: "\n", with: "\r\n")
            + "ヘグセス\tHegseth\tperson\tヘグゼス\t\tPete Hegseth\r\n\r\nNATO\tNATO\torg\t\t北大西洋条約機構\t"
        try original.write(to: file, atomically: true, encoding: .utf8)
        let run = try runTsuzuri(["add", "ヘグセス", "Hegseth", "--variant", "ヘスゲス", "--merge", "--glossary", "g.tsv"], currentDirectory: cwd)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout == "merged ヘスゲス into ヘグセス = Hegseth at g.tsv:3\n")
        let expected = original.replacingOccurrences(of: "ヘグゼス\t\tPete", with: "ヘグゼス|ヘスゲス\t\tPete")
        #expect(try String(contentsOf: file, encoding: .utf8) == expected)

        let again = try runTsuzuri(["add", "ヘグセス", "Hegseth", "--variant", "ヘスゲス", "--merge", "--glossary", "g.tsv"], currentDirectory: cwd)
        #expect(again.status == 0)
        #expect(again.stdout.hasPrefix("nothing to add"))
        #expect(try String(contentsOf: file, encoding: .utf8) == expected)
    }

    @Test("add's default file: the one glossary file, <folder>/custom.tsv, or a usage error")
    func addDefaultTarget() throws {
        let cwd = try folder()
        defer { try? FileManager.default.removeItem(at: cwd) }
        let builtIn = try runTsuzuri(["add", "ルビオ", "Rubio"], currentDirectory: cwd)
        #expect(builtIn.status == 2)
        #expect(builtIn.stderr.contains("give --to FILE"))

        try FileManager.default.createDirectory(at: cwd.appendingPathComponent("glossary"), withIntermediateDirectories: true)
        try (Self.header + "トランプ\tTrump\tperson\t\t\t\n").write(
            to: cwd.appendingPathComponent("glossary/people.tsv"), atomically: true, encoding: .utf8)
        // ルビオ is in the built-in layer, under ./glossary/: a new entry for it is refused.
        let layered = try runTsuzuri(["add", "ルビオ", "Rubio", "--kind", "person"], currentDirectory: cwd)
        #expect(layered.status == 2)
        #expect(layered.stderr.contains("<built-in>/people.tsv:"))
        let folder = try runTsuzuri(["add", "ザンプル", "Zample", "--kind", "person"], currentDirectory: cwd)
        #expect(folder.status == 0, "\(folder.stderr)")
        #expect(folder.stdout == "added ザンプル = Zample (person) at glossary/custom.tsv:2\n")
        #expect(folder.stderr == "")
        let duplicate = try runTsuzuri(["add", "トランプ", "Trump"], currentDirectory: cwd)
        #expect(duplicate.status == 2)
        #expect(duplicate.stderr.contains("glossary/people.tsv:2: \"トランプ\" already has an entry"))

        let merge = try runTsuzuri(["add", "トランプ", "Trump", "--alias", "ドナルド・トランプ", "--merge"], currentDirectory: cwd)
        #expect(merge.status == 0, "\(merge.stderr)")
        #expect(merge.stdout == "merged ドナルド・トランプ into トランプ = Trump at glossary/people.tsv:2\n")

        let file = try runTsuzuri(["add", "バイデン", "Biden"], environment: ["TSUZURI_GLOSSARY": "glossary/people.tsv"], currentDirectory: cwd)
        #expect(file.status == 0)
        #expect(file.stdout.contains("at glossary/people.tsv:3"))

        let several = try runTsuzuri(["add", "ハリス", "Harris", "--glossary", "glossary/people.tsv", "--glossary", "glossary/custom.tsv"], currentDirectory: cwd)
        #expect(several.status == 2)
        #expect(several.stderr.contains("--to FILE"))
    }

    @Test("20 concurrent add processes all land, none lost, no torn file")
    func concurrentAdds() throws {
        let cwd = try folder()
        defer { try? FileManager.default.removeItem(at: cwd) }
        let count = 20
        let statuses = StatusBox(count: count)
        DispatchQueue.concurrentPerform(iterations: count) { index in
            let run = try? runTsuzuri(["add", "用語\(index)", "term \(index)", "--to", "g.tsv"], currentDirectory: cwd)
            statuses.set(index, run?.status ?? -1)
        }
        #expect(statuses.all == Array(repeating: 0, count: count))
        let text = try String(contentsOf: cwd.appendingPathComponent("g.tsv"), encoding: .utf8)
        let lines = text.split(separator: "\n").map(String.init)
        #expect(lines.first.map { $0 + "\n" } == Self.header)
        #expect(Set(lines.dropFirst()) == Set((0..<count).map { "用語\($0)\tterm \($0)\tterm\t\t\t" }))
        #expect(lines.count == count + 1)
        let lookup = try runTsuzuri(["lookup", "用語7", "term 19", "--glossary", "g.tsv"], currentDirectory: cwd)
        #expect(lookup.status == 0)
    }
}

/// Exit statuses written from concurrent threads.
private final class StatusBox: @unchecked Sendable {  // guarded by `lock`
    private let lock = NSLock()
    private var statuses: [Int32]

    init(count: Int) { statuses = Array(repeating: -2, count: count) }

    func set(_ index: Int, _ status: Int32) {
        lock.lock()
        statuses[index] = status
        lock.unlock()
    }

    var all: [Int32] {
        lock.lock()
        defer { lock.unlock() }
        return statuses
    }
}
