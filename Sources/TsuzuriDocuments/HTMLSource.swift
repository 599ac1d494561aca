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
        // `</` and `<?` are dropped markup but for a few cases (at the end of the file after a
        // `<!DOCTYPE`, libxml2 hands them on as text): taken as text in the last tries.
        let tries = [true, false].flatMap { dropsFirst in
            [(end, false, dropsFirst), (next, false, dropsFirst), (end, true, dropsFirst), (next, true, dropsFirst)]
        }
        // The markup read forwards from the floor, shared by the tries: every try ends by `next`.
        let chain = MarkupChain(floor: floor, limit: min(next, bytes.count))
        for (anchor, tagsFirst, dropsFirst) in tries where anchor <= bytes.count {
            let attempt = align(text, end: anchor, floor: floor, tagsFirst: tagsFirst, dropsFirst: dropsFirst, chain: chain)
            if !attempt.lost { return attempt.ranges }
            first = first ?? attempt.ranges
        }
        return first ?? []
    }

    private func align(_ text: [Unicode.Scalar], end: Int, floor: Int, tagsFirst: Bool, dropsFirst: Bool, chain: MarkupChain) -> (ranges: [Range<Int>], lost: Bool) {
        var ranges = [Range<Int>](repeating: 0..<0, count: text.count)
        var cursor = end
        var lost = false
        for index in text.indices.reversed() {
            let wanted = text[index]
            if !lost, let range = match(wanted, endingAt: &cursor, floor: floor, tagsFirst: tagsFirst, dropsFirst: dropsFirst, chain: chain) {
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
    private func match(_ wanted: Unicode.Scalar, endingAt cursor: inout Int, floor: Int, tagsFirst: Bool, dropsFirst: Bool, chain: MarkupChain) -> Range<Int>? {
        while cursor > floor {
            let last = bytes[cursor - 1]
            if tagsFirst, last == UInt8(ascii: ">"), let open = tagStart(endingAt: cursor, floor: floor, chain: chain) {
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
            // `</` or `<?` not followed by a name: the parser drops the two characters (stepped
            // over before the `?` or `/` can match a wanted one).
            // Right after a misplaced <!DOCTYPE, `</` is text.
            let dropped = cursor - floor >= 2 && bytes[cursor - 2] == UInt8(ascii: "<")
                && (last == UInt8(ascii: "?") || (last == UInt8(ascii: "/") && !endsDoctype(at: cursor - 3, chain: chain)))
            if dropsFirst, dropped {
                cursor -= 2
                continue
            }
            guard let (scalar, start) = literal(endingAt: cursor, floor: floor) else { return nil }
            // libxml2's HTML parser reads a NUL byte in text as a space.
            if scalar == wanted || (scalar.value == 0 && wanted == " ") {
                defer { cursor = start }
                return start..<cursor
            }
            if last == UInt8(ascii: ">"), let open = tagStart(endingAt: cursor, floor: floor, chain: chain) {
                cursor = open  // markup the parser dropped (a stray end tag, a second <body>)
                continue
            }
            if dropped {
                cursor -= 2
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

    /// Where the markup whose `>` ends at `cursor` starts (a tag the parser dropped, a misplaced
    /// `<!DOCTYPE`), read as the parser reads it from where it stood (`floor`); comments and
    /// processing instructions come as events of their own, and any other `<` is text. Nil when
    /// no markup ends there.
    private func tagStart(endingAt cursor: Int, floor: Int, chain: MarkupChain) -> Int? {
        // A quoted attribute value may hold `>` (and line breaks): the tag is the earliest `<`
        // whose tag, read with its quotes, ends here (found by the fuzzer). Read forwards from
        // where the parser stood, as the parser reads: a `<` inside markup that ended earlier (a
        // quoted value, a `<!DOCTYPE` and what it swallows) opens nothing, and markup that runs
        // past the cursor hides every later `<`; so when none ends here, no markup does.
        // The markup from the floor is read once per alignment (`MarkupChain`), not once per `>`:
        // a scan per `>` made a text with many dropped tags (`あ</x>` × 20,000) take minutes.
        chain.extend(upTo: cursor, in: self)
        var low = 0, high = chain.starts.count
        while low < high {  // the first markup whose end is not before the cursor's `>`
            let mid = (low + high) >> 1
            if chain.ends[mid] < cursor - 1 { low = mid + 1 } else { high = mid }
        }
        if low < chain.starts.count, chain.starts[low] < cursor - 2, chain.ends[low] == cursor - 1 { return chain.starts[low] }
        return nil
    }

    /// Whether the `>` at `index` ends a misplaced `<!DOCTYPE`, as the markup read forwards from
    /// where the parser stood says (one that is itself text right after another is not one).
    private func endsDoctype(at index: Int, chain: MarkupChain) -> Bool {
        guard index >= 0, bytes[index] == UInt8(ascii: ">") else { return false }
        chain.extend(upTo: index + 2, in: self)
        var low = 0, high = chain.starts.count
        while low < high {
            let mid = (low + high) >> 1
            if chain.ends[mid] < index { low = mid + 1 } else { high = mid }
        }
        return low < chain.starts.count && chain.ends[low] == index && bytes[chain.starts[low] + 1] == UInt8(ascii: "!")
    }

    fileprivate func opensMarkup(at index: Int) -> Bool {
        // As libxml2 2.9 dispatches: a start tag's name starts with a letter (`<_` is text); an end
        // tag's with anything its name reader takes (`_ : .` too).
        let next = bytes[index + 1]
        return Self.isLetter(next) || (next == UInt8(ascii: "/") && Self.isHTMLNameStart(bytes[index + 2]))
            || (next == UInt8(ascii: "!") && bytes[(index + 2)...].prefix(7).map({ $0 | 0x20 }) == Array("doctype".utf8))
    }

    /// The `>` that ends the markup opening at `start`, read as libxml2's HTML parser (2.9)
    /// reads it. An end tag runs to the first `>`. A start tag is its name, then attributes: a
    /// name (ASCII letters, digits and `_ : . -`, starting with a letter, `_`, `:` or `.`; at most
    /// 100 bytes, the rest read as the next attribute), blanks,
    /// and an optional `=` with a value; a quoted value runs to the same quote (`>` and line
    /// breaks included), an unquoted one to a blank or `>`; anything that does not start a name is
    /// skipped to the next blank, `>` or `/>`. The tag ends at `>` or `/>`. Nil when no `>` ends
    /// it: a NUL byte or the end of the file comes first (a quoted value never closed runs that
    /// far), and the parser reads no more of the page.
    fileprivate func quotedTagEnd(from start: Int, before limit: Int) -> Int? {
        let count = min(limit, bytes.count)  // what lies past it does not matter to the caller
        var index = start + 1
        guard index < count else { return nil }
        func current() -> UInt8 { index < count ? bytes[index] : 0 }
        func skip(while condition: (UInt8) -> Bool) { while index < count, bytes[index] != 0, condition(bytes[index]) { index += 1 } }
        // `htmlParseHTMLName` reads at most 100 bytes of a name; the rest is read as what follows.
        func name() {
            let stop = min(index + 100, count)
            while index < stop, Self.isHTMLNameByte(bytes[index]) { index += 1 }
        }
        func endsTag() -> Bool { current() == UInt8(ascii: ">") || (current() == UInt8(ascii: "/") && index + 1 < count && bytes[index + 1] == UInt8(ascii: ">")) }
        switch bytes[index] {
        case UInt8(ascii: "!"): return doctypeEnd(from: start, before: count)
        case UInt8(ascii: "/"):
            skip { $0 != UInt8(ascii: ">") }
            return current() == UInt8(ascii: ">") ? index : nil
        default: break
        }
        name()  // the tag's
        skip(while: Self.isBlank)
        while current() != 0, !endsTag() {
            if Self.isHTMLNameStart(current()) {
                name()
                skip(while: Self.isBlank)
                if current() == UInt8(ascii: "=") {
                    index += 1
                    skip(while: Self.isBlank)
                    let quote = current()
                    if quote == UInt8(ascii: "\"") || quote == UInt8(ascii: "'") {
                        index += 1
                        skip { $0 != quote }
                        guard current() == quote else { return nil }
                        index += 1
                    } else {
                        skip { !Self.isBlank($0) && $0 != UInt8(ascii: ">") }
                    }
                }
            } else {
                // A bogus attribute: dropped up to the next blank or the end of the tag.
                while current() != 0, !Self.isBlank(current()), !endsTag() { index += 1 }
            }
            skip(while: Self.isBlank)
        }
        switch current() {
        case UInt8(ascii: ">"): return index
        case UInt8(ascii: "/") where endsTag(): return index + 1
        default: return nil
        }
    }

    /// The `>` that ends the `<!DOCTYPE` at `start`, read as libxml2's HTML parser reads one in
    /// the middle of a page: blanks, a name, blanks, then `PUBLIC` with one or two quoted literals
    /// or `SYSTEM` with one (a literal runs to the same quote, `>` and line breaks included), blanks,
    /// and then anything up to the first `>`. A NUL byte, or the end of the file, ends it at once
    /// (a literal never closed runs that far): nil, as no `>` ends it.
    private func doctypeEnd(from start: Int, before count: Int) -> Int? {
        // The name as `htmlParseName` reads one (XML names: non-ASCII letters too).
        func isNameStart(_ byte: UInt8) -> Bool { Self.isLetter(byte) || byte == UInt8(ascii: "_") || byte == UInt8(ascii: ":") || byte >= 0x80 }
        var index = start + 9  // `<!DOCTYPE`
        func skip(while condition: (UInt8) -> Bool) { while index < count, condition(bytes[index]) { index += 1 } }
        func keyword(_ word: String) -> Bool {
            let letters = Array(word.utf8)
            guard index + letters.count <= count else { return false }
            return zip(bytes[index..<(index + letters.count)], letters).allSatisfy { $0 & 0xDF == $1 }
        }
        /// Steps over a quoted literal if one starts here; false when it is never closed.
        func literal() -> Bool {
            guard index < count, bytes[index] == UInt8(ascii: "'") || bytes[index] == UInt8(ascii: "\"") else { return true }
            let quote = bytes[index]
            guard let close = bytes[(index + 1)..<count].firstIndex(where: { $0 == quote || $0 == 0 }), bytes[close] == quote else { return false }
            index = close + 1
            return true
        }
        skip(while: Self.isBlank)
        if index < count, isNameStart(bytes[index]) {
            skip { isNameStart($0) || ($0 >= 0x30 && $0 <= 0x39) || $0 == UInt8(ascii: "-") || $0 == UInt8(ascii: ".") }
        }
        skip(while: Self.isBlank)
        if keyword("SYSTEM") {
            index += 6
            skip(while: Self.isBlank)
            guard literal() else { return nil }
        } else if keyword("PUBLIC") {
            index += 6
            skip(while: Self.isBlank)
            guard literal() else { return nil }
            skip(while: Self.isBlank)
            guard literal() else { return nil }
        }
        guard index < count, let end = bytes[index..<count].firstIndex(where: { $0 == UInt8(ascii: ">") || $0 == 0 }),
            bytes[end] != 0
        else { return nil }
        return end
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

    /// The blanks libxml2 skips between the parts of a tag.
    private static func isBlank(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D }

    /// Bytes of a tag or attribute name as `htmlParseHTMLName` reads them (ASCII only).
    private static func isHTMLNameStart(_ byte: UInt8) -> Bool {
        isLetter(byte) || byte == UInt8(ascii: "_") || byte == UInt8(ascii: ":") || byte == UInt8(ascii: ".")
    }

    private static func isHTMLNameByte(_ byte: UInt8) -> Bool {
        isHTMLNameStart(byte) || (byte >= 0x30 && byte <= 0x39) || byte == UInt8(ascii: "-")
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

/// The markup libxml2's HTML parser reads forwards from where it stood (`floor`): each `<` that
/// opens markup, and the `>` that ends it (`Int.max` when none ends it before `limit`: then it
/// swallows everything after it, and the chain stops). Grown as far as asked, never past `limit`.
final class MarkupChain {
    private(set) var starts: [Int] = []
    private(set) var ends: [Int] = []
    private var scanned: Int
    private let limit: Int

    init(floor: Int, limit: Int) {
        scanned = floor
        self.limit = limit
    }

    /// Reads the markup that starts before `cursor - 2`, as `tagStart` asks for it. A tag's end is
    /// read up to `limit`; for any cursor up to `limit`, an end at or past the cursor is as good as
    /// none (the tag runs past the cursor either way).
    func extend(upTo cursor: Int, in source: HTMLSource) {
        let stop = min(cursor, limit) - 2
        while scanned < stop, ends.last != Int.max {
            guard source.bytes[scanned] == UInt8(ascii: "<"), source.opensMarkup(at: scanned) else {
                scanned += 1
                continue
            }
            let end = source.quotedTagEnd(from: scanned, before: limit)
            starts.append(scanned)
            ends.append(end ?? Int.max)
            let doctype = source.bytes[scanned + 1] == UInt8(ascii: "!")
            scanned = (end ?? scanned) + 1
            // Right after a misplaced <!DOCTYPE, libxml2 2.9 takes a `<` that starts no element,
            // comment or processing instruction (`</x>`, another `<!DOCTYPE`) for text.
            if doctype, end != nil, scanned + 1 < source.bytes.count, source.bytes[scanned] == UInt8(ascii: "<"),
                source.bytes[scanned + 1] == UInt8(ascii: "/")
                    || (source.bytes[scanned + 1] == UInt8(ascii: "!") && !source.bytes[(scanned + 1)...].starts(with: Array("!--".utf8)))
            {
                scanned += 1
            }
        }
    }
}
