import TsuzuriCheck
import TsuzuriDictionary
import TsuzuriMemory
import TsuzuriText

/// The translation memory as evidence: the units whose Japanese side holds a spelling as a whole
/// word, and the English name each translates it with (the capitalised word of the English side
/// that fits the spelling best, `NameAlignment`). Two spellings translated with the same English
/// are one name; with different English, two.
public final class MemoryEvidence: TranslationEvidence {
    public let name = "the memory"
    public let canContradict = true
    private let memory: TranslationMemory
    /// Units read per spelling: enough to see a habit, few enough to stay fast.
    static let unitLimit = 20
    /// How well an English word must fit the spelling to count as its translation.
    static let minimumFit = 0.6

    public init(memory: TranslationMemory) {
        self.memory = memory
    }

    public func translations(of spelling: String) -> [EvidenceTranslation] {
        guard let hits = try? memory.concordance(spelling, limit: Self.unitLimit) else { return [] }
        var units: [String: (english: String, ids: [Int64])] = [:]
        var order: [String] = []
        for hit in hits {
            let japaneseIsSource = hit.sourceLanguage.lowercased().hasPrefix("ja")
            let (japanese, english, spans) =
                japaneseIsSource ? (hit.source, hit.target, hit.sourceSpans) : (hit.target, hit.source, hit.targetSpans)
            // The spelling as a word of its own, not inside a longer katakana word.
            guard spans.contains(where: { Self.isWholeWord($0, in: japanese) }) else { continue }
            let fits = NameAlignment.names(in: english)
                .map { ($0, NameAlignment.score(katakana: spelling, english: $0)) }
                .filter { $0.1 >= Self.minimumFit }
            guard let best = fits.max(by: { $0.1 < $1.1 }) else { continue }
            let key = Normalizer.normalize(best.0, .english)
            if units[key] == nil {
                order.append(key)
                units[key] = (best.0, [])
            }
            units[key]!.ids.append(hit.unitID)
        }
        return order.map { units[$0]! }.sorted { $0.ids.count > $1.ids.count }.map { english, ids in
            let shown = ids.sorted().prefix(5).map(String.init).joined(separator: ", ") + (ids.count > 5 ? ", …" : "")
            return EvidenceTranslation(english: english, support: "\(ids.count == 1 ? "unit" : "units") \(shown)")
        }
    }

    private static func isWholeWord(_ span: TextSpan, in text: String) -> Bool {
        let scalars = Array(text.unicodeScalars)
        let before = span.start > 0 ? scalars[span.start - 1].value : 0
        let after = span.end < scalars.count ? scalars[span.end].value : 0
        return !Script.isKatakana(before) && !Script.isKatakana(after)
    }
}

/// An imported dictionary as evidence: the English of the entries that write a spelling exactly
/// (EDICT words, ENAMDICT names).
public final class DictionaryEvidence: TranslationEvidence {
    public let name = "the dictionary"
    public let canContradict = false
    private let dictionary: DictionaryStore

    public init(dictionary: DictionaryStore) {
        self.dictionary = dictionary
    }

    public func translations(of spelling: String) -> [EvidenceTranslation] {
        guard let glosses = try? dictionary.english(for: spelling) else { return [] }
        var seen = Set<String>()
        return glosses.filter { $0.match == .exact }.prefix(5).compactMap { gloss in
            guard seen.insert(Normalizer.normalize(gloss.english, .english)).inserted else { return nil }
            return EvidenceTranslation(english: gloss.english, support: "\(gloss.source):\(gloss.line)")
        }
    }
}
