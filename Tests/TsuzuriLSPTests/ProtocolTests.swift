import Foundation
import Testing
@testable import TsuzuriLSP

@Suite("Framing and JSON-RPC")
struct ProtocolTests {
    @Test("bodies are framed by Content-Length whatever pieces the bytes arrive in")
    func framing() {
        let first = #"{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"text":"ヘグセス𠮷"}}"#
        let second = #"{"jsonrpc":"2.0","method":"exit"}"#
        var stream = Array(MessageFramer.frame(Data(first.utf8)))
        stream += Array("Content-Type: application/vscode-jsonrpc; charset=utf-8\r\n".utf8)
        stream += Array(MessageFramer.frame(Data(second.utf8)))
        for pieceSize in [1, 3, 7, stream.count] {
            var framer = MessageFramer()
            var bodies: [String] = []
            var offset = 0
            while offset < stream.count {
                framer.append(stream[offset..<min(offset + pieceSize, stream.count)])
                offset += pieceSize
                while let frame = framer.next() {
                    guard case .message(let body) = frame else { Issue.record("unexpected \(frame)"); continue }
                    bodies.append(String(decoding: body, as: UTF8.self))
                }
            }
            #expect(bodies == [first, second], "piece size \(pieceSize)")
        }
    }

    @Test("a header without Content-Length is reported and skipped; the next message still arrives")
    func badHeader() {
        var framer = MessageFramer()
        framer.append(Array("Content-Lenght: 12\r\n\r\n".utf8) + Array(MessageFramer.frame(Data("{}".utf8))))
        guard case .malformed(let reason) = framer.next() else {
            Issue.record("expected a malformed frame")
            return
        }
        #expect(reason.contains("Content-Length"))
        #expect(framer.next() == .message(Data("{}".utf8)))
        #expect(framer.next() == nil)
    }

    @Test("a body larger than the limit is refused and its bytes skipped")
    func oversized() {
        var framer = MessageFramer()
        let size = MessageFramer.maximumBodySize + 1
        framer.append(Array("Content-Length: \(size)\r\n\r\n".utf8))
        guard case .malformed = framer.next() else {
            Issue.record("expected a malformed frame")
            return
        }
        framer.append([UInt8](repeating: 0x20, count: size))
        framer.append(Array(MessageFramer.frame(Data("{}".utf8))))
        #expect(framer.next() == .message(Data("{}".utf8)))
    }

    @Test(
        "bad messages get JSON-RPC errors, never a crash",
        arguments: [
            ("{not json", RPCError.parseErrorCode),
            ("", RPCError.parseErrorCode),
            ("[1, 2]", RPCError.invalidRequestCode),
            (#"{"jsonrpc":"2.0","id":{"a":1},"method":"initialize"}"#, RPCError.invalidRequestCode),
            (#"{"jsonrpc":"2.0","id":7}"#, -1),  // a response to nothing: ignored
            (#"{"jsonrpc":"2.0","id":7,"method":"textDocument/rename","params":{}}"#, RPCError.methodNotFoundCode),
            (#"{"jsonrpc":"2.0","id":7,"method":"textDocument/hover","params":{"position":3}}"#, RPCError.invalidParamsCode),
            (#"{"jsonrpc":"2.0","id":7,"method":"textDocument/codeAction","params":null}"#, RPCError.invalidParamsCode),
            (#"{"jsonrpc":"2.0","id":7,"method":"workspace/executeCommand","params":{"command":"rm"}}"#, RPCError.invalidParamsCode),
        ])
    func badMessages(body: String, code: Int) {
        let client = TestClient()
        client.initialize()
        let answers = client.sendRaw(body)
        if code == -1 {
            #expect(answers.isEmpty)
            return
        }
        #expect(answers.count == 1)
        #expect(answers.first?["error"]["code"] == .int(code))
        #expect(answers.first?["error"]["message"].stringValue?.isEmpty == false)
        // The server still answers afterwards.
        #expect(client.request("shutdown")["result"] == .null)
        #expect(client.request("shutdown")["error"]["code"] == .int(RPCError.invalidRequestCode))
    }

    @Test("requests before initialize are refused with -32002; a second initialize is an invalid request")
    func lifecycle() {
        let client = TestClient()
        #expect(client.request("textDocument/hover", ["textDocument": ["uri": "file:///a"], "position": position(0, 0)])["error"]["code"]
            == .int(RPCError.serverNotInitializedCode))
        client.initialize()
        #expect(client.request("initialize", ["capabilities": [:]])["error"]["code"] == .int(RPCError.invalidRequestCode))
    }

    @Test("exit after shutdown is status 0, exit without shutdown is status 1")
    func exitCodes() {
        let clean = TestClient()
        clean.initialize()
        clean.request("shutdown")
        #expect(clean.server.exitCode == nil)
        clean.notify("exit")
        #expect(clean.server.exitCode == 0)

        let abrupt = TestClient()
        abrupt.initialize()
        abrupt.notify("exit")
        #expect(abrupt.server.exitCode == 1)
    }

    @Test("the transport serves a pipe until exit, answering requests in order")
    func transport() throws {
        var toServer: [Int32] = [0, 0], fromServer: [Int32] = [0, 0]
        #expect(pipe(&toServer) == 0 && pipe(&fromServer) == 0)
        let server = LanguageServer(configuration: .init(glossary: GlossaryLoader(defaultPaths: [Fixtures.glossary], builtIn: [])))
        var input = Data()
        for body in [
            #"{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"capabilities":{}}}"#,
            #"{"jsonrpc":"2.0","id":2,"method":"shutdown"}"#,
            #"{"jsonrpc":"2.0","method":"exit"}"#,
        ] {
            input.append(MessageFramer.frame(Data(body.utf8)))
        }
        input.withUnsafeBytes { _ = write(toServer[1], $0.baseAddress, $0.count) }
        close(toServer[1])
        let status = StdioTransport.run(server, input: toServer[0], output: fromServer[1])
        close(fromServer[1])
        #expect(status == 0)
        var framer = MessageFramer()
        var buffer = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let count = buffer.withUnsafeMutableBytes { read(fromServer[0], $0.baseAddress, $0.count) }
            if count <= 0 { break }
            framer.append(buffer[0..<count])
        }
        var ids: [JSONValue] = []
        while case .message(let body) = framer.next() { ids.append(try JSONValue.parse(body)["id"]) }
        #expect(ids == [1, 2])
        close(toServer[0])
        close(fromServer[0])
    }

    @Test("the transport ends when the input closes, with status 1 without shutdown")
    func inputClosed() {
        var toServer: [Int32] = [0, 0], fromServer: [Int32] = [0, 0]
        #expect(pipe(&toServer) == 0 && pipe(&fromServer) == 0)
        close(toServer[1])
        let server = LanguageServer(configuration: .init(glossary: GlossaryLoader(defaultPaths: [Fixtures.glossary], builtIn: [])))
        #expect(StdioTransport.run(server, input: toServer[0], output: fromServer[1]) == 1)
        for fd in [toServer[0], fromServer[0], fromServer[1]] { close(fd) }
    }
}
