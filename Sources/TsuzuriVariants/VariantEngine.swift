import TsuzuriText

/// Judges whether two spellings write the same word or name: a weighted edit distance over
/// morae, cheap for what Japanese transcription really varies in and expensive for what makes a
/// different word, with a decision rule that holds short names to a stricter standard.
public struct VariantEngine: Sendable {
    let costs: VariantCosts
    /// Bucket size above which the clustering index stops pairing members of one bucket: such a
    /// bucket holds a key so common that it says nothing (two-mora skeletons).
    var maximumBucket = 400

    /// How far the decision rule is stretched: every allowance is multiplied by it. 1 is the
    /// tuned setting, which holds names to the standard an editor needs; above 1 more loanword
    /// variants are grouped and more different names are merged with them (README, "Tolerance").
    /// Changes that make a different word (ジョー/ジョン) stay blocked at any tolerance.
    public let tolerance: Double

    /// The tolerances a user may choose.
    public static let tolerances: ClosedRange<Double> = 0.25...4

    /// The engine with its tuned parameters, its allowances multiplied by `tolerance`
    /// (clamped to `tolerances`).
    public init(tolerance: Double = 1) {
        costs = VariantCosts()
        self.tolerance = min(max(tolerance, Self.tolerances.lowerBound), Self.tolerances.upperBound)
    }

    /// Compares two spellings: a score in 0...1 (0.5 or more exactly when they are judged
    /// variants), the decision, and the edits that explain it.
    public func compare(_ a: String, _ b: String) -> VariantComparison {
        let left = Spelling(a), right = Spelling(b)
        let judgement = judge(left, right, explain: true)
        var edits = judgement.edits
        let separatorsA = a.unicodeScalars.filter { Script.isNameSeparator($0.value) }
        let separatorsB = b.unicodeScalars.filter { Script.isNameSeparator($0.value) }
        if separatorsA.map(\.value) != separatorsB.map(\.value) {
            edits.insert(VariantEdit(kind: .separator, from: String(String.UnicodeScalarView(separatorsA)),
                                     to: String(String.UnicodeScalarView(separatorsB)), cost: 0), at: 0)
        }
        return VariantComparison(a: a, b: b, score: judgement.score, isVariant: judgement.isVariant, edits: edits)
    }

    /// The tolerance for a pair whose shorter spelling has `syllables` syllables: short names
    /// are held to a stricter standard (ジョー/ジョン, バス/パス).
    func allowance(syllables: Int) -> Double {
        tolerance * tunedAllowance(syllables: syllables)
    }

    private func tunedAllowance(syllables: Int) -> Double {
        switch syllables {
        case ...2: return 0.1
        case 3: return 0.2
        case 4: return 0.4
        case 5: return 0.55
        default: return min(0.55 + 0.08 * Double(syllables - 5), 1.0)
        }
    }

    struct Judgement {
        var cost: Double
        var allowance: Double
        var isVariant: Bool
        /// Whether something other than the cost rules the pair out: a change that makes a
        /// different word, or extra morae at one end.
        var isBlocked: Bool
        var score: Double
        var edits: [VariantEdit]
    }

    /// Slack for sums of edit costs (0.2 + 0.4 + 0.15 is 0.7500000000000001): the quick reject in
    /// `cluster` and the decision in `similar` must agree on a pair exactly at its allowance.
    static let costEpsilon = 1e-9

    /// Fewest syllables around the edits that their allowance is computed from.
    static let localWindowSyllables = 5

    /// The allowance for the stretch of `a` around the edits that cost something: a spelling
    /// variant of a compound is a variant inside one of its parts, so a long shared part must not
    /// buy tolerance for a change elsewhere (セキュリティレベル/セキュリティラベル and
    /// ネットワークコード/ネットワークカード are different words). The stretch covers every costly edit
    /// plus at least one syllable on each side, and at least `localWindowSyllables` syllables, so
    /// a word that short is judged whole, as before.
    /// `second` measures the stretch in the second spelling (`a` is then that spelling).
    func localAllowance(_ alignment: Alignment, _ a: Morae, second: Bool = false) -> Double {
        let costly = alignment.steps.filter { $0.cost > costs.finalLongVowel + 0.01 }
        guard let first = costly.first, let last = costly.last else { return .infinity }
        let start = second ? first.j : first.i
        let end = second ? last.j + last.span.1 : last.i + last.span.0
        var lower = min(start, a.count), upper = min(max(end, lower), a.count)
        func syllables(_ range: Range<Int>) -> Int { a[range].reduce(0) { $0 + ($1.isSyllable ? 1 : 0) } }
        // One syllable of context on each side, then widen alternately until the window is big enough.
        while lower > 0, syllables(lower..<start) < 1 { lower -= 1 }
        while upper < a.count, syllables(upper..<a.count) > 0, syllables(min(end, a.count)..<upper) < 1 { upper += 1 }
        var growLeft = true
        while syllables(lower..<upper) < Self.localWindowSyllables, lower > 0 || upper < a.count {
            if (growLeft && lower > 0) || upper == a.count { lower -= 1 } else { upper += 1 }
            growLeft.toggle()
        }
        // ー, ッ and lengthening vowels beside the window belong to its syllables.
        while upper < a.count, !a[upper].isSyllable { upper += 1 }
        return allowance(syllables: syllables(lower..<upper))
    }

    /// The length of the repeated half when a spelling is one part written twice (ゼーゼー), else nil.
    static func reduplicatedHalf(_ surfaces: [String]) -> Int? {
        let count = surfaces.count
        guard count >= 2, count % 2 == 0 else { return nil }
        let half = count / 2
        return surfaces[..<half].elementsEqual(surfaces[half...]) ? half : nil
    }

    /// The longest spelling, in morae, that is compared phonetically; longer ones (a paragraph
    /// pasted by mistake) only match themselves, so that one bad line cannot stall a run.
    static let maximumMorae = 120

    func judge(_ a: Spelling, _ b: Spelling, explain: Bool, quickRejectFactor: Double = 2) -> Judgement {
        // One order for every pair, so that A/B and B/A (and `cluster`, whatever the order of its
        // input) get one judgement: the alignment breaks ties by the order it tries edits in.
        if b.normalized < a.normalized {
            var judgement = judgeInOrder(b, a, explain: explain, quickRejectFactor: quickRejectFactor)
            judgement.edits = judgement.edits.map(\.mirrored)
            return judgement
        }
        return judgeInOrder(a, b, explain: explain, quickRejectFactor: quickRejectFactor)
    }

    private func judgeInOrder(_ a: Spelling, _ b: Spelling, explain: Bool, quickRejectFactor: Double) -> Judgement {
        if a.normalized.isEmpty || b.normalized.isEmpty {
            return Judgement(cost: .infinity, allowance: 0, isVariant: false, isBlocked: true, score: 0, edits: [])
        }
        if a.normalized == b.normalized {
            return Judgement(cost: 0, allowance: 1, isVariant: true, isBlocked: false, score: 1, edits: [])
        }
        guard a.isKana, b.isKana, a.morae.count <= Self.maximumMorae, b.morae.count <= Self.maximumMorae else {
            return Judgement(cost: .infinity, allowance: 0, isVariant: false, isBlocked: true, score: 0, edits: [])
        }
        var scratch = AlignmentScratch()
        return a.morae.withUnsafeBufferPointer { moraeA in
            b.morae.withUnsafeBufferPointer { moraeB in
                judgeKana(moraeA, moraeB, syllables: (a.syllables, b.syllables),
                          halves: (a.reduplicatedHalf, b.reduplicatedHalf),
                          surfaces: explain ? (a.surfaces, b.surfaces) : nil,
                          quickRejectFactor: quickRejectFactor, scratch: &scratch)
            }
        }
    }

    /// The judgement on two different kana spellings of at most `maximumMorae` morae, in judging
    /// order: what `judge` and `cluster` share. `syllables` and `halves` are the spellings'
    /// `Spelling.syllables` and `Spelling.reduplicatedHalf`; the edits are explained only when
    /// `surfaces` (the letters of each mora) are given.
    func judgeKana(_ a: Morae, _ b: Morae, syllables: (Int, Int), halves: (Int?, Int?),
                   surfaces: ([String], [String])?, quickRejectFactor: Double,
                   scratch: inout AlignmentScratch) -> Judgement {
        let allow = allowance(syllables: min(syllables.0, syllables.1))
        guard let halfA = halves.0, let halfB = halves.1 else {
            return judgeKana(a, b, allowance: allow, ends: (a.last, b.last), surfaces: surfaces,
                             quickRejectFactor: quickRejectFactor, scratch: &scratch)
        }
        // ゼーゼー/ゼイゼイ, ニャーニャー/ニャアニャア: two reduplicated words are judged as their
        // halves, each followed by one shared mark so that a ー inside (ボボ/ボーボー) is not
        // taken for a final one.
        let mark = Mora(consonant: .other, vowel: .none, code: 0x30FB)
        let moraeA = Array(a[..<halfA]) + [mark], moraeB = Array(b[..<halfB]) + [mark]
        let halved = surfaces.map { (Array($0.0[..<halfA]) + [""], Array($0.1[..<halfB]) + [""]) }
        func count(_ m: [Mora]) -> Int { m.reduce(0) { $0 + ($1.isSyllable && $1.consonant != .other ? 1 : 0) } }
        let halvedAllowance = allowance(syllables: min(count(moraeA), count(moraeB)))
        return moraeA.withUnsafeBufferPointer { halfA in
            moraeB.withUnsafeBufferPointer { halfB in
                judgeKana(halfA, halfB, allowance: halvedAllowance, ends: (a.last, b.last), surfaces: halved,
                          quickRejectFactor: quickRejectFactor, scratch: &scratch)
            }
        }
    }

    /// The decision on morae `a` and `b` with `allowance` before the local stretch is measured;
    /// `ends` are the last morae of the whole spellings (ジョー/ジョン).
    private func judgeKana(_ a: Morae, _ b: Morae, allowance: Double, ends: (Mora?, Mora?),
                           surfaces: ([String], [String])?, quickRejectFactor: Double,
                           scratch: inout AlignmentScratch) -> Judgement {
        var allow = allowance
        if surfaces == nil && alignmentCost(a, b, limit: quickRejectFactor * allow + Self.costEpsilon, scratch: &scratch) == nil {
            return Judgement(cost: .infinity, allowance: allow, isVariant: false, isBlocked: false, score: 0, edits: [])
        }
        let alignment = align(a, b)
        // Both spellings' stretches, so that the judgement does not depend on their order.
        allow = min(allow, localAllowance(alignment, a), localAllowance(alignment, b, second: true))
        var hardEdits = 0
        var isExtension = false
        var firstKept = Int.max, lastKept = -1
        for (n, step) in alignment.steps.enumerated() where step.op == .substitute {
            firstKept = min(firstKept, n)
            lastKept = n
        }
        for (n, step) in alignment.steps.enumerated() where step.kind.makesDifferentWord {
            hardEdits += 1
            if (step.op == .delete || step.op == .insert) && (n < firstKept || n > lastKept) {
                // Extra morae at one end: a compound or a derivative, not a spelling (リーダーシップ).
                isExtension = true
            }
        }
        // ジョー/ジョン, タンブラー/タンブラン: a final ー against a final ン makes another word,
        // however cheap a dropped ー and an added ン are on their own.
        if let lastA = ends.0, let lastB = ends.1,
           (lastA.consonant == .long && lastB.consonant == .nasal) || (lastA.consonant == .nasal && lastB.consonant == .long) {
            hardEdits += 1
        }
        // A change that makes a different word rules the pair out at any length: allowing one
        // in long words found more loanword variants but also merged ダイニング/ライニング.
        let isVariant = hardEdits == 0 && !isExtension && alignment.cost <= allow + Self.costEpsilon
        var score = 1 / (1 + alignment.cost / allow)
        if !isVariant { score = min(score, 0.49) }
        score = (score * 1000).rounded() / 1000
        let edits = surfaces.map { surfaces in alignment.steps.compactMap { $0.edit(surfaces.0, surfaces.1) } } ?? []
        return Judgement(cost: alignment.cost, allowance: allow, isVariant: isVariant,
                         isBlocked: hardEdits > 0 || isExtension, score: score, edits: edits)
    }
}

/// The judgement on two spellings, as `tsuzuri similar` prints it.
public struct VariantComparison: Sendable, Codable, Hashable {
    public var a: String
    public var b: String
    /// 1 for the same spelling after normalisation; 0.5 or more exactly when `isVariant`.
    public var score: Double
    /// Whether the two spellings are judged to write the same word or name.
    public var isVariant: Bool
    /// The differences that explain the score, in the order of the first spelling.
    public var edits: [VariantEdit]

    public init(a: String, b: String, score: Double, isVariant: Bool, edits: [VariantEdit]) {
        self.a = a
        self.b = b
        self.score = score
        self.isVariant = isVariant
        self.edits = edits
    }
}

/// A spelling prepared for comparison: normalised once, segmented once.
struct Spelling: Sendable {
    var normalized: String
    var isKana: Bool
    var morae: [Mora]
    /// The letters of each mora.
    var surfaces: [String]
    var syllables: Int
    /// `VariantEngine.reduplicatedHalf` of the surfaces, found once rather than for every pair.
    var reduplicatedHalf: Int?

    init(_ raw: String) {
        self.init(normalized: SpellingNormalizer.normalize(raw))
    }

    init(normalized: String) {
        self.normalized = normalized
        isKana = SpellingNormalizer.isKana(normalized)
        (morae, surfaces) = isKana ? MoraSegmenter.segment(normalized) : ([], [])
        syllables = morae.reduce(0) { $0 + ($1.isSyllable ? 1 : 0) }
        reduplicatedHalf = VariantEngine.reduplicatedHalf(surfaces)
    }
}
