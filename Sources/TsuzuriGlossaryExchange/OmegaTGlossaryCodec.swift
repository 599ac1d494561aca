import Foundation
import TsuzuriGlossary

/// OmegaT's glossary file: one term per line, source TAB target TAB comment (the comment is
/// optional), UTF-8, no header; lines starting with `#` are comments. It holds no kind, no
/// variants and no aliases: an export writes each entry's preferred form, English form and note.
public struct OmegaTGlossaryCodec: GlossaryCodec {
    /// Which column is Japanese: the source of a ja→en project, the target of an en→ja one.
    public enum Direction: String, Sendable, CaseIterable {
        case japaneseToEnglish = "ja"
        case englishToJapanese = "en"
    }

    /// The project's direction; nil when reading means "tell from the file": a file with more
    /// Japanese targets than Japanese sources is an en→ja glossary. Writing defaults to ja→en.
    public var direction: Direction?

    public init(direction: Direction? = nil) {
        self.direction = direction
    }

    public var name: String { "omegat" }

    public func decode(_ bytes: [UInt8], file: String) throws -> DecodedGlossary {
        var body = bytes[...]
        if body.starts(with: [0xEF, 0xBB, 0xBF]) { body = body.dropFirst(3) }
        guard let text = String(validating: body, as: UTF8.self) else {
            throw GlossaryExchangeError.notUTF8(file: file, line: CSVGlossaryCodec.firstInvalidLine(body))
        }
        var entries: [GlossaryEntry] = []
        // Split on LF only: "\r\n" is one Character, so a CRLF file splits the same way.
        for (index, rawLine) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = rawLine.hasSuffix("\r") ? rawLine.dropLast() : rawLine
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if trimmed.isEmpty || trimmed.hasPrefix("#") { continue }
            let columns = line.split(separator: "\t", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
            guard columns.count >= 2, !columns[0].isEmpty, !columns[1].isEmpty else {
                throw GlossaryExchangeError.malformed(
                    file: file, line: index + 1,
                    reason: "expected source<TAB>target[<TAB>comment], found \"\(trimmed.prefix(60))\"; separate the Japanese term and its English translation with a tab")
            }
            entries.append(
                GlossaryEntry(
                    ja: columns[0], en: columns[1], note: columns.dropFirst(2).filter { !$0.isEmpty }.joined(separator: " "),
                    source: GlossarySource(file: file, line: index + 1)))
        }
        let swap = direction.map { $0 == .englishToJapanese }
            ?? (entries.filter { Self.hasJapanese($0.en) }.count > entries.filter { Self.hasJapanese($0.ja) }.count)
        if swap {
            for index in entries.indices { (entries[index].ja, entries[index].en) = (entries[index].en, entries[index].ja) }
        }
        return DecodedGlossary(entries: entries)
    }

    /// Whether the text has kana or kanji.
    static func hasJapanese(_ text: String) -> Bool {
        text.unicodeScalars.contains { (0x3040...0x30FF).contains($0.value) || (0x3400...0x9FFF).contains($0.value) || (0xFF66...0xFF9F).contains($0.value) }
    }

    public func encode(_ entries: [GlossaryEntry]) throws -> [UInt8] {
        var text = ""
        for entry in entries {
            let pair = direction == .englishToJapanese ? [entry.en, entry.ja] : [entry.ja, entry.en]
            let columns = entry.note.isEmpty ? pair : pair + [entry.note]
            text += columns.map(Self.cell).joined(separator: "\t")
            text += "\n"
        }
        return Array(text.utf8)
    }

    /// A field on one line without tabs (glossary fields never hold them; a hand-made entry might).
    static func cell(_ text: String) -> String {
        String(text.map { $0 == "\t" || $0.isNewline ? " " : $0 })
    }
}
