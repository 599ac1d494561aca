import Foundation
import Testing
@testable import TsuzuriExchange

@Suite struct POReaderTests {
    static let catalogue = #"""
        msgid ""
        msgstr ""
        "Language: ja\n"
        "Content-Type: text/plain; charset=UTF-8\n"

        #. A comment for translators
        #: src/main.c:10
        msgid "Open file"
        msgstr "ファイルを開く"

        #, fuzzy
        msgid "Close"
        msgstr "閉じる"

        msgctxt "menu"
        msgid ""
        "Save "
        "all"
        msgstr "すべて保存"

        msgid "Untranslated"
        msgstr ""

        msgid "%d file"
        msgid_plural "%d files"
        msgstr[0] "%d 個のファイル"

        #~ msgid "Old"
        #~ msgstr "古い"
        """#

    @Test func readsEntriesWithHeaderLanguage() throws {
        let folder = TemporaryFolder()
        let units = try POReader(url: folder.file("ja.po", Self.catalogue), sourceLanguage: "en", targetLanguage: nil).readAll()
        #expect(units.map { $0.segments[0].text } == ["Open file", "Close", "Save all", "Untranslated", "%d file"])
        #expect(units.map { $0.segments[1].text } == ["ファイルを開く", "閉じる", "すべて保存", "", "%d 個のファイル"])
        #expect(units.allSatisfy { $0.segments[1].language == "ja" })
        #expect(units.map(\.isFuzzy) == [false, true, false, false, false])
        #expect(units[0].notes == ["A comment for translators"])
        #expect(units[2].properties == [ExchangeProperty(type: "x-context", value: "menu")])
        #expect(units[0].line == 6)
    }

    @Test func malformedLineIsNamed() throws {
        let folder = TemporaryFolder()
        let url = folder.file("bad.po", "msgid \"a\"\nmsgstr \"b\"\n\nmsgid unquoted\n")
        #expect(throws: ExchangeError.malformed(path: "bad.po", line: 4, reason: "expected a quoted string")) {
            try POReader(url: url, displayPath: "bad.po", sourceLanguage: "en", targetLanguage: "ja").readAll()
        }
    }
}

@Suite struct TSVReaderTests {
    @Test func readsPairsSkippingEmptyLinesAndCRLF() throws {
        let folder = TemporaryFolder()
        let url = folder.file("a.tsv", "\u{FEFF}国防長官\tSecretary of Defense\r\n\r\nキーウ\tKyiv\tnot Kiev\n")
        let units = try TSVReader(url: url, sourceLanguage: "ja", targetLanguage: "en").readAll()
        #expect(units.map { $0.segments.map(\.text) } == [["国防長官", "Secretary of Defense"], ["キーウ", "Kyiv"]])
        #expect(units[1].notes == ["not Kiev"])
        #expect(units[1].line == 3)
    }

    @Test func wrongColumnCountNamesTheLine() throws {
        let folder = TemporaryFolder()
        let url = folder.file("a.tsv", "a\tb\nonly one column\n")
        #expect(throws: ExchangeError.malformed(path: "a.tsv", line: 2, reason: "expected 2 tab-separated columns (source, target), found 1")) {
            try TSVReader(url: url, displayPath: "a.tsv", sourceLanguage: "ja", targetLanguage: "en").readAll()
        }
    }

    @Test func overlongLineIsRefused() throws {
        let folder = TemporaryFolder()
        let url = folder.file("big.tsv", String(repeating: "x", count: ExchangeLimits.maxSegmentBytes + 100) + "\ty\n")
        #expect(throws: ExchangeError.unitTooLarge(path: "big.tsv", line: 1, limit: ExchangeLimits.maxSegmentBytes)) {
            try TSVReader(url: url, displayPath: "big.tsv", sourceLanguage: "ja", targetLanguage: "en").readAll()
        }
    }

    @Test func invalidUTF8NamesTheLine() throws {
        let folder = TemporaryFolder()
        var data = Data("a\tb\n".utf8)
        data.append(contentsOf: [0x61, 0x09, 0xFF, 0x0A])
        let url = folder.file("bad.tsv", data: data)
        #expect(throws: ExchangeError.notUTF8(path: "bad.tsv", line: 2, byteOffset: 6, advice: "the file is not UTF-8; convert it to UTF-8 (e.g. iconv -f ENCODING -t UTF-8)")) {
            try TSVReader(url: url, displayPath: "bad.tsv", sourceLanguage: "ja", targetLanguage: "en").readAll()
        }
    }
}
