import Foundation
import Testing

import TsuzuriGlossary

/// The fixtures folder copied beside the tests.
enum Fixtures {
    static let folder = Bundle.module.url(forResource: "Fixtures", withExtension: nil)!
    static func path(_ name: String) -> String { folder.appendingPathComponent(name).path }
}

let header = "ja\ten\tkind\tvariants\taliases\tnote"

@Suite("Reading glossary files")
struct GlossaryParsingTests {
    @Test("entries, variants, deprecated forms, aliases and sources are read in file order")
    func readsSample() throws {
        let glossary = try Glossary.load(paths: [Fixtures.path("sample.tsv")])
        #expect(glossary.entries.map(\.ja) == ["ヘグセス", "キーウ", "NATO", "第5条", "国防長官"])
        let hegseth = glossary.entries[0]
        #expect(hegseth.en == "Hegseth")
        #expect(hegseth.kind == .person)
        #expect(hegseth.variants == ["ヘグゼス", "ヘスゲス"])
        #expect(hegseth.note == "Pete Hegseth")
        #expect(hegseth.source == GlossarySource(file: Fixtures.path("sample.tsv"), line: 4))
        let kyiv = glossary.entries[1]
        #expect(kyiv.variants.isEmpty)
        #expect(kyiv.deprecated == ["キエフ"])
        #expect(kyiv.source?.line == 6)
        #expect(glossary.entries[2].aliases == ["北大西洋条約機構"])
        #expect(glossary.entries[4].kind == .title)
    }

    @Test("a BOM is skipped, CRLF line ends and a missing final newline are accepted")
    func bomAndCRLF() throws {
        let glossary = try Glossary.load(paths: [Fixtures.path("crlf-bom.tsv")])
        #expect(glossary.entries.map(\.ja) == ["モスクワ", "クレムリン"])
        #expect(glossary.entries.map(\.note) == ["", ""])
        #expect(glossary.entries.map { $0.source?.line } == [3, 4])
    }

    @Test("a file holding only the header line is a valid empty glossary")
    func headerOnly() throws {
        #expect(try Glossary.load(paths: [Fixtures.path("header-only.tsv")]).isEmpty)
        #expect(try Glossary.parse("# comment\n\n\(header)\n\n# end\n", file: "g.tsv").isEmpty)
    }

    @Test("a folder is read as its *.tsv files sorted by name; a file named twice is read once")
    func folder() throws {
        let glossary = try Glossary.load(paths: [Fixtures.path("folder"), Fixtures.path("folder/a-people.tsv")])
        #expect(glossary.entries.map(\.ja) == ["トランプ", "モスクワ"])
        #expect(glossary.entries[0].source?.file.hasSuffix("folder/a-people.tsv") == true)
    }

    @Test("an empty kind means term; other kinds are kept (lower-cased)")
    func kinds() throws {
        let glossary = try Glossary.parse("\(header)\nA\tB\t\t\t\t\nC\tD\tShip\t\t\t\n", file: "g.tsv")
        #expect(glossary.entries.map(\.kind) == [.term, EntryKind(rawValue: "ship")])
    }

    @Test("fields are trimmed and empty list items dropped")
    func trimming() throws {
        let glossary = try Glossary.parse("\(header)\n ヘグセス \t Hegseth \tperson\tヘグゼス| |ヘスゲス|\t\t note \n", file: "g.tsv")
        #expect(glossary.entries[0].ja == "ヘグセス")
        #expect(glossary.entries[0].en == "Hegseth")
        #expect(glossary.entries[0].variants == ["ヘグゼス", "ヘスゲス"])
        #expect(glossary.entries[0].note == "note")
    }

    @Test(
        "malformed files are refused with file:line and what to do",
        arguments: [
            ("\(header)\nヘグセス\tHegseth\tperson\tヘグゼス\n", "g.tsv:2: expected 6 columns, found 4"),
            ("\(header)\nヘグセス\tHegseth\tperson\t\t\t\textra\n", "g.tsv:2: expected 6 columns, found 7"),
            ("\(header)\n\tHegseth\tperson\t\t\t\n", "g.tsv:2: the `ja` column is empty"),
            ("\(header)\nヘグセス\t \tperson\t\t\t\n", "g.tsv:2: the `en` column is empty"),
            ("# only a comment\nヘグセス\tHegseth\tperson\t\t\t\n", "g.tsv:2: expected the header line"),
            ("", "g.tsv: no header line"),
            ("# nothing but comments\n\n", "g.tsv: no header line"),
            ("\(header)\nキーウ\tKyiv\tplace\t!\t\t\n", "g.tsv:2: a lone \"!\""),
            ("\(header)\nキーウ\tKyiv\tplace\t\t!キエフ\t\n", "g.tsv:2: \"!キエフ\" in the `aliases` column"),
            ("\(header)\nヘグセス\tHegseth\tperson\tヘグゼス\t\t\nヘグゼス\tHegseth\tperson\t\t\t\n",
             "g.tsv:3: \"ヘグゼス\" is already listed at g.tsv:2"),
            ("\(header)\nA\tB\t\tX\t\t\nC\tD\t\t\tX\t\n", "g.tsv:3: \"X\" is already listed at g.tsv:2"),
            ("\(header)\nA\tB\t\tA\t\t\n", "g.tsv:2: \"A\" is listed twice in this entry"),
        ])
    func malformed(text: String, message: String) {
        #expect {
            try Glossary.parse(text, file: "g.tsv")
        } throws: { error in
            let description = (error as? GlossaryError)?.errorDescription ?? ""
            return description.hasPrefix(message)
        }
    }

    @Test("the same form in two files names both file:line")
    func duplicateAcrossFiles() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try "\(header)\nキーウ\tKyiv\tplace\t!キエフ\t\t\n".write(to: folder.appendingPathComponent("a.tsv"), atomically: true, encoding: .utf8)
        try "\(header)\n# x\nキエフ\tKiev\tplace\t\t\t\n".write(to: folder.appendingPathComponent("b.tsv"), atomically: true, encoding: .utf8)
        #expect {
            try Glossary.load(paths: [folder.path])
        } throws: { error in
            let description = (error as? GlossaryError)?.errorDescription ?? ""
            return description.contains("b.tsv:3: \"キエフ\" is already listed at ") && description.contains("a.tsv:2")
        }
    }

    @Test("half-width and full-width forms count as the same form")
    func duplicateAfterNormalisation() {
        #expect(throws: GlossaryError.self) {
            try Glossary.parse("\(header)\nヘグセス\tHegseth\tperson\t\t\t\nﾍｸﾞｾｽ\tHegseth\tperson\t\t\t\n", file: "g.tsv")
        }
    }

    @Test("invalid UTF-8 names the byte offset and line")
    func invalidUTF8() {
        var bytes = Array("\(header)\nAB\tC\t\t\t\t\n".utf8)
        let offset = bytes.count
        bytes += [0x41, 0xFF, 0x0A]
        #expect(throws: GlossaryError.invalidUTF8(file: "g.tsv", line: 3, offset: offset + 1, advice: "the file is not UTF-8; convert it to UTF-8 (e.g. iconv -f ENCODING -t UTF-8)")) {
            try Glossary.parse(bytes: bytes, file: "g.tsv")
        }
        let message = GlossaryError.invalidUTF8(file: "g.tsv", line: 3, offset: 40, advice: "the file looks like SHIFT_JIS; convert it with iconv -f SHIFT_JIS -t UTF-8").errorDescription
        #expect(message == "g.tsv:3: invalid UTF-8 at byte offset 40; the file looks like SHIFT_JIS; convert it with iconv -f SHIFT_JIS -t UTF-8")
    }

    @Test("a form repeated within one line is reported once, as a repeat in that entry")
    func formRepeatedInOneLine() {
        let text = "\(header)\nヘグセス\tHegseth\tperson\tヘグゼス|ヘグゼス\t\t\n"
        #expect {
            try Glossary.parse(text, file: "g.tsv").checkUniqueForms()
        } throws: { error in
            (error as? LocalizedError)?.errorDescription
                == "g.tsv:2: \"ヘグゼス\" is listed twice in this entry (a form may appear once: as ja, a variant, a deprecated form or an alias); remove the repeat"
        }
    }

    @Test("a missing path and a folder without glossaries")
    func paths() throws {
        #expect(throws: GlossaryError.notFound(path: "/nonexistent/glossary.tsv")) {
            try Glossary.load(paths: ["/nonexistent/glossary.tsv"])
        }
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        // An empty folder is most likely a mistake (a typo, files not copied yet), not a glossary.
        #expect(throws: GlossaryError.noGlossaryFiles(path: folder.path)) { try Glossary.load(paths: [folder.path]) }
        #expect(
            GlossaryError.noGlossaryFiles(path: "glossary").errorDescription
                == "glossary: a glossary folder with no .tsv file; put the glossary's .tsv files there (tsuzuri add creates glossary/custom.tsv) or name another folder")
    }

    /// root reads any file, so this check can only run (and shows as skipped) as another user.
    @Test("an unreadable file", .enabled(if: getuid() != 0, "root can read a file with mode 000"))
    func unreadable() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("locked.tsv")
        try "\(header)\n".write(to: file, atomically: true, encoding: .utf8)
        chmod(file.path, 0)
        #expect(throws: GlossaryError.self) { try Glossary.load(paths: [file.path]) }
    }

    @Test("in-memory files (the built-in glossary) are read like files")
    func inMemory() throws {
        let glossary = try Glossary.load(files: [("<built-in>/a.tsv", Array("\(header)\nA\tB\t\t\t\t\n".utf8))])
        #expect(glossary.entries[0].source?.description == "<built-in>/a.tsv:2")
    }
}

func temporaryFolder() throws -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("tsuzuri-glossary-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
}
