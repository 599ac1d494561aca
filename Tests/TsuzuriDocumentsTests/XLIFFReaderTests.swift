import Foundation
import Testing
import TsuzuriText
@testable import TsuzuriDocuments

/// The units of a fixture (or of any file), read through the XLIFF reader.
private func units(_ path: String) throws -> [BilingualUnit] {
    var units: [BilingualUnit] = []
    try XLIFFReader().read(TextInput(path: path)) { part in
        if case .unit(let unit) = part { units.append(unit) }
    }
    return units
}

private func fixture(_ name: String) throws -> String {
    try #require(Bundle.module.url(forResource: "Fixtures/\(name)", withExtension: nil)).path
}

/// A file written for one test, removed when the value goes away.
private final class TemporaryFile {
    let path: String

    init(_ name: String, _ contents: String) {
        path = FileManager.default.temporaryDirectory.appendingPathComponent("tsuzuri-xliff-\(UUID().uuidString)-\(name)").path
        _ = FileManager.default.createFile(atPath: path, contents: Data(contents.utf8))
    }

    deinit { try? FileManager.default.removeItem(atPath: path) }
}

private func at(_ line: Int, _ column: Int) -> FilePosition { FilePosition(line: line, column: column) }

@Suite struct XLIFFReaderTests {
    /// Okapi-style 1.2: entities, `g`, `x`, `bpt`/`ept`, `ph`, `alt-trans`, translate="no", a target over two lines.
    @Test func okapiStyle12() throws {
        let read = try units(fixture("okapi-1.2.xlf"))
        #expect(read.map(\.id) == ["1", "2", "4"])

        let title = read[0]
        #expect(title.source.text == "Hegseth & NATO")
        #expect(title.source.language == "en")
        let source = try #require(title.source.pieces.first)
        #expect(source.locate(0..<7) == (at(6, 23), 7))
        #expect(source.locate(8..<9).start == at(6, 31))  // &amp; is one character, five columns
        #expect(source.locate(10..<14) == (at(6, 37), 4))
        let target = try #require(title.target?.pieces.first)
        #expect(title.target?.language == "ja")
        #expect(target.text == "ヘグゼス&NATO")
        #expect(target.locate(0..<4) == (at(7, 42), 4))
        #expect(target.locate(5..<9) == (at(7, 51), 4))
        #expect(!title.isDraft)

        let met = read[1]
        #expect(met.source.text == "The Secretary met Hegseth.")
        #expect(met.target?.text == "長官はヘグセスと会った。")  // no native code, no alt-trans
        #expect(met.isDraft)  // needs-review-translation
        let metTarget = try #require(met.target?.pieces.first)
        #expect(metTarget.locate(0..<2).start == at(11, 66))
        #expect(metTarget.locate(3..<4) == (at(11, 100), 8))  // &#x30D8; is ヘ
        #expect(metTarget.locate(4..<7).start == at(11, 108))

        let twoLines = read[2]
        #expect(twoLines.source.pieces.map(\.text) == ["Two", "lines"])
        #expect(twoLines.source.pieces.map(\.start) == [at(20, 9), at(21, 1)])
        let lines = try #require(twoLines.target?.pieces)
        #expect(lines.map(\.text) == ["一行目のヘグセス", "  二行目ヘグセス"])
        #expect(lines[0].placement == .run(line: 22, column: 28))
        #expect(lines[1].locate(0..<5).start == at(23, 1))
        #expect(lines[1].locate(5..<9) == (at(23, 33), 4))  // after <ph>…</ph>, before the comment
    }

    /// Trados-style: `seg-source` and `mrk mtype="seg"`; a protected `mrk` is not text.
    @Test func tradosStyleSegMarkers() throws {
        let read = try units(fixture("trados.sdlxliff"))
        #expect(read.count == 1)
        let unit = try #require(read.first)
        #expect(unit.id == "a1b2c3")
        #expect(unit.source.text == "Secretary Hegseth arrived.")
        #expect(unit.source.language == "en-US")
        #expect(unit.target?.language == "ja-JP")
        #expect(unit.target?.text == "ヘグゼス長官がに到着した。")
        let target = try #require(unit.target?.pieces.first)
        #expect(target.locate(0..<4) == (at(10, 34), 4))
    }

    /// OmegaT-style 2.1: segments, `pc`, `ph`, `mrk translate="no"`, groups, a character reference and CDATA.
    @Test func version21Segments() throws {
        let read = try units(fixture("omegat-2.1.xlf"))
        #expect(read.map(\.id) == ["u1/s1", "u1/s2", "u3"])
        #expect(read.map(\.isDraft) == [false, true, false])
        #expect(read[0].target?.text == "ヘグセスはNATO首脳と会った。")
        let first = try #require(read[0].target?.pieces.first)
        #expect(first.locate(0..<4) == (at(7, 13), 4))
        #expect(read[0].source.language == "en")
        #expect(read[0].target?.language == "ja")
        #expect(read[1].source.text == "Kyiv is far.")
        #expect(read[1].target?.text == "キエフは遠い。")
        let pieces = try #require(read[2].target?.pieces)
        #expect(pieces.map(\.text) == ["ヘグセス", "ヘグ<ゼス>"])
        #expect(pieces[0].placement == .mapped(starts: [at(21, 14), at(21, 15), at(21, 23), at(21, 24)], end: at(21, 25)))
        #expect(pieces[1].placement == .run(line: 22, column: 10))
    }

    /// Translate Toolkit's po2xliff (on Debian's pg_test_fsync catalogue) writes XLIFF 1.1 without a
    /// target-language: tsuzuri says so; with the attribute added every unit reads.
    @Test func po2xliffOutput() throws {
        let path = try fixture("pg_test_fsync-po2xliff.xlf")
        #expect(throws: DocumentError.unsupported(path: path, line: 3, reason: "no target language; add target-language to <file>")) {
            try units(path)
        }
        let text = try String(contentsOfFile: path, encoding: .utf8)
            .replacingOccurrences(of: #"source-language="en-US""#, with: #"source-language="en-US" target-language="ja""#)
        let file = TemporaryFile("po2xliff.xlf", text)
        let read = try units(file.path)
        #expect(read.count == 37)
        let compare = try #require(read.first { $0.id == "3" })
        #expect(compare.source.pieces.map(\.text) == ["Compare file sync methods using one %dkB write:"])
        #expect(compare.target?.pieces.map(\.text) == ["１個の %dkB write を使ってファイル同期メソッドを比較します:"])
        #expect(compare.target?.pieces.first?.start == at(34, 1))
        #expect(read.allSatisfy { $0.target?.language == "ja" })
    }

    @Test(arguments: [
        (#"<xliff version="2.0" srcLang="en"><file id="f"/></xliff>"#, 1, "no target language; add trgLang to <xliff>"),
        ("<?xml version=\"1.0\"?>\n<xliff version=\"1.2\">\n<file\n source-language=\"en\">\n<body/></file></xliff>", 3, "no target language; add target-language to <file>"),
    ])
    func missingTargetLanguage(_ text: String, _ line: Int, _ reason: String) throws {
        let file = TemporaryFile("nolang.xlf", text)
        #expect(throws: DocumentError.unsupported(path: file.path, line: line, reason: reason)) { try units(file.path) }
    }

    @Test func malformedXMLNamesTheLine() throws {
        let text = try String(contentsOfFile: fixture("okapi-1.2.xlf"), encoding: .utf8)
        let file = TemporaryFile("cut.xlf", String(text.prefix(600)))
        #expect {
            try units(file.path)
        } throws: { error in
            guard case .malformed(let path, let line, let reason) = error as? DocumentError else { return false }
            return path == file.path && line == 11 && reason.hasPrefix("malformed XML: ")
        }
        let evil = TemporaryFile("evil.xlf", "<?xml version=\"1.0\"?>\n<!DOCTYPE xliff [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>\n<xliff version=\"1.2\"/>")
        #expect {
            try units(evil.path)
        } throws: { error in
            guard case .malformed(_, 2, let reason) = error as? DocumentError else { return false }
            return reason.contains("refuses XML entity declarations")
        }
    }

    /// CRLF line ends, also inside CDATA (where libxml2 keeps the CR), and a byte order mark:
    /// pieces per line, columns counted after the BOM.
    @Test func crlfCDATAAndByteOrderMark() throws {
        let text = "\u{FEFF}<xliff version=\"1.2\"><file source-language=\"en\" target-language=\"ja\"><body>\r\n"
            + "<trans-unit id=\"1\"><source>a</source><target>ヘ<![CDATA[グ\r\nセ]]>ス\r\nX</target></trans-unit>\r\n</body></file></xliff>"
        let file = TemporaryFile("crlf.xlf", text)
        let unit = try #require(try units(file.path).first)
        let pieces = try #require(unit.target?.pieces)
        #expect(pieces.map(\.text) == ["ヘグ", "セス", "X"])
        #expect(pieces[0].placement == .mapped(starts: [at(2, 46), at(2, 56)], end: at(2, 57)))
        #expect(pieces[1].placement == .mapped(starts: [at(3, 1), at(3, 5)], end: at(3, 6)))
        #expect(pieces[2].placement == .run(line: 4, column: 1))
    }

    @Test func notXLIFF() throws {
        let file = TemporaryFile("x.xlf", "<html><body/></html>")
        #expect(throws: DocumentError.wrongFormat(path: file.path, expected: .xliff, found: "root element <html>")) { try units(file.path) }
    }
}
