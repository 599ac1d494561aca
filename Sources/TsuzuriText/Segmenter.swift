/// A span of one line: where it starts (1-based column, counted in Unicode scalars) and its text.
public struct LineSpan: Hashable, Sendable, Codable {
    public var column: Int
    public var length: Int
    public var text: String

    public init(column: Int, length: Int, text: String) {
        self.column = column
        self.length = length
        self.text = text
    }
}

/// What kind of word ICU saw, from its rule status.
public enum WordKind: String, Sendable, Codable {
    case none, number, letter, kana, ideographic

    init(status: Int32) {
        switch status {
        case 100..<200: self = .number
        case 200..<300: self = .letter
        case 300..<400: self = .kana
        case 400..<500: self = .ideographic
        default: self = .none
        }
    }
}

public struct Word: Hashable, Sendable, Codable {
    public var span: LineSpan
    public var kind: WordKind

    public init(span: LineSpan, kind: WordKind) {
        self.span = span
        self.kind = kind
    }
}

/// Splits lines into sentences and words with ICU's Japanese rules. Not thread-safe: it owns two
/// ICU iterators; make one per thread.
public final class Segmenter {
    private let words: BreakIterator
    private let sentences: BreakIterator

    public init(locale: String = "ja") throws {
        words = try BreakIterator(.word, locale: locale)
        sentences = try BreakIterator(.sentence, locale: locale)
    }

    /// The sentences of a line (ICU sentence boundaries; a line end always ends a sentence).
    /// Leading and trailing white space is left out of each span.
    public func sentences(in line: ScannedLine) throws -> [LineSpan] {
        try spans(of: line, with: sentences).compactMap { range, _ in
            trimmed(range, in: line)
        }
    }

    /// The words of a line (white space and punctuation-only segments left out).
    public func words(in line: ScannedLine) throws -> [Word] {
        try spans(of: line, with: words).compactMap { range, status in
            let kind = WordKind(status: status)
            guard let span = trimmed(range, in: line) else { return nil }
            if kind == .none, !span.text.unicodeScalars.contains(where: { $0.properties.isAlphabetic || $0.properties.numericType != nil }) {
                return nil
            }
            return Word(span: span, kind: kind)
        }
    }

    /// Boundaries as ranges of source scalar indices, with the rule status of each segment.
    private func spans(of line: ScannedLine, with iterator: BreakIterator) throws -> [(Range<Int>, Int32)] {
        let (utf16, scalarAt) = UTF16Map.make(line.source)
        try iterator.setText(utf16)
        var result: [(Range<Int>, Int32)] = []
        var previous = 0
        iterator.forEachBoundary { offset, status in
            let start = scalarAt[previous], end = scalarAt[offset]
            if end > start { result.append((start..<end, status)) }
            previous = offset
        }
        return result
    }

    private func trimmed(_ range: Range<Int>, in line: ScannedLine) -> LineSpan? {
        var lower = range.lowerBound, upper = range.upperBound
        while lower < upper, Self.isSpace(line.source[lower]) { lower += 1 }
        while upper > lower, Self.isSpace(line.source[upper - 1]) { upper -= 1 }
        guard upper > lower else { return nil }
        return LineSpan(column: lower + 1, length: upper - lower, text: line.sourceText(lower..<upper))
    }

    static func isSpace(_ v: UInt32) -> Bool {
        v == 0x20 || v == 0x09 || v == 0x3000 || v == 0x0D || v == 0xA0
    }
}

/// UTF-16 for ICU plus the way back: `scalarAt[utf16Offset]` is the scalar index at that offset.
public enum UTF16Map {
    public static func make(_ scalars: [UInt32]) -> ([UInt16], [Int]) {
        var utf16: [UInt16] = []
        var scalarAt: [Int] = []
        utf16.reserveCapacity(scalars.count)
        scalarAt.reserveCapacity(scalars.count + 1)
        for (index, v) in scalars.enumerated() {
            if v >= 0x10000 {
                let u = v - 0x10000
                utf16.append(UInt16(0xD800 + (u >> 10)))
                utf16.append(UInt16(0xDC00 + (u & 0x3FF)))
                scalarAt.append(index)
                scalarAt.append(index)
            } else {
                utf16.append(UInt16(v))
                scalarAt.append(index)
            }
        }
        scalarAt.append(scalars.count)
        return (utf16, scalarAt)
    }
}
