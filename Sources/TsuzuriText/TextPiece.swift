/// A place in a file as people count it: 1-based line and 1-based column in Unicode scalars.
public struct FilePosition: Hashable, Sendable, Comparable, Codable {
    public var line: Int
    public var column: Int

    public init(line: Int, column: Int) {
        self.line = line
        self.column = column
    }

    public static func < (a: FilePosition, b: FilePosition) -> Bool {
        (a.line, a.column) < (b.line, b.column)
    }
}

/// A run of text that a document reader extracted for checking (a line of plain text, a Markdown
/// paragraph line, the text of an HTML element, an XLIFF target), with the place in the file of
/// every character, so that a finding inside it points at the file as it is on disk: after
/// `&amp;`, an inline tag or a PO escape, the columns still count the file's own characters.
///
/// A piece's text never holds a line break, so the checker can treat every piece as a line; its
/// characters may stand on several lines of the file when the format continues one string over
/// lines (a PO string wrapped by msgcat), and `locate` then gives the start and the length
/// within the text.
public struct TextPiece: Sendable, Hashable {
    /// How each scalar of `text` maps into the file.
    public enum Placement: Sendable, Hashable {
        /// Scalar `i` stands at `line`, `column + i`: the text is written in the file as it is read.
        case run(line: Int, column: Int)
        /// Scalar `i` starts at `starts[i]`; `end` is where the last one ends (exclusive). Used
        /// when escapes, entities or markup sit between the characters of the text.
        case mapped(starts: [FilePosition], end: FilePosition)
    }

    /// The text as the document means it (entities decoded, markup left out).
    public var text: String
    public var placement: Placement

    public init(text: String, line: Int, column: Int) {
        self.text = text
        self.placement = .run(line: line, column: column)
    }

    public init(text: String, starts: [FilePosition], end: FilePosition) {
        precondition(starts.count == text.unicodeScalars.count, "one start position per scalar")
        self.text = text
        self.placement = .mapped(starts: starts, end: end)
    }

    /// Where the scalars `range` of `text` stand in the file: the first one's position, and the
    /// length in the file's scalars when the range ends on the same line (its own length otherwise).
    public func locate(_ range: Range<Int>) -> (start: FilePosition, length: Int) {
        switch placement {
        case .run(let line, let column):
            return (FilePosition(line: line, column: column + range.lowerBound), range.count)
        case .mapped(let starts, let end):
            guard !starts.isEmpty else { return (end, 0) }
            let start = starts[min(range.lowerBound, starts.count - 1)]
            let after = range.upperBound < starts.count ? starts[range.upperBound] : end
            let length = after.line == start.line && after.column > start.column ? after.column - start.column : range.count
            return (start, length)
        }
    }

    /// The position of the first scalar (or of the end, for an empty piece).
    public var start: FilePosition { locate(0..<0).start }
}

/// The kinds of document tsuzuri reads.
public enum DocumentFormat: String, Sendable, CaseIterable, Codable {
    case text, markdown, html, xliff, po
}

/// One side (source or target) of a bilingual unit.
public struct UnitText: Sendable, Hashable {
    /// The language code the file gives (`ja`, `en-US`); nil when the file does not say.
    public var language: String?
    /// The text in pieces, each placed in the file (several when the text spans lines).
    public var pieces: [TextPiece]

    public init(language: String?, pieces: [TextPiece]) {
        self.language = language
        self.pieces = pieces
    }

    /// The whole text, pieces joined by line breaks where the file had them.
    public var text: String { pieces.map(\.text).joined(separator: "\n") }

    /// True when the side holds no text but white space.
    public var isBlank: Bool { pieces.allSatisfy { $0.text.allSatisfy(\.isWhitespace) } }

    /// Where the side starts in the file (its first piece), if it has any.
    public var start: FilePosition? { pieces.first?.start }
}

/// One translation unit of a bilingual file (an XLIFF `trans-unit`/`segment`, a PO entry).
public struct BilingualUnit: Sendable, Hashable {
    /// The unit's name in the file: XLIFF `id`, PO `msgctxt` or the first line of `msgid`.
    public var id: String
    public var source: UnitText
    /// The translation; nil or blank when the unit is untranslated.
    public var target: UnitText?
    /// The translation is marked as a draft (PO `fuzzy`, XLIFF states before `translated`): it is
    /// checked, and findings in it say so.
    public var isDraft: Bool

    public init(id: String, source: UnitText, target: UnitText?, isDraft: Bool = false) {
        self.id = id
        self.source = source
        self.target = target
        self.isDraft = isDraft
    }

    /// True when there is no translation to check.
    public var isUntranslated: Bool { target?.isBlank ?? true }
}

/// What a document reader hands on, in document order.
public enum DocumentPart: Sendable {
    /// Running text (an article's line, a paragraph line); `language` is nil when the document
    /// does not say, and a non-Japanese language means the text is not checked for katakana.
    case text(TextPiece, language: String?)
    /// A translation unit of a bilingual file.
    case unit(BilingualUnit)
    /// A suppression comment (`<!-- tsuzuri-disable-next-line -->`): not text to check, but
    /// what `check` leaves out of its report.
    case directive(SuppressionDirective)
}

extension DocumentPart {
    /// Whether a language code names Japanese (`ja`, `ja-JP`, `JA_jp`); nil (unknown) counts as
    /// Japanese, because tsuzuri's documents are Japanese unless they say otherwise.
    public static func isJapanese(_ language: String?) -> Bool {
        guard let language, !language.isEmpty else { return true }
        let lower = language.lowercased()
        return lower == "ja" || lower.hasPrefix("ja-") || lower.hasPrefix("ja_") || lower == "jpn"
    }
}
