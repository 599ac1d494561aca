import Foundation

/// The encoding of an XML file as its first bytes say: a UTF-16 byte order mark or layout, or the
/// `encoding="…"` of the XML declaration (UTF-8 when there is none).
public enum XMLEncoding: Equatable, Sendable {
    case utf8
    case utf16
    /// Any other declared encoding, as written.
    case other(String)

    /// Reads the encoding from the first bytes of a file (the XML declaration fits in a few hundred).
    public init(head: [UInt8]) {
        if head.starts(with: [0xFF, 0xFE]) || head.starts(with: [0xFE, 0xFF])
            || head.starts(with: [0x3C, 0x00]) || head.starts(with: [0x00, 0x3C])
        {
            self = .utf16
            return
        }
        var bytes = head[...]
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes = bytes.dropFirst(3) }
        guard bytes.starts(with: Array("<?xml".utf8)),
            let close = bytes.firstRange(of: Array("?>".utf8))
        else {
            self = .utf8
            return
        }
        let declaration = String(decoding: bytes[..<close.lowerBound], as: UTF8.self)
        guard let match = declaration.firstMatch(of: /encoding\s*=\s*["']([^"']*)["']/) else {
            self = .utf8
            return
        }
        let name = String(match.1)
        switch name.uppercased() {
        case "UTF-8", "UTF8", "US-ASCII", "ASCII": self = .utf8
        case "UTF-16", "UTF-16LE", "UTF-16BE", "UTF16": self = .utf16
        default: self = .other(name)
        }
    }
}
