import Foundation
import Testing
import TsuzuriGlossary
@testable import TsuzuriLSP

@Suite("The language server")
struct ServerTests {
    static let seedURI = "file:///tmp/seed.txt"

    @Test("initialize announces incremental sync, hover, code actions, the command and the encoding")
    func initialize() {
        let client = TestClient()
        let capabilities = client.initialize()["result"]["capabilities"]
        #expect(capabilities["textDocumentSync"]["change"] == 2)
        #expect(capabilities["textDocumentSync"]["openClose"] == true)
        #expect(capabilities["hoverProvider"] == true)
        #expect(capabilities["positionEncoding"] == "utf-16")
        #expect(capabilities["executeCommandProvider"]["commands"] == ["tsuzuri.addVariant"])
        #expect(TestClient().initialize(encodings: ["utf-8", "utf-16"])["result"]["capabilities"]["positionEncoding"] == "utf-8")
    }

    @Test("opening the seed article publishes its 7 flagged occurrences with rule, source, message and glossary line")
    func seedDiagnostics() throws {
        let client = TestClient()
        client.initialize()
        client.open(Self.seedURI, Fixtures.seed)
        let diagnostics = try #require(client.takeDiagnostics()[Self.seedURI])
        #expect(diagnostics.count == 7)
        #expect(Set(diagnostics.compactMap { $0["code"].stringValue }) == ["glossary-variant", "deprecated"])
        #expect(diagnostics.allSatisfy { $0["source"] == "tsuzuri" })
        // ヘグゼス at 37:18 (tsuzuri's 1-based line and scalar column).
        let hegseth = try #require(diagnostics.first { $0["range"]["start"] == position(36, 17) })
        #expect(hegseth["range"]["end"] == position(36, 21))
        #expect(hegseth["code"] == "glossary-variant")
        let message = try #require(hegseth["message"].stringValue)
        #expect(message.contains("write ヘグセス") && message.contains("Hegseth"))
        let related = try #require(hegseth["relatedInformation"].arrayValue?.first)
        #expect(related["location"]["uri"].stringValue?.hasSuffix("/glossary/people.tsv") == true)
        #expect(related["location"]["range"]["start"]["line"] == 8)  // people.tsv:9
        let kyiv = try #require(diagnostics.first { $0["code"] == "deprecated" })
        #expect(kyiv["message"].stringValue?.contains("キーウ (Kyiv)") == true)
    }

    @Test("a change is checked after the debounce, not before, and only the last version counts")
    func debounce() throws {
        let client = TestClient()
        client.initialize()
        client.open("file:///a.txt", "ヘグセス長官が語った。\n")
        #expect(client.takeDiagnostics()["file:///a.txt"] == [])
        client.change("file:///a.txt", version: 2, [["range": range(0, 2, 0, 3), "text": "ゼ"]])
        client.advance(0.01)
        #expect(client.takeDiagnostics().isEmpty)
        client.change("file:///a.txt", version: 3, [["range": range(0, 0, 0, 0), "text": "キエフで"]])
        client.advance(0.05)
        #expect(client.takeDiagnostics().isEmpty)
        client.advance(0.05)
        let published = client.received
        let diagnostics = try #require(client.takeDiagnostics()["file:///a.txt"])
        #expect(diagnostics.map(\.["code"]) == ["deprecated", "glossary-variant"])
        #expect(diagnostics.map(\.["range"]) == [range(0, 0, 0, 3), range(0, 4, 0, 8)])
        #expect(published.first?["params"]["version"] == 3)
    }

    @Test("all open documents are checked together; each gets its own diagnostics")
    func crossDocument() throws {
        let client = TestClient()
        client.initialize()
        // A name the glossary does not know, spelled one way twice in a.txt and another way in b.txt.
        client.open("file:///a.txt", "アルバネーゼ首相とアルバネーゼ氏。\n")
        #expect(client.takeDiagnostics()["file:///a.txt"] == [])
        client.open("file:///b.txt", "アルバニーゼ首相が来日した。\n")
        let published = client.takeDiagnostics()
        let b = try #require(published["file:///b.txt"])
        #expect(b.count == 1)
        #expect(b.first?["code"] == "inconsistent-spelling")
        #expect(b.first?["relatedInformation"].arrayValue?.first?["location"]["uri"] == "file:///a.txt")
        // a.txt's diagnostics did not change (its spelling is the one kept), so none were re-sent.
        #expect(published["file:///a.txt"] == nil)
        client.notify("textDocument/didClose", ["textDocument": ["uri": "file:///a.txt"]])
        client.advance(0)
        let afterClose = client.takeDiagnostics()
        #expect(afterClose["file:///a.txt"] == [])
        #expect(afterClose["file:///b.txt"] == [])
    }

    @Test("a suppression comment hides its line's diagnostic, in plain text and Markdown")
    func suppression() throws {
        let client = TestClient()
        client.initialize()
        client.open("file:///a.txt", "ヘグゼス長官。\n<!-- tsuzuri-disable-next-line -->\nヘグゼス長官。\n")
        let text = try #require(client.takeDiagnostics()["file:///a.txt"])
        #expect(text.map(\.["range"]) == [range(0, 0, 0, 4)])
        client.open("file:///b.md", "ヘグゼス長官。 <!-- tsuzuri-disable-line -->\n")
        #expect(client.takeDiagnostics()["file:///b.md"] == [])
    }

    @Test("the quick fix writes the preferred form; fix-all fixes every finding in the document")
    func codeActions() throws {
        let client = TestClient()
        client.initialize()
        client.open(Self.seedURI, Fixtures.seed)
        _ = client.takeDiagnostics()
        let actions = try #require(client.request("textDocument/codeAction", [
            "textDocument": ["uri": .string(Self.seedURI)], "range": range(36, 19, 36, 19), "context": ["diagnostics": []],
        ])["result"].arrayValue)
        let fix = try #require(actions.first { $0["title"] == "Write ヘグセス" })
        #expect(fix["kind"] == "quickfix")
        #expect(fix["diagnostics"].arrayValue?.first?["code"] == "glossary-variant")
        let edits = try #require(fix["edit"]["changes"][Self.seedURI].arrayValue)
        let fixed = applyEdits(edits, to: Fixtures.seed)
        let line37 = fixed.components(separatedBy: "\n")[36]
        #expect(line37.contains("ヘグセス") && !line37.contains("ヘグゼス"))

        let fixAll = try #require(actions.first { $0["title"].stringValue?.hasPrefix("Fix all 7") == true })
        let everything = applyEdits(try #require(fixAll["edit"]["changes"][Self.seedURI].arrayValue), to: Fixtures.seed)
        client.change(Self.seedURI, version: 2, [["text": .string(everything)]])
        client.advance(1)
        #expect(client.takeDiagnostics()[Self.seedURI] == [])

        // As a source action (editor.codeActionsOnSave) fix-all has its own kind.
        let source = client.request("textDocument/codeAction", [
            "textDocument": ["uri": .string(Self.seedURI)], "range": range(0, 0, 0, 0),
            "context": ["diagnostics": [], "only": ["source.fixAll"]],
        ])["result"]
        #expect(source == [])  // nothing left to fix
    }

    @Test("a near miss can be added to the glossary entry as a variant; diagnostics refresh")
    func addVariant() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("people.tsv").path
        try "ja\ten\tkind\tvariants\taliases\tnote\nヘグセス\tHegseth\tperson\t\t\tPete Hegseth\n".write(toFile: file, atomically: true, encoding: .utf8)
        let client = TestClient(glossary: [file])
        client.initialize()
        client.open("file:///a.txt", "ヘグセス長官とヘスゲス長官。\n")
        let diagnostic = try #require(client.takeDiagnostics()["file:///a.txt"]?.first)
        #expect(diagnostic["code"] == "near-miss")
        let actions = try #require(client.request("textDocument/codeAction", [
            "textDocument": ["uri": "file:///a.txt"], "range": range(0, 8, 0, 8), "context": ["diagnostics": []],
        ])["result"].arrayValue)
        let add = try #require(actions.first { $0["title"].stringValue?.hasPrefix("Add ヘスゲス to the glossary as a variant of ヘグセス") == true })
        let command = add["command"]
        let result = client.request("workspace/executeCommand", ["command": command["command"], "arguments": command["arguments"]])
        #expect(result["error"] == .null)
        let written = try String(contentsOfFile: file, encoding: .utf8)
        #expect(written.contains("ヘグセス\tHegseth\tperson\tヘスゲス\t"))
        // ヘスゲス is now a glossary variant: the diagnostic changes rule.
        #expect(client.takeDiagnostics()["file:///a.txt"]?.first?["code"] == "glossary-variant")
        // Adding it again is refused with the writer's message, as a failed request.
        let again = client.request("workspace/executeCommand", [
            "command": "tsuzuri.addVariant",
            "arguments": [["ja": "ヘグセス", "en": "Hegseth", "variant": "ヘグゼス", "file": .string(folder.appendingPathComponent("missing/x.tsv").path)]],
        ])
        #expect(again["error"]["code"] == .int(RPCError.requestFailedCode))
    }

    @Test("editing a glossary file on disk refreshes the diagnostics of open documents")
    func glossaryChange() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("terms.tsv").path
        let header = "ja\ten\tkind\tvariants\taliases\tnote\n"
        try (header + "キーウ\tKyiv\tplace\t\t\t\n").write(toFile: file, atomically: true, encoding: .utf8)
        let client = TestClient(glossary: [folder.path])
        client.initialize()
        client.open("file:///a.txt", "キエフに向かった。\n")
        #expect(client.takeDiagnostics()["file:///a.txt"] == [])
        try (header + "キーウ\tKyiv\tplace\t!キエフ\t\t\n").write(toFile: file, atomically: true, encoding: .utf8)
        client.advance(2)  // the modification-time poll
        client.advance(0)
        #expect(client.takeDiagnostics()["file:///a.txt"]?.first?["code"] == "deprecated")
        // A broken glossary keeps the last good one and tells the user where the problem is.
        try (header + "broken line without tabs\n").write(toFile: file, atomically: true, encoding: .utf8)
        client.advance(2)
        let shown = client.received.first { $0["method"] == "window/showMessage" }
        #expect(shown?["params"]["message"].stringValue?.contains("terms.tsv:2") == true)
    }

    @Test("checks after edits keep the glossary's indexes; a changed glossary file brings new ones")
    func indexesKeptBetweenChecks() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("terms.tsv").path
        let header = "ja\ten\tkind\tvariants\taliases\tnote\n"
        try (header + "キーウ\tKyiv\tplace\t!キエフ\t\t\n").write(toFile: file, atomically: true, encoding: .utf8)
        let client = TestClient(glossary: [folder.path])
        client.initialize()
        client.open("file:///a.txt", "キーウに向かった。\n")
        let prepared = client.server.prepared
        let matcher = ObjectIdentifier(client.server.matcher)
        client.change("file:///a.txt", version: 2, [["text": "キエフに向かった。\n"]])
        client.advance(1)
        #expect(client.takeDiagnostics()["file:///a.txt"]?.first?["code"] == "deprecated")
        #expect(client.server.prepared === prepared)
        #expect(ObjectIdentifier(client.server.matcher) == matcher)
        try (header + "キーウ\tKyiv\tplace\t\t\t\n").write(toFile: file, atomically: true, encoding: .utf8)
        client.advance(2)  // the modification-time poll
        client.advance(0)
        #expect(client.takeDiagnostics()["file:///a.txt"] == [])
        #expect(client.server.prepared !== prepared)
    }

    @Test("hover on a glossary form shows its entry; on an unknown katakana term, the closest entries")
    func hover() throws {
        let client = TestClient()
        client.initialize()
        client.open("file:///a.txt", "𠮷ヘグゼス長官とヘグセズ氏。\n")
        let known = client.request("textDocument/hover", ["textDocument": ["uri": "file:///a.txt"], "position": position(0, 3)])["result"]
        let text = try #require(known["contents"]["value"].stringValue)
        #expect(text.contains("variant of **ヘグセス**"))
        #expect(text.contains("ヘグセス = Hegseth (person)"))
        #expect(text.contains("variants: ヘグゼス, ヘスゲス"))
        #expect(text.contains("note: Pete Hegseth"))
        #expect(text.contains("people.tsv:9"))
        #expect(known["range"] == range(0, 2, 0, 6))

        let unknown = client.request("textDocument/hover", ["textDocument": ["uri": "file:///a.txt"], "position": position(0, 10)])["result"]
        let suggestions = try #require(unknown["contents"]["value"].stringValue)
        #expect(suggestions.contains("**ヘグセズ** is not in the glossary; closest:"))
        #expect(suggestions.contains("ヘグセス = Hegseth (person)"))
        #expect(client.request("textDocument/hover", ["textDocument": ["uri": "file:///a.txt"], "position": position(0, 7)])["result"] == .null)
    }

    @Test(
        "diagnostic ranges count in the negotiated encoding (𠮷 before the word)",
        arguments: [("utf-16", 2, 6), ("utf-8", 4, 16), ("utf-32", 1, 5)])
    func encodings(encoding: String, start: Int, end: Int) throws {
        let client = TestClient()
        client.initialize(encodings: [encoding])
        client.open("file:///a.txt", "𠮷ヘグゼス\n")
        let diagnostic = try #require(client.takeDiagnostics()["file:///a.txt"]?.first)
        #expect(diagnostic["range"] == range(0, start, 0, end))
        // An incremental change addressed in the same encoding lands on ゼ.
        client.change("file:///a.txt", version: 2, [["range": range(0, start + (end - start) / 2, 0, end - (end - start) / 4), "text": "セ"]])
        client.advance(1)
        #expect(client.takeDiagnostics()["file:///a.txt"] == [])
    }

    @Test("settings from initializationOptions choose the glossary; a bad tolerance is reported and ignored")
    func settings() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("mine.tsv").path
        try "ja\ten\tkind\tvariants\taliases\tnote\nルビオ\tRubio\tperson\tルビーオ\t\t\n".write(toFile: file, atomically: true, encoding: .utf8)
        let client = TestClient()
        client.initialize(options: ["glossary": [.string(file)], "tolerance": 9])
        #expect(client.received.contains { $0["method"] == "window/showMessage" && $0["params"]["message"].stringValue?.contains("tolerance") == true })
        client.open("file:///a.txt", "ルビーオ長官とヘグゼス長官\n")
        let diagnostics = try #require(client.takeDiagnostics()["file:///a.txt"])
        // Only the settings' glossary is read: ヘグゼス is no longer a known variant.
        #expect(diagnostics.map(\.["code"]) == ["glossary-variant"])
        #expect(diagnostics.first?["message"].stringValue?.contains("Rubio") == true)
    }
}

@Suite("Glossary layers in the server")
struct GlossaryLoaderLayerTests {
    @Test("the built-in glossary lies under the default paths when asked; a client's paths replace both")
    func builtInUnderDefault() throws {
        let builtIn: GlossaryCache.Layer = [
            ("<built-in>/people.tsv", Array("ja\ten\tkind\tvariants\taliases\tnote\nザンプル\tZample\tperson\t\t\t\n".utf8))
        ]
        let layered = try GlossaryLoader(defaultPaths: [Fixtures.glossary], builtInUnderDefault: true, builtIn: builtIn).load(nil)
        #expect(layered.glossary.entry(forJapanese: "ザンプル")?.entry.en == "Zample")
        #expect(layered.glossary.entry(forJapanese: "キエフ")?.entry.en == "Kyiv")
        #expect(layered.watched.contains(Fixtures.glossary))
        let plain = try GlossaryLoader(defaultPaths: [Fixtures.glossary], builtIn: builtIn).load(nil)
        #expect(plain.glossary.entry(forJapanese: "ザンプル") == nil)
        let client = try GlossaryLoader(defaultPaths: [Fixtures.glossary], builtInUnderDefault: true, builtIn: builtIn).load([Fixtures.glossary])
        #expect(client.glossary.entry(forJapanese: "ザンプル") == nil)
    }

    @Test("the glossary is read through the compiled cache, as the command line reads it")
    func throughTheCache() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let cache = GlossaryCache(directory: folder.path, minimumBytes: 0)
        let loader = GlossaryLoader(defaultPaths: [Fixtures.glossary], builtIn: [], cache: cache)
        let built = try loader.load(nil)
        let files = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasPrefix("glossary-") }
        #expect(files.count == 1)
        let again = try loader.load(nil)
        #expect(again.glossary.cacheFile != nil)
        #expect(again.glossary.entry(forJapanese: "キエフ")?.entry.en == "Kyiv")
        #expect(again.glossary.entryCount == built.glossary.entryCount)
        #expect(again.watched == built.watched)
    }
}
