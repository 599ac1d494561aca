import Testing
@testable import TsuzuriText

/// The memchr-based searches give what a byte-by-byte search gives, at the edges too.
@Suite struct ByteSearchTests {
    @Test(arguments: ["", "\n", "a", "ab\n", "\n\n\nx", "ヘグセス\nキーウ\n", String(repeating: "長い行\n", count: 300) + "終"])
    func lineEndsAsSwiftFindsThem(text: String) {
        let bytes = Array(text.utf8)
        for start in Set([0, 1, bytes.count / 2, bytes.count].filter { $0 <= bytes.count }) {
            let slice = bytes[start...]
            #expect(ByteSearch.firstIndex(of: 0x0A, in: slice) == slice.firstIndex(of: 0x0A), "from \(start)")
            #expect(ByteSearch.count(of: 0x0A, in: slice) == slice.filter { $0 == 0x0A }.count, "from \(start)")
        }
    }

    @Test(arguments: [
        ("<!-- tsuzuri-disable -->", true), ("tsuzuri-", true), ("行末にtsuzuri-", true), ("tsuzuri", false),
        ("tsuzuritsuzuri-x", true), ("tsuzur-i", false), ("", false), ("t", false),
    ])
    func findsTheMarkAnywhere(text: String, expected: Bool) {
        let needle = Array("tsuzuri-".utf8)
        #expect(Array(text.utf8).withUnsafeBytes { ByteSearch.contains(needle, in: $0) } == expected)
        let chunk = TextChunk(displayName: "t.txt", bytes: Array(text.utf8), firstLine: 1, offset: 0, head: [])
        #expect(chunk.contains(needle) == expected)
    }

    @Test("reading from a chunk's first line and byte offset gives that line onwards, numbered as from the start")
    func forEachLineFromAChunkStart() throws {
        let text = "\u{FEFF}" + (0..<200).map { "行\($0) ヘグセス\($0 % 3 == 0 ? "\r" : "")" }.joined(separator: "\n")
        let input = TextInput(name: "t.txt", contents: Array(text.utf8))
        var all: [String] = []
        try input.forEachLine { number, line in all.append("\(number):\(line)") }
        let reader = try TextInput.ChunkReader(input, size: 300)
        while let chunk = try reader.next() {
            var lines: [String] = []
            try input.forEachLine(from: (chunk.firstLine, chunk.offset), where: { $0 % 2 == 0 }) { number, line in
                lines.append("\(number):\(line)")
            }
            #expect(lines == all.dropFirst(chunk.firstLine - 1).enumerated().filter { ($0.offset + chunk.firstLine) % 2 == 0 }.map(\.element))
        }
    }
}
