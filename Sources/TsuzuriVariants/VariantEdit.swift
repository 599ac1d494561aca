/// One difference between two spellings, with what it costs: the explanation behind a decision
/// (`セ→ゼ voiced`, `グセ↔スゲ transposed`, `ー added`).
public struct VariantEdit: Sendable, Codable, Hashable, CustomStringConvertible {
    /// What kind of difference this is. The cheap kinds are the ones Japanese transcription
    /// really varies in; `inserted`, `deleted` and `changed` make a different word.
    public enum Kind: String, Sendable, Codable, CaseIterable {
        /// ・ ＝ or a space, present in one spelling only (ignored).
        case separator
        /// Two letters for one sound (ヂ/ジ, ヲ/オ).
        case sameSound
        /// ー present or not, or written as a vowel (エー/エイ, オー/オウ, ゼーゼー/ゼエゼエ).
        case longVowel
        /// An r-coloured vowel written with ル or without (アーマジロ/アルマジロ, ポリモルフィズム/ポリモフィズム).
        case rColouring
        /// ッ present or not.
        case geminate
        /// Small against large kana (ウィ/ウイ, ビョ/ビヨ), or a palatal glide written out (チャ/チュア).
        case smallKana
        /// A consonant voiced or not (セ/ゼ, ト/ド, ハ/バ/パ).
        case voicing
        /// ヴ-row against バ-row against ウ-row (ヴォ/ボ/ウォ).
        case labial
        /// Transcriptions of one foreign sound (ティ/チ/テ, ディ/ジ/デ, フォ/ホ, スィ/シ, トゥ/ツ/ト).
        case transcription
        /// A glide written or not (ダイヤル/ダイアル).
        case glide
        /// A palatalised consonant against a plain one (ギャ/ガ).
        case palatal
        /// A vowel changed (リファレンス/レファレンス).
        case vowel
        /// Final ン against ム.
        case finalNasal
        /// ン present or not.
        case nasal
        /// Two neighbouring morae, or their consonants, swapped (グセ/スゲ, マラ/ラマ).
        case transposition
        /// A mora only one spelling has.
        case inserted
        /// A mora only the first spelling has.
        case deleted
        /// A consonant changed into an unrelated one.
        case changed

        /// Whether this kind of difference usually makes a different word.
        public var makesDifferentWord: Bool {
            self == .inserted || self == .deleted || self == .changed
        }
    }

    public var kind: Kind
    /// The part of the first spelling (empty for an insertion).
    public var from: String
    /// The part of the second spelling (empty for a deletion).
    public var to: String
    /// What the difference costs in the engine's distance.
    public var cost: Double

    private enum CodingKeys: String, CodingKey {
        case kind, from, to, cost, description
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        kind = try container.decode(Kind.self, forKey: .kind)
        from = try container.decode(String.self, forKey: .from)
        to = try container.decode(String.self, forKey: .to)
        cost = try container.decode(Double.self, forKey: .cost)
    }

    /// Encodes the fields and, for readers of the JSON, the one-line `description`.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(kind, forKey: .kind)
        try container.encode(from, forKey: .from)
        try container.encode(to, forKey: .to)
        try container.encode(cost, forKey: .cost)
        try container.encode(description, forKey: .description)
    }

    public init(kind: Kind, from: String, to: String, cost: Double) {
        self.kind = kind
        self.from = from
        self.to = to
        self.cost = cost
    }

    /// The same edit read from the other spelling: from and to swapped, an insertion a deletion.
    var mirrored: VariantEdit {
        let kind: Kind = switch kind {
        case .inserted: .deleted
        case .deleted: .inserted
        default: kind
        }
        return VariantEdit(kind: kind, from: to, to: from, cost: cost)
    }

    public var description: String {
        let label: String
        switch kind {
        case .separator: label = "separator ignored"
        case .sameSound: label = "same sound"
        case .longVowel: label = "long vowel"
        case .rColouring: label = "r-coloured vowel"
        case .geminate: label = "geminate"
        case .smallKana: label = "small kana"
        case .voicing: label = voicingLabel
        case .labial: label = "ヴ/バ/ウ row"
        case .transcription: label = "transcription"
        case .glide: label = "glide"
        case .palatal: label = "palatalised"
        case .vowel: label = "vowel changed"
        case .finalNasal: label = "final ン/ム"
        case .nasal: label = "nasal"
        case .transposition: return "\(from)↔\(to) transposed"
        case .inserted: return "\(to) inserted"
        case .deleted: return "\(from) deleted"
        case .changed: label = "different sound"
        }
        if from.isEmpty { return "\(to) added (\(label))" }
        if to.isEmpty { return "\(from) dropped (\(label))" }
        return "\(from)→\(to) \(label)"
    }

    /// "voiced" when the second spelling has the voiced letter, "devoiced" otherwise.
    private var voicingLabel: String {
        let voicedMarks: Set<Unicode.Scalar> = ["\u{3099}", "\u{309A}"]
        func marks(_ s: String) -> Int {
            s.decomposedStringWithCanonicalMapping.unicodeScalars.filter { voicedMarks.contains($0) }.count
        }
        return marks(to) >= marks(from) ? "voiced" : "devoiced"
    }
}
