import CXML
import TsuzuriText

/// The bytes of an HTML file as on disk (after a BOM), and the way back from the text libxml2
/// hands on to the place of each character in them. libxml2 reports element lines but no text
/// columns, and decodes entities and drops stray markup, so the decoded text is aligned with the
/// source bytes here: backwards from where the parser says the text ended.
struct HTMLSource {
    let bytes: [UInt8]
    /// Byte offset where each line starts (line 1 at index 0); lines end at LF, as in `TextInput`.
    private let lineStarts: [Int]
    /// The last position asked for, so that positions asked in file order cost one pass per line.
    private var cache = (offset: 0, line: 1, column: 1)

    init(bytes: [UInt8]) {
        self.bytes = bytes
        var starts = [0]
        for (index, byte) in bytes.enumerated() where byte == 0x0A { starts.append(index + 1) }
        lineStarts = starts
    }

    /// The 1-based line holding byte `offset`.
    func line(at offset: Int) -> Int {
        var low = 0, high = lineStarts.count - 1
        while low < high {
            let middle = (low + high + 1) / 2
            if lineStarts[middle] <= offset { low = middle } else { high = middle - 1 }
        }
        return low + 1
    }

    /// The line and column (Unicode scalars, 1-based) of byte `offset`.
    mutating func position(at offset: Int) -> FilePosition {
        let line: Int
        var (from, column) = (0, 1)
        if cache.offset <= offset, cache.line == lineStarts.count || offset < lineStarts[cache.line] {
            (line, from, column) = (cache.line, cache.offset, cache.column)  // same line, further on
        } else {
            line = self.line(at: offset)
            from = lineStarts[line - 1]
        }
        for index in from..<min(offset, bytes.count) where bytes[index] & 0xC0 != 0x80 { column += 1 }
        cache = (offset, line, column)
        return FilePosition(line: line, column: column)
    }

    // MARK: Alignment

    /// Where each scalar of `text` stands in the bytes: `text` is what the parser decoded from
    /// the bytes that end at `end` and start no earlier than `floor`. Entities are matched to the
    /// scalar they stand for, markup the parser dropped without an event (a stray end tag) and
    /// references it dropped (`&#0;`) are stepped over. Returns the byte range of every scalar.
    ///
    /// The parser reports `end` one scalar early in two cases (a `<` it takes as text, and the
    /// slices of a long text node), so when the text does not end at `end` it is tried one scalar
    /// further, and then with every `>` taken for the end of a dropped tag first. Should it still
    /// disagree with the bytes, it is placed as the first try placed it (the rest as if written
    /// as is), so that a finding points near its place rather than nowhere.
    func align(_ text: [Unicode.Scalar], endingAt end: Int, floor: Int) -> [Range<Int>] {
        let end = min(end, bytes.count)
        var next = end + 1
        while next < bytes.count, bytes[next] & 0xC0 == 0x80 { next += 1 }
        var first: [Range<Int>]?
        // A `>` in the text can also end a tag the parser dropped: tried the other way round last.
        for (anchor, tagsFirst) in [(end, false), (next, false), (end, true), (next, true)] where anchor <= bytes.count {
            let attempt = align(text, end: anchor, floor: floor, tagsFirst: tagsFirst)
            if !attempt.lost { return attempt.ranges }
            first = first ?? attempt.ranges
        }
        return first ?? []
    }

    private func align(_ text: [Unicode.Scalar], end: Int, floor: Int, tagsFirst: Bool) -> (ranges: [Range<Int>], lost: Bool) {
        var ranges = [Range<Int>](repeating: 0..<0, count: text.count)
        var cursor = end
        var lost = false
        for index in text.indices.reversed() {
            let wanted = text[index]
            if !lost, let range = match(wanted, endingAt: &cursor, floor: floor, tagsFirst: tagsFirst) {
                ranges[index] = range
            } else {
                lost = true
                let start = max(0, cursor - UTF8.width(wanted))
                ranges[index] = start..<max(start, cursor)
                cursor = start
            }
        }
        return (ranges, lost)
    }

    /// The bytes of `wanted` ending at `cursor` (moved to their start), stepping back over what
    /// the parser dropped; nil when the bytes there do not give `wanted`.
    private func match(_ wanted: Unicode.Scalar, endingAt cursor: inout Int, floor: Int, tagsFirst: Bool) -> Range<Int>? {
        while cursor > floor {
            let last = bytes[cursor - 1]
            if tagsFirst, last == UInt8(ascii: ">"), let open = tagStart(endingAt: cursor, floor: floor) {
                cursor = open
                continue
            }
            // A reference is preferred when one ends here: `&#59;` ends in ';' but stands for ';',
            // and `&#x30` (no ';') ends in '0' and stands for '0'.
            if last < 0x80 {
                if let reference = reference(endingAt: cursor, floor: floor) {
                    if reference.value == wanted {
                        defer { cursor = reference.start }
                        return reference.start..<cursor
                    }
                    if reference.value == nil {  // dropped by the parser: no text of its own
                        cursor = reference.start
                        continue
                    }
                }
            }
            guard let (scalar, start) = literal(endingAt: cursor, floor: floor) else { return nil }
            // libxml2's HTML parser reads a NUL byte in text as a space.
            if scalar == wanted || (scalar.value == 0 && wanted == " ") {
                defer { cursor = start }
                return start..<cursor
            }
            if last == UInt8(ascii: ">"), let open = tagStart(endingAt: cursor, floor: floor) {
                cursor = open  // markup the parser dropped (a stray end tag, a second <body>)
                continue
            }
            if cursor - floor >= 2, last == UInt8(ascii: "/"), bytes[cursor - 2] == UInt8(ascii: "<") {
                cursor -= 2  // `</` not followed by a name: the parser drops the two characters
                continue
            }
            if !Self.isXMLChar(scalar.value) {
                cursor = start  // a control character the parser dropped
                continue
            }
            return nil
        }
        return nil
    }

    /// Where the tag whose `>` ends at `cursor` starts: the parser reads a tag from its `<` to the
    /// first `>`, so it is the earliest `<` that opens markup (`<` or `</` before a letter, a
    /// `<!DOCTYPE` in the middle of the page) since the previous `>`; comments and processing
    /// instructions come as events of their own, and any other `<` is text. Nil when there is
    /// none within 1 KiB.
    private func tagStart(endingAt cursor: Int, floor: Int) -> Int? {
        // A quoted attribute value may hold `>` (and line breaks): the tag is the earliest `<`
        // whose tag, read with its quotes, ends here (found by the fuzzer) …
        var open: Int?
        var index = cursor - 2
        while index >= max(floor, cursor - 1024) {
            if bytes[index] == UInt8(ascii: "<"), index + 2 < cursor, opensMarkup(at: index), quotedTagEnd(from: index) == cursor - 1 {
                open = index
            }
            index -= 1
        }
        if open != nil { return open }
        // … else, as the parser reads a tag it cannot close, from `<` to the first `>`.
        index = cursor - 2
        while index >= max(floor, cursor - 1024), bytes[index] != UInt8(ascii: ">") {
            if bytes[index] == UInt8(ascii: "<"), index + 2 < cursor, opensMarkup(at: index) { open = index }
            index -= 1
        }
        return open
    }

    private func opensMarkup(at index: Int) -> Bool {
        let next = bytes[index + 1]
        return Self.isLetter(next) || (next == UInt8(ascii: "/") && Self.isLetter(bytes[index + 2]))
            || bytes[(index + 1)...].prefix(8).map({ $0 | 0x20 }) == Array("!doctype".utf8)
    }

    /// The `>` that ends the tag opening at `start`, read as libxml2's HTML parser reads a start
    /// tag: its name, then attributes, each a name after a blank with an optional `= value`, a
    /// quoted value running to the same quote (`>` and line breaks included); anything else is
    /// skipped to the next blank or `>`, as is a quoted value never closed. Nil when no `>` follows.
    private func quotedTagEnd(from start: Int) -> Int? {
        func isBlank(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D || byte == 0x0C }
        func isNameStart(_ byte: UInt8) -> Bool { Self.isLetter(byte) || byte == UInt8(ascii: "_") || byte == UInt8(ascii: ":") }
        var index = start + 1
        func skip(while condition: (UInt8) -> Bool) { while index < bytes.count, condition(bytes[index]) { index += 1 } }
        // A `<!DOCTYPE` the parser drops is read to its first `>`.
        if index < bytes.count, bytes[index] == UInt8(ascii: "!") { return bytes[index...].firstIndex(of: UInt8(ascii: ">")) }
        if index < bytes.count, bytes[index] == UInt8(ascii: "/") { index += 1 }
        skip { !isBlank($0) && $0 != UInt8(ascii: ">") && $0 != UInt8(ascii: "=") && $0 != UInt8(ascii: "/") }
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: ">") { return index }
            if isBlank(byte) || byte == UInt8(ascii: "/") {
                index += 1
                continue
            }
            guard isNameStart(byte), index > start + 1, isBlank(bytes[index - 1]) else {
                skip { !isBlank($0) && $0 != UInt8(ascii: ">") }  // a bogus attribute
                continue
            }
            // The name as the parser reads one: letters, digits and . - _ : (a `,` ends it).
            skip { isNameStart($0) || ($0 >= 0x30 && $0 <= 0x39) || $0 == UInt8(ascii: "-") || $0 == UInt8(ascii: ".") || $0 >= 0x80 }
            skip(while: isBlank)
            guard index < bytes.count, bytes[index] == UInt8(ascii: "=") else { continue }
            index += 1
            skip(while: isBlank)
            guard index < bytes.count else { return nil }
            let quote = bytes[index]
            if quote == UInt8(ascii: "\"") || quote == UInt8(ascii: "'") {
                if let close = bytes[(index + 1)...].firstIndex(of: quote) {
                    index = close + 1
                } else {
                    skip { !isBlank($0) && $0 != UInt8(ascii: ">") }  // never closed: a bogus value
                }
            } else {
                skip { !isBlank($0) && $0 != UInt8(ascii: ">") }
            }
        }
        return nil
    }

    /// The scalar written as is that ends at `cursor`.
    private func literal(endingAt cursor: Int, floor: Int) -> (scalar: Unicode.Scalar, start: Int)? {
        var start = cursor - 1
        while start > floor, bytes[start] & 0xC0 == 0x80 { start -= 1 }
        guard start >= floor else { return nil }
        // The bytes are valid UTF-8 (checked before parsing), so the lead byte gives the width.
        let lead = UInt32(bytes[start])
        var value: UInt32
        switch (cursor - start, lead) {
        case (1, 0..<0x80): value = lead
        case (2, 0xC0..<0xE0): value = lead & 0x1F
        case (3, 0xE0..<0xF0): value = lead & 0x0F
        case (4, 0xF0..<0xF8): value = lead & 0x07
        default: return nil  // `cursor` is not at the end of a scalar
        }
        for index in (start + 1)..<cursor { value = value << 6 | UInt32(bytes[index] & 0x3F) }
        guard let scalar = Unicode.Scalar(value) else { return nil }
        return (scalar, start)
    }

    /// A character reference that ends exactly at `cursor`, as libxml2 reads it.
    private func reference(endingAt cursor: Int, floor: Int) -> (start: Int, value: Unicode.Scalar?)? {
        var start = cursor - 1
        let limit = max(floor, cursor - 40)  // longer than any entity name or padded number
        while start >= limit {
            let byte = bytes[start]
            if byte == UInt8(ascii: "&") {
                if let reference = reference(at: start), reference.end == cursor { return (start, reference.value) }
            } else if !(Self.isNameByte(byte, first: false) || byte == UInt8(ascii: "#") || byte == UInt8(ascii: ";")) {
                return nil  // no reference holds this byte: the scan stops at the first space or kana
            }
            start -= 1
        }
        return nil
    }

    /// The character reference starting at the `&` at `start`, read as libxml2's HTML parser
    /// reads it: numeric references end at the first non-digit (`;` optional) and stand for
    /// nothing when the code point is not allowed; named ones need their `;` and a name the
    /// parser knows. Nil when the parser takes the `&` as written.
    func reference(at start: Int) -> (end: Int, value: Unicode.Scalar?)? {
        var index = start + 1
        func byte(_ at: Int) -> UInt8? { at < bytes.count ? bytes[at] : nil }
        if byte(index) == UInt8(ascii: "#") {
            index += 1
            var radix: UInt32 = 10
            if let x = byte(index), x | 0x20 == UInt8(ascii: "x") {
                radix = 16
                index += 1
            }
            var value: UInt32 = 0
            while let digit = byte(index).flatMap({ Self.digit($0, radix: radix) }) {
                if value < 0x110000 { value = value * radix + digit }
                index += 1
            }
            if byte(index) == UInt8(ascii: ";") { index += 1 }
            let scalar = Self.isXMLChar(value) ? Unicode.Scalar(value) : nil
            return (index, scalar)
        }
        while let b = byte(index), Self.isNameByte(b, first: index == start + 1) { index += 1 }
        guard index > start + 1, byte(index) == UInt8(ascii: ";"),
            let name = String(validating: bytes[(start + 1)..<index], as: UTF8.self)
        else { return nil }
        let value = cxml_html_entity(name)
        guard value > 0, let scalar = Unicode.Scalar(UInt32(value)) else { return nil }
        return (index + 1, scalar)
    }

    private static func digit(_ byte: UInt8, radix: UInt32) -> UInt32? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): UInt32(byte - UInt8(ascii: "0"))
        case UInt8(ascii: "a")...UInt8(ascii: "f") where radix == 16: UInt32(byte - UInt8(ascii: "a") + 10)
        case UInt8(ascii: "A")...UInt8(ascii: "F") where radix == 16: UInt32(byte - UInt8(ascii: "A") + 10)
        default: nil
        }
    }

    /// ASCII bytes of an entity name (the HTML entities libxml2 knows are all ASCII).
    private static func isNameByte(_ byte: UInt8, first: Bool) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "_"), UInt8(ascii: ":"):
            true
        case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "."), UInt8(ascii: "-"):
            !first
        default:
            false
        }
    }

    private static func isLetter(_ byte: UInt8) -> Bool {
        byte | 0x20 >= UInt8(ascii: "a") && byte | 0x20 <= UInt8(ascii: "z")
    }

    /// The code points XML (and libxml2's HTML parser) allows in text.
    static func isXMLChar(_ value: UInt32) -> Bool {
        switch value {
        case 0x9, 0xA, 0xD, 0x20...0xD7FF, 0xE000...0xFFFD, 0x10000...0x10FFFF: true
        default: false
        }
    }
}
