import Foundation

/// Splits the byte stream of the base protocol into message bodies: a header block of
/// `Name: value` lines ended by an empty line (`\r\n\r\n`), `Content-Length` giving the body size
/// in bytes. Bytes arrive in arbitrary pieces (a pipe delivers what it has), so the framer buffers
/// them and hands out each body once it is complete.
public struct MessageFramer: Sendable {
    /// What one step of reading produced.
    public enum Frame: Equatable, Sendable {
        /// A complete message body (JSON text, not yet parsed).
        case message(Data)
        /// A header block that cannot be framed (no or a bad Content-Length, too large a body);
        /// it was skipped and reading goes on after it.
        case malformed(String)
    }

    /// Bodies larger than this are refused (and skipped) instead of buffered: a client bug or a
    /// hostile peer must not make the server hold gigabytes.
    public static let maximumBodySize = 256 << 20

    private var buffer: [UInt8] = []
    private var start = 0
    /// Body bytes still to skip after a refused header.
    private var skipping = 0

    public init() {}

    /// Adds bytes read from the stream.
    public mutating func append(_ bytes: some Sequence<UInt8>) {
        buffer.append(contentsOf: bytes)
    }

    /// The next complete frame, or nil when more bytes are needed.
    public mutating func next() -> Frame? {
        if skipping > 0 {
            let available = buffer.count - start
            let dropped = min(available, skipping)
            start += dropped
            skipping -= dropped
            compact()
            if skipping > 0 { return nil }
        }
        guard let end = headerEnd() else {
            compact()
            return nil
        }
        let header = String(decoding: buffer[start..<end], as: UTF8.self)
        let bodyStart = end + 4
        var length: Int?
        for line in header.split(separator: "\r\n") {
            guard let colon = line.firstIndex(of: ":") else { continue }
            let name = line[..<colon].trimmingCharacters(in: .whitespaces).lowercased()
            if name == "content-length" {
                length = Int(line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces))
            }
        }
        guard let length, length >= 0 else {
            start = bodyStart
            compact()
            return .malformed("a message header without a valid Content-Length: \(header.debugDescription)")
        }
        if length > Self.maximumBodySize {
            start = bodyStart
            skipping = length
            compact()
            return .malformed("a message of \(length) bytes is larger than the \(Self.maximumBodySize) bytes accepted")
        }
        guard buffer.count - bodyStart >= length else { return nil }
        let body = Data(buffer[bodyStart..<(bodyStart + length)])
        start = bodyStart + length
        compact()
        return .message(body)
    }

    /// Where the header block ends (the index of its `\r\n\r\n`), if it has arrived.
    private func headerEnd() -> Int? {
        var i = start
        while i + 3 < buffer.count {
            if buffer[i] == 0x0D, buffer[i + 1] == 0x0A, buffer[i + 2] == 0x0D, buffer[i + 3] == 0x0A { return i }
            i += 1
        }
        return nil
    }

    /// Drops consumed bytes once they are the larger part of the buffer, so a long session keeps
    /// a small buffer without copying on every message.
    private mutating func compact() {
        if start == buffer.count {
            buffer.removeAll(keepingCapacity: buffer.count < 1 << 20)
            start = 0
        } else if start > 1 << 16 && start > buffer.count / 2 {
            buffer.removeFirst(start)
            start = 0
        }
    }

    /// A body with its header, ready to write.
    public static func frame(_ body: Data) -> Data {
        var data = Data("Content-Length: \(body.count)\r\n\r\n".utf8)
        data.append(body)
        return data
    }
}
