/// A list of terms, one per line, as `tsuzuri cluster` reads it: tolerant of what real lists
/// hold (a BOM, CRLF, blank lines, repeats) and explicit about what it skips.
public struct TermList: Sendable {
    /// The terms in file order, repeats kept (they count as frequency).
    public var terms: [String] = []
    /// Lines that were skipped, with the reason; blank lines are skipped silently.
    public var skipped: [Skipped] = []

    /// A line left out of the list.
    public struct Skipped: Sendable, Hashable, CustomStringConvertible {
        /// 1-based line number.
        public var line: Int
        /// 0-based byte offset of the problem from the start of the input.
        public var byteOffset: Int
        public var reason: String

        public var description: String { "line \(line): \(reason) at byte offset \(byteOffset); line skipped" }
    }

    /// Lines longer than this (in characters) are skipped: no term is that long, and such a line
    /// is usually a paragraph pasted by mistake.
    public static let maximumLineLength = 1_000

    /// Splits UTF-8 `bytes` into terms: one per line, surrounding spaces trimmed, blank lines
    /// ignored; a line with invalid UTF-8 or longer than `maximumLineLength` is skipped and reported.
    public init(bytes: [UInt8]) {
        var start = 0
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { start = 3 }
        var lineNumber = 0
        while start <= bytes.count {
            var end = start
            while end < bytes.count && bytes[end] != 0x0A { end += 1 }
            if start == bytes.count { break }
            lineNumber += 1
            var lineEnd = end
            if lineEnd > start && bytes[lineEnd - 1] == 0x0D { lineEnd -= 1 }
            let slice = bytes[start..<lineEnd]
            if let offset = Self.firstInvalidUTF8(slice) {
                skipped.append(Skipped(line: lineNumber, byteOffset: offset, reason: "invalid UTF-8"))
            } else {
                let text = String(decoding: slice, as: UTF8.self)
                let term = text.trimmingSpaces()
                if term.count > Self.maximumLineLength {
                    skipped.append(Skipped(line: lineNumber, byteOffset: start,
                                           reason: "line longer than \(Self.maximumLineLength) characters"))
                } else if !term.isEmpty {
                    terms.append(term)
                }
            }
            start = end + 1
        }
    }

    /// The absolute offset of the first byte that is not valid UTF-8, or nil.
    static func firstInvalidUTF8(_ bytes: ArraySlice<UInt8>) -> Int? {
        var i = bytes.startIndex
        while i < bytes.endIndex {
            let b = bytes[i]
            let length: Int
            switch b {
            case 0x00...0x7F: length = 1
            case 0xC2...0xDF: length = 2
            case 0xE0...0xEF: length = 3
            case 0xF0...0xF4: length = 4
            default: return i
            }
            if i + length > bytes.endIndex { return i }
            for k in 1..<length where bytes[i + k] & 0xC0 != 0x80 { return i }
            if length == 3 {
                let b1 = bytes[i + 1]
                if (b == 0xE0 && b1 < 0xA0) || (b == 0xED && b1 > 0x9F) { return i }
            } else if length == 4 {
                let b1 = bytes[i + 1]
                if (b == 0xF0 && b1 < 0x90) || (b == 0xF4 && b1 > 0x8F) { return i }
            }
            i += length
        }
        return nil
    }
}

extension String {
    /// The string without leading and trailing spaces, tabs and ideographic spaces.
    func trimmingSpaces() -> String {
        let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\t" || $0 == "\u{3000}" || $0 == "\r" }
        guard let first = firstIndex(where: { !isSpace($0) }), let last = lastIndex(where: { !isSpace($0) }) else {
            return ""
        }
        return String(self[first...last])
    }
}
