import CZlib
import Foundation
import TsuzuriText

/// The text of one dictionary file as it is on disk: gzip-compressed or not, EUC-JP (as the
/// EDRDG and Debian ship EDICT and ENAMDICT) or UTF-8, decided from the bytes, not the name.
public struct DictionaryFile: Sendable {
    /// The text encodings a dictionary file may be in.
    public enum Encoding: String, Sendable, Codable {
        case utf8 = "UTF-8"
        case eucJP = "EUC-JP"
    }

    public var path: String
    public var text: String
    public var encoding: Encoding
    public var compressed: Bool
    /// Size of the file on disk, in bytes.
    public var size: Int

    /// Decompressed files larger than this are refused (the full EDICT2 is about 60 MB).
    static let sizeLimit = 1 << 31

    /// Reads and decodes `path`.
    public init(path: String) throws {
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path), options: .mappedIfSafe)
        } catch {
            var isDirectory: ObjCBool = false
            let exists = FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory)
            let reason = !exists ? "no such file" : isDirectory.boolValue ? "is a directory; give the dictionary files inside it" : "permission denied"
            throw DictionaryError.unreadable(path: path, reason: reason)
        }
        try self.init(path: path, bytes: [UInt8](data))
    }

    /// Decodes the bytes of a dictionary file named `path` (for messages).
    public init(path: String, bytes raw: [UInt8]) throws {
        self.path = path
        size = raw.count
        var bytes = raw
        compressed = czlib_is_gzip(raw, raw.count) != 0
        if compressed { bytes = try Self.gunzip(raw, path: path) }
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes.removeFirst(3) }
        if let utf8 = String(validating: bytes, as: UTF8.self) {
            text = utf8
            encoding = .utf8
        } else if let euc = CharsetDecoder.decode(bytes, charset: "EUC-JP"), !Self.hasControls(euc) {
            text = euc
            encoding = .eucJP
        } else {
            throw DictionaryError.unknownEncoding(path: path, line: Self.firstUndecodableLine(bytes))
        }
    }

    private static func gunzip(_ bytes: [UInt8], path: String) throws -> [UInt8] {
        var output: UnsafeMutablePointer<UInt8>?
        var length = 0
        var message: UnsafePointer<CChar>?
        let status = czlib_gunzip(bytes, bytes.count, sizeLimit, &output, &length, &message)
        defer { czlib_free(output) }
        switch status {
        case CZLIB_OK:
            return Array(UnsafeBufferPointer(start: output, count: length))
        case CZLIB_TRUNCATED:
            throw DictionaryError.badGzip(path: path, reason: "the gzip data ends early (a truncated file)")
        case CZLIB_TOO_LARGE:
            throw DictionaryError.badGzip(path: path, reason: "decompresses to more than \(sizeLimit >> 20) MiB or out of memory")
        default:
            let reason = message.map { String(cString: $0) } ?? "invalid compressed data"
            throw DictionaryError.badGzip(path: path, reason: "damaged gzip data (\(reason))")
        }
    }

    /// ICU's EUC-JP reads the bytes 0x80–0x8D as C1 controls, so that Shift_JIS often decodes
    /// without an error; no dictionary holds control characters other than tab and line ends.
    static func hasControls(_ text: String) -> Bool {
        text.unicodeScalars.contains { v in
            (v.value < 0x20 && v != "\t" && v != "\n" && v != "\r") || (0x7F...0x9F).contains(v.value)
        }
    }

    /// The first line (1-based) that breaks the encoding the file seems to be in (the one its
    /// first non-ASCII line is valid in); only asked once decoding the whole file failed.
    private static func firstUndecodableLine(_ bytes: [UInt8]) -> Int {
        var number = 0
        var expectUTF8: Bool?
        for line in bytes.split(separator: 0x0A, omittingEmptySubsequences: false) {
            number += 1
            if line.allSatisfy({ $0 < 0x80 }) { continue }
            let utf8 = String(validating: line, as: UTF8.self) != nil
            let euc = CharsetDecoder.decode(line, charset: "EUC-JP").map { !hasControls($0) } ?? false
            if expectUTF8 == nil {
                if !utf8 && !euc { return number }
                expectUTF8 = utf8
                continue
            }
            if expectUTF8 == true ? !utf8 : !euc { return number }
        }
        return max(number, 1)
    }
}
