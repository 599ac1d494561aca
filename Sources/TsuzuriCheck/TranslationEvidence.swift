import TsuzuriText

/// An English form a source outside the document gives for a katakana spelling, and where it
/// comes from ("units 3, 7").
public struct EvidenceTranslation: Hashable, Sendable {
    public var english: String
    /// Where the source says so, for messages.
    public var support: String

    public init(english: String, support: String) {
        self.english = english
        self.support = support
    }

    /// The form compared: case, diacritics and punctuation ignored.
    var key: String { Normalizer.normalize(english, .english) }
}

/// A source outside the document that knows what spellings are in English: the translation
/// memory (units that translate a spelling), an imported dictionary. Two close spellings with the
/// same English are one thing; with different English, two.
public protocol TranslationEvidence: AnyObject {
    /// What messages call the source: "the memory", "the dictionary".
    var name: String { get }
    /// Whether different English from this source keeps two spellings apart. A memory records
    /// how the team translated these very spellings; a dictionary lists every sense of a
    /// homograph (カラス: the crow and the surname Kallas), so its differences prove nothing.
    var canContradict: Bool { get }
    /// The English forms the source gives for `spelling`, best first; empty when it does not know it.
    func translations(of spelling: String) -> [EvidenceTranslation]
}

extension Checker {
    /// What the outside sources say `spelling` is in English (asked once per spelling and run).
    func externalTranslations(of spelling: String) -> [(source: String, translation: EvidenceTranslation)] {
        if let known = externalCache[spelling] { return known }
        var found: [(String, EvidenceTranslation)] = []
        for source in evidenceSources {
            for translation in source.translations(of: spelling) { found.append((source.name, translation)) }
        }
        externalCache[spelling] = found
        return found
    }

    /// Evidence from the outside sources for `a` and `b` being one thing: the same English.
    func externalEvidence(_ a: String, _ b: String) -> String? {
        let left = externalTranslations(of: a), right = externalTranslations(of: b)
        for (source, x) in left {
            if let (_, y) = right.first(where: { $0.source == source && $0.translation.key == x.key }) {
                return "\(source) translates both as \(x.english) (\(a): \(x.support); \(b): \(y.support))"
            }
        }
        return nil
    }

    /// What the outside sources say against `a` and `b` being one thing: one source gives both
    /// English forms, and they share none.
    func externalContradiction(_ a: String, _ b: String) -> String? {
        let left = externalTranslations(of: a), right = externalTranslations(of: b)
        let deciding = Set(evidenceSources.filter(\.canContradict).map(\.name))
        for source in Set(left.map(\.source)).sorted() where deciding.contains(source) {
            let x = left.filter { $0.source == source }.map(\.translation)
            let y = right.filter { $0.source == source }.map(\.translation)
            guard let first = x.first, let second = y.first, Set(x.map(\.key)).isDisjoint(with: y.map(\.key)) else { continue }
            return "\(source) translates \(a) as \(first.english) and \(b) as \(second.english)"
        }
        return nil
    }
}
