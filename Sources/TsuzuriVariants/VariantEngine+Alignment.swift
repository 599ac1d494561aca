/// The cheapest alignment of two mora sequences: Damerau-style edit distance with weighted
/// substitutions, transpositions of neighbouring morae (or of their consonants), and one mora
/// against two (ウォ/ウオ, チャ/チュア).
struct Alignment {
    enum Operation: UInt8 {
        case start, substitute, delete, insert, transpose, splitA, splitB
    }

    struct Step {
        var op: Operation
        /// Index of the step's first mora in each spelling.
        var i: Int
        var j: Int
        var cost: Double
        var kind: VariantEdit.Kind

        /// How many morae of each spelling the step covers.
        var span: (Int, Int) {
            switch op {
            case .start: return (0, 0)
            case .substitute: return (1, 1)
            case .delete: return (1, 0)
            case .insert: return (0, 1)
            case .transpose: return (2, 2)
            case .splitA: return (1, 2)
            case .splitB: return (2, 1)
            }
        }

        func edit(_ a: [String], _ b: [String]) -> VariantEdit? {
            let (na, nb) = span
            let from = a[i..<(i + na)].joined()
            let to = b[j..<(j + nb)].joined()
            // ヂ/ジ, ヲ/オ: the same sound in other letters costs nothing but is still shown.
            if cost == 0 && (op != .substitute || from == to) { return nil }
            var kind = self.kind
            if op == .delete && kind == .inserted { kind = .deleted }
            return VariantEdit(kind: kind, from: from, to: to, cost: (cost * 1000).rounded() / 1000)
        }
    }

    var cost: Double
    var steps: [Step]
}

/// A spelling's morae as the alignment reads them: a view into one array, so that judging a pair
/// copies nothing and touches no reference count (two threads judging pairs of the same
/// spellings would otherwise contend for them).
typealias Morae = UnsafeBufferPointer<Mora>

/// The alignment table of `alignmentCost`, kept by a caller that judges many pairs so that the
/// table is allocated once, not once per pair.
struct AlignmentScratch: ~Copyable {
    private var buffer: UnsafeMutableBufferPointer<Double>

    init() {
        buffer = .allocate(capacity: 256)
    }

    deinit {
        buffer.deallocate()
    }

    /// A table of at least `capacity` cells (their contents undefined).
    mutating func table(capacity: Int) -> UnsafeMutableBufferPointer<Double> {
        if buffer.count < capacity {
            buffer.deallocate()
            buffer = .allocate(capacity: max(capacity, 2 * buffer.count))
        }
        return buffer
    }
}

extension VariantEngine {
    /// The cheapest way into cell (i, j) of the alignment table `dist` (row width m + 1): the one
    /// recurrence that `align` and `alignmentCost` both fill their tables with.
    struct Cell {
        var cost: Double
        var op: Alignment.Operation
        var kind: VariantEdit.Kind
        var step: Double
    }

    /// `bound`: predecessors above it are not considered (`alignmentCost` passes its limit: a
    /// cell reached only through them is above the limit whatever its exact cost).
    @inline(__always)
    private func cell(_ a: Morae, _ b: Morae, _ i: Int, _ j: Int, longWords: Bool, lastA: Int, lastB: Int,
                      _ dist: UnsafeMutableBufferPointer<Double>, bound: Double = .infinity) -> Cell {
        let n = a.count, m = b.count, width = m + 1
        var best = Cell(cost: i == 0 && j == 0 ? 0 : .infinity, op: .start, kind: .sameSound, step: 0)
        // Costs are never negative: a step from a predecessor that is already no better than the
        // best so far cannot win (the same test as `consider`'s), so its cost is not computed.
        // The order of the steps, which breaks ties, is unchanged.
        @inline(__always) func promising(_ from: Int) -> Bool {
            let d = dist[from]
            return d <= bound && d < best.cost - 1e-12
        }
        @inline(__always) func consider(_ from: Int, _ step: Double, _ op: Alignment.Operation, _ kind: VariantEdit.Kind) {
            let total = dist[from] + step
            if total < best.cost - 1e-12 { best = Cell(cost: total, op: op, kind: kind, step: step) }
        }
        if i > 0 && j > 0 && promising((i - 1) * width + j - 1) {
            let (c, k) = substitution(a, b, i - 1, j - 1, longWords: longWords, eitherLast: i - 1 >= lastA || j - 1 >= lastB)
            consider((i - 1) * width + j - 1, c, .substitute, k)
        }
        if i > 0 && promising((i - 1) * width + j) {
            let (c, k) = indel(a, i - 1)
            consider((i - 1) * width + j, c, .delete, k)
        }
        if j > 0 && promising(i * width + j - 1) {
            let (c, k) = indel(b, j - 1)
            consider(i * width + j - 1, c, .insert, k)
        }
        if i > 1 && j > 1 && promising((i - 2) * width + j - 2),
           let c = transposition(a[i - 2], a[i - 1], b[j - 2], b[j - 1]) {
            consider((i - 2) * width + j - 2, c, .transpose, .transposition)
        }
        if i > 0 && j > 1 && promising((i - 1) * width + j - 2),
           let (c, k) = split(a[i - 1], b[j - 2], b[j - 1], isFinal: i == n && j == m, nextX: i < n ? a[i] : nil, nextY: j < m ? b[j] : nil) {
            consider((i - 1) * width + j - 2, c, .splitA, k)
        }
        if i > 1 && j > 0 && promising((i - 2) * width + j - 1),
           let (c, k) = split(b[j - 1], a[i - 2], a[i - 1], isFinal: i == n && j == m, nextX: j < m ? b[j] : nil, nextY: i < n ? a[i] : nil) {
            consider((i - 2) * width + j - 1, c, .splitB, k)
        }
        return best
    }

    func align(_ a: [Mora], _ b: [Mora]) -> Alignment {
        a.withUnsafeBufferPointer { a in b.withUnsafeBufferPointer { b in align(a, b) } }
    }

    func align(_ a: Morae, _ b: Morae) -> Alignment {
        let n = a.count, m = b.count
        let width = m + 1
        var dist = [Double](repeating: .infinity, count: (n + 1) * width)
        var back = [Alignment.Operation](repeating: .start, count: (n + 1) * width)
        var kinds = [VariantEdit.Kind](repeating: .sameSound, count: (n + 1) * width)
        var stepCost = [Double](repeating: 0, count: (n + 1) * width)
        let longWords = Self.isLong(a, b)
        let lastA = Self.lastSyllable(a), lastB = Self.lastSyllable(b)
        dist.withUnsafeMutableBufferPointer { dist in
            for i in 0...n {
                for j in 0...m {
                    let here = i * width + j
                    let c = cell(a, b, i, j, longWords: longWords, lastA: lastA, lastB: lastB, dist)
                    dist[here] = c.cost
                    back[here] = c.op
                    kinds[here] = c.kind
                    stepCost[here] = c.step
                }
            }
        }

        var steps: [Alignment.Step] = []
        var i = n, j = m
        while i > 0 || j > 0 {
            let here = i * width + j
            let op = back[here]
            var step = Alignment.Step(op: op, i: i, j: j, cost: stepCost[here], kind: kinds[here])
            let (di, dj) = step.span
            if di == 0 && dj == 0 { break }
            i -= di
            j -= dj
            step.i = i
            step.j = j
            steps.append(step)
        }
        steps.reverse()
        return Alignment(cost: dist[n * width + m], steps: steps)
    }

    /// The cost of the cheapest alignment, or nil as soon as it is sure to exceed `limit`: the
    /// clustering judges millions of candidate pairs, most of them far apart. `scratch` holds the
    /// table, so that a caller judging many pairs allocates it once.
    func alignmentCost(_ a: Morae, _ b: Morae, limit: Double, scratch: inout AlignmentScratch) -> Double? {
        let n = a.count, m = b.count
        let width = m + 1
        let longWords = Self.isLong(a, b)
        let lastA = Self.lastSyllable(a), lastB = Self.lastSyllable(b)
        let dist = scratch.table(capacity: (n + 1) * width)
        // Costs are never negative, so a cell within `limit` has a predecessor within it: only
        // cells next to the stretches of the two rows above that stay within the limit (or right
        // of a cell of this row that does) are computed; the rest cannot be within it and are
        // marked infinite. Nearly every cell of a far pair is skipped, and the cost of a pair
        // within the limit is the same as with the full table.
        // The columns of the previous two rows within the limit, as first...last (empty: last < 0).
        var first1 = 0, last1 = -1, first2 = 0, last2 = -1
        for i in 0...n {
            // A step advances one or two rows and zero to two columns.
            var from = i == 0 ? 0 : Int.max, reach = i == 0 ? 0 : -1
            if last1 >= 0 { (from, reach) = (min(from, first1), max(reach, last1 + 2)) }
            if last2 >= 0 { (from, reach) = (min(from, first2 + 1), max(reach, last2 + 2)) }
            var first = -1, last = -1
            let row = i * width
            for j in 0...m {
                var best = Double.infinity
                if (j >= from && j <= reach) || (j > 0 && dist[row + j - 1] <= limit) {
                    best = cell(a, b, i, j, longWords: longWords, lastA: lastA, lastB: lastB, dist, bound: limit).cost
                    if best <= limit {
                        if first < 0 { first = j }
                        last = j
                    }
                }
                dist[row + j] = best
            }
            // Every path crosses one of two neighbouring rows (a step spans at most two).
            if last < 0 && last1 < 0 { return nil }
            (first2, last2) = (first1, last1)
            (first1, last1) = (first, last)
        }
        let total = dist[n * width + m]
        return total > limit ? nil : total
    }

    /// Whether both spellings are long enough (five syllables with a vowel or more) for an
    /// unstressed vowel to be heard as another: インジャリータイム/インジュリータイム, but not
    /// カリン/カレン, マリアン/マリオン or トラブル/トラベル.
    static func isLong(_ a: Morae, _ b: Morae) -> Bool {
        func syllables(_ s: Morae) -> Int { s.reduce(0) { $0 + ($1.isSyllable && $1.isPlain ? 1 : 0) } }
        return min(syllables(a), syllables(b)) >= 5
    }

    /// The index of the last mora that makes a syllable, or -1.
    static func lastSyllable(_ s: Morae) -> Int {
        var k = s.count - 1
        while k >= 0 && !s[k].isSyllable { k -= 1 }
        return k
    }

    /// The substitution of `a[i]` by `b[j]`, with the neighbours that some costs depend on.
    @inline(__always)
    private func substitution(_ a: Morae, _ b: Morae, _ i: Int, _ j: Int, longWords: Bool, eitherLast: Bool) -> (Double, VariantEdit.Kind) {
        costs.substitution(
            a[i], b[j], bothFinal: i == a.count - 1 && j == b.count - 1, bothInitial: i == 0 && j == 0,
            eitherLast: eitherLast,
            nextA: i + 1 < a.count ? a[i + 1] : nil, nextB: j + 1 < b.count ? b[j + 1] : nil,
            previousA: i > 0 ? a[i - 1] : nil, previousB: j > 0 ? b[j - 1] : nil, longWords: longWords)
    }

    /// `s[k]` present in one spelling only.
    @inline(__always)
    private func indel(_ s: Morae, _ k: Int) -> (Double, VariantEdit.Kind) {
        costs.indel(s[k], next: k + 1 < s.count ? s[k + 1] : nil, previous: k > 0 ? s[k - 1] : nil)
    }

    /// Two neighbouring morae swapped (イマラチオ/イラマチオ), or their consonants swapped with the
    /// vowels in place (ヘグセス/ヘスゲス).
    private func transposition(_ x1: Mora, _ x2: Mora, _ y1: Mora, _ y2: Mora) -> Double? {
        if x1.sounds(like: x2) { return nil }
        if x1.sounds(like: y2) && x2.sounds(like: y1) {
            // ミント/ミトン: moving ン, ー or ッ is not a transposition of syllables.
            return x1.isPlain && x2.isPlain ? costs.transposedMorae : nil
        }
        guard x1.isPlain, x2.isPlain, y1.isPlain, y2.isPlain,
              x1.vowel == y1.vowel, x2.vowel == y2.vowel,
              x1.consonant != x2.consonant, x1.consonant != y1.consonant else { return nil }
        func near(_ p: Consonant, _ q: Consonant) -> Double? {
            if p == q { return 0 }
            return costs.consonant(p, q).map(\.0)
        }
        guard let c1 = near(x1.consonant, y2.consonant), let c2 = near(x2.consonant, y1.consonant) else { return nil }
        return costs.transposedConsonants + c1 + c2
    }

    /// The one mora that `a` and a following bare vowel `b` write when `b` stands for its small
    /// kana: ヴ+エ (ヴェ), フ+ア (ファ), ウ+オ (ウォ), テ/デ+イ (ティ/ディ), シ+エ (シェ), キ+エ (キェ).
    /// Nil for two syllables that no transcription merges (ド+イ in ドイル is not ディ).
    static func merged(_ a: Mora, _ b: Mora) -> Mora? {
        guard a.isPlain, !a.hasSplit, b.consonant == .none, b.vowel != a.vowel else { return nil }
        switch (a.vowel, b.vowel) {
        case (.u, _):
            switch a.consonant {
            case .v, .f, .ts, .s, .z, .t, .d: return Mora(consonant: a.consonant, vowel: b.vowel)
            case .k: return Mora(consonant: .kw, vowel: b.vowel)
            case .g: return Mora(consonant: .gw, vowel: b.vowel)
            case .none where b.vowel != .u: return Mora(consonant: .w, vowel: b.vowel)
            default: return nil
            }
        case (.e, .i) where a.consonant == .t || a.consonant == .d:
            return Mora(consonant: a.consonant, vowel: .i)
        case (.i, .e):
            switch a.consonant {
            case .sh, .j, .ch: return Mora(consonant: a.consonant, vowel: .e)
            case .none: return Mora(consonant: .y, vowel: .e)
            default:
                return a.consonant.palatalised.map { Mora(consonant: $0, vowel: .e) }
            }
        default:
            return nil
        }
    }

    /// One mora against two: a small kana written large (ウォ/ウオ, ビョ/ビヨ, ティ/テイ), or a
    /// palatal glide written out (チャ/チュア, シャ/シュア).
    private func split(_ x: Mora, _ y1: Mora, _ y2: Mora, isFinal: Bool, nextX: Mora?, nextY: Mora?) -> (Double, VariantEdit.Kind)? {
        var best: Double?
        var kind = VariantEdit.Kind.smallKana
        if let (first, second) = x.split {
            let (c1, k1) = costs.substitution(first, y1, bothFinal: false, previousA: nil, previousB: nil)
            let (c2, k2) = costs.substitution(second, y2, bothFinal: false, previousA: first, previousB: y1)
            if !k1.makesDifferentWord && !k2.makesDifferentWord && c1 + c2 < 0.5 {
                best = costs.smallKana + c1 + c2
            }
        }
        if x.consonant.isPalatal, x.vowel != .u, y1.consonant == x.consonant, y1.vowel == .u,
           y2.consonant == .none, y2.vowel == x.vowel {
            best = min(best ?? .infinity, 0.2)
        }
        if x.isPlain, let z = Self.merged(y1, y2) {
            // ヴエ read as ヴェ, デイ as ディ, シエ as シェ: a small kana written large, against a
            // spelling that uses another letter for the sound (ベラスケス/ヴエラスケス, サウジ/サウデイ).
            let (c, k) = costs.substitution(x, z, bothFinal: false, previousA: nil, previousB: nil)
            if !k.makesDifferentWord && c < 0.5 && costs.smallKana + c < (best ?? .infinity) {
                best = costs.smallKana + c
                kind = c > 0 ? k : .smallKana
            }
        }
        if !isFinal, x.isPlain, x.vowel == .i, y1.isPlain, y1.vowel == .a, y2.consonant == .none, y2.vowel == .i,
           nextX?.consonant != .sokuon, nextY?.consonant != .sokuon {
            // English "i" read as a letter name or as a vowel: バイタミン/ビタミン, ライナックス/リナックス
            // (and ヴァイブラフォン/ビブラフォン, with the consonant's own variation). Not before ッ,
            // which marks a short vowel: バイト/ビット are two words.
            var cost = costs.diphthongI
            if x.consonant != y1.consonant {
                cost += costs.consonant(x.consonant, y1.consonant).map(\.0) ?? VariantCosts.hard
            }
            if cost < min(best ?? .infinity, VariantCosts.hard) {
                best = cost
                kind = .vowel
            }
        }
        return best.map { ($0, kind) }
    }
}

