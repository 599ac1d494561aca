import Foundation

/// One dictionary entry as a lookup returns it: the English it gives, and why it was found.
public struct DictionaryGloss: Codable, Sendable, Hashable {
    /// How a spelling found the entry.
    public enum Match: String, Codable, Sendable {
        /// The spelling is a headword or reading as written (NFKC: half-width kana match).
        case exact
        /// Only through the variant engine's spelling form (hiragana as katakana, ・ and ＝
        /// dropped, a dash after kana as ー).
        case normalized
        /// An English gloss matched (English → Japanese).
        case english
    }

    /// The English form to suggest: the first gloss without its notes ("Vilnius (Lithuania)" → "Vilnius").
    public var english: String
    /// Every gloss of the entry, as the dictionary writes them.
    public var glosses: [String]
    public var headwords: [String]
    public var readings: [String]
    /// ENAMDICT's name types (`s`, `p`, `g`…); empty for EDICT words.
    public var nameTypes: [String]
    /// EDICT's `(P)`: a common word.
    public var priority: Bool
    /// The imported file's name (`edict`, `enamdict`) and the line of the entry in it.
    public var source: String
    public var line: Int
    public var match: Match

    /// The first headword, with its reading when it has one: `〆 [しめ]`.
    public var headline: String {
        readings.isEmpty ? headwords.joined(separator: ";") : "\(headwords.joined(separator: ";")) [\(readings.joined(separator: ";"))]"
    }

    /// The name types in words ("surname, place").
    public var nameTypeDescription: String {
        nameTypes.map { NameType.descriptions[$0] ?? $0 }.joined(separator: ", ")
    }

    /// `gloss` without its notes in parentheses: "Vilnius (Lithuania)" → "Vilnius".
    static func withoutNotes(_ gloss: String) -> String {
        var out = ""
        var depth = 0
        for character in gloss {
            if character == "(" { depth += 1 } else if character == ")" { depth = max(0, depth - 1) } else if depth == 0 { out.append(character) }
        }
        let trimmed = out.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        return trimmed.isEmpty ? gloss : trimmed
    }
}

/// Why the dictionary says two spellings name the same thing.
public struct DictionaryEvidence: Codable, Sendable, Hashable {
    public enum Kind: String, Codable, Sendable {
        /// Both are forms (headword or reading) of one entry.
        case sameEntry
        /// Both are kana names whose entries give the same English (ビリニュス, ヴィリニュス: Vilnius).
        case sameName
    }

    public var kind: Kind
    /// One sentence for people: "both are readings of ヴィリニュス (Vilnius) in enamdict".
    public var description: String
    /// The entries that show it.
    public var entries: [DictionaryGloss]
}
