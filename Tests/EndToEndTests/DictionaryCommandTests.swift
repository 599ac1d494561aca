import Foundation
import Testing

/// `tsuzuri dict …`, `lookup` with a dictionary and `terms`, run as a user would.
@Suite("dict, lookup with a dictionary, and terms, end to end")
struct DictionaryCommandTests {
    /// The EDRDG excerpts of the dictionary tests (Tests/TsuzuriDictionaryTests/Fixtures/LICENSE.md).
    static func fixture(_ name: String) -> String {
        TsuzuriBinary.repositoryRoot.appendingPathComponent("Tests/TsuzuriDictionaryTests/Fixtures/\(name)").path
    }

    static let glossary = "ja\ten\tkind\tvariants\taliases\tnote\nヘグセス\tHegseth\tperson\tヘグゼス\t\t\n"
    static let article = """
        国務長官のルビオ氏はビリニュスを訪れた。
        ルビオ氏はヴィリニュスでNATOの会議に出た。
        ヘグゼス国防長官とマルコ・ルビオ氏が会談した。

        """

    /// A folder with a glossary, an article and a dictionary imported from the EUC-JP excerpts.
    struct Workspace {
        let folder: URL
        var dictionary: String { folder.appendingPathComponent("dictionary.sqlite").path }
        var glossary: String { folder.appendingPathComponent("glossary.tsv").path }
        var article: String { folder.appendingPathComponent("article.txt").path }

        init(importing: Bool = true) throws {
            folder = try makeTemporaryDirectory()
            try DictionaryCommandTests.glossary.write(toFile: glossary, atomically: true, encoding: .utf8)
            try DictionaryCommandTests.article.write(toFile: article, atomically: true, encoding: .utf8)
            if importing {
                let run = try self.run(["dict", "import", fixture("edict.euc"), fixture("enamdict.euc.gz")])
                #expect(run.status == 0, "\(run.stderr)")
            }
        }

        /// Runs tsuzuri in the folder with the dictionary named by $TSUZURI_DICTIONARY.
        func run(_ arguments: [String]) throws -> RunResult {
            try runTsuzuri(arguments, environment: ["TSUZURI_DICTIONARY": dictionary, "XDG_DATA_HOME": folder.path], currentDirectory: folder)
        }

        func remove() { try? FileManager.default.removeItem(at: folder) }
    }

    func json(_ text: String) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    }

    // MARK: dict

    @Test("dict import reports counts (EUC-JP, gzip); again replaces; stats lists the files")
    func importAndStats() throws {
        let space = try Workspace(importing: false)
        defer { space.remove() }
        let first = try space.run(["dict", "import", Self.fixture("edict.euc"), Self.fixture("enamdict.euc.gz")])
        #expect(first.status == 0)
        #expect(first.stderr == "")
        #expect(first.stdout == """
            \(Self.fixture("edict.euc")): 9 entries (edict, EUC-JP), 1 line without a gloss skipped
            \(Self.fixture("enamdict.euc.gz")): 14 entries (enamdict, EUC-JP, gzip)

            """)
        let again = try space.run(["dict", "import", Self.fixture("enamdict.euc.gz"), "--format", "json"])
        #expect(again.status == 0)
        let imports = try #require(try json(again.stdout)["imports"] as? [[String: Any]])
        #expect(imports.first?["replaced"] as? Int == 14)
        #expect((imports.first?["source"] as? [String: Any])?["entries"] as? Int == 14)

        let stats = try space.run(["dict", "stats"])
        #expect(stats.status == 0)
        #expect(stats.stdout.hasPrefix("\(space.dictionary): 23 entries, "))
        #expect(stats.stdout.contains("  edict.euc     9 entries  edict, EUC-JP, from \(Self.fixture("edict.euc"))"))
        #expect(stats.stdout.contains("  enamdict.euc  14 entries  enamdict, EUC-JP gzip, from"))
        let statsJSON = try json(try space.run(["dict", "stats", "--format", "json"]).stdout)
        #expect(statsJSON["entries"] as? Int == 23)
        #expect((statsJSON["sources"] as? [[String: Any]])?.map { $0["name"] as? String } == ["edict.euc", "enamdict.euc"])
    }

    @Test("dict lookup: katakana, half-width, English; exit 1 for a term not found")
    func dictLookup() throws {
        let space = try Workspace()
        defer { space.remove() }
        let run = try space.run(["dict", "lookup", "ﾄﾗﾝﾌﾟ", "Vilnius"])
        #expect(run.status == 0)
        #expect(run.stdout == """
            ﾄﾗﾝﾌﾟ
              トランプ = playing cards (eng: trump)  (edict.euc:7, common word)
              トランプ = Trump  (enamdict.euc:7, surname)

            Vilnius
              ビリニュス = Vilnius (Lithuania)  (edict.euc:9)
              ヴィリニュス = Vilnius (Lithuania)  (edict.euc:10)
              ビリニュス = Vilnius  (enamdict.euc:9, place)
              ヴィリニュス = Vilnius  (enamdict.euc:13, person, unclassified)

            """)
        let missing = try space.run(["dict", "lookup", "ヘグセス", "--format", "json"])
        #expect(missing.status == 1)
        let results = try #require(try json(missing.stdout)["results"] as? [[String: Any]])
        #expect((results.first?["entries"] as? [Any])?.isEmpty == true)
    }

    @Test("bad dictionary files: unknown format, unknown encoding, truncated gzip, newer schema — file and line, exit 2")
    func badInput() throws {
        let space = try Workspace(importing: false)
        defer { space.remove() }
        let readme = try space.run(["dict", "import", Self.fixture("unknown-format.txt")])
        #expect(readme.status == 2)
        #expect(readme.stderr.contains("tsuzuri: error: \(Self.fixture("unknown-format.txt")):1: not an EDICT or ENAMDICT line"))
        let sjis = try space.run(["dict", "import", Self.fixture("shift-jis.txt")])
        #expect(sjis.status == 2)
        #expect(sjis.stderr.contains("\(Self.fixture("shift-jis.txt")):1: neither UTF-8 nor EUC-JP"))
        let truncated = try space.run(["dict", "import", Self.fixture("truncated.gz")])
        #expect(truncated.status == 2)
        #expect(truncated.stderr.contains("\(Self.fixture("truncated.gz")): the gzip data ends early (a truncated file)"))

        // A store written by a newer tsuzuri (user_version 9) is refused and left as it is.
        let setVersion = Process()
        setVersion.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        setVersion.arguments = ["python3", "-c", "import sqlite3,sys; c=sqlite3.connect(sys.argv[1]); c.execute('PRAGMA user_version = 9'); c.commit()", space.dictionary]
        try setVersion.run()
        setVersion.waitUntilExit()
        #expect(setVersion.terminationStatus == 0)
        let newer = try space.run(["dict", "import", Self.fixture("enamdict.utf8")])
        #expect(newer.status == 2)
        #expect(newer.stderr.contains("\(space.dictionary): written by a newer tsuzuri (schema 9, this one knows up to 1)"))
        let stats = try space.run(["dict", "stats"])
        #expect(stats.status == 2)
    }

    // MARK: lookup

    @Test("lookup: a term the glossary does not know gets the dictionary's English, in text and JSON")
    func lookupWithDictionary() throws {
        let space = try Workspace()
        defer { space.remove() }
        let run = try space.run(["lookup", "--glossary", space.glossary, "ルビオ", "ヘグゼス"])
        #expect(run.status == 1)
        #expect(run.stdout.hasPrefix("""
            ルビオ  not in the glossary; the dictionary gives Rubio
              ルビオ = Rubio  (enamdict.euc:11, person, unclassified)

            ヘグゼス  variant of ヘグセス
            """))
        let json = try json(try space.run(["lookup", "--glossary", space.glossary, "ルビオ", "--format", "json"]).stdout)
        let result = try #require((json["results"] as? [[String: Any]])?.first)
        #expect(result["found"] as? Bool == false)
        let gloss = try #require((result["dictionary"] as? [[String: Any]])?.first)
        #expect(gloss["english"] as? String == "Rubio")
        #expect(gloss["nameTypes"] as? [String] == ["u"])
        #expect(gloss["source"] as? String == "enamdict.euc")

        // Without a dictionary the output is what it always was.
        let plain = try runTsuzuri(["lookup", "--glossary", space.glossary, "ルビオ"], environment: ["XDG_DATA_HOME": space.folder.appendingPathComponent("none").path])
        #expect(plain.stdout.hasPrefix("ルビオ  not in the glossary"))
        #expect(!plain.stdout.contains("dictionary"))
    }

    // MARK: terms

    @Test("terms (text): unknown terms by frequency, variant groups, context and dictionary English")
    func termsText() throws {
        let space = try Workspace()
        defer { space.remove() }
        let run = try space.run(["terms", "--glossary", space.glossary, "article.txt"])
        #expect(run.status == 0)
        #expect(run.stderr == "")
        #expect(run.stdout == """
            ルビオ  3×  → Rubio
              article.txt:1:6  国務長官のルビオ氏はビリニュスを訪れた。
              dictionary: ルビオ = Rubio  (enamdict.euc:11, person, unclassified)
            ビリニュス  1×  also ヴィリニュス 1×  → Vilnius
              article.txt:1:11  国務長官のルビオ氏はビリニュスを訪れた。
              same thing: ヴィリニュス: both are enamdict.euc names for Vilnius (ビリニュス: place; ヴィリニュス: person, unclassified)
              dictionary: ビリニュス = Vilnius  (enamdict.euc:9, place)
              dictionary: ビリニュス = Vilnius (Lithuania)  (edict.euc:9)
            NATO  1×
              article.txt:2:13  ルビオ氏はヴィリニュスでNATOの会議に出た。
            マルコ・ルビオ  1×  → Marco Rubio
              article.txt:3:10  ヘグゼス国防長官とマルコ・ルビオ氏が会談した。
            マルコ  1×  → Marco
              article.txt:3:10  ヘグゼス国防長官とマルコ・ルビオ氏が会談した。
              dictionary: マルコ = Marco; Marko  (enamdict.euc:10, male given name)

            """)
    }

    @Test("terms --format json and tsv; exit 1 when the glossary knows every term")
    func termsJSONAndTSV() throws {
        let space = try Workspace()
        defer { space.remove() }
        let json = try json(try space.run(["terms", "--glossary", space.glossary, "article.txt", "--format", "json"]).stdout)
        #expect(json["files"] as? [String] == ["article.txt"])
        let terms = try #require(json["terms"] as? [[String: Any]])
        #expect(terms.map { $0["term"] as? String } == ["ルビオ", "ビリニュス", "NATO", "マルコ・ルビオ", "マルコ"])
        #expect(terms[1]["total"] as? Int == 2)
        #expect((terms[1]["variants"] as? [[String: Any]])?.first?["term"] as? String == "ヴィリニュス")
        #expect(terms[1]["glossaryKind"] as? String == "place")
        #expect(terms[3]["parts"] as? [String] == ["マルコ", "ルビオ"])
        #expect((terms[0]["location"] as? [String: Any])?["line"] as? Int == 1)

        let tsv = try space.run(["terms", "--glossary", space.glossary, "article.txt", "--format", "tsv"])
        #expect(tsv.status == 0)
        let lines = tsv.stdout.split(separator: "\n").map(String.init)
        #expect(lines[0].hasPrefix("# tsuzuri terms article.txt: review"))
        #expect(lines[1] == "ルビオ\tRubio\tperson\t\t\t3× in article.txt:1: 国務長官のルビオ氏はビリニュスを訪れた。 [dictionary: enamdict.euc:11]")
        #expect(lines[2].hasPrefix("ビリニュス\tVilnius\tplace\tヴィリニュス\t\t2× in article.txt:1: "))
        #expect(lines[3].hasPrefix("# no English found, fill in en: NATO\t\tterm\t"))
        #expect(lines[4].hasPrefix("マルコ・ルビオ\tMarco Rubio\tperson\t\t\t"))

        // The TSV lines, appended, make a glossary that knows every term: terms then finds none.
        let grown = space.folder.appendingPathComponent("grown.tsv").path
        let fixed = tsv.stdout.replacingOccurrences(of: "# no English found, fill in en: NATO\t", with: "NATO\tNATO")
        try (Self.glossary + fixed).write(toFile: grown, atomically: true, encoding: .utf8)
        let none = try space.run(["terms", "--glossary", grown, "article.txt"])
        #expect(none.stderr == "")
        #expect(none.status == 1)
        #expect(none.stdout == "")
    }
}
