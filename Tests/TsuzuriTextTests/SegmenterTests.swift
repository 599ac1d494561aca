import Foundation
import Testing
@testable import TsuzuriText

@Suite("ICU segmenter")
struct SegmenterTests {
    @Test("sentences with 1-based scalar columns")
    func sentences() throws {
        let segmenter = try Segmenter()
        let spans = try segmenter.sentences(in: ScannedLine("電話会談は1時間続いた。プーチン氏は満足した。"))
        #expect(spans.map(\.text) == ["電話会談は1時間続いた。", "プーチン氏は満足した。"])
        #expect(spans.map(\.column) == [1, 13])
    }

    @Test("words skip spaces and punctuation and keep their columns")
    func words() throws {
        let segmenter = try Segmenter()
        let words = try segmenter.words(in: ScannedLine("NATO の 第5条"))
        #expect(words.first?.span.text == "NATO")
        #expect(words.first?.kind == .letter)
        #expect(!words.contains { $0.span.text.trimmingCharacters(in: .whitespaces).isEmpty })
        #expect(words.last.map { $0.span.column + $0.span.length } == 11)
    }

    @Test("columns count scalars, also past characters outside the BMP")
    func astral() throws {
        let segmenter = try Segmenter()
        let words = try segmenter.words(in: ScannedLine("𠮷野家でプーチン"))
        let putin = words.first { $0.span.text.contains("チン") }
        #expect(putin != nil)
        #expect(words.map(\.span.column).allSatisfy { $0 >= 1 && $0 <= 8 })
        // チン ends the eighth scalar however ICU splits プーチン; UTF-16 columns would end at 10.
        #expect(putin.map { $0.span.column + $0.span.length } == 9)
    }
}

@Suite("Normalisation")
struct NormalizerTests {
    @Test("NFKC folds half-width katakana and full-width Latin")
    func nfkc() {
        #expect(Normalizer.nfkc("ﾍｸﾞｾｽ") == "ヘグセス")
        #expect(Normalizer.nfkc("ＮＡＴＯ") == "NATO")
        #expect(ScannedLine.normalize("ﾍｸﾞｾｽ ＮＡＴＯ") == "ヘグセス NATO")
    }

    @Test("origin maps normalised scalars back to source columns")
    func origin() {
        let line = ScannedLine("ａﾍｸﾞ")
        #expect(line.normalized.count == 3)
        #expect(line.sourceRange(1..<3) == 1..<4)
    }
}

@Suite("Reading text")
struct TextInputTests {
    private func write(_ bytes: [UInt8]) throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("tsuzuri-\(UUID().uuidString).txt").path
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        return path
    }

    private func lines(_ path: String, chunk: Int = 1 << 20) throws -> [String] {
        var result: [String] = []
        try TextInput(path: path, chunkSize: chunk).forEachLine { _, line in result.append(String(line)) }
        return result
    }

    @Test("BOM skipped, CRLF accepted, last line without newline kept")
    func bomAndCRLF() throws {
        let path = try write([0xEF, 0xBB, 0xBF] + Array("一行目\r\n二行目\r\n三".utf8))
        #expect(try lines(path) == ["一行目", "二行目", "三"])
    }

    @Test("lines split across read chunks arrive whole")
    func chunks() throws {
        let text = String(repeating: "ヘグセス国防長官\n", count: 50)
        let path = try write(Array(text.utf8))
        #expect(try lines(path, chunk: 7) == Array(repeating: "ヘグセス国防長官", count: 50))
    }

    @Test("invalid UTF-8 names the line and byte offset")
    func invalidUTF8() throws {
        let path = try write(Array("ab\ncd".utf8) + [0xFF] + Array("e\n".utf8))
        #expect(throws: TextInputError.invalidUTF8(path: path, line: 2, byteOffset: 5, advice: "the file is not UTF-8; convert it to UTF-8 (e.g. iconv -f ENCODING -t UTF-8)")) { try lines(path) }
    }

    @Test("the encoding guess tells the usual non-UTF-8 encodings apart", arguments: [
        ([0x83, 0x77, 0x83, 0x4F, 0x83, 0x5A, 0x83, 0x58, 0x8D, 0x91, 0x96, 0x68], "SHIFT_JIS"),  // ヘグセス国防
        ([0xA5, 0xD8, 0xA5, 0xB0, 0xA5, 0xBB, 0xA5, 0xB9, 0xB9, 0xF1, 0xCB, 0xC9], "EUC-JP"),  // the same in EUC-JP
        ([0xFF, 0xFE, 0xD8, 0x30, 0xB0, 0x30, 0xFB, 0x30, 0xB9, 0x30], "UTF-16"),  // with a byte order mark
        ([0xD8, 0x30, 0xB0, 0x30, 0xFB, 0x30, 0xB9, 0x30, 0xFD, 0x56, 0x32, 0x96, 0x0A, 0x00], "UTF-16LE"),
        ([0x30, 0xD8, 0x30, 0xB0, 0x30, 0xFB, 0x30, 0xB9, 0x56, 0xFD, 0x96, 0x32, 0x00, 0x0A], "UTF-16BE"),
        ([0xD8, 0x30, 0, 0, 0xB0, 0x30, 0, 0, 0xFB, 0x30, 0, 0, 0x0A, 0, 0, 0], "UTF-32LE"),
    ] as [([UInt8], String)])
    func encodingGuess(_ bytes: [UInt8], _ expected: String) throws {
        #expect(EncodingGuess.guess(head: bytes, line: bytes)?.rawValue == expected)
    }

    @Test("invalid UTF-8 names the encoding the file most likely has, not always Shift_JIS")
    func invalidUTF8Advice() throws {
        let euc: [UInt8] = [0x61, 0x0A, 0xA5, 0xD8, 0xA5, 0xB0, 0xA5, 0xBB, 0xA5, 0xB9, 0x0A]  // a, ヘグセス in EUC-JP
        let path = try write(euc)
        #expect(throws: TextInputError.invalidUTF8(
            path: path, line: 2, byteOffset: 2, advice: "the file looks like EUC-JP; convert it with iconv -f EUC-JP -t UTF-8")) { try lines(path) }
    }

    @Test("a missing file and a directory are clear errors")
    func missing() throws {
        #expect(throws: TextInputError.notFound(path: "/no/such/file.txt")) {
            try TextInput(path: "/no/such/file.txt").forEachLine { _, _ in }
        }
        let dir = FileManager.default.temporaryDirectory.path
        #expect(throws: TextInputError.isDirectory(path: dir)) { try TextInput(path: dir).forEachLine { _, _ in } }
    }

    @Test("an empty file has no lines")
    func empty() throws {
        #expect(try lines(try write([])) == [])
    }
}
