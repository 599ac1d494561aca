import Foundation
import Testing
@testable import TsuzuriExchange

@Suite struct TMXReaderTests {
    static let sample = """
        <?xml version="1.0" encoding="UTF-8"?>
        <!DOCTYPE tmx SYSTEM "tmx14.dtd">
        <tmx version="1.4">
          <header creationtool="x" creationtoolversion="1" datatype="plaintext" segtype="sentence"
                  adminlang="en" srclang="ja" o-tmf="x"/>
          <body>
            <tu creationdate="20240131T120000Z">
              <prop type="x-project">News</prop>
              <note>checked</note>
              <tuv xml:lang="ja"><seg>国防長官は<bpt i="1">&lt;b&gt;</bpt>ヘグセス<ept i="1">&lt;/b&gt;</ept>氏</seg></tuv>
              <tuv xml:lang="en-US"><seg>The Secretary of Defense is <hi>Hegseth</hi> &amp; co</seg></tuv>
            </tu>
          </body>
        </tmx>
        """

    @Test func readsUnitsPropsNotesAndInlineMarkup() throws {
        let folder = TemporaryFolder()
        let units = try TMXReader(url: folder.file("a.tmx", Self.sample)).readAll()
        #expect(units.count == 1)
        let unit = try #require(units.first)
        #expect(unit.sourceLanguage == "ja")
        #expect(unit.properties == [ExchangeProperty(type: "x-project", value: "News")])
        #expect(unit.notes == ["checked"])
        #expect(unit.segments[0].text == "国防長官はヘグセス氏")
        #expect(unit.segments[0].markup == #"国防長官は<bpt i="1">&lt;b&gt;</bpt>ヘグセス<ept i="1">&lt;/b&gt;</ept>氏"#)
        #expect(unit.segments[1].text == "The Secretary of Defense is Hegseth & co")
        #expect(unit.segments[1].language == "en-US")
        #expect(unit.creationDate == Date(timeIntervalSince1970: 1_706_702_400))
    }

    @Test func readsTMX11LangAttributeAndAllSourceLanguage() throws {
        let folder = TemporaryFolder()
        let text = """
            <tmx version="1.1"><header srclang="*all*"/><body>
            <tu><tuv lang="EN"><seg>Open</seg></tuv><tuv lang="JA"><seg>開く</seg></tuv></tu>
            </body></tmx>
            """
        let units = try TMXReader(url: folder.file("a.tmx", text)).readAll()
        #expect(units.count == 1)
        #expect(units[0].sourceLanguage == nil)
        #expect(units[0].segments.map(\.language) == ["EN", "JA"])
    }

    @Test func readsUTF16Files() throws {
        let folder = TemporaryFolder()
        let text = Self.sample.replacingOccurrences(of: "encoding=\"UTF-8\"", with: "encoding=\"UTF-16\"")
        var data = Data([0xFF, 0xFE])
        data.append(text.data(using: .utf16LittleEndian)!)
        let units = try TMXReader(url: folder.file("a.tmx", data: data)).readAll()
        #expect(units.first?.segments[0].text == "国防長官はヘグセス氏")
    }

    /// FileHandle opens a folder on Linux; the reader must still say what is wrong.
    @Test func aFolderOrAMissingFileIsNamed() throws {
        let folder = TemporaryFolder()
        #expect(throws: ExchangeError.unreadable(path: "dir.tmx", reason: "is a directory")) {
            try TMXReader(url: folder.url, displayPath: "dir.tmx").readAll()
        }
        #expect(throws: ExchangeError.unreadable(path: "gone.tmx", reason: "no such file")) {
            try TMXReader(url: folder.url.appendingPathComponent("gone.tmx"), displayPath: "gone.tmx").readAll()
        }
    }

    @Test func truncatedFileNamesTheLine() throws {
        let folder = TemporaryFolder()
        let truncated = String(Self.sample.prefix(Self.sample.count - 40))
        let url = folder.file("cut.tmx", truncated)
        #expect {
            try TMXReader(url: url, displayPath: "cut.tmx").readAll()
        } throws: { error in
            guard case .malformed(let path, let line, _) = error as? ExchangeError else { return false }
            return path == "cut.tmx" && line > 1
        }
    }

    @Test(arguments: [
        #"<!DOCTYPE tmx [<!ENTITY xxe SYSTEM "file:///etc/passwd">]><tmx version="1.4"><header/><body><tu><tuv xml:lang="en"><seg>&xxe;</seg></tuv></tu></body></tmx>"#,
        #"<!DOCTYPE tmx [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;">]><tmx version="1.4"><header/><body><tu><tuv xml:lang="en"><seg>&c;</seg></tuv></tu></body></tmx>"#,
    ])
    func entityDeclarationsAreRefused(_ text: String) throws {
        let folder = TemporaryFolder()
        let url = folder.file("evil.tmx", "<?xml version=\"1.0\"?>\n" + text)
        #expect(throws: ExchangeError.entitiesRefused(path: "evil.tmx", line: 2)) {
            try TMXReader(url: url, displayPath: "evil.tmx").readAll()
        }
    }

    @Test func hugeSegmentIsRefusedWithoutReadingItWhole() throws {
        let folder = TemporaryFolder()
        let big = String(repeating: "あ", count: ExchangeLimits.maxSegmentBytes / 3 + 10)
        let url = folder.file("big.tmx", "<tmx version=\"1.4\"><header srclang=\"ja\"/><body><tu>\n<tuv xml:lang=\"ja\"><seg>\(big)</seg></tuv></tu></body></tmx>")
        #expect {
            try TMXReader(url: url, displayPath: "big.tmx").readAll()
        } throws: { error in
            guard case .unitTooLarge = error as? ExchangeError else { return false }
            return true
        }
    }

    /// The 1 MiB budget is the whole unit's: three notes of 400 kB, or two 600 kB segments, are
    /// each under the limit but refused together.
    @Test(arguments: [
        String(repeating: "<note>\(String(repeating: "n", count: 400_000))</note>", count: 3)
            + #"<tuv xml:lang="ja"><seg>あ</seg></tuv><tuv xml:lang="en"><seg>a</seg></tuv>"#,
        #"<tuv xml:lang="ja"><seg>\#(String(repeating: "x", count: 600_000))</seg></tuv><tuv xml:lang="en"><seg>\#(String(repeating: "y", count: 600_000))</seg></tuv>"#,
        String(repeating: #"<tuv xml:lang="ja" x-a="\#(String(repeating: "v", count: 1000))"><seg/></tuv>"#, count: 1100),
    ])
    func unitBudgetCountsTheWholeUnit(_ content: String) throws {
        let folder = TemporaryFolder()
        let url = folder.file("wide.tmx", "<tmx version=\"1.4\"><header srclang=\"ja\"/><body>\n<tu>\(content)</tu></body></tmx>")
        #expect(throws: ExchangeError.unitTooLarge(path: "wide.tmx", line: 2, limit: ExchangeLimits.maxSegmentBytes)) {
            try TMXReader(url: url, displayPath: "wide.tmx").readAll()
        }
    }

    /// Encodings other than UTF-8 and UTF-16 are refused with what to do, before any parsing.
    @Test func otherEncodingsAreRefused() throws {
        let folder = TemporaryFolder()
        let url = folder.file("latin.tmx", "<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?>\n<tmx version=\"1.4\"><header/><body/></tmx>")
        #expect {
            try TMXReader(url: url, displayPath: "latin.tmx").readAll()
        } throws: { error in
            guard case .malformed("latin.tmx", 1, let reason) = error as? ExchangeError else { return false }
            return reason.contains("ISO-8859-1") && reason.contains("iconv")
        }
    }

    /// Found by the `tmx` fuzz harness (Fuzz/crashes/tmx/): with Foundation's XMLParser an element
    /// name holding invalid UTF-8 trapped (`tm import` died with SIGILL); it is malformed input.
    @Test func elementNameWithInvalidUTF8IsRefusedNotACrash() throws {
        let folder = TemporaryFolder()
        var bytes = Array(#"<tmx version="1.4"><header/><body><tu><tuv xml:lang="ja"><seg"#.utf8)
        bytes += [0xFE] + Array(">x</seg></tuv></tu></body></tmx>".utf8)
        let url = folder.file("crash.tmx", data: Data(bytes))
        #expect {
            try TMXReader(url: url, displayPath: "crash.tmx").readAll()
        } throws: { error in
            // Malformed XML or invalid UTF-8, whichever the parser meets first; named with its line.
            (error as? ExchangeError)?.localizedDescription.hasPrefix("crash.tmx:1:") == true
        }
    }

    /// Found by the `tmx` fuzz harness (Fuzz/crashes/tmx/utf16-lone-surrogate.tmx): a UTF-16 file
    /// with a lone surrogate made the XML reader stop libxml2 from inside its own input push, and
    /// xmlParseChunk dereferenced NULL (SIGSEGV); it is an encoding error naming the file.
    @Test func utf16WithALoneSurrogateIsRefusedNotACrash() throws {
        let folder = TemporaryFolder()
        var bytes: [UInt8] = [0xFF, 0xFE]
        for unit in Array("<tmx>".utf16) + [0xDBDB] + Array("</tmx>".utf16) {
            bytes += [UInt8(unit & 0xFF), UInt8(unit >> 8)]
        }
        let url = folder.file("surrogate.tmx", data: Data(bytes))
        #expect {
            try TMXReader(url: url, displayPath: "surrogate.tmx").readAll()
        } throws: { error in
            (error as? ExchangeError)?.localizedDescription.hasPrefix("surrogate.tmx:1:") == true
        }
    }

    @Test func notTMXIsRefused() throws {
        let folder = TemporaryFolder()
        let url = folder.file("x.tmx", "<html><body/></html>")
        #expect(throws: ExchangeError.notTMX(path: "x.tmx", root: "html")) {
            try TMXReader(url: url, displayPath: "x.tmx").readAll()
        }
    }

    @Test func writerOutputReadsBackUnchanged() throws {
        let folder = TemporaryFolder()
        let units = try TMXReader(url: folder.file("a.tmx", Self.sample)).readAll()
        var out = ""
        let writer = TMXWriter(header: TMXHeader(creationToolVersion: "test", sourceLanguage: "ja"))
        writer.begin(into: &out)
        for unit in units { writer.write(unit, into: &out) }
        writer.end(into: &out)
        #expect(out.contains(#"creationtool="tsuzuri""#))
        #expect(out.contains(#"o-tmf="tsuzuri""#))
        let again = try TMXReader(url: folder.file("b.tmx", out)).readAll()
        #expect(again.map(\.segments) == units.map(\.segments))
        #expect(again.map(\.notes) == units.map(\.notes))
        #expect(again.map(\.properties) == units.map(\.properties))
        #expect(again.map(\.creationDate) == units.map(\.creationDate))
    }

    @Test func writerEscapesMarkupCharacters() throws {
        let folder = TemporaryFolder()
        let unit = ExchangeUnit(segments: [
            ExchangeSegment(language: "en", text: "a < b & \"c\"\r\nd"),
            ExchangeSegment(language: "ja", text: "ａ＜ｂ"),
        ], sourceLanguage: "en")
        var out = ""
        let writer = TMXWriter(header: TMXHeader(creationToolVersion: "test", sourceLanguage: "en"))
        writer.begin(into: &out)
        writer.write(unit, into: &out)
        writer.end(into: &out)
        let again = try TMXReader(url: folder.file("c.tmx", out)).readAll()
        #expect(again.first?.segments == unit.segments)
    }

    @Test func carriageReturnsInsideMarkupSurviveTheRoundTrip() throws {
        let folder = TemporaryFolder()
        let unit = ExchangeUnit(segments: [
            ExchangeSegment(language: "en", text: "Windows line\r\nend", markup: "Windows <ph>&lt;br/&gt;</ph>line\r\nend"),
            ExchangeSegment(language: "ja", text: "改行\r\nあり"),
        ], sourceLanguage: "en")
        var out = ""
        let writer = TMXWriter(header: TMXHeader(creationToolVersion: "test", sourceLanguage: "en"))
        writer.begin(into: &out)
        writer.write(unit, into: &out)
        writer.end(into: &out)
        #expect(!out.contains("\r"))
        let again = try TMXReader(url: folder.file("cr.tmx", out)).readAll()
        #expect(again.first?.segments.map(\.text) == ["Windows line\r\nend", "改行\r\nあり"])
    }
}

@Suite struct LanguageCodeTests {
    @Test(arguments: [
        ("en", "en-US", true), ("en-US", "en", true), ("EN-us", "en-US", true), ("en_US", "en-US", true),
        ("en-US", "en-GB", false), ("ja", "en", false), ("ja-JP", "ja", true), ("zh-Hant-TW", "zh-Hant", true),
    ])
    func matching(_ code: String, _ requested: String, _ expected: Bool) {
        #expect(LanguageCode.matches(code, requested: requested) == expected)
    }

    @Test func canonicalSpelling() {
        #expect(LanguageCode.canonical("EN_us") == "en-US")
        #expect(LanguageCode.canonical("zh-hant-tw") == "zh-hant-TW")
    }
}
