import Foundation
import Testing
import TsuzuriGlossary
@testable import TsuzuriLSP

/// Fixtures/: a copy of the seed article and of the default glossary (tests never read the
/// repository's own files, which other work may change).
enum Fixtures {
    static let folder = Bundle.module.url(forResource: "Fixtures", withExtension: nil)!
    static let glossary = folder.appendingPathComponent("glossary").path
    static var seed: String { try! String(contentsOf: folder.appendingPathComponent("seed.txt"), encoding: .utf8) }
}

/// A fresh temporary folder; the caller deletes it.
func temporaryFolder() throws -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("tsuzuri-lsp-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
}

/// An in-process client: sends JSON-RPC bodies to a `LanguageServer` (through the same parsing
/// as the transport), keeps the server's notifications, and moves a fake clock so that the
/// debounce is tested without sleeping.
final class TestClient {
    let server: LanguageServer
    var now = 100.0
    private var nextID = 1
    /// Notifications and requests from the server, in order, not yet looked at.
    var received: [JSONValue] = []

    init(glossary: [String] = [Fixtures.glossary], builtIn: GlossaryCache.Layer = [], debounce: Double = 0.075) {
        server = LanguageServer(
            configuration: .init(glossary: GlossaryLoader(defaultPaths: glossary, builtIn: builtIn), debounce: debounce))
    }

    /// Sends raw bytes as one message body and returns the server's answers.
    @discardableResult
    func sendRaw(_ body: String) -> [JSONValue] {
        server.receive(Data(body.utf8), now: now)
        // As the transport does after every read: run what is due (a check after didOpen).
        server.tick(now: now)
        let out = server.outbox
        server.outbox.removeAll()
        return out
    }

    /// Sends a request and returns its response (the other messages go to `received`).
    @discardableResult
    func request(_ method: String, _ params: JSONValue = .null) -> JSONValue {
        let id = nextID
        nextID += 1
        var message: [String: JSONValue] = ["jsonrpc": "2.0", "id": .int(id), "method": .string(method)]
        if params != .null { message["params"] = params }
        var response = JSONValue.null
        for out in sendRaw(String(decoding: JSONValue.object(message).encoded(), as: UTF8.self)) {
            if out["id"] == .int(id) && out["method"].isNull { response = out } else { received.append(out) }
        }
        return response
    }

    func notify(_ method: String, _ params: JSONValue = .null) {
        var message: [String: JSONValue] = ["jsonrpc": "2.0", "method": .string(method)]
        if params != .null { message["params"] = params }
        received += sendRaw(String(decoding: JSONValue.object(message).encoded(), as: UTF8.self))
    }

    /// Moves the clock and lets the server run what is due.
    func advance(_ seconds: Double) {
        now += seconds
        server.tick(now: now)
        received += server.outbox
        server.outbox.removeAll()
    }

    @discardableResult
    func initialize(encodings: [String]? = nil, options: JSONValue = .null) -> JSONValue {
        var capabilities: [String: JSONValue] = [:]
        if let encodings { capabilities["general"] = ["positionEncodings": .array(encodings.map { .string($0) })] }
        var params: [String: JSONValue] = ["capabilities": .object(capabilities), "processId": .null, "rootUri": .null]
        if options != .null { params["initializationOptions"] = options }
        let result = request("initialize", .object(params))
        notify("initialized", [:])
        return result
    }

    func open(_ uri: String, _ text: String, version: Int = 1) {
        notify("textDocument/didOpen", ["textDocument": ["uri": .string(uri), "languageId": "plaintext", "version": .int(version), "text": .string(text)]])
    }

    func change(_ uri: String, version: Int, _ changes: [JSONValue]) {
        notify("textDocument/didChange", ["textDocument": ["uri": .string(uri), "version": .int(version)], "contentChanges": .array(changes)])
    }

    /// Takes the publishDiagnostics notifications received so far, by document.
    func takeDiagnostics() -> [String: [JSONValue]] {
        var result: [String: [JSONValue]] = [:]
        received.removeAll { message in
            guard message["method"] == "textDocument/publishDiagnostics" else { return false }
            result[message["params"]["uri"].stringValue!] = message["params"]["diagnostics"].arrayValue
            return true
        }
        return result
    }
}

func range(_ startLine: Int, _ startCharacter: Int, _ endLine: Int, _ endCharacter: Int) -> JSONValue {
    ["start": ["line": .int(startLine), "character": .int(startCharacter)], "end": ["line": .int(endLine), "character": .int(endCharacter)]]
}

func position(_ line: Int, _ character: Int) -> JSONValue {
    ["line": .int(line), "character": .int(character)]
}

/// Applies LSP text edits (non-overlapping, as a WorkspaceEdit carries them) to a text whose
/// positions count UTF-16 code units, the way an editor would.
func applyEdits(_ edits: [JSONValue], to text: String) -> String {
    var lines = text.components(separatedBy: "\n").map { Array($0.utf16) }
    let sorted = edits.sorted {
        let (a, b) = ($0["range"]["start"], $1["range"]["start"])
        return (a["line"].intValue!, a["character"].intValue!) > (b["line"].intValue!, b["character"].intValue!)
    }
    for edit in sorted {
        let start = edit["range"]["start"], end = edit["range"]["end"]
        let line = start["line"].intValue!
        #expect(end["line"].intValue == line)
        lines[line].replaceSubrange(start["character"].intValue!..<end["character"].intValue!, with: Array(edit["newText"].stringValue!.utf16))
    }
    return lines.map { String(decoding: $0, as: UTF16.self) }.joined(separator: "\n")
}
