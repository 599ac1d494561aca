import Foundation
import Testing

/// `tsuzuri lsp` as an editor runs it: a child process spoken to over pipes.
@Suite("tsuzuri lsp")
struct LSPCommandTests {
    /// A running `tsuzuri lsp` and the messages it has sent.
    final class Session {
        let process = Process()
        private let input = Pipe(), output = Pipe()
        private var buffer = Data()

        init(_ arguments: [String] = []) throws {
            process.executableURL = TsuzuriBinary.url
            process.arguments = ["lsp"] + arguments
            var environment = ProcessInfo.processInfo.environment.filter { !$0.key.hasPrefix("TSUZURI_") }
            environment["NO_COLOR"] = "1"
            process.environment = environment
            process.currentDirectoryURL = FileManager.default.temporaryDirectory
            process.standardInput = input
            process.standardOutput = output
            process.standardError = FileHandle.nullDevice
            try process.run()
        }

        func send(_ json: String) {
            input.fileHandleForWriting.write(Data("Content-Length: \(json.utf8.count)\r\n\r\n\(json)".utf8))
        }

        func closeInput() { try? input.fileHandleForWriting.close() }

        /// The next message from the server (nil when its output ends).
        func next() -> [String: Any]? {
            while true {
                if let end = buffer.range(of: Data("\r\n\r\n".utf8)) {
                    let header = String(decoding: buffer[buffer.startIndex..<end.lowerBound], as: UTF8.self)
                    let length = Int(header.components(separatedBy: ":").last!.trimmingCharacters(in: .whitespaces)) ?? 0
                    if buffer.count - (end.upperBound - buffer.startIndex) >= length {
                        let body = buffer[end.upperBound..<(end.upperBound + length)]
                        buffer = Data(buffer[(end.upperBound + length)...])
                        return (try? JSONSerialization.jsonObject(with: body)) as? [String: Any]
                    }
                }
                let chunk = output.fileHandleForReading.availableData
                if chunk.isEmpty { return nil }
                buffer.append(chunk)
            }
        }

        /// Reads until a message satisfies `match`.
        func wait(for match: ([String: Any]) -> Bool) -> [String: Any]? {
            while let message = next() {
                if match(message) { return message }
            }
            return nil
        }
    }

    static let initialize = #"{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"capabilities":{}}}"#

    @Test("diagnostics for the seed article, then shutdown and exit: status 0")
    func seed() throws {
        let session = try Session(["--glossary", TsuzuriBinary.repositoryRoot.appendingPathComponent("glossary").path])
        session.send(Self.initialize)
        #expect(session.wait { $0["id"] as? Int == 1 }?["result"] != nil)
        let text = try String(contentsOf: TsuzuriBinary.repositoryRoot.appendingPathComponent("seeds/000_c8ac7e5ec8ea1ea5.txt"), encoding: .utf8)
        let open: [String: Any] = [
            "jsonrpc": "2.0", "method": "textDocument/didOpen",
            "params": ["textDocument": ["uri": "file:///tmp/seed.txt", "languageId": "plaintext", "version": 1, "text": text]],
        ]
        session.send(String(decoding: try JSONSerialization.data(withJSONObject: open), as: UTF8.self))
        let published = session.wait { $0["method"] as? String == "textDocument/publishDiagnostics" }
        let diagnostics = (published?["params"] as? [String: Any])?["diagnostics"] as? [[String: Any]]
        #expect(diagnostics?.count == 7)
        session.send(#"{"jsonrpc":"2.0","id":2,"method":"shutdown"}"#)
        #expect(session.wait { $0["id"] as? Int == 2 } != nil)
        session.send(#"{"jsonrpc":"2.0","method":"exit"}"#)
        session.process.waitUntilExit()
        #expect(session.process.terminationStatus == 0)
    }

    @Test("garbage gets a parse error and the server goes on; closing stdin without shutdown ends it with status 1")
    func garbageAndClosedInput() throws {
        let session = try Session()
        session.send("{this is not json")
        let error = session.wait { $0["error"] != nil }?["error"] as? [String: Any]
        #expect(error?["code"] as? Int == -32700)
        session.send(Self.initialize)
        #expect(session.wait { $0["id"] as? Int == 1 }?["result"] != nil)
        session.closeInput()
        session.process.waitUntilExit()
        #expect(session.process.terminationStatus == 1)
    }
}
