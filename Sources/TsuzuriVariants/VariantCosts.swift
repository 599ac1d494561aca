/// What each difference between two morae costs. Cheap: what Japanese transcription of one
/// foreign word really varies in. Expensive (`hard`): what makes a different word.
struct VariantCosts: Sendable {
    /// The cost that marks a difference as one that makes a different word.
    static let hard = 1.0

    var longVowel = 0.2
    var longVowelAsVowel = 0.1
    var finalLongVowel = 0.05
    var geminate = 0.15
    var lengtheningVowel = 0.2
    var smallKana = 0.1
    var nasal = 0.6
    var rColouredVowel = 0.5
    var nasalBeforeNasal = 0.3
    var bareVowel = 0.8
    var transposedMorae = 0.4
    var transposedConsonants = 0.4
    var finalVowelPenalty = 0.3

    /// Substitution cost between two consonants before the same vowel, with its kind; nil for
    /// an unrelated pair (hard).
    private let consonantTable: [[(Double, VariantEdit.Kind)?]]

    init() {
        let count = Consonant.allCases.count
        var table = [[(Double, VariantEdit.Kind)?]](repeating: .init(repeating: nil, count: count), count: count)
        func set(_ pairs: [(Consonant, Consonant)], _ cost: Double, _ kind: VariantEdit.Kind) {
            for (a, b) in pairs {
                table[Int(a.rawValue)][Int(b.rawValue)] = (cost, kind)
                table[Int(b.rawValue)][Int(a.rawValue)] = (cost, kind)
            }
        }
        set([(.k, .g), (.s, .z), (.sh, .j), (.t, .d), (.ch, .j), (.h, .b), (.p, .b), (.ts, .z),
             (.ky, .gy), (.hy, .by), (.py, .by), (.ty, .dy), (.kw, .gw), (.f, .v)], 0.4, .voicing)
        set([(.h, .p), (.hy, .py)], 0.5, .voicing)
        set([(.v, .b), (.vy, .by)], 0.1, .labial)
        set([(.v, .w)], 0.2, .labial)
        set([(.b, .w)], 0.6, .labial)
        set([(.v, .none)], 0.3, .labial)
        set([(.t, .ch), (.d, .j), (.ty, .ch), (.dy, .j)], 0.6, .transcription)
        set([(.f, .h), (.fy, .hy)], 0.3, .transcription)
        set([(.t, .ts), (.d, .z), (.s, .sh), (.z, .j), (.k, .kw), (.g, .gw), (.ty, .t), (.dy, .d)], 0.25, .transcription)
        set([(.ts, .ch), (.ts, .s)], 0.45, .transcription)
        // ゲノム/ジェノム: g before e and i, read the German or the English way.
        set([(.g, .j)], 0.5, .transcription)
        set([(.ky, .k), (.gy, .g), (.ny, .n), (.hy, .h), (.by, .b), (.py, .p), (.my, .m), (.ry, .r),
             (.fy, .f), (.vy, .v)], 0.4, .palatal)
        consonantTable = table
    }

    static func isPair(_ a: Vowel, _ b: Vowel, _ x: Vowel, _ y: Vowel) -> Bool {
        (a == x && b == y) || (a == y && b == x)
    }

    static func isDental(_ c: Consonant) -> Bool {
        c == .t || c == .d || c == .ch || c == .j || c == .ty || c == .dy
    }

    func consonant(_ a: Consonant, _ b: Consonant) -> (Double, VariantEdit.Kind)? {
        consonantTable[Int(a.rawValue)][Int(b.rawValue)]
    }

    func vowel(_ a: Vowel, _ b: Vowel) -> Double {
        if a == b { return 0 }
        switch (min(a.rawValue, b.rawValue), max(a.rawValue, b.rawValue)) {
        case (Vowel.i.rawValue, Vowel.e.rawValue): return 0.4
        case (Vowel.u.rawValue, Vowel.o.rawValue): return 0.5
        case (_, Vowel.u.rawValue), (Vowel.u.rawValue, _): return 0.6
        case (Vowel.a.rawValue, Vowel.i.rawValue), (Vowel.i.rawValue, Vowel.o.rawValue): return 0.7
        default: return 0.6
        }
    }

    /// The cost of a mora present in one spelling only. `next` is the mora after it in its own
    /// spelling (nil at the end, where a dropped ー costs least).
    func indel(_ m: Mora, next: Mora?) -> (Double, VariantEdit.Kind) {
        let isFinal = next == nil
        switch m.consonant {
        case .long: return (isFinal ? finalLongVowel : longVowel, .longVowel)
        case .sokuon: return (geminate, .geminate)
        case .nasal:
            // チャネル/チャンネル: ン before n or m only doubles the nasal.
            if let next, next.consonant == .n || next.consonant == .m { return (nasalBeforeNasal, .nasal) }
            return (nasal, .nasal)
        case .none where m.lengthens: return (lengtheningVowel, .longVowel)
        case .none: return (bareVowel, .inserted)
        default: return (VariantCosts.hard, .inserted)
        }
    }

    /// The cost of reading mora `a` as mora `b`.
    func substitution(_ a: Mora, _ b: Mora, bothFinal: Bool, bothInitial: Bool = false, nextA: Mora? = nil, nextB: Mora? = nil, previousVowelA: Vowel, previousVowelB: Vowel) -> (Double, VariantEdit.Kind) {
        if a.sounds(like: b) {
            return (0, .sameSound)
        }
        if a.consonant == .long || b.consonant == .long {
            let (mark, other) = a.consonant == .long ? (a, b) : (b, a)
            if other.consonant == .long { return (0, .sameSound) }
            if other.consonant == .none {
                let v = other.vowel, l = mark.vowel
                if v == l || (l == .e && v == .i) || (l == .o && v == .u) { return (longVowelAsVowel, .longVowel) }
                return (VariantCosts.hard, .changed)
            }
            if other.consonant == .sokuon { return (0.4, .geminate) }
            if other.consonant == .r && other.vowel == .u && mark.vowel != .none {
                // コークスクリュー/コルクスクリュー, ホーン/ホルン: an r-coloured vowel.
                return (rColouredVowel, .longVowel)
            }
            return (VariantCosts.hard, .changed)
        }
        if a.consonant == .nasal || b.consonant == .nasal {
            let other = a.consonant == .nasal ? b : a
            if other.consonant == .m && other.vowel == .u {
                if bothFinal { return (0.35, .finalNasal) }
                // ナムプラー/ナンプラー: before a labial ム and ン are one sound.
                if let nextA, let nextB, nextA.consonant == nextB.consonant,
                   (nextA.consonant == .p || nextA.consonant == .b || nextA.consonant == .m) { return (0.15, .finalNasal) }
                return (0.6, .finalNasal)
            }
            return (VariantCosts.hard, .changed)
        }
        if a.consonant == .sokuon || b.consonant == .sokuon {
            // ウォッカ/ウォツカ, バケット/バケツ: ッ and ツ before a consonant.
            let other = a.consonant == .sokuon ? b : a
            if other.consonant == .ts { return (0.4, .geminate) }
            return (VariantCosts.hard, .changed)
        }
        guard a.isPlain && b.isPlain else { return (VariantCosts.hard, .changed) }

        var vowelCost = vowel(a.vowel, b.vowel)
        var kind = VariantEdit.Kind.vowel
        if vowelCost > 0 && a.consonant == b.consonant && (a.consonant == .t || a.consonant == .d) {
            // ティ/テ, ディ/デ, トゥ/ト: one foreign syllable, two transcriptions.
            if Self.isPair(a.vowel, b.vowel, .i, .e) || Self.isPair(a.vowel, b.vowel, .u, .o) {
                vowelCost = 0.25
                kind = .transcription
            }
        }
        if vowelCost > 0 && bothFinal && kind == .vowel {
            // A name's last vowel often carries its gender (マリア/マリオ, ロベルト/ロベルタ).
            vowelCost += finalVowelPenalty
        }
        if vowelCost > 0 && a.consonant == b.consonant {
            let iu = Self.isPair(a.vowel, b.vowel, .i, .u)
            if iu && (a.consonant == .sh || a.consonant == .j || a.consonant == .ch) {
                // English -sh, -ge, -ch: ジ/ジュ, シ/シュ, チ/チュ (カムフラージ/カムフラージュ).
                return (0.3, .transcription)
            }
            if iu && (a.consonant == .k || a.consonant == .s),
               let nextA, let nextB, nextA.isPlain, nextB.isPlain, nextA.consonant != .none {
                // The vowel that splits a consonant cluster: マキシム/マクシム, エキスパート/エクスパート.
                return (0.3, .vowel)
            }
            if Self.isPair(a.vowel, b.vowel, .o, .a) && a.consonant == .w {
                // English "wa": ウォッチ/ワッチ, ウォルター/ワルター.
                return (0.3, .transcription)
            }
        }
        if a.consonant == b.consonant { return (vowelCost, kind) }

        var consonantCost: Double
        var consonantKind: VariantEdit.Kind
        if let (c, k) = consonant(a.consonant, b.consonant) {
            (consonantCost, consonantKind) = (c, k)
            if k == .transcription && a.vowel == b.vowel && (a.vowel == .i || a.vowel == .u),
               Self.isDental(a.consonant) && Self.isDental(b.consonant) {
                // ティ/チ, ディ/ジ, テュ/チュ: one foreign syllable; チャ/タ is not.
                consonantCost = 0.2
            }
            if k == .voicing && bothInitial {
                // バス/パス, ダンス/タンス: a word-initial voicing change makes another word.
                consonantCost += 0.3
            }
        } else if (a.consonant == .y && b.consonant == .none) || (a.consonant == .none && b.consonant == .y) {
            let previous = a.consonant == .y ? previousVowelA : previousVowelB
            (consonantCost, consonantKind) = (previous == .i ? 0.2 : 0.5, .glide)
        } else if (a.consonant == .w && b.consonant == .none) || (a.consonant == .none && b.consonant == .w) {
            let previous = a.consonant == .w ? previousVowelA : previousVowelB
            (consonantCost, consonantKind) = (previous == .u || previous == .o ? 0.2 : 0.5, .glide)
        } else {
            return (VariantCosts.hard + vowelCost, .changed)
        }
        return (consonantCost + vowelCost, vowelCost > 0 && vowelCost > consonantCost ? kind : consonantKind)
    }
}
