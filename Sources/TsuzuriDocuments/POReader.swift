import Foundation
import TsuzuriText

/// gettext PO catalogues as translation units: `msgid` is the source, `msgstr` the target (each
/// `msgstr[n]` of a plural entry a unit of its own, named `id[n]`). The header entry (empty
/// `msgid`) is not a unit; its `Language:` names the target language and `X-Source-Language:`
/// the source (English when it says nothing). Fuzzy entries are drafts; obsolete `#~` entries
/// are skipped. Every string line is a piece of its own, cut again at each `\n`, with escapes
/// placed at their written columns.
public struct PODocumentReader: DocumentReader {
    public init() {}

    public func read(_ input: TextInput, _ body: (DocumentPart) throws -> Void) throws {
        var catalogue = POCatalogueState(path: input.displayName)
        do {
            try input.forEachLine { number, line in
                try catalogue.read(line: line, number: number, body)
            }
        } catch TextInputError.invalidUTF8(let path, let line, let offset, let advice) {
            // A catalogue in another encoding says so in its header: name it and the fix (read
            // again from the file: a pipe cannot be, a named FIFO would wait for a writer for ever).
            if !TextInput.readsOnce(input.path), let charset = Self.declaredCharset(try input.head(8192)),
                !["utf-8", "utf8", "charset", "us-ascii", "ascii"].contains(charset.lowercased())
            {
                throw DocumentError.unsupported(
                    path: path, line: line,
                    reason: "the catalogue is in \(charset), not UTF-8; convert it first: msgconv --to-code=UTF-8 \(path) > \((path as NSString).deletingPathExtension)-utf8.po")
            }
            throw TextInputError.invalidUTF8(path: path, line: line, byteOffset: offset, advice: advice)
        }
        try catalogue.finishEntry(body)
    }

    /// The `charset=` of a catalogue's `Content-Type` header, read from its first bytes.
    static func declaredCharset(_ head: [UInt8]) -> String? {
        let text = String(decoding: head, as: UTF8.self)
        guard let range = text.range(of: "charset=[A-Za-z0-9_.:-]+", options: .regularExpression) else { return nil }
        return String(text[range].dropFirst("charset=".count))
    }
}

/// One PO string field (`msgid`, `msgstr[1]` …) as read so far: its string lines' parts, in order.
private struct POField {
    /// Parts with the file line they are on (empty ones kept: they carry `\n`s).
    var parts: [(part: POStringLiteral.Part, line: Int)] = []

    /// The decoded value, in one pass.
    var value: String {
        var result = ""
        for (part, _) in parts {
            result += part.text
            if part.endsLine { result += "\n" }
        }
        return result
    }

    /// The value up to its first line break (a unit's name when it has no `msgctxt`).
    var firstLine: String {
        var result = ""
        for (part, _) in parts {
            result += part.text
            if part.endsLine { break }
        }
        return result
    }

    var isEmpty: Bool { parts.allSatisfy { $0.part.text.isEmpty } }

    /// The text as pieces placed in the file: one piece per line of the decoded text (a `\n`
    /// escape ends one), joined over the file's continuation lines, because msgcat wraps a long
    /// string anywhere — inside a word too (ドニエ"\n"プル) — and the string goes on unbroken.
    var pieces: [TextPiece] {
        var result: [TextPiece] = []
        var group: [(part: POStringLiteral.Part, line: Int)] = []
        func close() {
            defer { group.removeAll() }
            let nonEmpty = group.filter { !$0.part.offsets.isEmpty }
            guard let last = nonEmpty.last else { return }
            if nonEmpty.count == 1, last.part.isPlain {
                result.append(TextPiece(text: last.part.text, line: last.line, column: last.part.offsets[0] + 1))
                return
            }
            var starts: [FilePosition] = []
            for (part, line) in nonEmpty { starts += part.offsets.map { FilePosition(line: line, column: $0 + 1) } }
            result.append(
                TextPiece(
                    text: nonEmpty.map(\.part.text).joined(), starts: starts,
                    end: FilePosition(line: last.line, column: last.part.end + 1)))
        }
        for item in parts {
            group.append(item)
            if item.part.endsLine { close() }
        }
        close()
        return result
    }
}

/// The entry being read and what the header said, fed one line at a time.
private struct POCatalogueState {
    let path: String
    var sourceLanguage = "en"
    var targetLanguage: String?
    var sawHeader = false

    enum Keyword: Equatable {
        case context, id, idPlural, string(Int)
    }

    struct Entry {
        var line = 0
        var fuzzy = false
        var context: POField?
        var id: POField?
        var idPlural: POField?
        var strings: [Int: POField] = [:]
        /// The field the next string line continues.
        var current: Keyword?
        /// Suppression directives of its translator comments (`# tsuzuri-disable`), and its last line.
        var directives: [SuppressionDirective] = []
        var lastLine = 0

        var isEmpty: Bool { context == nil && id == nil && strings.isEmpty }
    }

    var entry = Entry()

    init(path: String) { self.path = path }

    private func malformed(_ line: Int, _ reason: String) -> DocumentError {
        .malformed(path: path, line: line, reason: reason)
    }

    mutating func read(line text: Substring, number: Int, _ body: (DocumentPart) throws -> Void) throws {
        let line = Array(text.unicodeScalars)
        guard let start = line.firstIndex(where: { !POStringLiteral.isSpace($0) }) else {
            try finishEntry(body)  // a blank line ends an entry
            return
        }
        switch line[start] {
        case "#":
            // A comment after a complete entry starts the next one.
            if !entry.strings.isEmpty { try finishEntry(body) }
            let marker = start + 1 < line.count ? line[start + 1] : " "
            if marker == "," {
                let flags = String(String.UnicodeScalarView(line[(start + 2)...])).split(separator: ",")
                if flags.contains(where: { $0.trimmingCharacters(in: .whitespaces) == "fuzzy" }) { entry.fuzzy = true }
            }
            // `#~` (obsolete entries), `#|` (previous strings) and other comments are not checked.
            if entry.line == 0, marker != "~" { entry.line = number }
            // A translator comment may suppress the entry; its lines are known when the entry ends.
            if marker == " ", let directive = SuppressionDirective.parse(String(String.UnicodeScalarView(line[(start + 1)...])), lines: number...number) {
                entry.directives.append(directive)
            }
        case "\"":
            guard let keyword = entry.current else {
                throw malformed(number, "a \"…\" string outside an entry: put it after msgid, msgstr or another string line")
            }
            try appendLiterals(line, from: start, number: number, to: keyword)
        default:
            var end = start
            while end < line.count, !POStringLiteral.isSpace(line[end]), line[end] != "\"" { end += 1 }
            let word = String(String.UnicodeScalarView(line[start..<end]))
            guard let keyword = Self.keyword(word) else {
                throw malformed(
                    number, "unknown keyword '\(word.prefix(30))': expected msgctxt, msgid, msgid_plural, msgstr or msgstr[N], a \"…\" string or a # comment")
            }
            try begin(keyword, word: word, number: number, body)
            var next = end
            while next < line.count, POStringLiteral.isSpace(line[next]) { next += 1 }
            guard next < line.count, line[next] == "\"" else {
                throw malformed(number, "\(word) without a string: write \(word) \"…\" on the same line")
            }
            try appendLiterals(line, from: next, number: number, to: keyword)
        }
        entry.lastLine = number
    }

    private static func keyword(_ word: String) -> Keyword? {
        switch word {
        case "msgctxt": return .context
        case "msgid": return .id
        case "msgid_plural": return .idPlural
        case "msgstr": return .string(0)
        default:
            guard word.hasPrefix("msgstr["), word.hasSuffix("]"), let n = Int(word.dropFirst(7).dropLast()), n >= 0 else { return nil }
            return .string(n)
        }
    }

    /// Starts a field, finishing the previous entry when the keyword begins a new one.
    private mutating func begin(_ keyword: Keyword, word: String, number: Int, _ body: (DocumentPart) throws -> Void) throws {
        switch keyword {
        case .context:
            if !entry.strings.isEmpty || entry.id != nil { try finishEntry(body) }
            if entry.line == 0 { entry.line = number }
            entry.context = POField()
        case .id:
            if !entry.strings.isEmpty || entry.id != nil { try finishEntry(body) }
            if entry.line == 0 { entry.line = number }
            entry.id = POField()
        case .idPlural:
            guard entry.id != nil, entry.strings.isEmpty, entry.idPlural == nil else {
                throw malformed(number, "msgid_plural must follow the entry's msgid, before its msgstr[N] lines")
            }
            entry.idPlural = POField()
        case .string(let n):
            guard entry.id != nil else { throw malformed(number, "\(word) without msgid: every entry starts with msgid \"…\"") }
            guard entry.strings[n] == nil else { throw malformed(number, "a second \(word) in one entry: start a new entry with msgid") }
            entry.strings[n] = POField()
        }
        entry.current = keyword
    }

    /// Decodes the literals of one line (usually one) into the current field.
    private mutating func appendLiterals(_ line: [Unicode.Scalar], from start: Int, number: Int, to keyword: Keyword) throws {
        var parts: [(POStringLiteral.Part, Int)] = []
        var i = start
        while i < line.count {
            guard line[i] == "\"" else {
                let rest = String(String.UnicodeScalarView(line[i...]))
                throw malformed(number, "unexpected text after the string: '\(rest.prefix(30))'; a line holds a keyword and \"…\" strings only")
            }
            let decoded: POStringLiteral.Decoded
            do {
                decoded = try POStringLiteral.decode(line, from: i)
            } catch {
                throw malformed(number, error.reason)
            }
            for part in decoded.parts { parts.append((part, number)) }
            i = decoded.end
            while i < line.count, POStringLiteral.isSpace(line[i]) { i += 1 }
        }
        // Appended in place: a string of many lines costs what its lines cost.
        switch keyword {
        case .context: entry.context!.parts += parts
        case .id: entry.id!.parts += parts
        case .idPlural: entry.idPlural!.parts += parts
        case .string(let n): entry.strings[n]!.parts += parts
        }
    }

    /// Hands on the entry read so far (the header is read, not handed on) and starts a new one.
    mutating func finishEntry(_ body: (DocumentPart) throws -> Void) throws {
        let entry = self.entry
        self.entry = Entry()
        if entry.isEmpty { return }
        // Whatever keyword a translator comment uses, it covers its own entry (comment to msgstr).
        for directive in entry.directives where directive.kind != .enable {
            try body(.directive(SuppressionDirective(kind: .disableLine, rules: directive.rules, lines: entry.line...max(entry.line, entry.lastLine))))
        }
        guard let id = entry.id else {
            throw malformed(entry.line, "msgctxt without msgid: every entry needs msgid \"…\" and msgstr \"…\"")
        }
        guard !entry.strings.isEmpty else {
            throw malformed(entry.line, "msgid without msgstr: add msgstr \"\" (empty when untranslated)")
        }
        if entry.context == nil, id.isEmpty {
            if !sawHeader { try readHeader(entry.strings[0] ?? POField(), line: entry.line) }
            sawHeader = true
            return
        }
        let name = Self.shortened(entry.context?.value ?? id.firstLine)
        let isPlural = entry.idPlural != nil || entry.strings.keys.contains { $0 > 0 }
        for n in entry.strings.keys.sorted() {
            let source = n > 0 ? (entry.idPlural ?? id) : id
            try body(
                .unit(
                    BilingualUnit(
                        id: isPlural ? "\(name)[\(n)]" : name,
                        source: UnitText(language: sourceLanguage, pieces: source.pieces),
                        target: UnitText(language: targetLanguage, pieces: entry.strings[n]!.pieces),
                        isDraft: entry.fuzzy)))
        }
    }

    /// The longest unit name kept, in characters: every finding's place repeats the name, so a
    /// message of one long line (a whole page in one msgid) is named by its start.
    static let maximumNameLength = 80

    static func shortened(_ name: String) -> String {
        let head = name.prefix(maximumNameLength + 1)  // not counting the rest of a long name
        return head.count <= maximumNameLength ? name : head.prefix(maximumNameLength - 1) + "…"
    }

    /// Reads `Language:` and `X-Source-Language:` from the header; a header line that is not
    /// `Name: value` is an error, since the languages may be what it garbles.
    private mutating func readHeader(_ header: POField, line: Int) throws {
        var fieldLine = header.parts.first?.line ?? line
        var text = ""
        func field() throws {
            defer { text = "" }
            let trimmed = text.trimmingCharacters(in: .whitespaces)
            // msgcat marks the headers it merged with `#-#-#-#-#  ja.po (…)  #-#-#-#-#` lines.
            if trimmed.isEmpty || trimmed.hasPrefix("#-#-#-#-#") { return }
            guard let colon = trimmed.firstIndex(of: ":") else {
                throw malformed(
                    fieldLine, "broken header: '\(trimmed.prefix(40))' is not 'Name: value'; fix the header (the msgstr of msgid \"\")")
            }
            let name = trimmed[..<colon].trimmingCharacters(in: .whitespaces).lowercased()
            let value = trimmed[trimmed.index(after: colon)...].trimmingCharacters(in: .whitespaces)
            if name == "language" { targetLanguage = value.isEmpty ? nil : value }
            if name == "x-source-language", !value.isEmpty { sourceLanguage = value }
        }
        for (index, (part, partLine)) in header.parts.enumerated() {
            if text.isEmpty { fieldLine = partLine }
            text += part.text
            if part.endsLine || index == header.parts.count - 1 { try field() }
        }
    }
}
