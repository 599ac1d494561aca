import Foundation
import Testing
import TsuzuriDocuments
import TsuzuriText

/// The PO document reader: which units it hands on, where each character of them stands in
/// the file, and the errors for broken catalogues.
@Suite("PO document reader")
struct POReaderTests {
    static let fixtures = Bundle.module.url(forResource: "Fixtures", withExtension: nil)!

    static func units(_ path: String) throws -> [BilingualUnit] {
        var units: [BilingualUnit] = []
        try PODocumentReader().read(TextInput(path: path)) { part in
            guard case .unit(let unit) = part else {
                Issue.record("a PO reader hands on units only")
                return
            }
            units.append(unit)
        }
        return units
    }

    static func units(text: String) throws -> [BilingualUnit] {
        try units(temporaryFile(Data(text.utf8)))
    }

    static func temporaryFile(_ data: Data) throws -> String {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("tsuzuri-po-\(UUID().uuidString).po")
        try data.write(to: url)
        return url.path
    }

    /// The file position of every scalar of a piece.
    static func positions(_ piece: TextPiece) -> [String] {
        (0..<piece.text.unicodeScalars.count).map { i in
            let start = piece.locate(i..<(i + 1)).start
            return "\(start.line):\(start.column)"
        }
    }

    @Test("units: msgctxt or msgid's first line names them, plurals are id[n], the header and obsolete entries are not units")
    func unitsOfTheCatalogue() throws {
        let units = try Self.units(Self.fixtures.appendingPathComponent("catalogue.po").path)
        #expect(units.map(\.id) == ["menu", "Hegseth met\tRutte", "%d file[0]", "Untranslated", "octal \"\\\" and キーウ"])
        #expect(units.map(\.isDraft) == [false, true, false, false, false])
        #expect(units.map(\.isUntranslated) == [false, false, false, true, false])
        #expect(units.allSatisfy { $0.source.language == "en" && $0.target?.language == "ja" })
        #expect(units[1].source.text == "Hegseth met\tRutte\nin Brussels.")
        #expect(units[1].target?.text == "ヘグセス長官は\t\"ルッテ\"と\nブリュッセルで会談した。")
        #expect(units[4].target?.pieces.map(\.text) == ["キーウ\\と", "キーウ"])
    }

    @Test("every scalar maps to its line:column: escapes count as written, \\n cuts a piece, each string line is a piece")
    func positionsInTheFile() throws {
        let units = try Self.units(Self.fixtures.appendingPathComponent("catalogue.po").path)
        let target = try #require(units[1].target)
        #expect(target.pieces.count == 2)
        // msgstr "ヘグセス長官は\t\"ルッテ\"と\n  — the quote is column 8, ヘ column 9.
        #expect(Self.positions(target.pieces[0]).prefix(8) == ["17:9", "17:10", "17:11", "17:12", "17:13", "17:14", "17:15", "17:16"])
        #expect(Self.positions(target.pieces[0]).dropFirst(8) == ["17:18", "17:20", "17:21", "17:22", "17:23", "17:25"])
        let ruth = target.pieces[0].locate(9..<12)
        #expect(ruth.start == FilePosition(line: 17, column: 20) && ruth.length == 3)
        #expect(target.pieces[1].start == FilePosition(line: 18, column: 2))
        // Octal escapes: the three bytes of キ stand at the first escape; two literals on one line.
        let octal = try #require(units[4].target)
        #expect(Self.positions(octal.pieces[0]) == ["31:9", "31:21", "31:22", "31:23", "31:25"])
        #expect(octal.pieces[0].locate(0..<3).length == 14)
        #expect(octal.pieces[1].start == FilePosition(line: 31, column: 32))
    }

    @Test("X-Source-Language names the source; no Language header leaves the target's language unknown")
    func languages() throws {
        let units = try Self.units(text: """
            msgid ""
            msgstr "X-Source-Language: ja\\n"

            msgid "ヘグセス"
            msgstr "Hegseth"
            """)
        #expect(units.count == 1)
        #expect(units[0].source.language == "ja")
        #expect(units[0].target?.language == nil)
    }

    @Test("the headers msgcat merged (#-#-#-#-# lines) are read, the last Language wins")
    func mergedHeader() throws {
        let units = try Self.units(text: """
            msgid ""
            msgstr ""
            "#-#-#-#-#  ja.po (a)  #-#-#-#-#\\n"
            "Language: de\\n"
            "#-#-#-#-#  ja.po (b)  #-#-#-#-#\\n"
            "Language: ja\\n"

            msgid "Kyiv"
            msgstr "キーウ"
            """)
        #expect(units.map { $0.target?.language } == ["ja"])
    }

    @Test("a catalogue in another encoding: the error names its charset and the fix")
    func otherCharset() throws {
        var data = Data("msgid \"\"\nmsgstr \"Content-Type: text/plain; charset=EUC-JP\\n\"\n\nmsgid \"a\"\nmsgstr \"".utf8)
        data.append(contentsOf: [0xA5, 0xAD, 0xA1, 0xBC])
        data.append(contentsOf: Array("\"\n".utf8))
        let path = try Self.temporaryFile(data)
        #expect {
            _ = try Self.units(path)
        } throws: { error in
            guard case DocumentError.unsupported(_, let line, let reason) = error else { return false }
            return line == 5 && reason.contains("EUC-JP") && reason.contains("msgconv --to-code=UTF-8")
        }
    }

    @Test(
        "broken catalogues are errors that name the line",
        arguments: [
            ("msgid \"a\nmsgstr \"b\"\n", 1, "unterminated string"),
            ("msgid \"a\"\nmsgstr\n", 2, "msgstr without a string"),
            ("msgid\n\"a\"\nmsgstr \"\"\n", 1, "msgid without a string"),
            ("msgid \"\"\nmsgstr \"\"\n\"Language ja\\n\"\n", 3, "broken header"),
            ("msgid \"a\"\nmsgstr \"b\"\n\nmsgid unquoted\n", 4, "msgid without a string"),
            ("msgid \"a\"\nmsgtxt \"b\"\n", 2, "unknown keyword 'msgtxt'"),
            ("msgstr \"b\"\n", 1, "msgstr without msgid"),
            ("msgid \"a\"\n\nmsgid \"b\"\nmsgstr \"\"\n", 1, "msgid without msgstr"),
            ("\"a\"\n", 1, "outside an entry"),
            ("msgid \"a\" x\nmsgstr \"\"\n", 1, "unexpected text after the string"),
            ("msgid \"a\"\nmsgstr \"\\377\"\n", 2, "not UTF-8"),
        ])
    func brokenCatalogues(text: String, line: Int, reason: String) throws {
        do {
            _ = try Self.units(text: text)
            Issue.record("no error for \(text.debugDescription)")
        } catch let DocumentError.malformed(_, errorLine, errorReason) {
            #expect(errorLine == line)
            #expect(errorReason.contains(reason), "\(errorReason)")
        }
    }

    @Test("invalid UTF-8 is the text reader's error, with the line")
    func invalidUTF8() throws {
        var data = Data("msgid \"a\"\nmsgstr \"".utf8)
        data.append(contentsOf: [0x83, 0x4C, 0x81, 0x5B])
        data.append(contentsOf: Array("\"\n".utf8))
        let path = try Self.temporaryFile(data)
        #expect {
            _ = try Self.units(path)
        } throws: { error in
            guard case TextInputError.invalidUTF8(_, let line, _, _) = error else { return false }
            return line == 2
        }
    }

    @Test("a 10 MB msgid of short lines reads in linear time, every line a piece, the name shortened")
    func longString() throws {
        let line = "\"" + String(repeating: "abcdefghi ", count: 10) + "\"\n"
        let count = 100_000
        var text = "msgid \"\"\n"
        text.reserveCapacity(count * line.utf8.count + 100)
        for _ in 0..<count { text += line }
        text += "msgstr \"x\"\n"
        let started = Date()
        let units = try Self.units(text: text)
        #expect(units.count == 1)
        #expect(units[0].source.pieces.count == count)
        #expect(units[0].source.pieces.last?.start == FilePosition(line: count + 1, column: 2))
        // Named by the first 79 characters and an ellipsis: every finding repeats the name.
        #expect(units[0].id == String(line.dropFirst().prefix(79)) + "…")
        #expect(Date().timeIntervalSince(started) < 60)
    }
}
