import Foundation
import TsuzuriGlossary

/// OmegaT's glossary file: one term per line, source TAB target TAB comment (the comment is
/// optional), UTF-8, no header; lines starting with `#` are comments. For a Japanese–English
/// project the source is the Japanese form and the target the English one. It holds no kind, no
/// variants and no aliases: an export writes each entry's preferred form, English form and note.
public struct OmegaTGlossaryCodec: GlossaryCodec {
    public init() {}

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
        return DecodedGlossary(entries: entries)
    }

    public func encode(_ entries: [GlossaryEntry]) throws -> [UInt8] {
        var text = ""
        for entry in entries {
            let columns = entry.note.isEmpty ? [entry.ja, entry.en] : [entry.ja, entry.en, entry.note]
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
