import Foundation
import TsuzuriCheck
import TsuzuriGlossary
import TsuzuriVariants

/// The language server's state and its answers, free of any I/O: the transport hands it each
/// message body and the time, and sends whatever it leaves in `outbox`. Checks are debounced: a
/// change schedules one, and the transport calls `tick` when `nextDeadline` passes.
public final class LanguageServer {
    /// Timing and defaults chosen by the command.
    public struct Configuration: Sendable {
        /// Quiet time after the last change before the documents are checked again.
        public var debounce: Double
        /// A document typed into without pause is still checked this long after the first change.
        public var maximumDelay: Double
        /// How often the glossary files' modification times are compared while idle.
        public var glossaryPollInterval: Double
        /// The tolerance when the settings give none.
        public var tolerance: Double
        public var glossary: GlossaryLoader
        public var version: String

        public init(
            glossary: GlossaryLoader, tolerance: Double = 1, debounce: Double = 0.075, maximumDelay: Double = 0.5,
            glossaryPollInterval: Double = 1, version: String = "0"
        ) {
            self.glossary = glossary
            self.tolerance = tolerance
            self.debounce = debounce
            self.maximumDelay = maximumDelay
            self.glossaryPollInterval = glossaryPollInterval
            self.version = version
        }
    }

    enum Phase {
        case waitingForInitialize
        case running
        case shutDown
    }

    let configuration: Configuration
    var phase = Phase.waitingForInitialize
    public private(set) var encoding = PositionEncoding.utf16
    var settings = ServerSettings()
    /// Folder that relative glossary paths in the settings are read from (the workspace root).
    var root: String?

    /// Messages to send, in order. The transport empties it.
    public var outbox: [JSONValue] = []
    /// Set by `exit`: 0 after a shutdown request, 1 without one.
    public private(set) var exitCode: Int32?

    // Documents and what was last published for them.
    var documents: [String: TextDocument] = [:]
    var openOrder: [String] = []
    var occurrences: [String: [Occurrence]] = [:]
    var published: [String: [JSONValue]] = [:]
    /// Documents whose diagnostics are sent after the next check even if unchanged (the client
    /// changed them and expects a fresh answer for the new version).
    var mustPublish: Set<String> = []
    var checkDue: Double?
    var firstPendingChange: Double?

    // The glossary.
    /// The glossary and its indexes, built once per reading of the files, not once per check.
    var prepared = PreparedGlossary(.empty)
    var glossary: Glossary { prepared.glossary }
    var engine = VariantEngine()
    var watched: [String: FileStamp?] = [:]
    var lastPoll: Double = 0
    var nextRequestID = 1

    public init(configuration: Configuration) {
        self.configuration = configuration
    }

    /// Whether the server has been asked to shut down (requests other than exit are refused).
    public var isShutDown: Bool { phase == .shutDown }

    /// When `tick` should next be called, if ever.
    public var nextDeadline: Double? {
        guard phase == .running else { return nil }
        let poll = lastPoll + configuration.glossaryPollInterval
        guard let checkDue else { return poll }
        return min(checkDue, poll)
    }

    /// Runs what is due at `now`: a debounced check, a glossary modification-time poll.
    public func tick(now: Double) {
        guard phase == .running else { return }
        if now >= lastPoll + configuration.glossaryPollInterval {
            lastPoll = now
            if glossaryChangedOnDisk() {
                reloadGlossary()
                scheduleCheck(now: now, immediately: true)
            }
        }
        if let checkDue, now >= checkDue { runCheck() }
    }

    /// Handles one message body (the bytes between frames).
    public func receive(_ body: Data, now: Double) {
        let message: JSONValue
        do {
            message = try JSONValue.parse(body)
        } catch {
            respond(id: .null, error: .parseError("the message is not valid JSON: \(String(decoding: body.prefix(80), as: UTF8.self).debugDescription)"))
            return
        }
        receive(message, now: now)
    }

    /// Answers a frame that could not be read as a message.
    public func receiveMalformedFrame(_ reason: String) {
        respond(id: .null, error: .parseError(reason))
    }

    func receive(_ message: JSONValue, now: Double) {
        guard case .object = message else {
            respond(id: .null, error: .invalidRequest("a message must be a JSON object with \"jsonrpc\": \"2.0\" and a \"method\""))
            return
        }
        let id = message["id"]
        switch id {
        case .null, .int, .string: break
        default:
            respond(id: .null, error: .invalidRequest("the request id must be a number or a string"))
            return
        }
        guard let method = message["method"].stringValue else {
            // A response to a request of ours (registerCapability), or nonsense without an id.
            if id == .null, message["result"].isNull, message["error"].isNull {
                respond(id: .null, error: .invalidRequest("a message needs a \"method\""))
            }
            return
        }
        let params = message["params"]
        if message.objectValue?["id"] != nil {
            do {
                let result = try handleRequest(method, params, now: now)
                outbox.append(["jsonrpc": "2.0", "id": id, "result": result])
            } catch let error as RPCError {
                respond(id: id, error: error)
            } catch {
                respond(id: id, error: RPCError(code: RPCError.internalErrorCode, message: "\(error)"))
            }
        } else {
            do {
                try handleNotification(method, params, now: now)
            } catch {
                // A notification has no answer; the user sees the problem in the client's log.
                log("\(method): \(error is RPCError ? (error as! RPCError).message : "\(error)")", type: 1)
            }
        }
    }

    func respond(id: JSONValue, error: RPCError) {
        outbox.append(["jsonrpc": "2.0", "id": id, "error": error.json])
    }

    func notify(_ method: String, _ params: JSONValue) {
        outbox.append(["jsonrpc": "2.0", "method": .string(method), "params": params])
    }

    /// window/logMessage (type 1 error, 2 warning, 3 info).
    func log(_ message: String, type: Int) {
        notify("window/logMessage", ["type": .int(type), "message": .string("tsuzuri: " + message)])
    }

    /// window/showMessage, for what the user must act on (a broken glossary file).
    func show(_ message: String, type: Int) {
        notify("window/showMessage", ["type": .int(type), "message": .string("tsuzuri: " + message)])
    }

    // MARK: Dispatch

    func handleRequest(_ method: String, _ params: JSONValue, now: Double) throws -> JSONValue {
        switch phase {
        case .waitingForInitialize where method != "initialize":
            throw RPCError(code: RPCError.serverNotInitializedCode, message: "send initialize before \(method)")
        case .running where method == "initialize":
            throw RPCError.invalidRequest("the server is already initialized")
        case .shutDown:
            throw RPCError.invalidRequest("the server is shutting down; send exit")
        default: break
        }
        switch method {
        case "initialize": return initialize(params, now: now)
        case "shutdown":
            phase = .shutDown
            return .null
        case "textDocument/hover": return try hover(params)
        case "textDocument/codeAction": return try codeActions(params)
        case "workspace/executeCommand": return try executeCommand(params, now: now)
        default: throw RPCError.methodNotFound(method)
        }
    }

    func handleNotification(_ method: String, _ params: JSONValue, now: Double) throws {
        if method == "exit" {
            exitCode = phase == .shutDown ? 0 : 1
            return
        }
        // Before initialize the protocol says notifications are dropped; after shutdown too.
        guard phase == .running else { return }
        switch method {
        case "textDocument/didOpen": try didOpen(params, now: now)
        case "textDocument/didChange": try didChange(params, now: now)
        case "textDocument/didClose": try didClose(params, now: now)
        case "textDocument/didSave":
            // Saving a glossary file open in the editor changes the glossary.
            if glossaryChangedOnDisk() {
                reloadGlossary()
                scheduleCheck(now: now, immediately: true)
            }
        case "workspace/didChangeWatchedFiles":
            reloadGlossary()
            scheduleCheck(now: now, immediately: true)
        case "workspace/didChangeConfiguration":
            let (settings, problems) = ServerSettings.parse(params["settings"])
            for problem in problems { show(problem, type: 2) }
            if settings != ServerSettings() || params["settings"]["tsuzuri"].objectValue != nil {
                apply(settings)
                scheduleCheck(now: now, immediately: true)
            }
        default: break  // initialized, $/cancelRequest, $/setTrace and others need nothing
        }
    }

    // MARK: Lifecycle

    func initialize(_ params: JSONValue, now: Double) -> JSONValue {
        phase = .running
        lastPoll = now
        let offered = params["capabilities"]["general"]["positionEncodings"].arrayValue?.compactMap(\.stringValue)
        encoding = PositionEncoding.negotiate(clientOffers: offered)
        if let uri = params["rootUri"].stringValue, let path = Self.path(fromURI: uri) {
            root = path
        } else if let path = params["rootPath"].stringValue {
            root = path
        }
        let (settings, problems) = ServerSettings.parse(params["initializationOptions"])
        for problem in problems { show(problem, type: 2) }
        apply(settings)
        if params["capabilities"]["workspace"]["didChangeWatchedFiles"]["dynamicRegistration"].boolValue == true {
            registerGlossaryWatcher()
        }
        return [
            "capabilities": [
                "positionEncoding": .string(encoding.rawValue),
                "textDocumentSync": ["openClose": true, "change": 2, "save": ["includeText": false]],
                "hoverProvider": true,
                "codeActionProvider": ["codeActionKinds": ["quickfix", .string(Self.fixAllKind)]],
                "executeCommandProvider": ["commands": [.string(Self.addVariantCommand)]],
            ],
            "serverInfo": ["name": "tsuzuri", "version": .string(configuration.version)],
        ]
    }

    /// Asks the client to report changes to glossary files (clients that watch files for their
    /// servers); the modification-time poll covers the others.
    func registerGlossaryWatcher() {
        let registration: JSONValue = [
            "id": "tsuzuri-glossary", "method": "workspace/didChangeWatchedFiles",
            "registerOptions": ["watchers": [["globPattern": "**/*.tsv"]]],
        ]
        outbox.append([
            "jsonrpc": "2.0", "id": .string("tsuzuri-\(nextRequestID)"), "method": "client/registerCapability",
            "params": ["registrations": [registration]],
        ])
        nextRequestID += 1
    }

    func apply(_ settings: ServerSettings) {
        self.settings = settings
        engine = VariantEngine(tolerance: settings.tolerance ?? configuration.tolerance)
        reloadGlossary()
    }

    // MARK: Glossary

    /// The settings' glossary paths, relative ones read from the workspace root.
    var glossaryPaths: [String]? {
        settings.glossary.map { paths in
            paths.map { path in
                guard let root, !path.hasPrefix("/") else { return path }
                return (root as NSString).appendingPathComponent(path)
            }
        }
    }

    /// Reads the glossary again. A broken file keeps the glossary in use and tells the user where
    /// the problem is (the message names file:line).
    func reloadGlossary() {
        do {
            let (loaded, files) = try configuration.glossary.load(glossaryPaths)
            prepared = PreparedGlossary(loaded)
            watched = [:]
            for file in files { watched[file] = FileStamp(path: file) }
        } catch {
            let description = (error as? LocalizedError)?.errorDescription ?? "\(error)"
            show("the glossary could not be read, the previous one stays in use: \(description)", type: 1)
            // Watch what was asked for, so that fixing the file brings the glossary back.
            for path in glossaryPaths ?? configuration.glossary.defaultPaths where watched[path] == nil {
                watched[path] = FileStamp(path: path)
            }
        }
    }

    /// Whether any watched glossary file or folder changed since it was read (a few `stat` calls).
    func glossaryChangedOnDisk() -> Bool {
        watched.contains { path, stamp in FileStamp(path: path) != stamp }
    }

    var matcher: GlossaryMatcher { prepared.matcher }

    // MARK: URIs

    /// The file path of a `file:` URI (percent-decoded), nil for other schemes.
    static func path(fromURI uri: String) -> String? {
        guard let url = URL(string: uri), url.isFileURL else { return nil }
        return url.path
    }

    /// The `file:` URI of a path (relative paths are read from the current folder, as the
    /// glossary loader reads them).
    static func uri(forPath path: String) -> String {
        URL(fileURLWithPath: path).standardizedFileURL.absoluteString
    }
}
