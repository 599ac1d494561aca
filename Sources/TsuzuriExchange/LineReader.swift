import Foundation
import TsuzuriText

/// Reads a text file line by line in fixed-size chunks, so that memory does not grow with the
/// file; refuses a line longer than `ExchangeLimits.maxSegmentBytes` and invalid UTF-8, naming the line.
struct LineReader {
    let handle: FileHandle
    let path: String
    private var buffer: [UInt8] = []
    private var start = 0
    private var eof = false
    /// The file offset of `buffer[0]`, and the file's first bytes (for the encoding guess).
    private var bufferOffset = 0
    private var head: [UInt8] = []
    private(set) var lineNumber = 0

    init(url: URL, displayPath: String) throws {
        self.handle = try ExchangeFile.open(url, displayPath: displayPath)
        self.path = displayPath
    }

    /// The next line without its line break (LF or CRLF), or nil at the end of the file.
    mutating func next() throws -> String? {
        while true {
            if let nl = buffer[start...].firstIndex(of: 0x0A) {
                if nl - start > ExchangeLimits.maxSegmentBytes {
                    throw ExchangeError.unitTooLarge(path: path, line: lineNumber + 1, limit: ExchangeLimits.maxSegmentBytes)
                }
                var end = nl
                if end > start, buffer[end - 1] == 0x0D { end -= 1 }
                let line = try decode(buffer[start..<end])
                start = nl + 1
                return line
            }
            if buffer.count - start > ExchangeLimits.maxSegmentBytes {
                throw ExchangeError.unitTooLarge(path: path, line: lineNumber + 1, limit: ExchangeLimits.maxSegmentBytes)
            }
            if eof {
                guard start < buffer.count else { return nil }
                var end = buffer.count
                if buffer[end - 1] == 0x0D { end -= 1 }
                let line = try decode(buffer[start..<end])
                start = buffer.count
                return line
            }
            buffer.removeSubrange(0..<start)
            bufferOffset += start
            start = 0
            let chunk = (try? handle.read(upToCount: 1 << 16)) ?? nil
            if let chunk, !chunk.isEmpty { buffer.append(contentsOf: chunk) } else { eof = true }
            if head.isEmpty { head = Array(buffer.prefix(4096)) }
        }
    }

    private mutating func decode(_ bytes: ArraySlice<UInt8>) throws -> String {
        lineNumber += 1
        var bytes = bytes
        if lineNumber == 1, bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes = bytes.dropFirst(3) }
        guard let line = UTF8Check.string(bytes) else {
            let offset = bufferOffset + bytes.startIndex + (UTF8Check.firstInvalidOffset(bytes) ?? 0)
            throw ExchangeError.notUTF8(path: path, line: lineNumber, byteOffset: offset, advice: EncodingGuess.advice(head: head, line: bytes))
        }
        return line
    }

    func close() { try? handle.close() }
}

/// Opening an exchange file, with the one set of messages for what can go wrong.
public enum ExchangeFile {
    /// Throws when `url` is missing or a folder (FileHandle opens a folder on Linux).
    public static func checkReadable(_ url: URL, displayPath: String) throws {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory) else {
            throw ExchangeError.unreadable(path: displayPath, reason: "no such file")
        }
        if isDirectory.boolValue { throw ExchangeError.unreadable(path: displayPath, reason: "is a directory") }
    }

    static func open(_ url: URL, displayPath: String) throws -> FileHandle {
        try checkReadable(url, displayPath: displayPath)
        guard let handle = FileHandle(forReadingAtPath: url.path) else {
            throw ExchangeError.unreadable(path: displayPath, reason: "permission denied")
        }
        return handle
    }
}
