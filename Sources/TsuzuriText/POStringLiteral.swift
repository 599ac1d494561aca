/// The string literals of gettext PO files (`"Hello,\n\"world\""`): C escapes decoded, and every
/// decoded scalar tied to where its written form starts on the line, so that a reader can place
/// a finding inside an escaped string at the file's own column. One scanner serves the document
/// reader (`tsuzuri check`) and the memory importer (`tm import`).
public enum POStringLiteral {
    /// A stretch of decoded text inside one literal, ended by a `\n` escape or by the closing quote.
    public struct Part: Sendable, Equatable {
        public var text: String
        /// Offset (0-based, in the line's scalars) where each scalar of `text` is written; for an
        /// escape, where its backslash stands.
        public var offsets: [Int]
        /// Offset just past the written form of the last scalar (the `\` of the `\n`, or the quote).
        public var end: Int
        /// Whether the text is written as is (no escape inside), so that offsets are consecutive.
        public var isPlain: Bool
        /// Whether a `\n` escape ends the part (the text continues on a new line of its own).
        public var endsLine: Bool
    }

    /// A decoded literal: its parts, cut at each `\n`, and the offset just past its closing quote.
    public struct Decoded: Sendable, Equatable {
        public var parts: [Part]
        public var end: Int

        /// The literal's value (parts joined by the line breaks that cut them).
        public var value: String {
            var result = ""
            for part in parts {
                result += part.text
                if part.endsLine { result += "\n" }
            }
            return result
        }
    }

    /// Why a literal could not be read; `offset` is where the trouble starts on the line.
    public enum Problem: Error, Equatable, Sendable {
        /// The line ends before the closing quote.
        case unterminated(offset: Int)
        /// Octal or hex escapes spell bytes that are not UTF-8.
        case invalidEscapedUTF8(offset: Int)

        /// What went wrong and what to do, for messages that add the file and line.
        public var reason: String {
            switch self {
            case .unterminated:
                "unterminated string: close it with \" on the same line (continue a long string on the next line with a new \"…\")"
            case .invalidEscapedUTF8:
                "octal or hex escapes that are not UTF-8: write the characters themselves or their UTF-8 bytes"
            }
        }
    }

    /// Decodes the literal whose opening quote is `line[start]`.
    public static func decode(_ line: [Unicode.Scalar], from start: Int) throws(Problem) -> Decoded {
        precondition(start < line.count && line[start] == "\"", "a literal starts at a quote")
        var parts: [Part] = []
        var part = Part(text: "", offsets: [], end: start + 1, isPlain: true, endsLine: false)
        var scalars = String.UnicodeScalarView()
        // Bytes spelled by consecutive octal or hex escapes, decoded together (UTF-8 sequences are
        // often written as \343\201\202), with the offset of each escape.
        var bytes: [UInt8] = []
        var byteOffsets: [Int] = []

        func flushBytes() throws(Problem) {
            guard !bytes.isEmpty else { return }
            defer { bytes.removeAll(keepingCapacity: true); byteOffsets.removeAll(keepingCapacity: true) }
            guard let decoded = String(validating: bytes, as: UTF8.self) else {
                throw .invalidEscapedUTF8(offset: byteOffsets[0])
            }
            // Each scalar stands where the escape of its first byte stands.
            var index = 0
            for scalar in decoded.unicodeScalars {
                scalars.append(scalar)
                part.offsets.append(byteOffsets[index])
                index += UTF8.width(scalar)
            }
        }

        func append(_ scalar: Unicode.Scalar, at offset: Int) {
            scalars.append(scalar)
            part.offsets.append(offset)
        }

        var i = start + 1
        while i < line.count {
            let scalar = line[i]
            if scalar == "\"" {
                try flushBytes()
                part.text = String(scalars)
                part.end = i
                parts.append(part)
                return Decoded(parts: parts, end: i + 1)
            }
            guard scalar == "\\" else {
                try flushBytes()
                append(scalar, at: i)
                i += 1
                continue
            }
            guard i + 1 < line.count else { break }
            let escape = i
            let code = line[i + 1]
            part.isPlain = false
            if let digit = octalValue(code) {
                // Up to three octal digits.
                var value = digit
                var j = i + 2
                while j < line.count, j < i + 4, let next = octalValue(line[j]) {
                    value = value * 8 + next
                    j += 1
                }
                bytes.append(UInt8(truncatingIfNeeded: value))
                byteOffsets.append(escape)
                i = j
                continue
            }
            if code == "x", i + 2 < line.count, let first = hexValue(line[i + 2]) {
                var value = first
                var j = i + 3
                if j < line.count, let second = hexValue(line[j]) {
                    value = value * 16 + second
                    j += 1
                }
                bytes.append(UInt8(value))
                byteOffsets.append(escape)
                i = j
                continue
            }
            try flushBytes()
            i += 2
            switch code {
            case "n":
                part.text = String(scalars)
                part.end = escape
                part.endsLine = true
                parts.append(part)
                scalars = String.UnicodeScalarView()
                part = Part(text: "", offsets: [], end: i, isPlain: true, endsLine: false)
            case "t": append("\t", at: escape)
            case "r": append("\r", at: escape)
            case "a": append("\u{07}", at: escape)
            case "b": append("\u{08}", at: escape)
            case "f": append("\u{0C}", at: escape)
            case "v": append("\u{0B}", at: escape)
            // \\, \", \' and \? stand for themselves; so does an unknown escape, which msgfmt
            // rejects but which is no reason to refuse to check the rest of the file.
            default: append(code, at: escape)
            }
        }
        throw .unterminated(offset: start)
    }

    /// The value of a line segment that is exactly one literal, white space around it allowed
    /// (`"abc\n"`); nil when it is not one well-formed literal.
    public static func value(of text: some StringProtocol) -> String? {
        let line = Array(text.unicodeScalars)
        guard let start = line.firstIndex(where: { !isSpace($0) }), line[start] == "\"",
            let decoded = try? decode(line, from: start),
            line[decoded.end...].allSatisfy(isSpace)
        else { return nil }
        return decoded.value
    }

    /// Spaces and tabs, which separate keywords and literals on a PO line.
    public static func isSpace(_ scalar: Unicode.Scalar) -> Bool {
        scalar == " " || scalar == "\t"
    }

    private static func octalValue(_ scalar: Unicode.Scalar) -> Int? {
        ("0"..."7").contains(scalar) ? Int(scalar.value - 0x30) : nil
    }

    private static func hexValue(_ scalar: Unicode.Scalar) -> Int? {
        switch scalar {
        case "0"..."9": Int(scalar.value - 0x30)
        case "a"..."f": Int(scalar.value - 0x61 + 10)
        case "A"..."F": Int(scalar.value - 0x41 + 10)
        default: nil
        }
    }
}
