import Foundation
import Testing
import TsuzuriDocuments
import TsuzuriMemory
import TsuzuriPretranslate
import TsuzuriText

@Suite("XLIFF pretranslation")
struct XLIFFPretranslatorTests {
    static func memory() throws -> TranslationMemory {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("tsuzuri-xpt-\(UUID().uuidString).sqlite").path
        let memory = try TranslationMemory(path: path)
        _ = try memory.add(NewUnit(source: "Secretary Hegseth arrived in Brussels.", target: "ヘグセス長官がブリュッセルに到着した。", sourceLanguage: "en", targetLanguage: "ja"))
        _ = try memory.add(NewUnit(source: "Kyiv is far & cold.", target: "キーウは遠く<寒い>。", sourceLanguage: "en", targetLanguage: "ja"))
        _ = try memory.add(NewUnit(source: "Kyiv is far & cold.", target: "Kiew ist weit.", sourceLanguage: "en", targetLanguage: "de"))
        return memory
    }

    static let version12 = """
        <?xml version="1.0" encoding="UTF-8"?>
        <xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">
        <file original="a.txt" source-language="en" target-language="ja" datatype="plaintext">
        <body>
        <trans-unit id="1"><source>Secretary Hegseth arrived in Brussels.</source>
        <target state="new"/></trans-unit>
        <trans-unit id="2"><source>Kyiv is far &amp; cold.</source></trans-unit>
        <trans-unit id="3"><source>Something else entirely, never seen before.</source><target></target></trans-unit>
        <trans-unit id="4"><source>Done.</source><target state="translated">済み。</target></trans-unit>
        </body>
        </file>
        </xliff>

        """

    @Test func fillsEmptyTargetsAndKeepsEveryOtherByte() throws {
        let result = try XLIFFPretranslator.pretranslate(Array(Self.version12.utf8), path: "a.xlf", memory: Self.memory(), minScore: 70)
        #expect((result.units, result.empty, result.filled) == (4, 3, 2))
        let expected = Self.version12
            .replacingOccurrences(of: #"<target state="new"/>"#, with: #"<target state="needs-review-translation">ヘグセス長官がブリュッセルに到着した。</target>"#)
            .replacingOccurrences(of: "cold.</source></trans-unit>", with: #"cold.</source><target state="needs-review-translation">キーウは遠く&lt;寒い&gt;。</target></trans-unit>"#)
        #expect(String(decoding: result.bytes, as: UTF8.self) == expected)

        // The output reads back: the filled targets are drafts, the rest unchanged.
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("tsuzuri-xpt-\(UUID().uuidString).xlf")
        try Data(result.bytes).write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        var units: [BilingualUnit] = []
        try XLIFFReader().read(TextInput(path: file.path)) { if case .unit(let unit) = $0 { units.append(unit) } }
        #expect(units.map { $0.target?.text ?? "-" } == ["ヘグセス長官がブリュッセルに到着した。", "キーウは遠く<寒い>。", "", "済み。"])
        #expect(units.map(\.isDraft) == [true, true, false, false])
    }

    /// A file with nothing to fill (translated units, an empty target under translate="no"), with a
    /// byte order mark and CRLF line ends, comes back byte for byte.
    @Test func nothingToFillGivesTheSameBytes() throws {
        let text = "\u{FEFF}" + """
            <?xml version="1.0" encoding="UTF-8"?>
            <xliff version="1.2"><file source-language="en" target-language="ja"><body>
            <trans-unit id="1" translate="no"><source>Secretary Hegseth arrived in Brussels.</source><target/></trans-unit>
            <trans-unit id="4"><source>Done.</source><target state='translated' >済み。</target></trans-unit>
            </body></file></xliff>
            """.replacingOccurrences(of: "\n", with: "\r\n")
        let result = try XLIFFPretranslator.pretranslate(Array(text.utf8), path: "a.xlf", memory: Self.memory(), minScore: 70)
        #expect((result.units, result.empty, result.filled) == (1, 0, 0))
        #expect(result.bytes == Array(text.utf8))
    }

    @Test func version2GetsInitialStateAndANote() throws {
        let text = """
            <xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.1" srcLang="en" trgLang="ja">
             <file id="f"><unit id="u1">
              <segment id="s1" state="translated"><source>Done.</source><target>済み。</target></segment>
              <segment id="s2"><source>Secretary Hegseth arrived in Brussels.</source></segment>
             </unit></file>
            </xliff>
            """
        let result = try XLIFFPretranslator.pretranslate(Array(text.utf8), path: "b.xlf", memory: Self.memory(), minScore: 70)
        #expect(result.filled == 1)
        let expected = text
            .replacingOccurrences(of: #"<unit id="u1">"#, with: #"<unit id="u1"><notes><note category="tsuzuri">tsuzuri: u1/s2 pretranslated from the memory (exact match); review it</note></notes>"#)
            .replacingOccurrences(of: #"<segment id="s2"><source>Secretary Hegseth arrived in Brussels.</source>"#, with: #"<segment id="s2" state="initial"><source>Secretary Hegseth arrived in Brussels.</source><target>ヘグセス長官がブリュッセルに到着した。</target>"#)
        #expect(String(decoding: result.bytes, as: UTF8.self) == expected)
    }
}
