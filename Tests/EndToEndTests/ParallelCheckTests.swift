import Foundation
import Testing

/// `check --jobs N` prints exactly what `--jobs 1` (the serial path) prints: the same report in
/// every format, the same errors in the same order, the same exit status. Small `--chunk-size`
/// values make the chunked path (plain text cut at line boundaries) run on files of test size.
@Suite("check on every core")
struct ParallelCheckTests {
    static let root = TsuzuriBinary.repositoryRoot
    static let seed = root.appendingPathComponent("seeds/000_c8ac7e5ec8ea1ea5.txt").path
    static let glossary = root.appendingPathComponent("glossary").path
    static let fixtures = root.appendingPathComponent("Tests/EndToEndTests/Fixtures")

    /// Runs check serially and with `parallel` arguments in every format; the outputs must be equal.
    static func expectSameAsSerial(_ inputs: [String], glossary: String = glossary, parallel: [[String]]) throws {
        for format in ["text", "gcc", "json", "sarif"] {
            let base = ["check", "--glossary", glossary, "--format", format]
            let serial = try runTsuzuri(base + ["--jobs", "1"] + inputs)
            #expect(!serial.stdout.isEmpty)
            for options in parallel {
                let result = try runTsuzuri(base + options + inputs)
                #expect(result.status == serial.status, "\(format) \(options)")
                #expect(result.stderr == serial.stderr, "\(format) \(options)")
                #expect(result.stdout == serial.stdout, "\(format) \(options): output differs from --jobs 1")
            }
        }
    }

    /// The seed article's lines, for building larger inputs.
    static func seedLines() throws -> [String] {
        try String(contentsOfFile: seed, encoding: .utf8).components(separatedBy: "\n")
    }

    @Test("the seed article: same report on 2 cores, whole and in chunks of 1 KB")
    func seedArticle() throws {
        try Self.expectSameAsSerial([Self.seed], parallel: [["--jobs", "2"], ["--jobs", "2", "--chunk-size", "1024"]])
    }

    @Test("the fixtures (text, Markdown, HTML, PO, XLIFF 1.2 and 2): files in parallel, same report")
    func fixtures() throws {
        let bilingual = Self.fixtures.appendingPathComponent("bilingual")
        let inputs =
            [Self.seed, Self.fixtures.appendingPathComponent("seed.md").path, Self.fixtures.appendingPathComponent("seed.html").path]
            + ["bi-1.po", "bi-1.xlf", "bi-1.xliff2.xlf", "bi-2.po", "bi-2.xlf", "bi-2.xliff2.xlf"].map {
                bilingual.appendingPathComponent($0).path
            }
        try Self.expectSameAsSerial(inputs, parallel: [["--jobs", "2"], ["--jobs", "3", "--chunk-size", "2048"]])
        try Self.expectSameAsSerial(
            Array(inputs.dropFirst(3)), glossary: bilingual.appendingPathComponent("glossary.tsv").path,
            parallel: [["--jobs", "2"]])
    }

    @Test("a generated set of files, with spellings that differ across files and inputs that fail in between")
    func generatedFiles() throws {
        let lines = try Self.seedLines()
        let dir = try makeTemporaryDirectory()
        var inputs: [String] = []
        // Twelve files of a few seed lines each, every third one spelling Hegseth and Kyiv the other way,
        // so that findings gather occurrences from many files.
        for index in 0..<12 {
            var text = lines[(index * 7) % lines.count..<min(lines.count, (index * 7) % lines.count + 20)].joined(separator: "\n")
            if index % 3 == 0 { text = text.replacingOccurrences(of: "ヘグセス", with: "ヘグゼス").replacingOccurrences(of: "キーウ", with: "キエフ") }
            text += "\nヘグセス国防長官とウォーシュ氏（Kevin Warsh）、ワーシュ氏が会談した。\n"
            let path = dir.appendingPathComponent(String(format: "part-%02d.txt", index)).path
            try text.write(toFile: path, atomically: true, encoding: .utf8)
            inputs.append(path)
        }
        // A file that stops at invalid UTF-8 halfway (what comes before still counts), and one that is missing.
        let broken = dir.appendingPathComponent("broken.txt").path
        var bytes = Data(lines[0..<30].joined(separator: "\n").utf8)
        bytes.append(contentsOf: [0x0A, 0xFF, 0xFE, 0x0A])
        bytes.append(Data(lines[30...].joined(separator: "\n").utf8))
        try bytes.write(to: URL(fileURLWithPath: broken))
        inputs.insert(broken, at: 4)
        inputs.insert(dir.appendingPathComponent("missing.txt").path, at: 8)
        try Self.expectSameAsSerial(inputs, parallel: [["--jobs", "2"], ["--jobs", "4", "--chunk-size", "512"]])
    }

    @Test("a large generated file (BOM, CRLF, no final line end) cut into many chunks: same report")
    func largeFile() throws {
        let lines = try Self.seedLines()
        let dir = try makeTemporaryDirectory()
        var text = "\u{FEFF}"
        // Forty copies of the seed, each with a different mix of spellings, so that counts, the
        // first-seen orders and the document's evidence all depend on the order of the chunks.
        for copy in 0..<40 {
            var part = lines.joined(separator: copy % 5 == 0 ? "\r\n" : "\n")
            if copy % 4 == 1 { part = part.replacingOccurrences(of: "ヘグセス", with: "ヘグゼス") }
            if copy % 7 == 3 { part = part.replacingOccurrences(of: "ゼレンスキー", with: "ゼレンスキ一") }
            if copy % 6 == 5 { part = part.replacingOccurrences(of: "キーウ", with: "キエフ") }
            text += part + (copy == 39 ? "" : "\n")
        }
        let path = dir.appendingPathComponent("large.txt").path
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        #expect(text.utf8.count > 1_000_000)
        try Self.expectSameAsSerial(
            [path], parallel: [["--jobs", "2"], ["--jobs", "2", "--chunk-size", "65536"], ["--jobs", "3", "--chunk-size", "10000"]])
    }

    /// A chunked file's suppression comments are found from its chunks as they are read (no
    /// second scan of the file): comments in a middle chunk and in the last line suppress as in
    /// the serial run, and a file with none is not read again.
    @Test("suppression comments inside a large file cut into chunks: same report as the serial run")
    func suppressionsInChunks() throws {
        let lines = try Self.seedLines()
        let dir = try makeTemporaryDirectory()
        var text = ""
        for copy in 0..<12 {
            var part = lines.joined(separator: "\n")
            if copy % 3 == 1 { part = part.replacingOccurrences(of: "キーウ", with: "キエフ") }
            if copy == 5 { text += "<!-- tsuzuri-disable deprecated -->\n" }
            if copy == 8 { text += "<!-- tsuzuri-enable deprecated -->\n" }
            text += part + "\n"
        }
        text += "キエフでヘグゼス長官。 <!-- tsuzuri-disable-line -->"
        let path = dir.appendingPathComponent("suppressed.txt").path
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        let plain = dir.appendingPathComponent("plain.txt").path
        try text.replacingOccurrences(of: "tsuzuri-", with: "other-").write(toFile: plain, atomically: true, encoding: .utf8)
        let serial = try runTsuzuri(["check", "--glossary", Self.glossary, "--jobs", "1", path])
        let unsuppressed = try runTsuzuri(["check", "--glossary", Self.glossary, "--jobs", "1", plain])
        func summary(_ output: String, _ file: String) -> String {
            String(output.split(separator: "\n").first ?? "").replacingOccurrences(of: file, with: "FILE")
        }
        #expect(summary(serial.stdout, path) != summary(unsuppressed.stdout, plain), "the comments suppress something")
        try Self.expectSameAsSerial(
            [path, plain], parallel: [["--jobs", "2", "--chunk-size", "4096"], ["--jobs", "3", "--chunk-size", "20000"]])
    }

    /// Past `--places-in-memory` places the checker writes them to a temporary file and reads back
    /// only those a report shows: the report must be the one kept wholly in memory gives, serial
    /// or in parallel, in every format (the fixtures include look-alikes, evidence, Markdown,
    /// HTML and bilingual files).
    @Test("term places spilled to a temporary file give the same report as places kept in memory")
    func spilledPlaces() throws {
        let bilingual = Self.fixtures.appendingPathComponent("bilingual")
        let inputs =
            [Self.seed, Self.fixtures.appendingPathComponent("seed.md").path, Self.fixtures.appendingPathComponent("seed.html").path]
            + ["bi-1.po", "bi-2.xlf"].map { bilingual.appendingPathComponent($0).path }
        try Self.expectSameAsSerial(
            inputs,
            parallel: [
                ["--jobs", "1", "--places-in-memory", "1"], ["--jobs", "1", "--places-in-memory", "7"],
                ["--jobs", "2", "--chunk-size", "4096", "--places-in-memory", "3"],
            ])
    }

    @Test("--jobs 0 is a usage error that names the flag")
    func jobsZero() throws {
        let result = try runTsuzuri(["check", "--jobs", "0", Self.seed])
        #expect(result.status == 2)
        #expect(result.stderr.contains("--jobs must be at least 1"))
    }
}
