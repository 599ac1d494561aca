import Foundation
import TsuzuriText

/// Reads gettext `.po` catalogues: `msgid` is the source, `msgstr` (or `msgstr[0]`) the target.
/// The header entry is not a unit; its `Language:` gives the target language unless one is
/// passed. Fuzzy entries are returned with `isFuzzy`; obsolete (`#~`) entries are ignored.
public struct POReader {
    public let url: URL
    public let displayPath: String
    public let sourceLanguage: String
    public let targetLanguage: String?

    public init(url: URL, displayPath: String? = nil, sourceLanguage: String, targetLanguage: String?) {
        self.url = url
        self.displayPath = displayPath ?? url.path
        self.sourceLanguage = sourceLanguage
        self.targetLanguage = targetLanguage
    }

    private struct Entry {
        var line = 0
        var context: String?
        var id: String?
        var idPlural: String?
        var strings: [Int: String] = [:]
        var comments: [String] = []
        var fuzzy = false
        /// UTF-8 bytes of its strings so far: an entry is a unit, bounded like a TMX `<tu>`.
        var bytes = 0
        var isEmpty: Bool { id == nil && strings.isEmpty }
    }

    private enum Field { case context, id, idPlural, string(Int) }

    public func read(_ body: (ExchangeUnit) throws -> Void) throws {
        var lines = try LineReader(url: url, displayPath: displayPath)
        defer { lines.close() }
        var entry = Entry()
        var field: Field?
        var language = targetLanguage

        func emit() throws {
            defer { entry = Entry(); field = nil }
            guard let id = entry.id else {
                if !entry.strings.isEmpty {
                    throw ExchangeError.malformed(path: displayPath, line: entry.line, reason: "msgstr without msgid")
                }
                return
            }
            if id.isEmpty && entry.context == nil {
                if language == nil, let header = entry.strings[0] {
                    for headerLine in header.split(separator: "\n") where headerLine.hasPrefix("Language:") {
                        let value = headerLine.dropFirst("Language:".count).trimmingCharacters(in: .whitespaces)
                        if !value.isEmpty { language = value }
                    }
                }
                return
            }
            guard let target = language else {
                throw ExchangeError.missingLanguage(path: displayPath, line: entry.line, what: "the catalogue has no Language header; pass --target-lang")
            }
            var unit = ExchangeUnit(
                segments: [
                    ExchangeSegment(language: sourceLanguage, text: id),
                    ExchangeSegment(language: target, text: entry.strings[0] ?? ""),
                ],
                sourceLanguage: sourceLanguage, notes: entry.comments, isFuzzy: entry.fuzzy, line: entry.line)
            if let context = entry.context { unit.properties.append(ExchangeProperty(type: "x-context", value: context)) }
            try body(unit)
        }

        while let raw = try lines.next() {
            let line = raw.trimmingCharacters(in: .whitespaces)
            if line.isEmpty {
                try emit()
                continue
            }
            if line.hasPrefix("#") {
                if line.hasPrefix("#~") { continue }
                if field != nil, !entry.isEmpty { try emit() }
                if entry.line == 0 { entry.line = lines.lineNumber }
                if line.hasPrefix("#,") {
                    if line.contains("fuzzy") { entry.fuzzy = true }
                } else if line.hasPrefix("#.") || line.hasPrefix("# ") {
                    let text = line.dropFirst(2).trimmingCharacters(in: .whitespaces)
                    if !text.isEmpty { entry.comments.append(text) }
                }
                continue
            }
            if line.hasPrefix("\"") {
                guard let current = field else {
                    throw ExchangeError.malformed(path: displayPath, line: lines.lineNumber, reason: "string continuation outside an entry")
                }
                let text = try unquote(line, line: lines.lineNumber)
                try count(text, in: &entry)
                append(text, to: current, in: &entry)
                continue
            }
            guard let space = line.firstIndex(of: " ") else {
                throw ExchangeError.malformed(path: displayPath, line: lines.lineNumber, reason: "unknown keyword '\(line.prefix(20))'")
            }
            let keyword = String(line[..<space])
            let text = try unquote(line[line.index(after: space)...].trimmingCharacters(in: .whitespaces), line: lines.lineNumber)
            let newField: Field
            switch keyword {
            case "msgctxt": newField = .context
            case "msgid": newField = .id
            case "msgid_plural": newField = .idPlural
            case "msgstr": newField = .string(0)
            default:
                if keyword.hasPrefix("msgstr["), keyword.hasSuffix("]"), let n = Int(keyword.dropFirst(7).dropLast()) {
                    newField = .string(n)
                } else {
                    throw ExchangeError.malformed(path: displayPath, line: lines.lineNumber, reason: "unknown keyword '\(keyword)'")
                }
            }
            // A new msgctxt/msgid after a complete entry starts the next entry even without a blank line.
            if case .context = newField, entry.id != nil { try emit() }
            if case .id = newField, entry.id != nil { try emit() }
            if entry.line == 0 { entry.line = lines.lineNumber }
            field = newField
            try count(text, in: &entry)
            set(text, to: newField, in: &entry)
        }
        try emit()
    }

    public func readAll() throws -> [ExchangeUnit] {
        var units: [ExchangeUnit] = []
        try read { units.append($0) }
        return units
    }

    /// Refuses an entry whose strings together pass `ExchangeLimits.maxSegmentBytes`: each line is
    /// bounded by the line reader, but continuation lines could otherwise grow one string without end.
    private func count(_ text: String, in entry: inout Entry) throws {
        entry.bytes += text.utf8.count
        if entry.bytes > ExchangeLimits.maxSegmentBytes {
            throw ExchangeError.unitTooLarge(path: displayPath, line: entry.line, limit: ExchangeLimits.maxSegmentBytes)
        }
    }

    private func set(_ text: String, to field: Field, in entry: inout Entry) {
        switch field {
        case .context: entry.context = text
        case .id: entry.id = text
        case .idPlural: entry.idPlural = text
        case .string(let n): entry.strings[n] = text
        }
    }

    private func append(_ text: String, to field: Field, in entry: inout Entry) {
        switch field {
        // In place (the keyword line created the field), so a long string costs what its lines cost.
        case .context: entry.context?.append(text)
        case .id: entry.id?.append(text)
        case .idPlural: entry.idPlural?.append(text)
        case .string(let n): entry.strings[n, default: ""].append(text)
        }
    }

    /// One quoted string (escapes decoded by the scanner `tsuzuri check` reads PO files with).
    private func unquote(_ s: String, line: Int) throws -> String {
        guard let value = POStringLiteral.value(of: s) else {
            throw ExchangeError.malformed(path: displayPath, line: line, reason: "expected a quoted string")
        }
        return value
    }
}
