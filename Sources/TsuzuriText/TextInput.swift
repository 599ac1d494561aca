import Foundation

/// Why a text could not be read; every message names the file and says what to do.
public enum TextInputError: Error, LocalizedError, Equatable {
    case notFound(path: String)
    case isDirectory(path: String)
    case unreadable(path: String, reason: String)
    /// `advice` names the encoding the file most likely has and how to convert it (`EncodingGuess`).
    case invalidUTF8(path: String, line: Int, byteOffset: Int, advice: String)

    public var errorDescription: String? {
        switch self {
        case .notFound(let path):
            "\(path): no such file"
        case .isDirectory(let path):
            "\(path): is a directory; give the text files inside it"
        case .unreadable(let path, let reason):
            "\(path): cannot read: \(reason)"
        case .invalidUTF8(let path, let line, let byteOffset, let advice):
            "\(path):\(line): invalid UTF-8 at byte offset \(byteOffset); \(advice)"
        }
    }
}

/// Reads a text file (or stdin, given as "-") line by line without holding the whole file:
/// UTF-8 only, a leading BOM skipped, CRLF and LF both accepted. Invalid UTF-8 is an error that
/// names the byte offset, because silently replacing bytes would hide a misspelt name.
public struct TextInput: Sendable {
    /// The name used in messages and findings ("-" is shown as "<stdin>").
    public let path: String
    private let chunkSize: Int
    /// The text itself, when it is held in memory rather than read from `path` (a document open
    /// in an editor); `path` then only names it.
    private let contents: [UInt8]?

    public init(path: String, chunkSize: Int = 1 << 20) {
        self.path = path
        self.chunkSize = chunkSize
        self.contents = nil
    }

    /// A text held in memory, read exactly as a file with these bytes would be.
    public init(name: String, contents: [UInt8], chunkSize: Int = 1 << 20) {
        self.path = name
        self.chunkSize = chunkSize
        self.contents = contents
    }

    public var displayName: String { path == "-" ? "<stdin>" : path }

    /// Whether `path` can be read only once: stdin, a pipe (`<(command)`, a named FIFO), a
    /// terminal or another device. Such an input is read straight through, never opened again
    /// (to peek at its format, to find suppressions, for snippets, to fix it): a second open of a
    /// named FIFO waits for a writer that never comes, and a peek at a pipe takes its first bytes
    /// away from the reading that follows.
    public static func readsOnce(_ path: String) -> Bool {
        if path == "-" { return true }
        var status = stat()
        guard stat(path, &status) == 0 else { return false }  // missing: the read says so
        let type = status.st_mode & S_IFMT
        return type != S_IFREG && type != S_IFDIR
    }

    /// Calls `body` with each line (1-based number, text without its line end). Stops early if `body` throws.
    public func forEachLine(_ body: (Int, Substring) throws -> Void) throws {
        try forEachLine(where: { _ in true }, body)
    }

    /// Calls `body` with the lines whose numbers `wanted` picks, as `forEachLine` gives them; the
    /// other lines are only counted, neither decoded nor checked for UTF-8 (the snippets of a
    /// report read a few lines of a large file that was checked a moment before).
    public func forEachLine(where wanted: (Int) -> Bool, _ body: (Int, Substring) throws -> Void) throws {
        try forEachLine(from: (line: 1, offset: 0), where: wanted, body)
    }

    /// `forEachLine(where:_:)` from a line that starts at a known byte offset of a file (one a
    /// `ChunkReader` chunk started at), so that parts of a large file can be read at once.
    public func forEachLine(
        from start: (line: Int, offset: Int), where wanted: (Int) -> Bool, _ body: (Int, Substring) throws -> Void
    ) throws {
        let source = try open()
        defer { source.close() }
        if start.offset > 0 { try source.seek(to: start.offset, name: displayName) }
        var pending: [UInt8] = []
        var lineNumber = start.line
        var consumed = start.offset  // bytes of the file before `pending`
        var first = start.offset == 0
        var scanned = 0  // bytes of `pending` already searched for a newline
        var head: [UInt8] = []  // the file's first bytes, for the encoding guess of an error
        pending.reserveCapacity(chunkSize + (1 << 12))
        while true {
            if try source.read(appendingTo: &pending, upTo: chunkSize, name: displayName) == 0 { break }
            if first {
                first = false
                head = Array(pending.prefix(4096))
                if pending.starts(with: [0xEF, 0xBB, 0xBF]) {
                    pending.removeFirst(3)
                    consumed = 3
                }
            }
            var lineStart = 0
            while let newline = ByteSearch.firstIndex(of: 0x0A, in: pending[max(lineStart, scanned)...]) {
                if wanted(lineNumber) {
                    try emit(pending[lineStart..<newline], number: lineNumber, offset: consumed + lineStart, head: head, body)
                }
                lineNumber += 1
                lineStart = newline + 1
            }
            consumed += lineStart
            pending.removeFirst(lineStart)
            scanned = pending.count
        }
        if !pending.isEmpty, wanted(lineNumber) {
            try emit(pending[...], number: lineNumber, offset: consumed, head: head, body)
        }
    }

    func emit(
        _ bytes: ArraySlice<UInt8>, number: Int, offset: Int, head: [UInt8], _ body: (Int, Substring) throws -> Void
    ) throws {
        var bytes = bytes
        if bytes.last == 0x0D { bytes = bytes.dropLast() }
        guard let line = UTF8Check.string(bytes) else {
            throw TextInputError.invalidUTF8(
                path: displayName, line: number, byteOffset: offset + (UTF8Check.firstInvalidOffset(bytes) ?? 0),
                advice: EncodingGuess.advice(head: head, line: bytes))
        }
        try body(number, Substring(line))
    }

    /// The first `count` bytes of a file (to recognise its format), with the same errors as `forEachLine`.
    public func head(_ count: Int) throws -> [UInt8] {
        let source = try open()
        defer { source.close() }
        return try source.read(upTo: count, name: displayName)
    }

    /// The whole input as bytes (a term list, which is small), with the same errors as `forEachLine`.
    public func readAll() throws -> [UInt8] {
        let source = try open()
        defer { source.close() }
        return try source.read(upTo: Int.max, name: displayName)
    }

    /// Where the bytes come from: a file, stdin, or memory.
    final class Source {
        let handle: FileHandle?
        let closes: Bool
        var remaining: ArraySlice<UInt8>

        init(handle: FileHandle?, closes: Bool, contents: [UInt8] = []) {
            self.handle = handle
            self.closes = closes
            self.remaining = contents[...]
        }

        func read(upTo count: Int, name: String) throws -> [UInt8] {
            guard let handle else {
                let chunk = remaining.prefix(count)
                remaining = remaining.dropFirst(chunk.count)
                return Array(chunk)
            }
            do {
                return [UInt8](try (count == Int.max ? handle.readToEnd() : handle.read(upToCount: count)) ?? Data())
            } catch {
                throw TextInputError.unreadable(path: name, reason: error.localizedDescription)
            }
        }

        /// `read(upTo:name:)` appended to `buffer`; returns how many bytes came. A file is read
        /// from its descriptor straight into the buffer's room, with no `Data` in between: that
        /// was a second copy of every megabyte read, and two at once when a report's snippets
        /// are read in parts.
        func read(appendingTo buffer: inout [UInt8], upTo count: Int, name: String) throws -> Int {
            guard let handle else {
                let chunk = remaining.prefix(count)
                remaining = remaining.dropFirst(chunk.count)
                buffer.append(contentsOf: chunk)
                return chunk.count
            }
            let start = buffer.count
            buffer.append(contentsOf: repeatElement(0, count: count))
            var filled = 0
            defer { buffer.removeLast(count - filled) }
            let failure: Int32 = buffer.withUnsafeMutableBytes { bytes in
                // Until `count` bytes or the end, as FileHandle.read(upToCount:) reads.
                while filled < count {
                    let n = systemRead(handle.fileDescriptor, bytes.baseAddress! + start + filled, count - filled)
                    if n > 0 {
                        filled += n
                    } else if n == 0 {
                        break
                    } else if errno != EINTR {
                        return errno
                    }
                }
                return 0
            }
            if failure != 0 { throw TextInputError.unreadable(path: name, reason: String(cString: strerror(failure))) }
            return filled
        }

        func seek(to offset: Int, name: String) throws {
            guard let handle else {
                remaining = remaining.dropFirst(offset)
                return
            }
            do { try handle.seek(toOffset: UInt64(offset)) } catch {
                throw TextInputError.unreadable(path: name, reason: error.localizedDescription)
            }
        }

        func close() { if closes { try? handle?.close() } }
    }

    func open() throws -> Source {
        if let contents { return Source(handle: nil, closes: false, contents: contents) }
        if path == "-" { return Source(handle: FileHandle.standardInput, closes: false) }
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw TextInputError.notFound(path: path)
        }
        if isDirectory.boolValue { throw TextInputError.isDirectory(path: path) }
        guard let handle = FileHandle(forReadingAtPath: path) else {
            let reason = FileManager.default.isReadableFile(atPath: path) ? "open failed" : "permission denied"
            throw TextInputError.unreadable(path: path, reason: reason)
        }
        return Source(handle: handle, closes: true)
    }
}

/// Finds where UTF-8 goes wrong, so that messages can give the byte offset.
public enum UTF8Check {
    /// The bytes as a string if they are valid UTF-8, else nil: what `String(validating:as:)`
    /// gives, without its generic code (a type-metadata lookup on every call: 2 % of a check,
    /// which makes a string of every line).
    public static func string(_ bytes: ArraySlice<UInt8>) -> String? {
        bytes.withUnsafeBufferPointer { buffer in
            // Decoding replaces an invalid sequence with U+FFFD, which changes the bytes; valid
            // UTF-8 comes through byte for byte.
            var string = String(decoding: buffer, as: UTF8.self)
            let unchanged = string.withUTF8 { decoded in
                decoded.count == buffer.count
                    && (buffer.isEmpty || memcmp(decoded.baseAddress!, buffer.baseAddress!, buffer.count) == 0)
            }
            return unchanged ? string : nil
        }
    }

    /// The offset, within `bytes`, of the first byte that does not start or continue a valid
    /// UTF-8 sequence; nil when all of `bytes` is valid UTF-8.
    public static func firstInvalidOffset(_ bytes: ArraySlice<UInt8>) -> Int? {
        var parser = Unicode.UTF8.ForwardParser()
        var iterator = bytes.makeIterator()
        var offset = 0
        while true {
            switch parser.parseScalar(from: &iterator) {
            case .valid(let encoded):
                offset += encoded.count
            case .emptyInput:
                return nil
            case .error:
                return offset
            }
        }
    }
}

/// The C library's `read`, which `Source.read` methods would otherwise shadow.
private func systemRead(_ descriptor: Int32, _ buffer: UnsafeMutableRawPointer, _ count: Int) -> Int {
    read(descriptor, buffer, count)
}
