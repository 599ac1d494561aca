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
        while start < bytes.count {
            var end = start
            while end < bytes.count && bytes[end] != 0x0A { end += 1 }
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
        UTF8Check.firstInvalidOffset(bytes).map { bytes.startIndex + $0 }
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
