import CPostgres
import Foundation

/// A PostgreSQL server address as given (`postgresql://user:secret@host:port/db?…`), and the same
/// address without its password for every message.
public struct PostgresAddress: Sendable, Equatable {
    /// What libpq connects with (may hold the password).
    let connectionString: String
    /// The address with the password removed: the only form that appears in output and errors.
    public let shown: String
    private let secrets: [String]

    /// Whether `location` names a PostgreSQL server rather than a file.
    public static func isAddress(_ location: String) -> Bool {
        let lower = location.lowercased()
        return lower.hasPrefix("postgresql://") || lower.hasPrefix("postgres://")
    }

    public init(_ url: String) {
        connectionString = url
        var secrets: [String] = []
        var shown = url
        if var components = URLComponents(string: url) {
            if let password = components.password, !password.isEmpty {
                secrets.append(password)
                if let decoded = components.password?.removingPercentEncoding { secrets.append(decoded) }
                components.password = nil
            }
            if let items = components.queryItems {
                components.queryItems = items.map { item in
                    guard item.name.lowercased() == "password" else { return item }
                    if let value = item.value, !value.isEmpty { secrets.append(value) }
                    return URLQueryItem(name: item.name, value: "…")
                }
            }
            shown = components.string ?? "postgresql://…"
        } else {
            // Not a URL Foundation can take apart: show only the scheme rather than risk the password.
            shown = "postgresql://…"
        }
        self.shown = shown
        self.secrets = secrets
    }

    /// `message` with every copy of the password removed (libpq may echo parts of the address).
    func redact(_ message: String) -> String {
        var text = message
        for secret in secrets where secret.count >= 1 { text = text.replacingOccurrences(of: secret, with: "…") }
        return text
    }
}

/// A parameter of a PostgreSQL statement (nil is SQL NULL).
enum PostgresValue {
    case text(String)
    case bytes(Data)
    /// Sent as text in statements, as a binary int8 in COPY.
    case int64(Int64)
    /// Sent as text in statements, as a binary float8 in COPY.
    case double(Double)
    /// An int8[] sent in binary (`= ANY($1)`, `unnest($1)`): no text to format on this side or
    /// to parse on the server's, whatever the number of elements.
    case int64Array([Int64])

    /// PostgreSQL's binary array format: dimensions, no null bitmap, the element type (int8),
    /// the length and lower bound, then each element as its length and big-endian value.
    static func binaryArray(_ numbers: [Int64]) -> Data {
        var data = Data(capacity: 20 + numbers.count * 12)
        func append<T: FixedWidthInteger>(_ value: T) { withUnsafeBytes(of: value.bigEndian) { data.append(contentsOf: $0) } }
        append(Int32(1))  // one dimension
        append(Int32(0))  // no NULL elements
        append(UInt32(20))  // int8's type oid
        append(Int32(numbers.count))
        append(Int32(1))  // lower bound
        for number in numbers {
            append(Int32(8))
            append(number)
        }
        return data
    }
}

/// Why a PostgreSQL call failed: the server's SQLSTATE and message, or a lost connection.
struct PostgresFailure: Error {
    var sqlState: String
    var message: String
    var connectionLost: Bool
}

/// One Swift owner per libpq connection: opened in `init`, finished in `deinit`. Not thread-safe
/// by itself; `PostgresStore` serialises every use.
final class PostgresConnection {
    private let handle: OpaquePointer
    let address: PostgresAddress
    /// Statements with parameters are prepared once per connection: imports and searches run the
    /// same few thousands of times, and parsing and planning each time cost more than the round trip.
    private var prepared: [String: String] = [:]
    /// The COPY statement whose rows are being sent, if one is open (see `copy`).
    private var openCopy: String?
    /// Requests that waited for the server's answer (tests count a search's).
    private(set) var roundTrips = 0
    /// Statements without parameters that wait to go out with the next one (see `queue`).
    private var queued: [String] = []
    /// libpq 14 or later: queued statements and the next one travel in one pipeline.
    private let pipelines = cpg_can_pipeline() != 0
    /// A statement sent by `send` whose answer has not been collected yet.
    private var unanswered = false

    /// Connects, or throws the `MemoryError` a user can act on (unreachable, authentication).
    init(address: PostgresAddress, timeout: Int) throws {
        self.address = address
        if let missing = cpg_library_error() {
            throw MemoryError.server(address: address.shown, message: String(cString: missing))
        }
        guard let handle = cpg_connect(address.connectionString, Int32(max(1, min(timeout, 3600)))) else {
            throw MemoryError.server(address: address.shown, message: "out of memory while connecting")
        }
        self.handle = handle
        guard cpg_ok(handle) != 0 else {
            let reason = address.redact(Self.firstLine(String(cString: cpg_error(handle))))
            let password = cpg_needed_password(handle) != 0 || cpg_used_password(handle) != 0
                || reason.contains("password authentication failed") || reason.contains("no password supplied")
            // `deinit` finishes the handle: every stored property is set, so it runs after this throw.
            if password { throw MemoryError.authentication(address: address.shown, reason: reason) }
            throw MemoryError.unreachable(address: address.shown, reason: reason)
        }
    }

    deinit { cpg_finish(handle) }

    var isAlive: Bool { cpg_ok(handle) != 0 }

    /// libpq messages run over several lines ("DETAIL: …", a caret); the first says what happened.
    static func firstLine(_ message: String) -> String {
        var text = message.trimmingCharacters(in: .whitespacesAndNewlines)
        if text.hasPrefix("FATAL:") || text.hasPrefix("ERROR:") { text = String(text.drop { $0 != ":" }.dropFirst()).trimmingCharacters(in: .whitespaces) }
        if let newline = text.firstIndex(of: "\n") { text = String(text[..<newline]) }
        return text
    }

    /// Runs one statement; parameters are `$1`, `$2`, …; results come back in binary.
    @discardableResult
    func execute(_ sql: String, _ parameters: [PostgresValue?] = []) throws -> PostgresResult {
        try endCopy()
        try collect()
        if !pipelines { try sendQueued() }
        roundTrips += 1
        var buffers: [Data?] = parameters.map { value in
            switch value {
            case .none: return nil
            case .text(let text)?: return Data(text.utf8) + [0]
            case .int64(let number)?: return Data(String(number).utf8) + [0]
            case .double(let number)?: return Data("\(number)".utf8) + [0]
            case .bytes(let data)?: return data
            case .int64Array(let numbers)?: return PostgresValue.binaryArray(numbers)
            }
        }
        let lengths = buffers.map { Int32($0.map { $0.count } ?? 0) }
        let binary = parameters.map { value -> Int32 in
            switch value {
            case .bytes?, .int64Array?: return 1
            default: return 0
            }
        }
        var name: String?
        if !parameters.isEmpty {
            if let known = prepared[sql] {
                name = known
            } else {
                let candidate = "tsuzuri_\(prepared.count)"
                roundTrips += 1
                _ = try check(cpg_prepare(handle, candidate, sql))
                prepared[sql] = candidate
                name = candidate
            }
        }
        let before = queued
        queued = []
        let result: OpaquePointer? = withPointers(&buffers[...]) { pointers in
            if !before.isEmpty {
                return withCStrings(before[...]) { statements in
                    cpg_exec_after(handle, Int32(statements.count), statements, name, sql, Int32(parameters.count), pointers, lengths, binary)
                }
            }
            if let name { return cpg_exec_prepared(handle, name, Int32(parameters.count), pointers, lengths, binary) }
            return cpg_exec(handle, sql, Int32(parameters.count), pointers, lengths, binary)
        }
        return try check(result)
    }

    /// Keeps C copies of `strings` alive while `body` runs.
    private func withCStrings<R>(_ strings: ArraySlice<String>, _ pointers: [UnsafePointer<CChar>?] = [],
                                 _ body: ([UnsafePointer<CChar>?]) -> R) -> R {
        guard let first = strings.first else { return body(pointers) }
        return first.withCString { withCStrings(strings.dropFirst(), pointers + [$0], body) }
    }

    /// Keeps every parameter buffer alive and pinned while libpq reads it.
    private func withPointers<R>(_ buffers: inout ArraySlice<Data?>, _ pointers: [UnsafePointer<CChar>?] = [],
                                 _ body: ([UnsafePointer<CChar>?]) -> R) -> R {
        guard let first = buffers.first else { return body(pointers) }
        var rest = buffers.dropFirst()
        guard let data = first else { return withPointers(&rest, pointers + [nil], body) }
        if data.isEmpty {
            return "".withCString { empty in withPointers(&rest, pointers + [empty], body) }
        }
        return data.withUnsafeBytes { raw in
            withPointers(&rest, pointers + [raw.baseAddress!.assumingMemoryBound(to: CChar.self)], body)
        }
    }

    private func check(_ result: OpaquePointer?) throws -> PostgresResult {
        guard let result else { throw PostgresFailure(sqlState: "", message: "out of memory", connectionLost: !isAlive) }
        if cpg_result_ok(result) == 0 {
            let failure = PostgresFailure(
                sqlState: String(cString: cpg_result_sqlstate(result)),
                message: address.redact(Self.firstLine(String(cString: cpg_result_error(result)))), connectionLost: !isAlive)
            cpg_clear(result)
            throw failure
        }
        return PostgresResult(result)
    }

    /// Runs several statements without parameters in one round trip (migrations).
    func executeScript(_ sql: String) throws {
        try endCopy()
        try collect()
        try sendQueued()
        roundTrips += 1
        _ = try check(cpg_exec_script(handle, sql))
    }

    /// Sends `rows` through `COPY table(columns) FROM STDIN` in PostgreSQL's binary format. The
    /// COPY stays open for the next call with the same table and columns, and ends (one round
    /// trip, where the server reports any error in the rows) before any other statement: while
    /// this side prepares the next rows, the server inserts the last ones, and a whole import
    /// waits for the server only where it asks it something.
    func copy(into table: String, columns: [String], rows: Int, _ field: (Int, Int) -> PostgresValue?) throws {
        let sql = "COPY \(table)(\(columns.joined(separator: ", "))) FROM STDIN (FORMAT binary)"
        var out: [UInt8] = []
        if openCopy != sql {
            try endCopy()
            try collect()
            try sendQueued()
            roundTrips += 1
            guard cpg_copy_begin(handle, sql) != 0 else {
                _ = try? check(cpg_copy_end(handle))
                throw PostgresFailure(sqlState: "", message: address.redact(Self.firstLine(String(cString: cpg_error(handle)))), connectionLost: !isAlive)
            }
            openCopy = sql
            // The signature "PGCOPY\n\377\r\n\0", then flags and header extension length.
            out = [0x50, 0x47, 0x43, 0x4F, 0x50, 0x59, 0x0A, 0xFF, 0x0D, 0x0A, 0x00, 0, 0, 0, 0, 0, 0, 0, 0]
        }
        out.reserveCapacity(out.count + rows * columns.count * 16)
        func append<T: FixedWidthInteger>(_ value: T) { withUnsafeBytes(of: value.bigEndian) { out.append(contentsOf: $0) } }
        for row in 0..<rows {
            append(Int16(columns.count))
            for column in columns.indices {
                switch field(row, column) {
                case .none:
                    append(Int32(-1))
                case .bytes(let data)?:
                    append(Int32(data.count))
                    out.append(contentsOf: data)
                case .int64(let number)?:
                    append(Int32(8))
                    append(number)
                case .double(let number)?:
                    append(Int32(8))
                    append(number.bitPattern)
                case .text(var text)?:
                    append(Int32(text.utf8.count))
                    text.withUTF8 { out.append(contentsOf: $0) }
                case .int64Array(let numbers)?:
                    let bytes = PostgresValue.binaryArray(numbers)
                    append(Int32(bytes.count))
                    out.append(contentsOf: bytes)
                }
            }
        }
        let sent = out.withUnsafeBytes { raw in
            cpg_copy_put(handle, raw.baseAddress!.assumingMemoryBound(to: CChar.self), Int32(raw.count))
        }
        guard sent != 0 else {
            openCopy = nil
            if let end = cpg_copy_end(handle) { cpg_clear(end) }
            throw PostgresFailure(sqlState: "", message: address.redact(Self.firstLine(String(cString: cpg_error(handle)))), connectionLost: !isAlive)
        }
    }

    /// Keeps a statement without parameters whose answer the caller need not wait for (a
    /// transaction's BEGIN) to send it with the next statement in one pipeline: one round trip
    /// for both. A failure of a queued statement is reported by that next statement.
    func queue(_ sql: String) {
        queued.append(sql)
    }

    /// Sends a statement without parameters and returns without waiting for its answer, which
    /// the next statement collects first (`collect`): for a read-only transaction's COMMIT,
    /// which has nothing to lose. It is sent at once, not queued: a transaction left open
    /// while the process idles would hold its locks (a DROP or ALTER would wait) and its snapshot.
    func send(_ sql: String) throws {
        try endCopy()
        try collect()
        try sendQueued()
        guard cpg_send(handle, sql) != 0 else {
            throw PostgresFailure(sqlState: "", message: address.redact(Self.firstLine(String(cString: cpg_error(handle)))), connectionLost: !isAlive)
        }
        unanswered = true
    }

    /// Collects the answer to the statement `send` left, if any, and reports its error.
    private func collect() throws {
        guard unanswered else { return }
        unanswered = false
        _ = try check(cpg_collect(handle))
    }

    /// Runs the queued statements one by one (for what cannot go in a pipeline: COPY, scripts,
    /// or a libpq older than 14).
    private func sendQueued() throws {
        while !queued.isEmpty {
            let sql = queued.removeFirst()
            roundTrips += 1
            _ = try check(cpg_exec(handle, sql, 0, nil, nil, nil))
        }
    }

    /// Rolls the transaction back after a failure, whatever state a COPY left the connection in
    /// (its rows' error is the one already reported, or moot).
    func rollback() {
        guard isAlive else { return }
        try? endCopy()
        _ = try? execute("ROLLBACK")
    }

    /// Ends the COPY left open by `copy`, if any, and reports what the server made of its rows.
    func endCopy() throws {
        guard openCopy != nil else { return }
        openCopy = nil
        roundTrips += 1
        let trailer = Int16(-1).bigEndian
        let sent = withUnsafeBytes(of: trailer) { raw in
            cpg_copy_put(handle, raw.baseAddress!.assumingMemoryBound(to: CChar.self), Int32(raw.count))
        }
        let end = cpg_copy_end(handle)
        guard sent != 0 else {
            if let end { cpg_clear(end) }
            throw PostgresFailure(sqlState: "", message: address.redact(Self.firstLine(String(cString: cpg_error(handle)))), connectionLost: !isAlive)
        }
        _ = try check(end)
    }
}

/// One libpq result, cleared in `deinit`; values are read by column name in binary form.
final class PostgresResult {
    private let handle: OpaquePointer

    init(_ handle: OpaquePointer) { self.handle = handle }
    deinit { cpg_clear(handle) }

    var count: Int { Int(cpg_rows(handle)) }

    /// The index of a named column (names are fixed in the SQL: a missing one is a programming error).
    func column(_ name: String) -> Int32 {
        let index = cpg_column(handle, name)
        precondition(index >= 0, "no column \(name) in the result")
        return index
    }

    func isNull(_ row: Int, _ column: Int32) -> Bool { cpg_is_null(handle, Int32(row), column) != 0 }

    private func bytes(_ row: Int, _ column: Int32) -> UnsafeRawBufferPointer {
        let length = Int(cpg_length(handle, Int32(row), column))
        guard let base = cpg_value(handle, Int32(row), column) else { return UnsafeRawBufferPointer(start: nil, count: 0) }
        return UnsafeRawBufferPointer(start: base, count: length)
    }

    func string(_ row: Int, _ name: String) -> String {
        String(decoding: bytes(row, column(name)), as: UTF8.self)
    }

    func optionalString(_ row: Int, _ name: String) -> String? {
        let c = column(name)
        return isNull(row, c) ? nil : String(decoding: bytes(row, c), as: UTF8.self)
    }

    /// An int8 (or int4) column; 0 for NULL.
    func int64(_ row: Int, _ name: String) -> Int64 {
        let c = column(name)
        guard !isNull(row, c) else { return 0 }
        let raw = bytes(row, c)
        if raw.count == 4 { return Int64(Int32(bigEndian: raw.loadUnaligned(as: Int32.self))) }
        return Int64(bigEndian: raw.loadUnaligned(as: Int64.self))
    }

    func double(_ row: Int, _ name: String) -> Double {
        let c = column(name)
        guard !isNull(row, c) else { return 0 }
        return Double(bitPattern: UInt64(bigEndian: bytes(row, c).loadUnaligned(as: UInt64.self)))
    }

    func data(_ row: Int, _ name: String) -> Data {
        Data(bytes(row, column(name)))
    }
}
