/// A JSON-RPC error answered to a request: the standard codes of JSON-RPC 2.0 and the ones LSP
/// adds, with a message that says what was wrong and what to send instead.
public struct RPCError: Error, Equatable, Sendable {
    public var code: Int
    public var message: String

    public init(code: Int, message: String) {
        self.code = code
        self.message = message
    }

    public static let parseErrorCode = -32700
    public static let invalidRequestCode = -32600
    public static let methodNotFoundCode = -32601
    public static let invalidParamsCode = -32602
    public static let internalErrorCode = -32603
    public static let serverNotInitializedCode = -32002
    public static let requestFailedCode = -32803

    public static func parseError(_ message: String) -> RPCError { RPCError(code: parseErrorCode, message: message) }
    public static func invalidRequest(_ message: String) -> RPCError { RPCError(code: invalidRequestCode, message: message) }
    public static func methodNotFound(_ method: String) -> RPCError {
        RPCError(code: methodNotFoundCode, message: "tsuzuri lsp does not implement \(method)")
    }
    public static func invalidParams(_ message: String) -> RPCError { RPCError(code: invalidParamsCode, message: message) }
    public static func requestFailed(_ message: String) -> RPCError { RPCError(code: requestFailedCode, message: message) }

    var json: JSONValue { ["code": .int(code), "message": .string(message)] }
}
