import Foundation
import Testing
import TsuzuriGlossary
@testable import TsuzuriGlossaryExchange

/// The fixtures: files written by hand from the formats' specifications and examples (not by the
/// exporter), and broken ones.
enum Fixtures {
    static func bytes(_ name: String) throws -> [UInt8] {
        let url = Bundle.module.url(forResource: "Fixtures/" + name, withExtension: nil)!
        return Array(try Data(contentsOf: url))
    }

    static func decode(_ name: String, _ format: GlossaryExchangeFormat) throws -> DecodedGlossary {
        try format.codec.decode(bytes(name), file: name)
    }
}

/// Entries compared without their sources (a re-read places them elsewhere).
func unplaced(_ entries: [GlossaryEntry]) -> [GlossaryEntry] {
    entries.map { var entry = $0; entry.source = nil; return entry }
}

@Suite("Glossary exchange: hand-written files")
struct HandWrittenFileTests {
    @Test("TBX-Basic v3: every term with its status, kind from subjectField, definition and note")
    func tbxV3() throws {
        let decoded = try Fixtures.decode("basic-v3.tbx", .tbx)
        #expect(decoded.warnings.isEmpty)
        #expect(unplaced(decoded.entries) == [
            GlossaryEntry(ja: "キーウ", en: "Kyiv", kind: .place, deprecated: ["キエフ"], note: "capital of Ukraine [also en: !Kiev]"),
            GlossaryEntry(ja: "ヘグセス", en: "Hegseth", kind: .person, variants: ["ヘグゼス"], note: "Pete Hegseth, US Secretary of Defense & of War"),
            GlossaryEntry(
                ja: "NATO", en: "NATO", kind: .org, aliases: ["北大西洋条約機構"], note: "[also en: North Atlantic Treaty Organization]"),
        ])
        #expect(decoded.entries.map { $0.source?.line } == [12, 37, 57])
    }

    @Test("TBX v3 in the DCT style (namespaced data categories); a concept with only deprecated Japanese is skipped")
    func tbxDCT() throws {
        let text = """
            <?xml version="1.0" encoding="UTF-8"?>
            <tbx type="TBX-Basic" style="dct" xml:lang="en" xmlns="urn:iso:std:iso:30042:ed-2"
                 xmlns:basic="http://www.tbxinfo.net/ns/basic" xmlns:min="http://www.tbxinfo.net/ns/min">
              <tbxHeader><fileDesc><sourceDesc><p>DCT</p></sourceDesc></fileDesc></tbxHeader>
              <text><body>
                <conceptEntry id="odesa">
                  <min:subjectField>place</min:subjectField>
                  <langSec xml:lang="ja">
                    <termSec><term>オデーサ</term><basic:administrativeStatus>preferredTerm-admn-sts</basic:administrativeStatus></termSec>
                    <termSec><term>オデッサ</term><basic:administrativeStatus>supersededTerm-admn-sts</basic:administrativeStatus></termSec>
                  </langSec>
                  <langSec xml:lang="en"><basic:definition>Ukrainian port</basic:definition><termSec><term>Odesa</term></termSec></langSec>
                </conceptEntry>
                <conceptEntry id="kiev">
                  <langSec xml:lang="ja"><termSec><term>キエフ</term><basic:administrativeStatus>deprecatedTerm-admn-sts</basic:administrativeStatus></termSec></langSec>
                </conceptEntry>
              </body></text>
            </tbx>
            """
        let decoded = try TBXCodec().decode(Array(text.utf8), file: "dct.tbx")
        #expect(unplaced(decoded.entries) == [GlossaryEntry(ja: "オデーサ", en: "Odesa", kind: .place, deprecated: ["オデッサ"], note: "Ukrainian port")])
        #expect(decoded.warnings == [GlossaryWarning(source: GlossarySource(file: "dct.tbx", line: 14), message: "concept skipped: it has only deprecated Japanese terms, no form to prefer")])
    }

    @Test("TBX v2 as Trados MultiTerm and memoQ export it: tig and ntig, ja-JP, a third language left out")
    func tbxV2() throws {
        let decoded = try Fixtures.decode("multiterm-v2.tbx", .tbx)
        #expect(unplaced(decoded.entries) == [
            GlossaryEntry(
                ja: "ゼレンスキー", en: "Zelensky", kind: .person, variants: ["ゼレンスキイ"], note: "President of Ukraine [also en: Zelenskyy]"),
            GlossaryEntry(ja: "オデーサ", en: "Odesa", kind: .place, deprecated: ["オデッサ"]),
            GlossaryEntry(ja: "ミュンヘン安全保障会議", en: "Munich Security Conference", note: "memoQ: forbidden term list"),
        ])
        #expect(decoded.entries.first?.source == GlossarySource(file: "multiterm-v2.tbx", line: 16))
    }

    @Test("TBX in UTF-16 (with its byte order mark) reads the same; a UTF-16 TBX 1 is still refused")
    func tbxUTF16() throws {
        let utf8 = String(decoding: try Fixtures.bytes("multiterm-v2.tbx"), as: UTF8.self)
        let utf16 = Array(utf8.replacingOccurrences(of: "encoding=\"UTF-8\"", with: "encoding=\"UTF-16\"").data(using: .utf16)!)
        #expect(unplaced(try TBXCodec().decode(utf16, file: "u16.tbx").entries) == unplaced(try Fixtures.decode("multiterm-v2.tbx", .tbx).entries))
        let v1 = Array(String(decoding: try Fixtures.bytes("v1.tbx"), as: UTF8.self).data(using: .utf16)!)
        #expect(throws: GlossaryExchangeError.tbxVersion1(file: "v1.tbx", line: 3)) { _ = try TBXCodec().decode(v1, file: "v1.tbx") }
    }

    @Test("CSV with quoted commas, doubled quotes and a quoted line break; rows keep their first line")
    func csv() throws {
        let decoded = try Fixtures.decode("newsroom.csv", .csv)
        #expect(unplaced(decoded.entries) == [
            GlossaryEntry(ja: "キーウ", en: "Kyiv", kind: .place, deprecated: ["キエフ"], note: "capital of Ukraine; the government switched on 31 March 2022"),
            GlossaryEntry(ja: "ヘグセス", en: "Hegseth", kind: .person, variants: ["ヘグゼス", "ヘグセズ"], note: "Pete Hegseth, \"Secretary of War\""),
            GlossaryEntry(ja: "NATO", en: "NATO", kind: .org, aliases: ["北大西洋条約機構"], note: "North Atlantic Treaty Organization"),
        ])
        #expect(decoded.entries.map { $0.source?.line } == [2, 4, 5])
    }

    @Test("OmegaT glossary: source, target and optional comment; comment lines skipped")
    func omegat() throws {
        let decoded = try Fixtures.decode("omegat-glossary.utf8", .omegat)
        #expect(unplaced(decoded.entries) == [
            GlossaryEntry(ja: "キーウ", en: "Kyiv", note: "capital of Ukraine"),
            GlossaryEntry(ja: "ヘグセス", en: "Hegseth"),
            GlossaryEntry(ja: "ミュンヘン安全保障会議", en: "Munich Security Conference", note: "MSC, held every February"),
        ])
        #expect(decoded.entries.map { $0.source?.line } == [2, 3, 4])
    }

    @Test("OmegaT glossary of an en→ja project: told from the file, or given")
    func omegatEnglishSource() throws {
        let file = Array("Kyiv\tキーウ\tcapital\nNATO\tNATO\n".utf8)
        for codec in [OmegaTGlossaryCodec(), OmegaTGlossaryCodec(direction: .englishToJapanese)] {
            let entries = try codec.decode(file, file: "en-ja.txt").entries
            #expect(entries.map { [$0.ja, $0.en, $0.note] } == [["キーウ", "Kyiv", "capital"], ["NATO", "NATO", ""]])
        }
        let written = try OmegaTGlossaryCodec(direction: .englishToJapanese).encode([GlossaryEntry(ja: "キーウ", en: "Kyiv", note: "capital")])
        #expect(String(decoding: written, as: UTF8.self) == "Kyiv\tキーウ\tcapital\n")
    }

    @Test("prh.yml: expected, patterns (list or one), prh note; regular expressions skipped with their line")
    func prh() throws {
        let decoded = try Fixtures.decode("prh.yml", .prh)
        #expect(unplaced(decoded.entries) == [
            GlossaryEntry(ja: "ヘグセス", en: "", variants: ["ヘグゼス", "ヘグセズ"], note: "米国防長官の表記は「ヘグセス」に統一"),
            GlossaryEntry(ja: "キーウ", en: "", variants: ["キエフ"]),
            GlossaryEntry(ja: "ウェブ", en: "", variants: ["ウエブ"]),
            GlossaryEntry(ja: "JavaScript", en: ""),
        ])
        #expect(decoded.warnings.map(\.source.line) == [14, 19])
        #expect(decoded.warnings[0].message.contains("/ウェッ?ブ(サイト)?/"))
    }
}

@Suite("Glossary exchange: round trips")
struct RoundTripTests {
    /// Every field the model has: kinds, variants, deprecated forms, aliases, Latin aliases,
    /// markup characters, several English terms, empty notes.
    static let sample: [GlossaryEntry] = [
        GlossaryEntry(ja: "キーウ", en: "Kyiv", kind: .place, deprecated: ["キエフ"], note: "capital of Ukraine; since 31 March 2022"),
        GlossaryEntry(
            ja: "ヘグセス", en: "Hegseth", kind: .person, variants: ["ヘグゼス", "ヘグセズ"], deprecated: [],
            note: "Pete Hegseth, \"Secretary\" <War> & Defense [also en: Pete Hegseth|!Hegsed]"),
        GlossaryEntry(ja: "国連", en: "United Nations", kind: .org, aliases: ["国際連合", "UN"], note: ""),
        GlossaryEntry(ja: "第5条", en: "Article 5", kind: .term, aliases: ["第五条"], note: "collective defence, a, b"),
        GlossaryEntry(ja: "国防長官", en: "Secretary of Defense", kind: EntryKind(rawValue: "title")),
    ]

    @Test("export then import gives the same glossary", arguments: [GlossaryExchangeFormat.tbx, .tbx2, .csv])
    func sameGlossary(format: GlossaryExchangeFormat) throws {
        let bytes = try format.codec.encode(Self.sample)
        let decoded = try format.codec.decode(bytes, file: "x")
        #expect(decoded.warnings.isEmpty)
        #expect(unplaced(decoded.entries) == Self.sample)
    }

    @Test("TBX v2 is a <martif>, v3 a TBX-Basic <tbx>; markup characters are escaped")
    func tbxShape() throws {
        let v3 = String(decoding: try TBXCodec(version: .v3).encode(Self.sample), as: UTF8.self)
        let v2 = String(decoding: try TBXCodec(version: .v2).encode(Self.sample), as: UTF8.self)
        #expect(v3.contains("<tbx type=\"TBX-Basic\" style=\"dca\" xml:lang=\"en\" xmlns=\"urn:iso:std:iso:30042:ed-2\">"))
        #expect(v3.contains("<conceptEntry id=\"c1\">") && v3.contains("<termSec>"))
        #expect(v2.contains("<martif type=\"TBX-Basic\" xml:lang=\"en\">") && v2.contains("<termEntry id=\"c1\">") && v2.contains("<tig>"))
        #expect(v3.contains("&quot;Secretary&quot; &lt;War&gt; &amp; Defense"))
        #expect(v3.contains("<term>キエフ</term>\n            <termNote type=\"administrativeStatus\">supersededTerm-admn-sts</termNote>"))
    }

    @Test("OmegaT keeps source, target and comment")
    func omegat() throws {
        let codec = OmegaTGlossaryCodec()
        let decoded = try codec.decode(try codec.encode(Self.sample), file: "x")
        #expect(decoded.entries.map { [$0.ja, $0.en, $0.note] } == Self.sample.map { [$0.ja, $0.en, $0.note] })
    }

    @Test("prh keeps expected, patterns and the note, and the English form through the note")
    func prh() throws {
        let codec = PrhGlossaryCodec()
        let decoded = try codec.decode(try codec.encode(Self.sample), file: "x")
        let withPatterns = Self.sample.filter { !($0.variants.isEmpty && $0.deprecated.isEmpty) }
        #expect(decoded.entries.map(\.ja) == withPatterns.map(\.ja))
        #expect(decoded.entries.map(\.variants) == withPatterns.map { $0.variants + $0.deprecated })
        #expect(decoded.entries.map(\.note) == withPatterns.map(\.note))
        #expect(decoded.entries.map(\.en) == withPatterns.map(\.en))
    }

    @Test("TSV through the codec seam reads back the same entries")
    func tsv() throws {
        let codec = TSVGlossaryCodec()
        #expect(unplaced(try codec.decode(try codec.encode(Self.sample), file: "x").entries) == Self.sample)
    }
}

@Suite("Glossary exchange: bad input")
struct BadInputTests {
    @Test(
        "refused with the file, the line and what to do",
        arguments: [
            ("ragged.csv", GlossaryExchangeFormat.csv, 2, "3 fields where the header has 6"),
            ("unclosed.csv", .csv, 2, "never closed"),
            ("v1.tbx", .tbx, 3, "TBX 1"),
            ("no-japanese.tbx", .tbx, 1, "Japanese term"),
            ("malformed.tbx", .tbx, 6, "not well-formed XML"),
        ])
    func refused(file: String, format: GlossaryExchangeFormat, line: Int, words: String) throws {
        do {
            _ = try Fixtures.decode(file, format)
            Issue.record("\(file) was read")
        } catch let error as GlossaryExchangeError {
            let message = error.errorDescription ?? ""
            #expect(message.hasPrefix("\(file):\(line): "), "\(message)")
            #expect(message.contains(words), "\(message)")
        }
    }

    @Test("a regex-only prh rule still imports its expected form; YAML errors name their line")
    func yaml() throws {
        #expect(throws: GlossaryExchangeError.malformed(file: "bad.yml", line: 3, reason: "not valid YAML (mapping values are not allowed in this context); fix the indentation or quoting there")) {
            _ = try PrhGlossaryCodec().decode(Array("version: 1\nrules:\n  - expected: a: b\n".utf8), file: "bad.yml")
        }
    }
}

@Suite("Glossary import through the locked writer")
struct ImportWriterTests {
    func folder() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("tsuzuri-glossary-exchange-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    static let existing = "ja\ten\tkind\tvariants\taliases\tnote\nヘグセス\tHegseth\tperson\tヘグゼス\t\tPete Hegseth\nルビオ\tRubio\tperson\t\t\t\n"

    @Test("new entries added, forms merged into the same entry, conflicts listed and never written")
    func merges() throws {
        let dir = try folder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("team.tsv").path
        try Data(Self.existing.utf8).write(to: URL(fileURLWithPath: path))
        let imported = [
            GlossaryEntry(ja: "キーウ", en: "Kyiv", kind: .place, deprecated: ["キエフ"], note: "two\nlines"),
            GlossaryEntry(ja: "ヘグセス", en: "Hegseth", kind: .term, variants: ["ヘグセズ"]),
            GlossaryEntry(ja: "ヘグゼス", en: "Hegseth"),
            GlossaryEntry(ja: "ルビオ", en: "Marco Rubio"),
            GlossaryEntry(ja: "ルビオ", en: "", variants: []),
        ]
        let report = try GlossaryWriter(path: path).importEntries(imported)
        #expect(report.items.map(\.outcome) == [
            .added, .merged(newForms: ["ヘグセズ"]),
            .conflict("\(path):2: \"ヘグゼス\" is already a variant of \"ヘグセス\"; a form may belong to one entry only"),
            .conflict("\(path):3: the entry \"ルビオ\" has English form \"Rubio\", not \"Marco Rubio\"; --merge adds forms only — edit the file to change the English form"),
            .unchanged,
        ])
        #expect(report.wrote)
        let text = String(decoding: try Data(contentsOf: URL(fileURLWithPath: path)), as: UTF8.self)
        #expect(text == "ja\ten\tkind\tvariants\taliases\tnote\nヘグセス\tHegseth\tperson\tヘグゼス|ヘグセズ\t\tPete Hegseth\nルビオ\tRubio\tperson\t\t\t\nキーウ\tKyiv\tplace\t!キエフ\t\ttwo lines\n")
    }

    @Test("entries appended in one import can be merged into later in it (new file, CRLF file)", arguments: ["", "# team\r\nja\ten\tkind\tvariants\taliases\tnote\r\nルビオ\tRubio\tperson\t\t\t"])
    func mergeIntoAppended(existing: String) throws {
        let dir = try folder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("team.tsv").path
        if !existing.isEmpty { try Data(existing.utf8).write(to: URL(fileURLWithPath: path)) }
        let report = try GlossaryWriter(path: path).importEntries([
            GlossaryEntry(ja: "キーウ", en: "Kyiv", kind: .place),
            GlossaryEntry(ja: "オデーサ", en: "Odesa", kind: .place),
            GlossaryEntry(ja: "キーウ", en: "Kyiv", deprecated: ["キエフ"]),
        ])
        #expect(report.items.map(\.outcome) == [.added, .added, .merged(newForms: ["キエフ"])])
        let ending = existing.isEmpty ? "\n" : "\r\n"
        let body = ["キーウ\tKyiv\tplace\t!キエフ\t\t", "オデーサ\tOdesa\tplace\t\t\t"].joined(separator: ending) + ending
        let expected = existing.isEmpty ? "ja\ten\tkind\tvariants\taliases\tnote\n" + body : existing + ending + body
        #expect(String(decoding: try Data(contentsOf: URL(fileURLWithPath: path)), as: UTF8.self) == expected)
        #expect(try Glossary.load(paths: [path]).entries.map(\.ja).suffix(2) == ["キーウ", "オデーサ"])
    }

    @Test("a dry run reports the same and writes nothing")
    func dryRun() throws {
        let dir = try folder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("team.tsv").path
        try Data(Self.existing.utf8).write(to: URL(fileURLWithPath: path))
        let report = try GlossaryWriter(path: path).importEntries([GlossaryEntry(ja: "キーウ", en: "Kyiv")], dryRun: true)
        #expect(report.items.map(\.outcome) == [.added])
        #expect(report.items.first?.result?.source == GlossarySource(file: path, line: 4))
        #expect(!report.wrote)
        #expect(String(decoding: try Data(contentsOf: URL(fileURLWithPath: path)), as: UTF8.self) == Self.existing)
    }

    @Test("a read-only glossary is refused and left as it was")
    func readOnly() throws {
        let dir = try folder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("team.tsv").path
        try Data(Self.existing.utf8).write(to: URL(fileURLWithPath: path))
        try FileManager.default.setAttributes([.posixPermissions: 0o444], ofItemAtPath: path)
        #expect(throws: GlossaryError.writeFailed(path: path, reason: "the file is read-only (make it writable, e.g. chmod u+w, to add to it)")) {
            _ = try GlossaryWriter(path: path).importEntries([GlossaryEntry(ja: "キーウ", en: "Kyiv")])
        }
        #expect(String(decoding: try Data(contentsOf: URL(fileURLWithPath: path)), as: UTF8.self) == Self.existing)
    }
}
