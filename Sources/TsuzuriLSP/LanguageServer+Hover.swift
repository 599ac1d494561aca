import Foundation
import TsuzuriCheck
import TsuzuriGlossary
import TsuzuriText

extension LanguageServer {
    /// textDocument/hover: on a glossary form (any script), its entry: English, kind, note,
    /// variants, glossary file:line; on a katakana term the glossary does not know, the closest
    /// entries as `tsuzuri lookup` lists them. Nothing elsewhere.
    func hover(_ params: JSONValue) throws -> JSONValue {
        guard let uri = params["textDocument"]["uri"].stringValue, let position = Self.position(params["position"]) else {
            throw RPCError.invalidParams("hover needs textDocument.uri and a position with line and character")
        }
        guard let document = documents[uri], position.line < document.lines.count else { return .null }
        let (line, scalar) = document.resolve(position, encoding)
        let column = scalar + 1
        let scanned = ScannedLine(document.lines[line])
        func covers(_ start: Int, _ length: Int) -> Bool { start <= column && column <= start + length - 1 }

        let hits = matcher.matches(in: scanned).filter { covers($0.column, $0.length) }
        if let hit = hits.max(by: { $0.length < $1.length }) {
            let entry = glossary.entry(at: hit.entryIndex)
            let location = TextLocation(file: uri, line: line + 1, column: hit.column, length: hit.length)
            return hoverResult(Self.describe(entry, surface: hit.surface, role: hit.role), location, document)
        }
        guard let candidate = TermCandidates.find(in: scanned).first(where: { $0.kind == .katakana && covers($0.column, $0.length) })
        else { return .null }
        let location = TextLocation(file: uri, line: line + 1, column: candidate.column, length: candidate.length)
        let suggestions = glossary.suggestions(for: candidate.term, engine: engine)
        var text = "**\(candidate.term)** is not in the glossary"
        if suggestions.isEmpty {
            text += ", nothing close."
        } else {
            text += "; closest:\n"
            for suggestion in suggestions {
                var line = "\n- \(String(format: "%.2f", suggestion.score))  \(Self.headline(suggestion.entry))"
                if suggestion.form != suggestion.entry.ja && suggestion.form != suggestion.entry.en {
                    line += " (\(suggestion.role.rawValue) \(suggestion.form))"
                }
                if let source = suggestion.entry.source { line += "  `\(source)`" }
                text += line
            }
        }
        return hoverResult(text, location, document)
    }

    func hoverResult(_ markdown: String, _ location: TextLocation, _ document: TextDocument) -> JSONValue {
        ["contents": ["kind": "markdown", "value": .string(markdown)], "range": range(of: location, in: document)]
    }

    /// The entry as hover text: which form this is, the entry's line, its other forms and note.
    static func describe(_ entry: GlossaryEntry, surface: String, role: FormRole) -> String {
        var lines = ["**\(surface)**" + (role == .preferred ? "" : " — \(role.rawValue) of **\(entry.ja)**")]
        lines.append(headline(entry))
        if !entry.variants.isEmpty { lines.append("variants: \(entry.variants.joined(separator: ", "))") }
        if !entry.deprecated.isEmpty { lines.append("deprecated: \(entry.deprecated.joined(separator: ", "))") }
        if !entry.aliases.isEmpty { lines.append("aliases: \(entry.aliases.joined(separator: ", "))") }
        if !entry.note.isEmpty { lines.append("note: \(entry.note)") }
        if let source = entry.source { lines.append("`\(source)`") }
        return lines.joined(separator: "\n\n")
    }

    /// "ヘグセス = Hegseth (person)", as `tsuzuri lookup` writes an entry.
    static func headline(_ entry: GlossaryEntry) -> String {
        "\(entry.ja) = \(entry.en) (\(entry.kind))"
    }
}
