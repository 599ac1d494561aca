import Testing
@testable import TsuzuriText

/// Chunks of whole lines read back to exactly the lines, numbers and errors of `forEachLine`.
@Suite struct TextChunkTests {
    static func lines(_ input: TextInput) throws -> [String] {
        var result: [String] = []
        try input.forEachLine { number, line in result.append("\(number):\(line)") }
        return result
    }

    static func chunkedLines(_ input: TextInput, size: Int) throws -> (lines: [String], chunks: Int) {
        let reader = try TextInput.ChunkReader(input, size: size)
        var result: [String] = []
        var chunks = 0
        while let chunk = try reader.next() {
            chunks += 1
            try chunk.forEachLine { number, line in result.append("\(number):\(line)") }
        }
        return (result, chunks)
    }

    @Test(arguments: [
        "", "\n", "ヘグセス", "ヘグセス\n", "\u{FEFF}ヘグセス\r\nキーウ\n\nゼレンスキー", "a\n\n\nb\r\n",
        String(repeating: "ヘグセス国防長官が語った。\n", count: 50) + "最後の行",
        String(repeating: "とても長い一行", count: 200) + "\n短い行\n",
    ])
    func sameLinesAsForEachLine(text: String) throws {
        let input = TextInput(name: "t.txt", contents: Array(text.utf8))
        let expected = try Self.lines(input)
        for size in [1, 7, 64, 1000, 1 << 20] {
            let (lines, chunks) = try Self.chunkedLines(input, size: size)
            #expect(lines == expected, "size \(size)")
            #expect(chunks >= 1)
        }
    }

    @Test func chunksEndAtLineEndsAndStayNearTheSize() throws {
        let text = String(repeating: "ヘグセス国防長官\n", count: 1000)  // 25 bytes a line
        let reader = try TextInput.ChunkReader(TextInput(name: "t.txt", contents: Array(text.utf8)), size: 1000)
        var sizes: [Int] = []
        while let chunk = try reader.next() {
            #expect(chunk.bytes.last == 0x0A)
            sizes.append(chunk.bytes.count)
        }
        #expect(sizes.dropLast().allSatisfy { $0 >= 1000 && $0 < 1000 + 25 })
        #expect(sizes.reduce(0, +) == text.utf8.count)
    }

    @Test func invalidUTF8InALaterChunkHasTheSerialLineAndOffset() throws {
        var bytes = Array("\u{FEFF}".utf8) + Array(String(repeating: "キーウ\n", count: 40).utf8)
        bytes += [0x41, 0xFF, 0x0A] + Array("ヘグセス\n".utf8)
        let input = TextInput(name: "bad.txt", contents: bytes)
        var serialError: TextInputError?
        do { try input.forEachLine { _, _ in } } catch let error as TextInputError { serialError = error }
        var chunkError: TextInputError?
        do { _ = try Self.chunkedLines(input, size: 30) } catch let error as TextInputError { chunkError = error }
        #expect(serialError != nil)
        #expect(chunkError == serialError)
    }
}
