import Foundation

/// Why an exchange file could not be read or written; every message names the file and, where
/// known, the line.
public enum ExchangeError: Error, LocalizedError, Equatable, Sendable {
    case unreadable(path: String, reason: String)
    case malformed(path: String, line: Int, reason: String)
    case entitiesRefused(path: String, line: Int)
    case unitTooLarge(path: String, line: Int, limit: Int)
    case invalidUTF8(path: String, line: Int)
    /// Invalid UTF-8 in a line-based file (PO, TSV), with the byte offset from the start of the
    /// file and `advice` naming the likely encoding (`EncodingGuess`).
    case notUTF8(path: String, line: Int, byteOffset: Int, advice: String)
    case notTMX(path: String, root: String)
    case missingLanguage(path: String, line: Int, what: String)

    public var errorDescription: String? {
        switch self {
        case .unreadable(let path, let reason):
            return "\(path): cannot read: \(reason)"
        case .malformed(let path, let line, let reason):
            return "\(path):\(line): \(reason)"
        case .entitiesRefused(let path, let line):
            return "\(path):\(line): the DOCTYPE declares entities; tsuzuri refuses XML entity declarations (external entities and entity expansion)"
        case .unitTooLarge(let path, let line, let limit):
            return "\(path):\(line): unit longer than \(limit / (1 << 20)) MiB (a line, or a TMX <tu> with its text, codes, notes and properties); tsuzuri refuses units this large"
        case .invalidUTF8(let path, let line):
            return "\(path):\(line): invalid UTF-8"
        case .notUTF8(let path, let line, let byteOffset, let advice):
            return "\(path):\(line): invalid UTF-8 at byte offset \(byteOffset); \(advice)"
        case .notTMX(let path, let root):
            return "\(path):1: not a TMX file (root element <\(root)>, expected <tmx>)"
        case .missingLanguage(let path, let line, let what):
            return "\(path):\(line): \(what)"
        }
    }
}

/// Limits that keep a hostile or broken file from exhausting memory.
public enum ExchangeLimits {
    /// The longest segment (or TSV/PO line) accepted, in UTF-8 bytes.
    public static let maxSegmentBytes = 1 << 20
}
