import CCmark
import TsuzuriText

/// Turns cmark's walk into pieces placed in the file. cmark-gfm gives reliable source positions
/// only for blocks, so each text node's literal is aligned to the block's source lines here: a
/// cursor walks the source and every literal scalar is matched where it is written, stepping over
/// what Markdown adds around text (emphasis markers, link brackets, list and quote prefixes) and
/// reading backslash escapes and entities as the one character they stand for. What is not
/// checked (code spans, raw HTML, autolinks, link destinations) is stepped over by its syntax.
struct MarkdownWalker {
    /// Parts ready to hand on (drained by the caller after every step).
    var output: [MarkdownEvent] = []

    private let source: UnsafeBufferPointer<UInt8>
    /// Byte offset where each line starts (index 0 is line 1).
    private let lineStarts: [Int]

    // The cursor: a byte offset on a line, and its column in scalars.
    private var line = 1
    private var position = 0
    private var lineEnd = 0
    private var column = 1
    /// Block quotes around the current block: how many `>` a continuation line starts with.
    private var quoteDepth = 0
    /// The last line of the current block: scans for closing syntax stop there.
    private var blockEndLine = 0
    /// True until the block's first text is placed; link reference definitions may precede it.
    private var atBlockStart = false

    // The piece being built: scalars on one line, as a run while they sit side by side.
    private var pieceBytes: [UInt8] = []
    private var pieceLine = 0
    private var pieceFirstColumn = 0
    private var pieceCount = 0
    private var pieceEndColumn = 0
    private var pieceStarts: [FilePosition] = []
    private var pieceIsRun = true

    init(source: UnsafeBufferPointer<UInt8>) {
        self.source = source
        var starts = [0]
        var index = 0
        while index < source.count {
            if source[index] == 0x0A { starts.append(index + 1) }
            index += 1
        }
        self.lineStarts = starts
        moveTo(line: 1, byteColumn: 1)
    }

    /// Takes one step of cmark's walk; returns true when the node's children must be skipped.
    mutating func step(_ event: ccmark_event) -> Bool {
        let entering = event.entering != 0
        switch event.kind {
        case CCMARK_BLOCK_QUOTE:
            quoteDepth += entering ? 1 : -1
        case CCMARK_PARAGRAPH, CCMARK_HEADING, CCMARK_TABLE_ROW:
            flush()
            if entering { beginBlock(event) }
        case CCMARK_TABLE_CELL:
            if entering { flush() }
        case CCMARK_HTML_BLOCK:
            if let text = literal(event), text.drop(while: { $0 == " " }).hasPrefix("<!--") {
                let breaks = text.dropLast(text.hasSuffix("\n") ? 1 : 0).utf8.reduce(0) { $0 + ($1 == 0x0A ? 1 : 0) }
                output.append(.comment(text, lines: Int(event.start_line)...Int(event.start_line) + breaks))
            }
        case CCMARK_TEXT:
            if let bytes = literalBytes(event) { place(bytes) }
            atBlockStart = false
        case CCMARK_SOFTBREAK, CCMARK_LINEBREAK:
            flush()
            continueOnNextLine()
        case CCMARK_CODE:
            flush()
            stepOverCodeSpan()
        case CCMARK_HTML_INLINE:
            flush()
            if let bytes = literalBytes(event) { stepOverInlineHTML(bytes) }
        case CCMARK_LINK, CCMARK_IMAGE:
            if entering {
                if opensAutolink() {
                    flush()
                    stepOverAutolink()
                    return true
                }
                _ = seek(0x5B, crossingLines: false)  // [
                advance()
            } else {
                stepOverLinkEnd()
            }
        default:
            break
        }
        return false
    }

    // MARK: Blocks

    private mutating func beginBlock(_ event: ccmark_event) {
        blockEndLine = max(Int(event.end_line), Int(event.start_line))
        atBlockStart = true
        switch event.kind {
        case CCMARK_TABLE_ROW:
            moveTo(line: Int(event.start_line), byteColumn: 1)
        case CCMARK_HEADING:
            moveTo(line: Int(event.start_line), byteColumn: Int(event.start_column))
            stepOverATXOpening()
        default:
            moveTo(line: Int(event.start_line), byteColumn: Int(event.start_column))
        }
    }

    /// `## ` before an ATX heading's text (a setext heading's text may itself start with `#`).
    private mutating func stepOverATXOpening() {
        let saved = cursor
        skipBlanks()
        var hashes = 0
        while let byte = current, byte == 0x23 {
            hashes += 1
            advance()
        }
        if hashes >= 1, hashes <= 6, current == nil || current == 0x20 || current == 0x09 {
            skipBlanks()
        } else {
            cursor = saved
        }
    }

    /// After a line break inside a block: the next line, past its indentation and quote markers.
    private mutating func continueOnNextLine() {
        guard line < lineStarts.count else { return }
        moveTo(line: line + 1, byteColumn: 1)
        skipBlanks()
        for _ in 0..<quoteDepth {
            guard current == 0x3E else { break }  // >
            advance()
            skipBlanks()
        }
    }

    // MARK: Text

    /// Places every scalar of a text literal where it is written and adds it to the piece.
    private mutating func place(_ literal: UnsafeBufferPointer<UInt8>) {
        var index = 0
        while index < literal.count {
            let lead = literal[index]
            if lead == 0x0A {
                flush()
                continueOnNextLine()
                index += 1
                continue
            }
            let length = min(Self.scalarLength(lead), literal.count - index)
            if let match = find(literal, at: index, length: length) {
                setCursor(match.cursor)
                add(literal, at: index, length: length, start: match.start, endColumn: match.endColumn)
            } else if atBlockStart, let match = findOnLaterLines(literal, at: index, length: length) {
                // Link reference definitions at the top of a paragraph are not part of its text.
                setCursor(match.cursor)
                add(literal, at: index, length: length, start: match.start, endColumn: match.endColumn)
            } else {
                // Not found where it should be: keep the cursor and place the scalar there, so
                // that one surprise costs one column, not the rest of the block.
                add(literal, at: index, length: length, start: FilePosition(line: line, column: column), endColumn: column + 1)
            }
            atBlockStart = false
            index += length
        }
    }

    private struct Match {
        var start: FilePosition
        var endColumn: Int
        var cursor: Cursor
    }

    /// The next place on the cursor's line where scalar `literal[index..<index+length]` is written:
    /// as itself, as a backslash escape, or as an entity. Markup before it is stepped over.
    private func find(_ literal: UnsafeBufferPointer<UInt8>, at index: Int, length: Int) -> Match? {
        var at = position
        var col = column
        while at < lineEnd {
            let byte = source[at]
            if byte == 0x5C, at + 1 < lineEnd, Self.isASCIIPunctuation(source[at + 1]) {  // \
                if length == 1, literal[index] == source[at + 1] {
                    return Match(start: .init(line: line, column: col), endColumn: col + 2, cursor: .init(line: line, position: at + 2, column: col + 2))
                }
                at += 2
                col += 2
                continue
            }
            if byte == 0x26, let entity = entityLength(at: at), !literalRepeats(literal, at: index, sourceAt: at, length: entity) {  // &
                // An entity is read as the character it stands for (an unknown name stays as
                // written, and then the literal repeats it).
                return Match(start: .init(line: line, column: col), endColumn: col + entity, cursor: .init(line: line, position: at + entity, column: col + entity))
            }
            if at + length <= lineEnd, literalRepeats(literal, at: index, sourceAt: at, length: length) {
                return Match(start: .init(line: line, column: col), endColumn: col + 1, cursor: .init(line: line, position: at + length, column: col + 1))
            }
            at += Self.scalarLength(byte)
            col += 1
        }
        return nil
    }

    private mutating func findOnLaterLines(_ literal: UnsafeBufferPointer<UInt8>, at index: Int, length: Int) -> Match? {
        let saved = cursor
        while line < blockEndLine, line < lineStarts.count {
            continueOnNextLine()
            if let match = find(literal, at: index, length: length) {
                cursor = saved
                return match
            }
        }
        cursor = saved
        return nil
    }

    private func literalRepeats(_ literal: UnsafeBufferPointer<UInt8>, at index: Int, sourceAt: Int, length: Int) -> Bool {
        guard index + length <= literal.count, sourceAt + length <= source.count else { return false }
        for offset in 0..<length where literal[index + offset] != source[sourceAt + offset] { return false }
        return true
    }

    /// The length of an entity or numeric character reference at `at` (`&amp;`, `&#12354;`, `&#x3042;`).
    private func entityLength(at: Int) -> Int? {
        var index = at + 1
        guard index < lineEnd else { return nil }
        func run(_ isMember: (UInt8) -> Bool, max: Int) -> Int {
            var count = 0
            while index < lineEnd, count < max, isMember(source[index]) {
                index += 1
                count += 1
            }
            return count
        }
        if source[index] == 0x23 {  // #
            index += 1
            guard index < lineEnd else { return nil }
            if source[index] | 0x20 == 0x78 {  // x or X
                index += 1
                guard run(Self.isHexDigit, max: 6) >= 1 else { return nil }
            } else {
                guard run(Self.isDigit, max: 7) >= 1 else { return nil }
            }
        } else {
            guard Self.isLetter(source[index]) else { return nil }
            guard run({ Self.isLetter($0) || Self.isDigit($0) }, max: 32) >= 1 else { return nil }
        }
        guard index < lineEnd, source[index] == 0x3B else { return nil }  // ;
        return index + 1 - at
    }

    // MARK: Syntax that is not checked

    /// A code span: from its opening backtick run to the closing run of the same length.
    private mutating func stepOverCodeSpan() {
        let saved = cursor
        guard seek(0x60, crossingLines: false) else { return }  // `
        let opening = backtickRun()
        while seek(0x60, crossingLines: true) {
            if backtickRun() == opening { return }
        }
        cursor = saved
    }

    private mutating func backtickRun() -> Int {
        var count = 0
        while current == 0x60 {
            count += 1
            advance()
        }
        return count
    }

    /// Inline HTML: its literal is the source as written, so its lines and last line's text say where it ends.
    private mutating func stepOverInlineHTML(_ literal: UnsafeBufferPointer<UInt8>) {
        guard seek(0x3C, crossingLines: false) else { return }  // <
        let startLine = line
        let lines = literal.split(separator: 0x0A, omittingEmptySubsequences: false)
        let isComment = literal.starts(with: Array("<!--".utf8))
        if isComment {
            output.append(.comment(String(decoding: literal, as: UTF8.self), lines: startLine...startLine + lines.count - 1))
        }
        if lines.count > 1 {
            for _ in 1..<lines.count where line < blockEndLine { moveTo(line: line + 1, byteColumn: 1) }
        }
        var last = lines.last ?? literal[0..<0]
        while let first = last.first, first == 0x20 || first == 0x09 { last = last.dropFirst() }
        // Find the last line's text on this line and step past it.
        var at = position
        var col = column
        while at + last.count <= lineEnd {
            if source[at..<at + last.count].elementsEqual(last) {
                var step = at
                while step < at + last.count {
                    step += Self.scalarLength(source[step])
                    col += 1
                }
                setCursor(Cursor(line: line, position: step, column: col))
                return
            }
            at += Self.scalarLength(source[at])
            col += 1
        }
    }

    /// True when the link starting at the cursor is an autolink (`<https://…>`), whose text is a URL.
    private func opensAutolink() -> Bool {
        var at = position
        while at < lineEnd, source[at] == 0x2A || source[at] == 0x5F || source[at] == 0x7E { at += 1 }  // * _ ~
        return at < lineEnd && source[at] == 0x3C
    }

    private mutating func stepOverAutolink() {
        guard seek(0x3C, crossingLines: false) else { return }
        if seek(0x3E, crossingLines: false) { advance() }
    }

    /// The end of a link or image after its text: `]` and then `(destination "title")`, `[label]` or nothing.
    private mutating func stepOverLinkEnd() {
        guard seek(0x5D, crossingLines: true) else { return }  // ]
        advance()
        switch current {
        case 0x28:  // (
            advance()
            skipBlanksAcrossLines()
            if current == 0x3C {  // <destination>
                if seek(0x3E, crossingLines: false) { advance() }
            } else {
                var depth = 0
                while let byte = current, byte != 0x20, byte != 0x09 {
                    if byte == 0x5C {
                        advance()
                    } else if byte == 0x28 {
                        depth += 1
                    } else if byte == 0x29 {
                        if depth == 0 { break }
                        depth -= 1
                    }
                    advance()
                }
            }
            skipBlanksAcrossLines()
            if let opener = current, opener == 0x22 || opener == 0x27 || opener == 0x28 {  // " ' (
                advance()
                if seek(opener == 0x28 ? 0x29 : opener, crossingLines: true) { advance() }
                skipBlanksAcrossLines()
            }
            if current == 0x29 { advance() }
        case 0x5B:  // [label]
            advance()
            if seek(0x5D, crossingLines: true) { advance() }
        default:
            break
        }
    }

    // MARK: The piece

    private mutating func add(_ literal: UnsafeBufferPointer<UInt8>, at index: Int, length: Int, start: FilePosition, endColumn: Int) {
        // Markup between two scalars (emphasis markers, link syntax, a code span) ends the piece:
        // a piece's columns then stay exact, and a finding's length never covers the markup.
        if pieceCount > 0, pieceLine != start.line || start.column != pieceEndColumn { flush() }
        if pieceCount == 0 {
            pieceLine = start.line
            pieceFirstColumn = start.column
            pieceIsRun = true
        }
        if pieceIsRun, endColumn != start.column + 1 {
            // An escape or entity is wider than the character it stands for: from now on every
            // scalar gets its own place.
            pieceIsRun = false
            pieceStarts.removeAll(keepingCapacity: true)
            for offset in 0..<pieceCount { pieceStarts.append(FilePosition(line: pieceLine, column: pieceFirstColumn + offset)) }
        }
        if !pieceIsRun { pieceStarts.append(start) }
        for offset in 0..<length { pieceBytes.append(literal[index + offset]) }
        pieceCount += 1
        pieceEndColumn = endColumn
    }

    /// Hands on the piece being built, if any.
    mutating func flush() {
        guard pieceCount > 0 else { return }
        let text = String(decoding: pieceBytes, as: UTF8.self)
        let piece =
            pieceIsRun
            ? TextPiece(text: text, line: pieceLine, column: pieceFirstColumn)
            : TextPiece(text: text, starts: pieceStarts, end: FilePosition(line: pieceLine, column: pieceEndColumn))
        output.append(.text(piece))
        pieceBytes.removeAll(keepingCapacity: true)
        pieceStarts.removeAll(keepingCapacity: true)
        pieceCount = 0
    }

    // MARK: The cursor

    private struct Cursor {
        var line: Int
        var position: Int
        var column: Int
    }

    private var cursor: Cursor {
        get { Cursor(line: line, position: position, column: column) }
        set { setCursor(newValue) }
    }

    private mutating func setCursor(_ cursor: Cursor) {
        if cursor.line != line { lineEnd = Self.lineEnd(of: cursor.line, starts: lineStarts, source: source) }
        line = cursor.line
        position = cursor.position
        column = cursor.column
    }

    /// Moves to a line and a 1-based byte column (cmark's positions), kept within the line.
    private mutating func moveTo(line target: Int, byteColumn: Int) {
        let target = min(max(target, 1), lineStarts.count)
        line = target
        lineEnd = Self.lineEnd(of: target, starts: lineStarts, source: source)
        let start = lineStarts[target - 1]
        position = start
        column = 1
        let goal = min(start + max(byteColumn - 1, 0), lineEnd)
        while position < goal { advance() }
    }

    private static func lineEnd(of line: Int, starts: [Int], source: UnsafeBufferPointer<UInt8>) -> Int {
        let start = starts[line - 1]
        var end = line < starts.count ? starts[line] - 1 : source.count
        if end > start, source[end - 1] == 0x0D { end -= 1 }
        return end
    }

    /// The byte under the cursor; nil at the end of the line.
    private var current: UInt8? { position < lineEnd ? source[position] : nil }

    /// One scalar forward on the line.
    private mutating func advance() {
        guard position < lineEnd else { return }
        position = min(position + Self.scalarLength(source[position]), lineEnd)
        column += 1
    }

    private mutating func skipBlanks() {
        while let byte = current, byte == 0x20 || byte == 0x09 { advance() }
    }

    private mutating func skipBlanksAcrossLines() {
        while true {
            skipBlanks()
            guard current == nil, line < blockEndLine else { return }
            continueOnNextLine()
        }
    }

    /// Moves to the next `byte` not escaped by a backslash, on this line or (when `crossingLines`)
    /// on the block's later lines; the cursor stays put when there is none.
    private mutating func seek(_ byte: UInt8, crossingLines: Bool) -> Bool {
        let saved = cursor
        while true {
            while let here = current {
                if here == byte { return true }
                if here == 0x5C, byte != 0x60 {
                    advance()  // an escaped character is text, not the syntax sought
                }
                advance()
            }
            guard crossingLines, line < blockEndLine, line < lineStarts.count else { break }
            moveTo(line: line + 1, byteColumn: 1)
        }
        cursor = saved
        return false
    }

    // MARK: Bytes

    private func literal(_ event: ccmark_event) -> String? {
        literalBytes(event).map { String(decoding: $0, as: UTF8.self) }
    }

    private func literalBytes(_ event: ccmark_event) -> UnsafeBufferPointer<UInt8>? {
        guard let base = event.literal else { return nil }
        return UnsafeBufferPointer(start: base, count: event.literal_length)
    }

    private static func scalarLength(_ lead: UInt8) -> Int {
        lead < 0x80 ? 1 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4
    }

    private static func isASCIIPunctuation(_ byte: UInt8) -> Bool {
        (0x21...0x2F).contains(byte) || (0x3A...0x40).contains(byte) || (0x5B...0x60).contains(byte) || (0x7B...0x7E).contains(byte)
    }

    private static func isDigit(_ byte: UInt8) -> Bool { (0x30...0x39).contains(byte) }
    private static func isHexDigit(_ byte: UInt8) -> Bool { isDigit(byte) || (0x61...0x66).contains(byte | 0x20) }
    private static func isLetter(_ byte: UInt8) -> Bool { (0x61...0x7A).contains(byte | 0x20) }
}
