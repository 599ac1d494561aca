import Foundation
import Testing

/// `tsuzuri tm …` end to end: the built binary on small files in a temporary folder.
@Suite struct MemoryCommandTests {
    static let tmx = """
        <?xml version="1.0" encoding="UTF-8"?>
        <!DOCTYPE tmx SYSTEM "tmx14.dtd">
        <tmx version="1.4">
          <header creationtool="test" creationtoolversion="1" datatype="plaintext" segtype="sentence" adminlang="en" srclang="ja" o-tmf="test"/>
          <body>
            <tu creationdate="20240101T000000Z"><prop type="x-project">news</prop><note>checked</note><tuv xml:lang="ja"><seg>ファイルを開けません</seg></tuv><tuv xml:lang="en"><seg>Cannot open the file</seg></tuv></tu>
            <tu creationdate="20240102T000000Z"><tuv xml:lang="ja"><seg>国防長官はヘグセス氏です</seg></tuv><tuv xml:lang="en-US"><seg>The Secretary of Defense is Hegseth</seg></tuv></tu>
            <tu creationdate="20240103T000000Z"><tuv xml:lang="ja"><seg>設定を<bpt i="1">&lt;b&gt;</bpt>保存<ept i="1">&lt;/b&gt;</ept>しました</seg></tuv><tuv xml:lang="en"><seg>Settings saved &amp; closed</seg></tuv></tu>
          </body>
        </tmx>
        """

    /// A folder with the sample TMX and a memory path inside it.
    struct Workspace {
        let folder: URL
        var memory: String { folder.appendingPathComponent("memory.sqlite").path }

        init() throws { folder = try makeTemporaryDirectory() }

        func write(_ name: String, _ text: String) throws -> String {
            let url = folder.appendingPathComponent(name)
            try text.write(to: url, atomically: true, encoding: .utf8)
            return url.path
        }

        func tm(_ arguments: [String], stdin: String? = nil) throws -> RunResult {
            try runTsuzuri(["tm"] + arguments + ["--memory", memory], stdin: stdin)
        }

        func memoryBytes() -> Data? { try? Data(contentsOf: URL(fileURLWithPath: memory)) }
    }

    @Test func importSearchExportReimportGivesTheSameUnits() throws {
        let w = try Workspace()
        let file = try w.write("a.tmx", Self.tmx)
        let imported = try w.tm(["import", file])
        #expect(imported.status == 0)
        #expect(imported.stdout.contains("3 added, 0 duplicates, 0 skipped"))

        let search = try w.tm(["search", "ファイルを開きません"])
        #expect(search.status == 0)
        #expect(search.stdout.contains("90%"))
        #expect(search.stdout.contains("ファイルを開[け]ません"))
        #expect(search.stdout.contains("Cannot open the file"))
        // The unit's number, origin and date (the date written by hand, not by Foundation's ISO 8601 style).
        #expect(search.stdout.contains("#1 · a.tmx · 2024-01-01T00:00:00Z"))

        let exported = w.folder.appendingPathComponent("out.tmx").path
        #expect(try w.tm(["export", exported]).status == 0)
        let text = try String(contentsOfFile: exported, encoding: .utf8)
        for attribute in ["creationtool=", "creationtoolversion=", "datatype=", "segtype=", "adminlang=", "srclang=", "o-tmf="] {
            #expect(text.contains(attribute), "header lacks \(attribute)")
        }

        let second = try runTsuzuri(["tm", "import", exported, "--memory", w.folder.appendingPathComponent("second.sqlite").path])
        #expect(second.status == 0)
        #expect(second.stdout.contains("3 added"))
        let again = try runTsuzuri(["tm", "export", "-", "--memory", w.folder.appendingPathComponent("second.sqlite").path])
        #expect(Self.units(again.stdout) == Self.units(text))
        #expect(Self.units(text).count == 3)
    }

    /// `tm compact` joins the rows two imports left and says how many; searches find the same.
    @Test func compactJoinsTheRowsOfTwoImports() throws {
        let w = try Workspace()
        #expect(try w.tm(["import", try w.write("a.tmx", Self.tmx)]).status == 0)
        #expect(try w.tm(["import", try w.write("b.tsv", "ファイルを保存できません\tCannot save the file\n")]).status == 0)
        let before = try w.tm(["search", "ファイルを開きません"])
        let compacted = try w.tm(["compact"])
        #expect(compacted.status == 0)
        #expect(compacted.stdout.contains("index rows joined into"), "\(compacted.stdout)")
        #expect(try w.tm(["search", "ファイルを開きません"]).stdout == before.stdout)
        let json = try w.tm(["compact", "--format", "json"])
        #expect(json.status == 0)
        let report = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any]
        // Compacted already: as many rows after as before.
        #expect(report?["rowsBefore"] as? Int == report?["rowsAfter"] as? Int)
        #expect((report?["bytesOnDisk"] as? Int ?? 0) > 0)
    }

    /// The `<tu>…</tu>` blocks of a TMX text (the header's creation date differs between exports).
    static func units(_ tmx: String) -> [String] {
        tmx.components(separatedBy: "</tu>").dropLast().compactMap { part in
            part.range(of: "<tu ", options: .backwards).map { String(part[$0.lowerBound...]) }
                ?? part.range(of: "<tu>", options: .backwards).map { String(part[$0.lowerBound...]) }
        }
    }

    @Test func searchJSONHasScoresAndDifferenceSpans() throws {
        let w = try Workspace()
        _ = try w.tm(["import", try w.write("a.tmx", Self.tmx)])
        let result = try w.tm(["search", "cannot open a file", "--format", "json"])
        #expect(result.status == 0)
        let json = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any]
        let first = (json?["matches"] as? [[String: Any]])?.first
        #expect(first?["score"] as? Int == 75)
        #expect(first?["target"] as? String == "ファイルを開けません")
        #expect((first?["differences"] as? [[String: Int]])?.first == ["start": 12, "end": 15])
    }

    @Test func nothingFoundExitsOne() throws {
        let w = try Workspace()
        #expect(try w.tm(["import", try w.write("a.tmx", Self.tmx)]).status == 0)
        let result = try w.tm(["search", "まったく関係のない文章です"])
        #expect(result.status == 1)
        #expect(result.stdout.isEmpty)
    }

    @Test func concordanceMarksTheTerm() throws {
        let w = try Workspace()
        _ = try w.tm(["import", try w.write("a.tmx", Self.tmx)])
        let result = try w.tm(["concordance", "保存"])
        #expect(result.status == 0)
        #expect(result.stdout.contains("設定を[保存]しました"))
        #expect(try w.tm(["concordance", "Hegseth", "--format", "json"]).stdout.contains("\"start\" : 28"))
    }

    @Test func addAndStats() throws {
        let w = try Workspace()
        let added = try w.tm(["add", "キーウ", "Kyiv"])
        #expect(added.status == 0)
        #expect(added.stdout == "added unit #1\n")
        #expect(try w.tm(["add", "キーウ", "Kyiv"]).stdout == "already stored: nothing added\n")
        let stats = try w.tm(["stats", "--format", "json"])
        let json = try JSONSerialization.jsonObject(with: Data(stats.stdout.utf8)) as? [String: Any]
        #expect(json?["units"] as? Int == 1)
        #expect(try w.tm(["add", "", "Kyiv"]).status == 2)
    }

    @Test func memoryComesFromTheEnvironmentWhenNoOptionIsGiven() throws {
        let w = try Workspace()
        let result = try runTsuzuri(["tm", "add", "キーウ", "Kyiv"], environment: ["TSUZURI_MEMORY": w.memory])
        #expect(result.status == 0)
        #expect(FileManager.default.fileExists(atPath: w.memory))
        let xdg = try runTsuzuri(["tm", "add", "キーウ", "Kyiv"], environment: ["XDG_DATA_HOME": w.folder.path])
        #expect(xdg.status == 0)
        #expect(FileManager.default.fileExists(atPath: w.folder.appendingPathComponent("tsuzuri/memory.sqlite").path))
    }

    // MARK: Bad input: a clear message, exit 2, the memory unchanged.

    static let badFiles: [(String, String, String)] = [
        ("truncated.tmx", String(tmx.prefix(700)), "truncated.tmx:"),
        ("entities.tmx", #"<?xml version="1.0"?><!DOCTYPE tmx [<!ENTITY xxe SYSTEM "file:///etc/passwd">]><tmx version="1.4"><header srclang="ja"/><body><tu><tuv xml:lang="ja"><seg>&xxe;</seg></tuv><tuv xml:lang="en"><seg>x</seg></tuv></tu></body></tmx>"#, "refuses XML entity declarations"),
        ("bomb.tmx", #"<?xml version="1.0"?><!DOCTYPE tmx [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]><tmx version="1.4"><header srclang="ja"/><body><tu><tuv xml:lang="ja"><seg>&b;</seg></tuv><tuv xml:lang="en"><seg>x</seg></tuv></tu></body></tmx>"#, "refuses XML entity declarations"),
        ("nolang.tmx", #"<tmx version="1.4"><header srclang="ja"/><body><tu><tuv xml:lang="ja"><seg>一つだけ</seg></tuv></tu></body></tmx>"#, "nolang.tmx: no unit could be imported (1 × no translation (one language only) (line 1)); nothing was added"),
        ("empty.tmx", #"<tmx version="1.4"><header srclang="ja"/><body><tu><tuv xml:lang="ja"><seg></seg></tuv><tuv xml:lang="en"><seg>x</seg></tuv></tu></body></tmx>"#, "empty source <seg>"),
        ("bad.tsv", "a\tb\nno tab here\n", "bad.tsv:2: expected 2 tab-separated columns"),
    ]

    @Test(arguments: badFiles.indices)
    func badFileIsRefusedAndMemoryUnchanged(_ index: Int) throws {
        let (name, text, message) = Self.badFiles[index]
        let w = try Workspace()
        #expect(try w.tm(["import", try w.write("a.tmx", Self.tmx)]).status == 0)
        let before = try w.tm(["export", "-"]).stdout
        #expect(Self.units(before).count == 3)
        let result = try w.tm(["import", try w.write(name, text)])
        #expect(result.status == 2, "\(name): \(result.stderr)")
        #expect(result.stderr.contains(message), "\(name): \(result.stderr)")
        #expect(Self.units(try w.tm(["export", "-"]).stdout) == Self.units(before))
    }

    @Test func unitWithoutTheRequestedLanguageIsRefusedWhenStrict() throws {
        let w = try Workspace()
        let refused = try w.tm(["import", "--strict", "--target-lang", "fr", try w.write("a.tmx", Self.tmx)])
        #expect(refused.status == 2)
        #expect(refused.stderr.contains("no <tuv> in fr (--strict); nothing was imported from this file"))
        #expect(refused.stderr.contains("drop --strict"))
        #expect(try w.tm(["stats"]).stdout.contains("units: 0"))
        // By default the defects are skipped and listed; a file with nothing left is still an error.
        let result = try w.tm(["import", "--target-lang", "fr", try w.write("a.tmx", Self.tmx)])
        #expect(result.status == 2)
        #expect(result.stderr.contains("3 × no <tuv> in fr"))
        #expect(try w.tm(["stats"]).status == 0)
        #expect(try w.tm(["stats"]).stdout.contains("units: 0"))
    }

    @Test("a TMX unit with a single space as its segments is skipped and reported on stderr; the rest is imported, exit 0")
    func blankUnitIsSkippedAndReported() throws {
        let w = try Workspace()
        let text = Self.tmx.replacingOccurrences(
            of: "<seg>国防長官はヘグセス氏です</seg></tuv><tuv xml:lang=\"en-US\"><seg>The Secretary of Defense is Hegseth</seg>",
            with: "<seg> </seg></tuv><tuv xml:lang=\"en-US\"><seg> </seg>")
        let file = try w.write("a.tmx", text)
        let result = try w.tm(["import", file])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stderr.contains("skipped 1 unit that cannot make a memory entry: 1 × empty source <seg> (line 7)"), "\(result.stderr)")
        #expect(try w.tm(["stats"]).stdout.contains("units: 2"))
        // The old flag is still accepted (it is the default now); --strict refuses the file.
        #expect(try w.tm(["import", "--skip-invalid", file]).status == 0)
        let strict = try w.tm(["import", "--strict", try w.write("b.tmx", text)])
        #expect(strict.status == 2)
        #expect(strict.stderr.contains("b.tmx:7: empty source <seg> (--strict)"))
    }

    @Test func hundredMegabyteUnitIsRefusedWithoutReadingItWhole() throws {
        let w = try Workspace()
        let url = w.folder.appendingPathComponent("huge.tmx")
        #expect(FileManager.default.createFile(atPath: url.path, contents: nil))
        let handle = try FileHandle(forWritingTo: url)
        handle.write(Data(#"<tmx version="1.4"><header srclang="ja"/><body><tu><tuv xml:lang="ja"><seg>"#.utf8))
        let block = Data(String(repeating: "あいうえお", count: 200_000).utf8)  // 3 MB
        for _ in 0..<34 { handle.write(block) }
        handle.write(Data("</seg></tuv></tu></body></tmx>".utf8))
        try handle.close()
        let result = try w.tm(["import", url.path])
        #expect(result.status == 2)
        #expect(result.stderr.contains("unit longer than 1 MiB"))
        try? FileManager.default.removeItem(at: url)
    }

    @Test func newerSchemaIsRefusedAndFileUntouched() throws {
        let w = try Workspace()
        #expect(try w.tm(["add", "キーウ", "Kyiv"]).status == 0)
        // SQLite keeps user_version at byte offset 60 of the file header (big-endian).
        var bytes = try #require(w.memoryBytes())
        bytes[60] = 0; bytes[61] = 0; bytes[62] = 0; bytes[63] = 99
        try bytes.write(to: URL(fileURLWithPath: w.memory))
        for arguments in [["add", "ヘグセス", "Hegseth"], ["search", "キーウ"], ["import", try w.write("a.tmx", Self.tmx)]] {
            let result = try w.tm(arguments)
            #expect(result.status == 2)
            #expect(result.stderr.contains("written by a newer tsuzuri (schema 99"))
        }
        #expect(w.memoryBytes() == bytes)
    }

    @Test func memoryThatIsNotADatabaseOrIsAFolderIsRefused() throws {
        let w = try Workspace()
        _ = try w.write("memory.sqlite", "just text, not SQLite\n")
        let notDB = try w.tm(["stats"])
        #expect(notDB.status == 2)
        #expect(notDB.stderr.contains("not an SQLite database") || notDB.stderr.contains("not a tsuzuri memory"))
        let folder = try runTsuzuri(["tm", "stats", "--memory", w.folder.path])
        #expect(folder.status == 2)
        #expect(folder.stderr.contains("is a directory"))
        let missing = try runTsuzuri(["tm", "search", "x", "--memory", w.folder.appendingPathComponent("none.sqlite").path])
        #expect(missing.status == 2)
        #expect(missing.stderr.contains("no translation memory here yet"))
    }
}
