/// A run of whole lines cut from a text input, to be checked apart from the rest (on another core)
/// and read exactly as `TextInput.forEachLine` reads those lines: same numbers, same line ends,
/// same errors with the same byte offsets.
public struct TextChunk: Sendable {
    /// The input's name, for messages.
    public let displayName: String
    /// Whole lines (each ending in LF, except perhaps the input's last), BOM already removed.
    public let bytes: [UInt8]
    /// The 1-based number of the chunk's first line.
    public let firstLine: Int
    /// Where the chunk starts in the input, in bytes (the BOM counted), for error messages.
    public let offset: Int
    /// The input's first bytes, for the encoding guess of an error.
    let head: [UInt8]

    /// Whether the chunk holds these bytes anywhere (`tsuzuri-` of a suppression comment: a chunk
    /// holds whole lines, and no such text spans a line end).
    public func contains(_ needle: [UInt8]) -> Bool {
        bytes.withUnsafeBytes { ByteSearch.contains(needle, in: $0) }
    }

    /// Calls `body` with each line of the chunk (its number in the input, text without its line
    /// end). Stops early if `body` throws; invalid UTF-8 throws as `forEachLine` does.
    public func forEachLine(_ body: (Int, Substring) throws -> Void) throws {
        let input = TextInput(name: displayName, contents: [])
        var number = firstLine
        var lineStart = 0
        while let newline = ByteSearch.firstIndex(of: 0x0A, in: bytes[lineStart...]) {
            try input.emit(bytes[lineStart..<newline], number: number, offset: offset + lineStart, head: head, body)
            number += 1
            lineStart = newline + 1
        }
        // forEachLine gives no empty line after the last line end.
        if lineStart < bytes.count {
            try input.emit(bytes[lineStart...], number: number, offset: offset + lineStart, head: head, body)
        }
    }
}

extension TextInput {
    /// Reads an input as chunks of whole lines of at least `size` bytes (each ends at the first
    /// line end from there on; the last may be shorter), one at a time so that only the chunks a caller holds are
    /// in memory. An empty input gives one empty chunk, so that every input is seen.
    public final class ChunkReader {
        private let input: TextInput
        private let source: Source
        private let size: Int
        private var pending: [UInt8] = []
        private var offset = 0  // bytes of the input before `pending`
        private var line = 1
        private var head: [UInt8]?
        private var ended = false
        private var given = 0
        private var scanned = 0  // bytes of `pending` known to hold no line end past `size`

        public init(_ input: TextInput, size: Int) throws {
            self.input = input
            self.source = try input.open()
            self.size = max(size, 1)
        }

        deinit { source.close() }

        /// The next chunk, or nil after the last.
        public func next() throws -> TextChunk? {
            while true {
                // Cut at the first line end at or after `size` bytes.
                if pending.count >= size {
                    if let end = ByteSearch.firstIndex(of: 0x0A, in: pending[max(size - 1, scanned)...]) { return take(end + 1) }
                    scanned = pending.count
                }
                if ended { break }
                if try source.read(appendingTo: &pending, upTo: max(size - pending.count, 1 << 16), name: input.displayName) == 0 {
                    ended = true
                    continue
                }
                if head == nil {
                    head = Array(pending.prefix(4096))
                    if pending.starts(with: [0xEF, 0xBB, 0xBF]) {
                        pending.removeFirst(3)
                        offset = 3
                    }
                }
            }
            if pending.isEmpty && given > 0 { return nil }
            return take(pending.count)
        }

        private func take(_ count: Int) -> TextChunk {
            // The chunk takes the buffer itself; only the bytes past its last line end (at most
            // one read) are copied to a new buffer, sized for the next chunk.
            var rest: [UInt8] = []
            rest.reserveCapacity(min(size, 1 << 26) + (1 << 16))
            rest.append(contentsOf: pending[count...])
            pending.removeSubrange(count...)
            let bytes = pending
            pending = rest
            scanned = 0
            let chunk = TextChunk(displayName: input.displayName, bytes: bytes, firstLine: line, offset: offset, head: head ?? [])
            line += ByteSearch.count(of: 0x0A, in: bytes[...])
            offset += count
            given += 1
            return chunk
        }
    }
}
