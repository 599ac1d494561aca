import Foundation
import TsuzuriGlossary

/// A glossary entry holds one English form; a TBX concept may have several English terms. The
/// others are kept at the end of the entry's note, as `[also en: Defense Secretary|!Secretary of
/// War]` (`|` between terms, `!` before a deprecated one, as in the variants column), so that TSV
/// keeps its six columns and a TBX export writes them back as English terms.
enum EnglishAlternatives {
    static let opening = "[also en: "

    /// The note without the marker, and the English terms it lists.
    static func split(_ note: String) -> (note: String, terms: [(term: String, deprecated: Bool)]) {
        guard note.hasSuffix("]"), let start = note.range(of: opening, options: .backwards) else { return (note, []) }
        let list = note[start.upperBound..<note.index(before: note.endIndex)]
        let terms = list.split(separator: GlossaryFormat.listSeparator).map { item -> (String, Bool) in
            let text = item.trimmingCharacters(in: .whitespaces)
            return text.first == GlossaryFormat.deprecatedMark
                ? (String(text.dropFirst()).trimmingCharacters(in: .whitespaces), true) : (text, false)
        }.filter { !$0.0.isEmpty }
        let rest = note[..<start.lowerBound].trimmingCharacters(in: .whitespaces)
        return (rest, terms.map { (term: $0.0, deprecated: $0.1) })
    }

    /// The note with the terms appended in the marker (the note alone when there are none).
    static func join(_ note: String, _ terms: [(term: String, deprecated: Bool)]) -> String {
        guard !terms.isEmpty else { return note }
        let list = terms.map { ($0.deprecated ? String(GlossaryFormat.deprecatedMark) : "") + $0.term }
            .joined(separator: String(GlossaryFormat.listSeparator))
        return (note.isEmpty ? "" : note + " ") + opening + list + "]"
    }
}
