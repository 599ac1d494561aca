import Foundation
import GRDB
import Testing
@testable import TsuzuriDictionary

/// The EDRDG excerpts beside these tests (see Fixtures/LICENSE.md).
enum Fixture {
    static let folder = Bundle.module.url(forResource: "Fixtures", withExtension: nil)!
    static func path(_ name: String) -> String { folder.appendingPathComponent(name).path }

    /// A store with the UTF-8 edict and the EUC-JP, gzipped enamdict imported.
    static func store() throws -> DictionaryStore {
        let store = try DictionaryStore()
        try store.importFile(DictionaryFile(path: path("edict.utf8")))
        try store.importFile(DictionaryFile(path: path("enamdict.euc.gz")))
        return store
    }
}

@Suite("reading dictionary files")
struct DictionaryFileTests {
    @Test("EUC-JP and UTF-8, gzip and plain, all read to the same text", arguments: [
        ("edict.euc", DictionaryFile.Encoding.eucJP, false), ("edict.utf8", .utf8, false), ("edict.utf8.gz", .utf8, true),
    ])
    func encodings(name: String, encoding: DictionaryFile.Encoding, compressed: Bool) throws {
        let file = try DictionaryFile(path: Fixture.path(name))
        #expect(file.encoding == encoding)
        #expect(file.compressed == compressed)
        let reference = try String(contentsOfFile: Fixture.path("edict.utf8"), encoding: .utf8)
        #expect(file.text == reference)
    }

    @Test("bad input is refused with the file and line")
    func badInput() throws {
        let sjis = Fixture.path("shift-jis.txt")
        #expect(throws: DictionaryError.unknownEncoding(path: sjis, line: 1)) { try DictionaryFile(path: sjis) }
        let truncated = Fixture.path("truncated.gz")
        #expect(throws: DictionaryError.badGzip(path: truncated, reason: "the gzip data ends early (a truncated file)")) {
            try DictionaryFile(path: truncated)
        }
        let store = try DictionaryStore()
        let readme = Fixture.path("unknown-format.txt")
        #expect(throws: DictionaryError.unknownFormat(path: readme, line: 1, reason: "no ' /gloss/' after the headword")) {
            try store.importFile(DictionaryFile(path: readme))
        }
        #expect(try store.sources().isEmpty)
    }

    @Test("a malformed line late in a file leaves the earlier import as it was")
    func transactionPerFile() throws {
        let store = try DictionaryStore()
        try store.importFile(DictionaryFile(path: "names", bytes: Array("ルビオ /(u) Rubio/\n".utf8)))
        let broken = Array("ルビオ /(u) Rubio Junior/\nマルコ [まるこ /(m) Marco/\n".utf8)
        #expect(throws: DictionaryError.unknownFormat(path: "names", line: 2, reason: "'[' without a closing ']'")) {
            try store.importFile(DictionaryFile(path: "names", bytes: broken))
        }
        #expect(try store.english(for: "ルビオ").map(\.english) == ["Rubio"])
    }
}

@Suite("EDICT lines")
struct EDICTLineTests {
    @Test("EDICT2: several headwords and readings, markers, (P) and EntL")
    func edict2() throws {
        let line = try String(contentsOfFile: Fixture.path("edict2.utf8"), encoding: .utf8)
        guard case .entry(let entry) = try EDICTLine.parse(line.split(separator: "\n")[0]) else {
            Issue.record("not an entry")
            return
        }
        #expect(entry.headwords == ["明白", "明々白々"])
        #expect(entry.readings == ["めいはく", "めいめいはくはく"])
        #expect(entry.glosses == ["obvious", "clear", "plain", "evident"])
        #expect(entry.tags == ["adj-na", "n", "1"])
        #expect(entry.priority)
    }

    @Test("the header, an entry without a gloss, and kana-only ENAMDICT names")
    func kinds() throws {
        #expect(try EDICTLine.parse("　？？？ /ENAMDICT - Japanese Proper Name Dictionary File/Copyright/") == .header("ENAMDICT - Japanese Proper Name Dictionary File"))
        #expect(try EDICTLine.parse("４° [しど] /") == .skipped)
        guard case .entry(let name) = try EDICTLine.parse("ヴィリニュス /(u) Vilnius/") else {
            Issue.record("not an entry")
            return
        }
        #expect(name.headwords == ["ヴィリニュス"] && name.readings.isEmpty && name.tags == ["u"] && name.glosses == ["Vilnius"])
    }
}

@Suite("dictionary store")
struct DictionaryStoreTests {
    @Test("import reports counts and kinds; re-importing a file replaces its entries")
    func importCounts() throws {
        let store = try DictionaryStore()
        let first = try store.importFile(DictionaryFile(path: Fixture.path("edict.euc")))
        #expect(first.source.kind == .words)
        #expect(first.source.entries == 9)
        #expect(first.source.skipped == 1)  // ４° [しど] / has no gloss
        #expect(first.replaced == 0)
        let again = try store.importFile(DictionaryFile(path: Fixture.path("edict.euc")))
        #expect(again.replaced == 9)
        let names = try store.importFile(DictionaryFile(path: Fixture.path("enamdict.euc.gz")))
        #expect(names.source.kind == .names)
        #expect(names.source.name == "enamdict.euc")
        #expect(names.source.entries == 14)
        let stats = try store.statistics()
        #expect(stats.sources.map(\.name) == ["edict.euc", "enamdict.euc"])
        #expect(stats.entries == 23)
        // Re-import left no stale index rows behind: each spelling finds each entry once.
        #expect(try store.english(for: "コンピュータ").count == 1)
    }

    @Test("english(for:): exact, half-width and hiragana spellings; common words, then names", arguments: [
        ("ヴィリニュス", "Vilnius", "enamdict"),
        ("ｳﾞｨﾘﾆｭｽ", "Vilnius", "enamdict"),
        ("ゔぃりにゅす", "Vilnius", "enamdict"),
        ("ルビオ", "Rubio", "enamdict"),
        ("トランプ", "playing cards", "edict.utf8"),
        ("コンピューター", "computer", "edict.utf8"),
        ("しめ", "Shime", "enamdict"),
    ])
    func english(spelling: String, english: String, source: String) throws {
        let glosses = try Fixture.store().english(for: spelling)
        let first = try #require(glosses.first)
        #expect(first.english == english)
        #expect(first.source.hasPrefix(source))
    }

    @Test("a katakana spelling lists names before uncommon words; names carry their types")
    func namesFirst() throws {
        let glosses = try Fixture.store().english(for: "ハリス")
        #expect(glosses.map(\.source) == ["enamdict.euc", "edict.utf8"])
        #expect(glosses[0].glosses == ["Hallis", "Haris", "Harris", "Harriss"])
        #expect(glosses[0].nameTypeDescription == "person, unclassified")
        let toyota = try Fixture.store().english(for: "トヨタ")
        #expect(toyota.first?.nameTypes == ["c"])
        #expect(try Fixture.store().english(for: "ヘグセス").isEmpty)
    }

    @Test("English to Japanese")
    func japanese() throws {
        let entries = try Fixture.store().japanese(for: "vilnius")
        #expect(Set(entries.flatMap(\.headwords)) == ["ビリニュス", "ヴィリニュス"])
        #expect(try Fixture.store().lookup("Kyiv").first?.headwords == ["キエフ"])
    }

    @Test("sameThing: forms of one entry, kana names with one English, and nothing for kanji namesakes")
    func sameThing() throws {
        let store = try Fixture.store()
        let names = try #require(try store.sameThing("ビリニュス", "ヴィリニュス"))
        #expect(names.kind == .sameName)
        #expect(names.description == "both are enamdict.euc names for Vilnius (ビリニュス: place; ヴィリニュス: person, unclassified)")
        let entry = try #require(try store.sameThing("〆", "しめ"))
        #expect(entry.kind == .sameEntry)
        #expect(entry.description == "both are written forms or readings of 〆 [しめ] (Shime) in enamdict.euc")
        #expect(try store.sameThing("佐藤", "左藤") == nil)
        #expect(try store.sameThing("トランプ", "ルビオ") == nil)
    }
}

@Suite("dictionary file on disk")
struct DictionaryOnDiskTests {
    @Test("default location: $TSUZURI_DICTIONARY, else $XDG_DATA_HOME, else ~/.local/share")
    func defaultPath() {
        #expect(DictionaryStore.defaultPath(environment: ["TSUZURI_DICTIONARY": "/d.sqlite", "XDG_DATA_HOME": "/x"], home: "/h") == "/d.sqlite")
        #expect(DictionaryStore.defaultPath(environment: ["XDG_DATA_HOME": "/x"], home: "/h") == "/x/tsuzuri/dictionary.sqlite")
        #expect(DictionaryStore.defaultPath(environment: ["XDG_DATA_HOME": "relative"], home: "/h") == "/h/.local/share/tsuzuri/dictionary.sqlite")
    }

    @Test("a store of a newer schema is refused and left untouched; a missing one is reported")
    func newerSchema() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("tsuzuri-dict-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("dictionary.sqlite").path
        #expect(throws: DictionaryError.missing(path: path)) { try DictionaryStore(path: path, readOnly: true) }
        do {
            let store = try DictionaryStore(path: path)
            try store.importFile(DictionaryFile(path: Fixture.path("enamdict.utf8")))
        }
        #expect(try DictionaryStore(path: path, readOnly: true).english(for: "ルビオ").first?.english == "Rubio")
        let queue = try DatabaseQueue(path: path)
        try queue.write { db in try db.execute(sql: "PRAGMA user_version = 7") }
        try queue.close()
        #expect(throws: DictionaryError.newerSchema(path: path, found: 7, supported: 1)) { try DictionaryStore(path: path) }
    }

    @Test("a file of another kind with a schema version of its own (a translation memory) is refused, not read")
    func memoryGivenAsDictionary() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("tsuzuri-dict-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("memory.sqlite").path
        let queue = try DatabaseQueue(path: path)
        try queue.write { db in
            try db.execute(sql: "CREATE TABLE tm_unit (id INTEGER PRIMARY KEY); PRAGMA user_version = 1")
        }
        try queue.close()
        let before = try Data(contentsOf: URL(fileURLWithPath: path))
        for readOnly in [true, false] {
            #expect(throws: DictionaryError.database(path: path, message: "an SQLite database, but not a tsuzuri dictionary; refusing to change it")) {
                try DictionaryStore(path: path, readOnly: readOnly)
            }
        }
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == before)
    }
}
