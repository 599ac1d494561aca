import CCmark
import Foundation
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
    /// The last line of the last paragraph, heading or table (where a block without a position starts looking).
    private var lastBlockEndLine = 0
    /// The next table row is the header row.
    private var headerRowNext = false
    /// The underline of the setext heading being read (0 otherwise).
    private var setextUnderlineLine = 0

    // The piece being built: scalars on one line, as a run while they sit side by side.
    private var pieceBytes: [UInt8] = []
    private var pieceLine = 0
    private var pieceFirstColumn = 0
    private var pieceCount = 0
    private var pieceEndColumn = 0
    private var pieceStarts: [FilePosition] = []
    private var pieceIsRun = true

    /// Lines of the file before the source (the source is a chunk of it).
    private let lineOffset: Int

    init(source: UnsafeBufferPointer<UInt8>, lineOffset: Int = 0) {
        self.source = source
        self.lineOffset = lineOffset
        // Lines end as cmark ends them: LF, CRLF or a lone CR.
        var starts = [0]
        var index = 0
        while index < source.count {
            let byte = source[index]
            if byte == 0x0A || (byte == 0x0D && (index + 1 == source.count || source[index + 1] != 0x0A)) {
                starts.append(index + 1)
            }
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
            if entering {
                beginBlock(event)
            } else if event.kind != CCMARK_TABLE_ROW {
                lastBlockEndLine = max(lastBlockEndLine, line, setextUnderlineLine)
            }
        case CCMARK_TABLE:
            if entering { headerRowNext = true } else { lastBlockEndLine = max(lastBlockEndLine, Int(event.end_line)) }
        case CCMARK_CODE_BLOCK, CCMARK_THEMATIC_BREAK:
            lastBlockEndLine = max(lastBlockEndLine, Int(event.start_line), Int(event.end_line))
        case CCMARK_TABLE_CELL:
            if entering {
                flush()
                // The cell starts after the pipe that separates it from the one before.
                let saved = cursor
                skipBlanks()
                if current == 0x7C { advance() } else { cursor = saved }
            }
        case CCMARK_HTML_BLOCK:
            lastBlockEndLine = max(lastBlockEndLine, Int(event.start_line), Int(event.end_line))
            if let text = literal(event), text.drop(while: { $0 == " " }).hasPrefix("<!--") {
                let breaks = text.dropLast(text.hasSuffix("\n") ? 1 : 0).utf8.reduce(0) { $0 + ($1 == 0x0A ? 1 : 0) }
                let first = Int(event.start_line) + lineOffset
                output.append(.comment(text, lines: first...first + breaks))
            }
        case CCMARK_TEXT:
            if let bytes = literalBytes(event) { place(bytes) }
        case CCMARK_SOFTBREAK, CCMARK_LINEBREAK:
            flush()
            continueOnNextLine()
        case CCMARK_CODE:
            flush()
            stepOverCodeSpan()
        case CCMARK_HTML_INLINE:
            flush()
            if let bytes = literalBytes(event) { stepOverInlineHTML(bytes) }
        case CCMARK_EMPH, CCMARK_STRONG, CCMARK_STRIKETHROUGH:
            // Opening and closing markers are stepped over where they stand, so that a literal
            // `*` next to them (`**\*`, an unmatched `*`) is matched to the right character.
            stepOverDelimiters(event.kind == CCMARK_STRONG ? 2 : event.kind == CCMARK_EMPH ? 1 : 2, tilde: event.kind == CCMARK_STRIKETHROUGH)
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
        setextUnderlineLine = 0
        switch event.kind {
        case CCMARK_TABLE_ROW:
            var rowLine = Int(event.start_line)
            if headerRowNext {
                // cmark-gfm places a header row that follows paragraph text on the paragraph's
                // first line: the header is the line above the delimiter row.
                headerRowNext = false
                if let delimiter = delimiterRow(after: rowLine) { rowLine = delimiter - 1 }
            }
            moveTo(line: rowLine, byteColumn: 1)
        case CCMARK_HEADING:
            moveTo(line: Int(event.start_line), byteColumn: Int(event.start_column))
            if event.setext == 0 {
                stepOverATXOpening()
            } else if let underline = setextUnderline(after: line) {
                setextUnderlineLine = underline
                // cmark's end of a setext heading is not reliable: its text ends above the underline.
                skipReferenceDefinitions(firstTextLine: underline - Int(event.content_lines))
            }
        default:
            if event.start_line <= 0 {
                // The paragraph above a table that cmark-gfm split off has no position: it starts
                // on the first line with text after the block before it.
                moveTo(line: min(lastBlockEndLine + 1, lineStarts.count), byteColumn: 1)
                skipEmptyLines()
                blockEndLine = line + max(Int(event.content_lines), 1) - 1
                return
            }
            moveTo(line: Int(event.start_line), byteColumn: Int(event.start_column))
            skipReferenceDefinitions(firstTextLine: Int(event.end_line) - Int(event.content_lines) + 1)
        }
    }

    /// Past lines that hold nothing but their container prefix.
    private mutating func skipEmptyLines() {
        while true {
            let saved = cursor
            if line > 1 {
                moveTo(line: line - 1, byteColumn: 1)
                continueOnNextLine()
            }
            skipBlanks()
            guard current == nil, line < lineStarts.count else {
                cursor = saved
                return
            }
            moveTo(line: line + 1, byteColumn: 1)
        }
    }

    /// The first line from `start` on that is a table's delimiter row (`|---|:--:|`).
    private func delimiterRow(after start: Int) -> Int? {
        var probe = self
        probe.moveTo(line: max(start, 1), byteColumn: 1)
        while probe.line < lineStarts.count {
            probe.continueOnNextLine()
            probe.skipBlanks()
            var dashes = 0
            var other = false
            while let byte = probe.current {
                if byte == 0x2D { dashes += 1 } else if ![0x7C, 0x3A, 0x20, 0x09].contains(byte) { other = true }
                probe.advance()
            }
            if dashes > 0, !other { return probe.line }
        }
        return nil
    }

    /// Link reference definitions at the top of a paragraph are not text: the
    /// text starts on `firstTextLine` (from the lines cmark left), past its container prefix.
    private mutating func skipReferenceDefinitions(firstTextLine: Int) {
        guard firstTextLine > line, firstTextLine <= blockEndLine, firstTextLine <= lineStarts.count else { return }
        moveTo(line: firstTextLine - 1, byteColumn: 1)
        continueOnNextLine()
    }

    /// The first line after `start` made only of `=` or `-` (past quote markers and indentation).
    private func setextUnderline(after start: Int) -> Int? {
        var probe = self
        while probe.line < lineStarts.count {
            probe.continueOnNextLine()
            probe.skipBlanks()
            guard let marker = probe.current else { return nil }  // a blank line ends the block
            if marker == 0x3D || marker == 0x2D {  // = -
                while probe.current == marker { probe.advance() }
                probe.skipBlanks()
                if probe.current == nil { return probe.line }
            }
        }
        return nil
    }

    /// `## ` before an ATX heading's text (a setext heading's text may itself start with `#`);
    /// false when the heading is not ATX.
    @discardableResult
    private mutating func stepOverATXOpening() -> Bool {
        let saved = cursor
        skipBlanks()
        var hashes = 0
        while let byte = current, byte == 0x23 {
            hashes += 1
            advance()
        }
        if hashes >= 1, hashes <= 6, current == nil || current == 0x20 || current == 0x09 {
            skipBlanks()
            return true
        }
        cursor = saved
        return false
    }

    /// After a line break inside a block: the next line, past its indentation and quote markers.
    private mutating func continueOnNextLine() {
        guard line < lineStarts.count else { return }
        moveTo(line: line + 1, byteColumn: 1)
        // Indentation is left to the text search: cmark sometimes keeps it as text (after a
        // backslash break before CRLF). Quote markers are stepped over, never read as text.
        for _ in 0..<quoteDepth {
            let saved = cursor
            skipBlanks()
            // A marker is indented three columns at most: `    > a` on a lazy continuation line
            // is text, and stepping over its `>` sent the rest of the paragraph astray (fuzzer).
            guard current == 0x3E, column - saved.column <= 3, !source[saved.position..<position].contains(0x09) else {
                cursor = saved
                break
            }
            advance()
        }
    }

    // MARK: Text

    /// Places every scalar of a text literal where it is written and adds it to the piece.
    private mutating func place(_ literal: UnsafeBufferPointer<UInt8>) {
        // Most text is written as it reads: when the line holds the literal at the cursor (past
        // indentation), it is one run. Not when it holds & or \, which may be an entity or escape.
        if let first = literal.first, first != 0x20, first != 0x09 { skipBlanks() }
        if position + literal.count <= lineEnd, memcmp(source.baseAddress! + position, literal.baseAddress!, literal.count) == 0,
            !literal.contains(where: { $0 == 0x26 || $0 == 0x5C })
        {
            addRun(literal)
            return
        }
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
            guard let match = find(literal, at: index, length: length) else {
                // Not found where it should be: keep the cursor and place the scalar there, so
                // that one surprise costs one column, not the rest of the block.
                add(literal, at: index, length: length, start: FilePosition(line: line, column: column), endColumn: column + 1)
                index += length
                continue
            }
            setCursor(match.cursor)
            var offset = index
            while offset < index + match.literalLength {
                let scalarLength = min(Self.scalarLength(literal[offset]), index + match.literalLength - offset)
                add(literal, at: offset, length: scalarLength, start: match.start, endColumn: match.endColumn, joined: offset > index)
                offset += scalarLength
            }
            index += match.literalLength
        }
    }

    private struct Match {
        var start: FilePosition
        var endColumn: Int
        var cursor: Cursor
        /// Bytes of the literal it accounts for (an entity may stand for two scalars).
        var literalLength: Int
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
                    return Match(
                        start: .init(line: line, column: col), endColumn: col + 2,
                        cursor: .init(line: line, position: at + 2, column: col + 2), literalLength: 1)
                }
                at += 2
                col += 2
                continue
            }
            if byte == 0x26, let entity = decodeEntity(at: at), literalRepeats(literal, at: index, bytes: entity.decoded) {  // &
                // An entity (all ASCII in the file) is read as the character it stands for.
                return Match(
                    start: .init(line: line, column: col), endColumn: col + entity.length,
                    cursor: .init(line: line, position: at + entity.length, column: col + entity.length),
                    literalLength: entity.decoded.count)
            }
            if at + length <= lineEnd, literalRepeats(literal, at: index, sourceAt: at, length: length) {
                return Match(
                    start: .init(line: line, column: col), endColumn: col + 1,
                    cursor: .init(line: line, position: at + length, column: col + 1), literalLength: length)
            }
            if byte == 0, literalRepeats(literal, at: index, bytes: Self.replacementCharacter) {
                // cmark reads a NUL byte as U+FFFD: matched to the NUL, or the search would
                // carry on to a U+FFFD written further on (inside a code span, past its end).
                return Match(
                    start: .init(line: line, column: col), endColumn: col + 1,
                    cursor: .init(line: line, position: at + 1, column: col + 1), literalLength: 3)
            }
            at += Self.scalarLength(byte)
            col += 1
        }
        return nil
    }

    private static let replacementCharacter: [UInt8] = [0xEF, 0xBF, 0xBD]

    private func literalRepeats(_ literal: UnsafeBufferPointer<UInt8>, at index: Int, sourceAt: Int, length: Int) -> Bool {
        guard index + length <= literal.count, sourceAt + length <= source.count else { return false }
        for offset in 0..<length where literal[index + offset] != source[sourceAt + offset] { return false }
        return true
    }

    private func literalRepeats(_ literal: UnsafeBufferPointer<UInt8>, at index: Int, bytes: [UInt8]) -> Bool {
        guard !bytes.isEmpty, index + bytes.count <= literal.count else { return false }
        for offset in 0..<bytes.count where literal[index + offset] != bytes[offset] { return false }
        return true
    }

    /// The entity or numeric character reference at `at` as cmark reads it: its length in the
    /// file and its UTF-8; nil when there is none (an unknown name is text as written).
    private func decodeEntity(at: Int) -> (length: Int, decoded: [UInt8])? {
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 16) { buffer in
            var decodedLength = 0
            let length = ccmark_decode_entity(source.baseAddress! + at, lineEnd - at, buffer.baseAddress!, buffer.count, &decodedLength)
            guard length > 0 else { return nil }
            return (length, Array(buffer[0..<decodedLength]))
        }
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
            let first = startLine + lineOffset
            output.append(.comment(String(decoding: literal, as: UTF8.self), lines: first...first + lines.count - 1))
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

    /// `count` emphasis markers (`*` or `_`), or one or two `~`, at the cursor.
    private mutating func stepOverDelimiters(_ count: Int, tilde: Bool) {
        let saved = cursor
        skipBlanks()
        guard let marker = current, tilde ? marker == 0x7E : marker == 0x2A || marker == 0x5F else {
            cursor = saved
            return
        }
        for _ in 0..<count where current == marker { advance() }
    }

    /// True when the link starting at the cursor is an autolink (`<https://…>`), whose text is a URL.
    private func opensAutolink() -> Bool {
        var at = position
        // Only emphasis markers, or a continuation line's indentation, stand before it.
        while at < lineEnd, [0x2A, 0x5F, 0x7E, 0x20, 0x09].contains(source[at]) { at += 1 }  // * _ ~ space tab
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

    /// Adds one scalar placed at `start`; `joined` when it comes from the same entity as the one before.
    private mutating func add(
        _ literal: UnsafeBufferPointer<UInt8>, at index: Int, length: Int, start: FilePosition, endColumn: Int, joined: Bool = false
    ) {
        // Markup between two scalars (emphasis markers, link syntax, a code span) ends the piece:
        // a piece's columns then stay exact, and a finding's length never covers the markup.
        if pieceCount > 0, !joined, pieceLine != start.line || start.column != pieceEndColumn { flush() }
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

    /// Adds a literal written as is at the cursor, and moves past it.
    private mutating func addRun(_ literal: UnsafeBufferPointer<UInt8>) {
        var scalars = 0
        for byte in literal where byte & 0xC0 != 0x80 { scalars += 1 }
        if pieceCount > 0, pieceLine != line || column != pieceEndColumn { flush() }
        if pieceCount == 0 {
            pieceLine = line
            pieceFirstColumn = column
            pieceIsRun = true
        }
        if !pieceIsRun {
            for offset in 0..<scalars { pieceStarts.append(FilePosition(line: line, column: column + offset)) }
        }
        pieceBytes.append(contentsOf: literal)
        pieceCount += scalars
        position += literal.count
        column += scalars
        pieceEndColumn = column
    }

    /// Hands on the piece being built, if any.
    mutating func flush() {
        guard pieceCount > 0 else { return }
        let text = String(decoding: pieceBytes, as: UTF8.self)
        let fileLine = pieceLine + lineOffset
        let piece =
            pieceIsRun
            ? TextPiece(text: text, line: fileLine, column: pieceFirstColumn)
            : TextPiece(
                text: text, starts: pieceStarts.map { FilePosition(line: $0.line + lineOffset, column: $0.column) },
                end: FilePosition(line: fileLine, column: pieceEndColumn))
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
        var end = line < starts.count ? starts[line] : source.count
        if end > start, source[end - 1] == 0x0A { end -= 1 }
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
            guard current == nil, line < blockEndLine, line < lineStarts.count else { return }
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

}
