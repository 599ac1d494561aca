import Foundation
import Testing
import TsuzuriCheck
import TsuzuriGlossary
import TsuzuriText

@Suite("Snippets in text output")
struct SnippetTests {
    @Test("a snippet is the occurrence with the characters either side, cut and marked at the line's ends")
    func cut() throws {
        let line: Substring = "米国の新国防長官ピート・ヘグゼス氏は2月の首脳会談で述べた。"
        let snippet = try #require(Snippet(line: line, column: 13, length: 4, reach: 4))
        #expect(snippet.match == "ヘグゼス")
        #expect(snippet.before == "ピート・" && snippet.cutBefore)
        #expect(snippet.after == "氏は2月" && snippet.cutAfter)
        let whole = try #require(Snippet(line: "\tヘグゼス氏", column: 2, length: 4))
        #expect(whole.before == "" && whole.after == "氏" && !whole.cutBefore && !whole.cutAfter)
        #expect(Snippet(line: "短い", column: 2, length: 4) == nil, "a place the line no longer has gets no snippet")
    }

    @Test("flagged places are printed with their snippet, the highlight from the palette; kept ones by place only")
    func rendered() throws {
        let glossary = Glossary(entries: [
            GlossaryEntry(ja: "キーウ", en: "Kyiv", kind: .place, deprecated: ["キエフ"], note: "renamed in 2022")
        ])
        let text = "首都キエフとキーウ。\nキエフにて。\n"
        let checker = Checker(glossary: glossary)
        checker.check(text: text, name: "a.txt")
        let report = checker.report()
        #expect(report.findings.first?.note == "renamed in 2022")
        let input = TextInput(name: "a.txt", contents: Array(text.utf8))
        let snippets = Snippet.read(report.findings.flatMap { $0.flagged.flatMap(\.locations) }, from: input)
        #expect(snippets.count == 2)
        let palette = CheckReport.Palette(heading: { $0 }, flagged: { "[\($0)]" }, kept: { $0 }, dim: { $0 })
        var out = ""
        report.renderText(to: &out, palette: palette, snippets: snippets)
        #expect(out.contains("  note: renamed in 2022\n"))
        #expect(out.contains("      1:3  首都[キエフ]とキーウ。\n"))
        #expect(out.contains("      2:1  [キエフ]にて。\n"))
        var plain = ""
        report.renderText(to: &plain)
        #expect(plain.contains("      at 1:3, 2:1\n"), "without snippets the places are listed on one line, as before")
    }

    @Test("a place without a snippet (stdin's) does not stop the places after it from getting theirs")
    func gap() throws {
        let glossary = Glossary(entries: [GlossaryEntry(ja: "キーウ", en: "Kyiv", kind: .place, deprecated: ["キエフ"])])
        let text = "キエフ。\nキエフにて。\n"
        let checker = Checker(glossary: glossary)
        checker.check(text: text, name: "a.txt")
        let report = checker.report()
        var snippets = Snippet.read(report.findings.flatMap { $0.flagged.flatMap(\.locations) }, from: TextInput(name: "a.txt", contents: Array(text.utf8)))
        snippets = snippets.filter { $0.key.line == 2 }
        var out = ""
        report.renderText(to: &out, snippets: snippets)
        #expect(out.contains("      2:1  キエフにて。\n      and 1 more at 1:1\n"))
    }

    @Test("past ten snippets a spelling's other places are listed by place")
    func capped() throws {
        let glossary = Glossary(entries: [GlossaryEntry(ja: "キーウ", en: "Kyiv", kind: .place, deprecated: ["キエフ"])])
        let text = String(repeating: "キエフ。\n", count: 12)
        let checker = Checker(glossary: glossary)
        checker.check(text: text, name: "a.txt")
        let report = checker.report()
        let snippets = Snippet.read(report.findings.flatMap { $0.flagged.flatMap(\.locations) }, from: TextInput(name: "a.txt", contents: Array(text.utf8)))
        var out = ""
        report.renderText(to: &out, snippets: snippets)
        #expect(out.components(separatedBy: "キエフ。\n").count - 1 == 10)
        #expect(out.contains("      and 2 more at 11:1, 12:1\n"))
    }

    @Test("the list of places, written as they come, is one dimmed line: a gap among the first ten first, then the rest")
    func listWrittenInPieces() throws {
        let glossary = Glossary(entries: [GlossaryEntry(ja: "キーウ", en: "Kyiv", kind: .place, deprecated: ["キエフ"])])
        let text = String(repeating: "キエフ。\n", count: 14)
        let checker = Checker(glossary: glossary)
        checker.check(text: text, name: "a.txt")
        let report = checker.report()
        let snippets = Snippet.read(report.findings.flatMap { $0.flagged.flatMap(\.locations) }, from: TextInput(name: "a.txt", contents: Array(text.utf8)))
            .filter { $0.key.line != 3 }
        let palette = CheckReport.Palette(heading: { $0 }, flagged: { "<f>\($0)</f>" }, kept: { $0 }, dim: { "<d>\($0)</d>" },
                                                 dimCodes: .init(open: "<d>", close: "</d>"))
        var out = ""
        report.renderText(to: &out, palette: palette, snippets: snippets)
        #expect(out.components(separatedBy: "<f>キエフ</f>。\n").count - 1 == 9)
        #expect(out.contains("<d>      and 5 more at 3:1, 11:1, 12:1, 13:1, 14:1</d>\n"))
    }

    @Test("a palette whose dim changes the text (escapes it) dims the list of places as one piece, as before")
    func listDimmedByTransformingPalette() throws {
        let glossary = Glossary(entries: [GlossaryEntry(ja: "キーウ", en: "Kyiv", kind: .place, deprecated: ["キエフ"])])
        let checker = Checker(glossary: glossary)
        checker.check(text: "キエフ。\nキエフ。\n", name: "a&b.txt")
        checker.check(text: "キエフ。\n", name: "c.txt")
        // An HTML palette: the text is escaped, then wrapped.
        let escape: @Sendable (String) -> String = { $0.replacingOccurrences(of: "&", with: "&amp;") }
        let palette = CheckReport.Palette(heading: escape, flagged: escape, kept: escape, dim: { "<i>" + escape($0) + "</i>" })
        var out = ""
        checker.report().renderText(to: &out, palette: palette)
        #expect(out.contains("<i>      at a&amp;b.txt:1:1, a&amp;b.txt:2:1, c.txt:1:1</i>\n"))
    }

    @Test("snippets read in pieces from the chunks' starts are the ones a single read gives")
    func readInPieces() throws {
        let text = "\u{FEFF}" + (0..<300).map { "\($0)行目、首都キエフで。" + ($0 % 4 == 0 ? "\r" : "") }.joined(separator: "\n") + "\n"
        let input = TextInput(name: "a.txt", contents: Array(text.utf8))
        let reader = try TextInput.ChunkReader(input, size: 500)
        var starts: [(line: Int, offset: Int)] = []
        while let chunk = try reader.next() { starts.append((chunk.firstLine, chunk.offset)) }
        #expect(starts.count > 10)
        let column = { (line: Int) in "\(line - 1)行目、首都".unicodeScalars.count + 1 }
        let locations = [1, 2, 37, 38, 150, 151, 152, 299, 300].map {
            TextLocation(file: "a.txt", line: $0, column: column($0), length: 3)
        }
        let whole = Snippet.read(locations, from: input)
        #expect(whole.count == locations.count)
        #expect(whole[locations[4]]?.match == "キエフ")
        for parts in [1, 2, 3, 8] {
            #expect(Snippet.read(locations, from: input, starts: starts, parts: parts) == whole, "\(parts) parts")
        }
    }
}

extension SnippetTests {
    /// Random files (BOM or not, CRLF on some lines, empty lines, a final line end or not) cut
    /// into chunks of random sizes: the chunks' lines are the serial read's, and snippets read in
    /// pieces from the chunks' starts are the single read's, for any number of pieces.
    @Test("random files: chunks give the serial read's lines, snippets in pieces the single read's")
    func randomFilesInPieces() throws {
        var seed: UInt64 = 0x9E37_79B9_7F4A_7C15
        func random(_ range: ClosedRange<Int>) -> Int {
            seed = seed &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return range.lowerBound + Int((seed >> 33) % UInt64(range.count))
        }
        let alphabet = Array("あいうabcキエフ\t")
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("snippet-pieces-\(getpid())")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        for trial in 0..<60 {
            let lines = (0..<random(1...120)).map { i in
                String((0..<random(0...30)).map { _ in alphabet[random(0...(alphabet.count - 1))] }) + (i % 3 == 0 ? "\r" : "")
            }
            let text = (trial % 2 == 0 ? "\u{FEFF}" : "") + lines.joined(separator: "\n") + (trial % 3 == 0 ? "\n" : "")
            let path = dir.appendingPathComponent("\(trial).txt").path
            try text.write(toFile: path, atomically: true, encoding: .utf8)
            let input = TextInput(path: path)
            let reader = try TextInput.ChunkReader(input, size: random(1...200))
            var starts: [(line: Int, offset: Int)] = []
            var chunked: [Int: String] = [:]
            while let chunk = try reader.next() {
                starts.append((chunk.firstLine, chunk.offset))
                try chunk.forEachLine { number, line in chunked[number] = String(line) }
            }
            var serial: [Int: String] = [:]
            try input.forEachLine { number, line in serial[number] = String(line) }
            #expect(chunked == serial, "trial \(trial)")
            let locations = serial.keys.sorted().filter { !serial[$0]!.isEmpty && random(0...1) == 0 }.map {
                TextLocation(file: path, line: $0, column: 1, length: 1)
            }
            let whole = Snippet.read(locations, from: input)
            #expect(whole.count == locations.count, "trial \(trial)")
            for parts in [2, 3, 7] {
                #expect(Snippet.read(locations, from: input, starts: starts, parts: parts) == whole, "trial \(trial), \(parts) parts")
            }
        }
    }
}
