import Foundation
import TsuzuriExchange

/// How `TranslationMemory.importFile` reads a file.
public struct ImportOptions: Sendable {
    /// The file's format; nil guesses from the extension.
    public var format: ExchangeFormat?
    /// The source language: which `<tuv>` is the source in TMX (default: the `srclang`), the
    /// first column of TSV (default `ja`), `msgid` of PO (default `en`).
    public var sourceLanguage: String?
    /// The target language: which `<tuv>` is the target in TMX (default: every other one), the
    /// second column of TSV (default `en`), `msgstr` of PO (default: the header's `Language`).
    public var targetLanguage: String?
    /// Refuse the whole file when any unit has to be skipped: a unit that cannot make a memory
    /// entry (a TMX `<tu>` without the requested language, a blank `<seg>`) or an unfinished one
    /// (a fuzzy or untranslated gettext entry). Off by default: such units are skipped and listed
    /// in the summary with their lines, and the rest is imported, because one bad unit in a
    /// real-world file (a `<seg>` holding a single space) must not stop the import of thousands.
    public var strict = false
    /// The origin recorded with each unit; nil records the file name.
    public var origin: String?

    public init(format: ExchangeFormat? = nil, sourceLanguage: String? = nil, targetLanguage: String? = nil, strict: Bool = false, origin: String? = nil) {
        self.format = format
        self.sourceLanguage = sourceLanguage
        self.targetLanguage = targetLanguage
        self.strict = strict
        self.origin = origin
    }
}

/// The format rules of an import: which segment of an exchange unit is the source, which are
/// targets, and which units are skipped and why.
enum ImportPolicy {
    /// What one exchange unit becomes: new units (with their index grams) and skips, in order.
    static func prepare(_ unit: ExchangeUnit, format: ExchangeFormat, options: ImportOptions, origin: String) -> PreparedUnit {
        var prepared = PreparedUnit(line: unit.line)
        func skip(_ reason: String) -> PreparedUnit {
            prepared.events.append(.skip(reason))
            return prepared
        }
        if unit.isFuzzy { return skip("fuzzy translation") }
        // Which segment is the source.
        let sourceIndex: Int?
        if format == .tmx, let wanted = options.sourceLanguage ?? unit.sourceLanguage {
            sourceIndex = unit.segments.firstIndex { LanguageCode.matches($0.language, requested: wanted) }
            if sourceIndex == nil { return skip("no <tuv> in \(wanted)") }
        } else {
            sourceIndex = unit.segments.isEmpty ? nil : 0
        }
        guard let sourceIndex else { return skip("no <tuv>") }
        let source = unit.segments[sourceIndex]
        var targets: [ExchangeSegment]
        if format == .tmx, let wanted = options.targetLanguage {
            targets = unit.segments.filter { LanguageCode.matches($0.language, requested: wanted) }.prefix(1).map { $0 }
            if targets.isEmpty { return skip("no <tuv> in \(wanted)") }
        } else {
            targets = unit.segments.enumerated().filter {
                $0.offset != sourceIndex && LanguageCode.canonical($0.element.language) != LanguageCode.canonical(source.language)
            }.map(\.element)
            if targets.isEmpty { return skip("no translation (one language only)") }
        }
        if source.text.allSatisfy(\.isWhitespace) { return skip(format == .tmx ? "empty source <seg>" : "empty source") }
        let sourceGrams = IndexGrams(MatchText(source.text, keepRanges: false))
        for target in targets {
            if target.text.allSatisfy(\.isWhitespace) {
                prepared.events.append(
                    .skip(format == .po ? "untranslated" : format == .tmx ? "empty target <seg>" : "empty target"))
                continue
            }
            let new = NewUnit(
                source: source.text, target: target.text, sourceLanguage: source.language, targetLanguage: target.language,
                sourceMarkup: source.markup, targetMarkup: target.markup, origin: origin, notes: unit.notes,
                properties: unit.properties, created: unit.creationDate ?? unit.changeDate, changed: unit.changeDate ?? unit.creationDate)
            prepared.events.append(.unit(new, sourceGrams, IndexGrams(MatchText(target.text, keepRanges: false))))
        }
        return prepared
    }

}
