import Foundation
import Testing

/// XML inputs end to end: TMX through `tm import` (malformed and mutated files never crash) and
/// XLIFF through `check`.
@Suite struct XMLInputTests {
    static func fixture(_ name: String) throws -> Data {
        let url = try #require(Bundle.module.url(forResource: "Fixtures/\(name)", withExtension: nil))
        return try Data(contentsOf: url)
    }

    /// A deterministic generator (SplitMix64), so that a failing case can be replayed.
    struct SeededGenerator: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }

    /// One mutation of a real file: a bit flip, a cut, invalid UTF-8 inside an element name, a
    /// removed or repeated stretch, or an entity declaration slipped into the prolog.
    static func mutate(_ data: Data, _ random: inout SeededGenerator) -> (Data, String) {
        var bytes = [UInt8](data)
        let at = Int.random(in: 0..<bytes.count, using: &random)
        switch Int.random(in: 0..<6, using: &random) {
        case 0:
            let bit = UInt8(1) << UInt8.random(in: 0..<8, using: &random)
            bytes[at] ^= bit
            return (Data(bytes), "flip bit \(bit) at \(at)")
        case 1:
            return (Data(bytes[..<at]), "cut at \(at)")
        case 2:
            // Just after a '<' followed by a letter: inside an element name.
            let opens = bytes.indices.dropLast().filter { bytes[$0] == 0x3C && (0x61...0x7A).contains(bytes[$0 + 1]) }
            let open = opens.randomElement(using: &random) ?? 0
            let junk: [[UInt8]] = [[0xFF], [0xC3], [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80], [0xE3, 0x81]]
            let inserted = junk.randomElement(using: &random)!
            bytes.insert(contentsOf: inserted, at: open + 2)
            return (Data(bytes), "invalid UTF-8 \(inserted) in the name at \(open + 2)")
        case 3:
            let length = Int.random(in: 1...64, using: &random)
            bytes.removeSubrange(at..<min(bytes.count, at + length))
            return (Data(bytes), "remove \(length) at \(at)")
        case 4:
            let length = Int.random(in: 1...200, using: &random)
            let stretch = bytes[at..<min(bytes.count, at + length)]
            bytes.insert(contentsOf: stretch, at: Int.random(in: 0...bytes.count, using: &random))
            return (Data(bytes), "repeat \(length) from \(at)")
        default:
            let prolog = Array(#"<!DOCTYPE tmx [<!ENTITY e SYSTEM "file:///etc/passwd">]>"#.utf8)
            let tag = bytes.firstIndex(of: 0x3C).map { bytes[$0 + 1] == 0x3F ? (bytes.firstIndex(of: 0x3E) ?? 0) + 1 : $0 } ?? 0
            bytes.insert(contentsOf: prolog, at: tag)
            return (Data(bytes), "entity declaration at \(tag)")
        }
    }

    /// Hundreds of broken variants of real TMX files (Translate Toolkit's po2tmx on Debian's
    /// psmisc catalogue, in UTF-8 and UTF-16, and a file with every inline code): `tm import`
    /// exits 0 or 2, says what is wrong on stderr in its own words, and never crashes.
    @Test func mutatedTMXNeverCrashesImport() throws {
        let folder = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        var random = SeededGenerator(state: 20261130)
        var outcomes: [Int32: Int] = [:]
        for name in ["psmisc-po2tmx.tmx", "psmisc-po2tmx-utf16.tmx", "inline-codes.tmx"] {
            let original = try Self.fixture(name)
            for round in 0..<100 {
                let (data, mutation) = Self.mutate(original, &random)
                let file = folder.appendingPathComponent("m\(round)-\(name)")
                try data.write(to: file)
                let memory = folder.appendingPathComponent("m\(round).sqlite").path
                let result = try runTsuzuri(["tm", "import", file.path, "--memory", memory])
                let what = "\(name) \(mutation): status \(result.status), stderr \(result.stderr)"
                #expect(result.status == 0 || result.status == 2, "\(what)")
                if result.status == 2 {
                    #expect(result.stderr.contains(file.lastPathComponent), "\(what)")
                }
                // libxml2 never prints on its own, and no libxml2 error number reaches the user.
                #expect(!result.stderr.contains("parser error") && !result.stderr.contains("xmlParseChunk"), "\(what)")
                #expect(!result.stderr.contains("error 9") && !result.stderr.contains("parser error "), "\(what)")
                outcomes[result.status, default: 0] += 1
                try? FileManager.default.removeItem(at: file)
                try? FileManager.default.removeItem(atPath: memory)
            }
        }
        // Both outcomes happen: the mutations are not all fatal, nor all harmless.
        #expect((outcomes[0] ?? 0) > 10 && (outcomes[2] ?? 0) > 100, "\(outcomes)")
    }

    @Test func realTMXFixturesImport() throws {
        let folder = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        for (name, added) in [("psmisc-po2tmx.tmx", "34 added"), ("psmisc-po2tmx-utf16.tmx", "34 added"), ("inline-codes.tmx", "3 added")] {
            let file = folder.appendingPathComponent(name)
            try Self.fixture(name).write(to: file)
            let result = try runTsuzuri(["tm", "import", file.path, "--memory", folder.appendingPathComponent("\(name).sqlite").path])
            #expect(result.status == 0, "\(name): \(result.stderr)")
            #expect(result.stdout.contains(added), "\(name): \(result.stdout)")
        }
    }

    @Test(arguments: [
        ("<?xml version=\"1.0\" encoding=\"Shift_JIS\"?>\n<tmx version=\"1.4\"><header/><body/></tmx>",
         "sjis.tmx:1: the file declares encoding \"Shift_JIS\"; tsuzuri reads TMX in UTF-8 or UTF-16"),
        ("<tmx version=\"1.4\">\n<header/>\n<body>\n<tu><tuv xml:lang=\"ja\"><seg>a</tuv></tu>\n</body></tmx>",
         "sjis.tmx:4: malformed XML: end tag </tuv> does not match the start tag <seg> of line 4"),
        ("<tmx version=\"1.4\">\n<header/>\n<body>\n<tu><tuv xml:lang=\"ja\"><seg>&nbsp;</seg></tuv></tu>\n</body></tmx>",
         "sjis.tmx:4: malformed XML: reference to an undeclared entity &nbsp;"),
        ("<tmx version=\"1.4\">\n<header/>\n<body>\n<tu><tuv xml:lang=\"ja\" x=\"&#1;\"><seg>a</seg></tuv></tu>\n</body></tmx>",
         "sjis.tmx:4: malformed XML: "),
    ])
    func malformedTMXIsDescribedInWords(_ text: String, _ message: String) throws {
        let folder = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("sjis.tmx")
        try Data(text.utf8).write(to: file)
        let result = try runTsuzuri(["tm", "import", file.path, "--memory", folder.appendingPathComponent("m.sqlite").path], currentDirectory: folder)
        #expect(result.status == 2)
        #expect(result.stderr.contains(message), "\(result.stderr)")
        #expect(result.stderr.split(separator: "\n").count == 1, "\(result.stderr)")
    }

    /// An entity declared after a megabyte of comments is still refused (the whole prolog counts).
    @Test func entityDeclarationDeepInTheProlog() throws {
        let folder = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let comment = "<!--" + String(repeating: "x", count: 2 << 20) + "-->\n"
        let text = "<?xml version=\"1.0\"?>\n" + comment + "<!DOCTYPE tmx [<!ENTITY a \"b\">]>\n<tmx version=\"1.4\"><header srclang=\"en\"/><body><tu><tuv xml:lang=\"en\"><seg>&a;</seg></tuv><tuv xml:lang=\"ja\"><seg>x</seg></tuv></tu></body></tmx>"
        let file = folder.appendingPathComponent("late.tmx")
        try Data(text.utf8).write(to: file)
        let result = try runTsuzuri(["tm", "import", file.path, "--memory", folder.appendingPathComponent("m.sqlite").path])
        #expect(result.status == 2)
        #expect(result.stderr.contains("late.tmx:3: the DOCTYPE declares entities"), "\(result.stderr)")
    }

    // MARK: XLIFF through check

    static let xliff = """
        <?xml version="1.0" encoding="UTF-8"?>
        <xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">
        <file original="news.txt" source-language="en" target-language="ja" datatype="plaintext">
        <body>
        <trans-unit id="t1">
        <source>Secretary Hegseth arrived in Kyiv.</source>
        <target state="translated">ヘグゼス長官がキーウに到着した。</target>
        </trans-unit>
        <trans-unit id="t2">
        <source>Hegseth spoke.</source>
        <target state="translated">長官が話した。</target>
        </trans-unit>
        <trans-unit id="t3">
        <source>Thank you.</source>
        <target state="translated">ありがとう。</target>
        </trans-unit>
        <trans-unit id="t4">
        <source>Thank you.</source>
        <target state="translated">どうも<g id="1">ありがとう</g>ございます。</target>
        </trans-unit>
        <trans-unit id="t5" translate="no">
        <source>Hegseth</source>
        <target>ヘスゲス</target>
        </trans-unit>
        </body>
        </file>
        </xliff>
        """

    struct Report: Decodable {
        struct Finding: Decodable {
            var preferred: String
            var rules: [String]
            var spellings: [Spelling]
        }
        struct Spelling: Decodable {
            var spelling: String
            var rule: String?
            var locations: [Location]
        }
        struct Location: Decodable, Equatable {
            var line: Int
            var column: Int
            var unit: String?
        }
        var findings: [Finding]
    }

    /// A glossary variant in a target, a missing term and an inconsistent translation, each with
    /// its line:column in the XLIFF file and its unit id.
    @Test func checkXLIFF() throws {
        let folder = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let glossary = folder.appendingPathComponent("team.tsv")
        try "ja\ten\tkind\tvariants\taliases\tnote\nヘグセス\tHegseth\tperson\tヘグゼス\t\t\nキーウ\tKyiv\tplace\t!キエフ\t\t\n"
            .write(to: glossary, atomically: true, encoding: .utf8)
        let file = folder.appendingPathComponent("news.xlf")
        try Self.xliff.write(to: file, atomically: true, encoding: .utf8)
        let result = try runTsuzuri(["check", "--format", "json", "--glossary", glossary.path, file.path])
        #expect(result.status == 1, "\(result.stderr)")
        let report = try JSONDecoder().decode(Report.self, from: Data(result.stdout.utf8))
        func spelling(_ rule: String) -> Report.Spelling? {
            report.findings.lazy.flatMap(\.spellings).first { $0.rule == rule }
        }
        let variant = try #require(spelling("glossary-variant"))
        #expect(variant.spelling == "ヘグゼス")
        #expect(variant.locations == [.init(line: 7, column: 28, unit: "t1")])
        let missing = try #require(spelling("missing-term"))
        #expect(missing.spelling == "Hegseth")
        #expect(missing.locations == [.init(line: 10, column: 9, unit: "t2")])
        let inconsistent = try #require(report.findings.first { $0.rules == ["inconsistent-translation"] })
        #expect(inconsistent.spellings.map(\.spelling) == ["ありがとう。", "どうもありがとうございます。"])
        #expect(inconsistent.spellings.flatMap(\.locations) == [.init(line: 15, column: 28, unit: "t3"), .init(line: 19, column: 28, unit: "t4")])
        // translate="no": ヘスゲス is not reported.
        #expect(!result.stdout.contains("ヘスゲス"))
    }

    @Test func malformedXLIFFExits2WithTheLine() throws {
        let folder = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("cut.xlf")
        try String(Self.xliff.prefix(400)).write(to: file, atomically: true, encoding: .utf8)
        let result = try runTsuzuri(["check", file.path])
        #expect(result.status == 2)
        #expect(result.stderr.contains("cut.xlf:"), "\(result.stderr)")
        #expect(result.stderr.contains("malformed XML"), "\(result.stderr)")
    }

    // MARK: XLIFF through pretranslate

    static let untranslated = """
        <?xml version="1.0" encoding="UTF-8"?>
        <xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">
          <file original="a.txt" source-language="en" target-language="ja" datatype="plaintext">
            <body>
              <trans-unit id="1">
                <source>Secretary Hegseth arrived in Brussels!</source>
                <target/>
              </trans-unit>
              <trans-unit id="2">
                <source>Done.</source>
                <target state="translated">済み。</target>
              </trans-unit>
            </body>
          </file>
        </xliff>

        """

    /// Fills the empty target from the memory, marks it for review, keeps every other byte, and
    /// writes a file with nothing to fill back unchanged.
    func pretranslated(in folder: URL) throws -> (RunResult, URL) {
        let memory = folder.appendingPathComponent("m.sqlite").path
        let added = try runTsuzuri(["tm", "add", "--memory", memory, "--source-lang", "en", "--target-lang", "ja",
                                    "Secretary Hegseth arrived in Brussels.", "ヘグセス長官がブリュッセルに到着した。"])
        #expect(added.status == 0, "\(added.stderr)")
        let input = folder.appendingPathComponent("in.xlf")
        try Self.untranslated.write(to: input, atomically: true, encoding: .utf8)
        let output = folder.appendingPathComponent("out.xlf")
        return (try runTsuzuri(["pretranslate", input.path, "--output", output.path, "--memory", memory]), output)
    }

    @Test func pretranslateXLIFF() throws {
        let folder = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let (result, output) = try pretranslated(in: folder)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("1 of 1 empty targets filled"), "\(result.stdout)")
        let written = try String(contentsOf: output, encoding: .utf8)
        #expect(written == Self.untranslated.replacingOccurrences(
            of: "<target/>", with: #"<target state="needs-review-translation">ヘグセス長官がブリュッセルに到着した。</target>"#))
        // Nothing left to fill: the same bytes again, exit 1.
        let again = folder.appendingPathComponent("again.xlf")
        let second = try runTsuzuri(["pretranslate", output.path, "--output", again.path, "--memory", folder.appendingPathComponent("m.sqlite").path])
        #expect(second.status == 1)
        #expect(try Data(contentsOf: again) == Data(contentsOf: output))
        // check reads the output.
        let check = try runTsuzuri(["check", "--format", "json", output.path])
        #expect(check.status == 0 || check.status == 1, "\(check.stderr)")
    }

    /// Translate Toolkit (Debian's translate-toolkit) reads the pretranslated file: the filled
    /// target becomes a fuzzy msgstr.
    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/xliff2po")))
    func translateToolkitReadsPretranslatedXLIFF() throws {
        let folder = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let (result, output) = try pretranslated(in: folder)
        #expect(result.status == 0)
        let po = folder.appendingPathComponent("out.po")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/xliff2po")
        process.arguments = ["--progress=none", output.path, po.path]
        try process.run()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        let text = try String(contentsOf: po, encoding: .utf8)
        #expect(text.contains("#, fuzzy\nmsgid \"Secretary Hegseth arrived in Brussels!\"\nmsgstr \"ヘグセス長官がブリュッセルに到着した。\""), "\(text)")
    }
}
