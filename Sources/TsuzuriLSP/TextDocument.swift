/// An open document as the client last described it: its lines (without their line ends) and
/// version. Kept as lines because incremental changes address line and character, so an edit
/// touches only the lines it spans, however long the document.
public struct TextDocument: Sendable {
    public let uri: String
    public var languageID: String
    public var version: Int
    /// Never empty: an empty document has one empty line.
    public private(set) var lines: [String]

    public init(uri: String, languageID: String = "plaintext", version: Int, text: String) {
        self.uri = uri
        self.languageID = languageID
        self.version = version
        self.lines = Self.split(text[...])
    }

    /// The whole text, lines joined by LF (line ends are not kept: tsuzuri's positions, like the
    /// protocol's, count lines whatever ends them).
    public var text: String { lines.joined(separator: "\n") }

    /// A position of the protocol (0-based line, character in `encoding`).
    public struct Position: Hashable, Sendable {
        public var line: Int
        public var character: Int
        public init(line: Int, character: Int) {
            self.line = line
            self.character = character
        }
    }

    /// Why a change could not be applied.
    public enum ChangeError: Error, Equatable, CustomStringConvertible {
        case invertedRange(start: Position, end: Position)
        case negativePosition(Position)

        public var description: String {
            switch self {
            case .invertedRange(let start, let end):
                "the change's range ends (\(end.line):\(end.character)) before it starts (\(start.line):\(start.character))"
            case .negativePosition(let position):
                "the position \(position.line):\(position.character) is negative"
            }
        }
    }

    /// Replaces the text between `start` and `end` with `newText` (an incremental change), or the
    /// whole document when `range` is nil (a full change). Positions past the end of a line or of
    /// the document are clamped to it, as the protocol says.
    public mutating func apply(range: (start: Position, end: Position)?, text newText: String, encoding: PositionEncoding) throws {
        guard let range else {
            lines = Self.split(newText[...])
            return
        }
        for position in [range.start, range.end] where position.line < 0 || position.character < 0 {
            throw ChangeError.negativePosition(position)
        }
        if (range.end.line, range.end.character) < (range.start.line, range.start.character) {
            throw ChangeError.invertedRange(start: range.start, end: range.end)
        }
        let (startLine, startScalar) = resolve(range.start, encoding)
        let (endLine, endScalar) = resolve(range.end, encoding)
        let first = lines[startLine].unicodeScalars
        let last = lines[endLine].unicodeScalars
        var joined = String(String.UnicodeScalarView(first.prefix(startScalar)))
        joined += newText
        joined += String(String.UnicodeScalarView(last.dropFirst(endScalar)))
        lines.replaceSubrange(startLine...endLine, with: Self.split(joined[...]))
    }

    /// A position as (line index, scalar index), clamped to the document.
    public func resolve(_ position: Position, _ encoding: PositionEncoding) -> (line: Int, scalar: Int) {
        if position.line >= lines.count {
            let last = lines.count - 1
            return (last, lines[last].unicodeScalars.count)
        }
        return (position.line, encoding.scalarIndex(ofOffset: position.character, in: lines[position.line][...]))
    }

    /// The protocol position of a 1-based line and 1-based scalar column (tsuzuri's positions).
    public func position(line: Int, column: Int, encoding: PositionEncoding) -> Position {
        let index = line - 1
        guard index >= 0, index < lines.count else { return Position(line: max(index, 0), character: 0) }
        return Position(line: index, character: encoding.offset(ofScalar: column - 1, in: lines[index][...]))
    }

    /// Splits text at LF, CRLF and CR, the three line ends of the protocol.
    static func split(_ text: Substring) -> [String] {
        var lines: [String] = []
        var current = String.UnicodeScalarView()
        var scalars = text.unicodeScalars.makeIterator()
        var pending = scalars.next()
        while let scalar = pending {
            pending = scalars.next()
            switch scalar {
            case "\n":
                lines.append(String(current))
                current = String.UnicodeScalarView()
            case "\r":
                lines.append(String(current))
                current = String.UnicodeScalarView()
                if pending == "\n" { pending = scalars.next() }
            default:
                current.append(scalar)
            }
        }
        lines.append(String(current))
        return lines
    }
}
