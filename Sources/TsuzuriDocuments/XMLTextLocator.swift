import TsuzuriText

/// Places the character data of an XML file on its lines and columns. libxml2 hands on decoded
/// text without positions, but it reports where each tag ends; the text between two tags is then
/// decoded again here from the file's own bytes (entity and character references, CDATA sections,
/// comments, CRLF), which gives every character the line:column where it is written.
///
/// Offsets only grow (the reader goes through the file once), so counting lines and columns
/// costs one pass over the file in total.
struct XMLTextLocator {
    /// The file as parsed (UTF-8, without a byte order mark).
    let bytes: [UInt8]
    /// How many columns the first line starts after (a byte order mark is no column).
    private var offset = 0
    private var line = 1
    private var column = 1

    init(bytes: [UInt8]) {
        self.bytes = bytes
    }

    /// Characters decoded from the file, each with where it starts and ends.
    struct Run {
        var scalars: [Unicode.Scalar] = []
        var starts: [FilePosition] = []
        var ends: [FilePosition] = []
    }

    /// The position of byte `target` (at or after every offset asked before).
    mutating func position(of target: Int) -> FilePosition {
        let target = min(target, bytes.count)
        while offset < target {
            let byte = bytes[offset]
            if byte == 0x0A {
                line += 1
                column = 1
            } else if byte & 0xC0 != 0x80 {
                column += 1
            }
            offset += 1
        }
        return FilePosition(line: line, column: column)
    }

    /// Where the tag that ends just before `end` starts (attribute values cannot hold a raw `<`).
    func tagStart(endingAt end: Int) -> Int {
        var index = min(end, bytes.count) - 1
        while index > offset, bytes[index] != 0x3C { index -= 1 }
        return max(index, 0)
    }

    /// Decodes the character data that starts at byte `start` and runs to the next tag, appending
    /// it to `run`.
    mutating func decodeText(from start: Int, into run: inout Run) {
        var position = position(of: start)
        var i = start
        let count = bytes.count

        func has(_ literal: StaticString, at index: Int) -> Bool {
            let length = literal.utf8CodeUnitCount
            guard index + length <= count else { return false }
            return literal.withUTF8Buffer { literal in
                for k in 0..<length where bytes[index + k] != literal[k] { return false }
                return true
            }
        }
        func append(_ scalar: Unicode.Scalar, columns: Int) {
            run.scalars.append(scalar)
            run.starts.append(position)
            position.column += columns
            run.ends.append(position)
        }
        /// Moves over bytes that are not text (CDATA brackets, comments), keeping count of lines.
        func skip(to end: Int) {
            while i < end {
                if bytes[i] == 0x0A {
                    position.line += 1
                    position.column = 1
                } else if bytes[i] & 0xC0 != 0x80 {
                    position.column += 1
                }
                i += 1
            }
        }
        /// One character as written (a CR before LF belongs to the line end, a lone CR reads as LF).
        func literal() {
            let byte = bytes[i]
            if byte == 0x0D {
                if i + 1 < count, bytes[i + 1] == 0x0A {
                    position.column += 1
                    i += 1
                } else {
                    append("\n", columns: 1)
                    i += 1
                }
                return
            }
            if byte == 0x0A {
                append("\n", columns: 1)
                position.line += 1
                position.column = 1
                i += 1
                return
            }
            let length = byte < 0x80 ? 1 : byte < 0xE0 ? 2 : byte < 0xF0 ? 3 : 4
            let end = min(i + length, count)
            let scalar = String(decoding: bytes[i..<end], as: UTF8.self).unicodeScalars.first ?? "\u{FFFD}"
            append(scalar, columns: 1)
            i = end
        }

        while i < count {
            let byte = bytes[i]
            if byte == 0x3C {  // <
                if has("<![CDATA[", at: i) {
                    skip(to: i + 9)
                    while i < count, !has("]]>", at: i) { literal() }
                    skip(to: min(i + 3, count))
                } else if has("<!--", at: i) {
                    var end = i + 4
                    while end < count, !has("-->", at: end) { end += 1 }
                    skip(to: min(end + 3, count))
                } else if has("<?", at: i) {
                    var end = i + 2
                    while end < count, !has("?>", at: end) { end += 1 }
                    skip(to: min(end + 2, count))
                } else {
                    break
                }
            } else if byte == 0x26, let (scalar, length) = reference(at: i) {  // &
                append(scalar, columns: length)
                i += length
            } else {
                literal()
            }
        }
        // The locator keeps its place at the start of the tag that ended the text.
        if i > offset {
            offset = i
            line = position.line
            column = position.column
        }
    }

    /// The character an entity or character reference at `index` stands for, and its length.
    private func reference(at index: Int) -> (Unicode.Scalar, Int)? {
        var end = index + 1
        while end < bytes.count, end - index < 12, bytes[end] != 0x3B { end += 1 }
        guard end < bytes.count, bytes[end] == 0x3B else { return nil }
        let name = String(decoding: bytes[(index + 1)..<end], as: UTF8.self)
        let length = end - index + 1
        switch name {
        case "amp": return ("&", length)
        case "lt": return ("<", length)
        case "gt": return (">", length)
        case "quot": return ("\"", length)
        case "apos": return ("'", length)
        default:
            guard name.hasPrefix("#") else { return nil }
            let digits = name.dropFirst()
            let value = digits.first == "x" || digits.first == "X" ? UInt32(digits.dropFirst(), radix: 16) : UInt32(digits, radix: 10)
            guard let value, let scalar = Unicode.Scalar(value) else { return nil }
            return (scalar, length)
        }
    }
}

extension XMLTextLocator.Run {
    /// The run cut at its line breaks into pieces placed in the file (empty lines dropped).
    var pieces: [TextPiece] {
        var pieces: [TextPiece] = []
        var first = 0
        func close(_ end: Int) {
            defer { first = end + 1 }
            guard end > first else { return }
            let starts = Array(self.starts[first..<end])
            let finish = ends[end - 1]
            var text = String.UnicodeScalarView()
            text.append(contentsOf: scalars[first..<end])
            let origin = starts[0]
            let contiguous =
                finish == FilePosition(line: origin.line, column: origin.column + starts.count)
                && starts.indices.allSatisfy { starts[$0] == FilePosition(line: origin.line, column: origin.column + $0) }
            pieces.append(
                contiguous
                    ? TextPiece(text: String(text), line: origin.line, column: origin.column)
                    : TextPiece(text: String(text), starts: starts, end: finish))
        }
        for (index, scalar) in scalars.enumerated() where scalar == "\n" { close(index) }
        close(scalars.count)
        return pieces
    }
}
