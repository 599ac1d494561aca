/// What each difference between two morae costs. Cheap: what Japanese transcription of one
/// foreign word really varies in. Expensive (`hard`): what makes a different word.
///
/// The costs are constants, not stored properties: the value then holds nothing, so the
/// alignment's inner loop does not copy 200 bytes of costs into every call (it did, for each
/// cell of each of the millions of pairs `cluster` judges).
struct VariantCosts: Sendable {
    /// The cost that marks a difference as one that makes a different word.
    static let hard = 1.0

    var longVowel: Double { 0.2 }
    var longVowelAsVowel: Double { 0.1 }
    var finalLongVowel: Double { 0.05 }
    var geminate: Double { 0.15 }
    var lengtheningVowel: Double { 0.2 }
    var smallKana: Double { 0.1 }
    var nasal: Double { 0.6 }
    var rColouredVowel: Double { 0.3 }
    var finalRColouredVowel: Double { 0.5 }
    var nasalBeforeNasal: Double { 0.35 }
    var bareVowel: Double { 0.8 }
    var transposedMorae: Double { 0.4 }
    var transposedConsonants: Double { 0.4 }
    var finalVowelPenalty: Double { 0.3 }
    var diphthongI: Double { 0.4 }
    var diphthongChange: Double { 0.3 }
    var finalSibilantVoicing: Double { 0.3 }
    var terEnding: Double { 0.2 }
    var unstressedVowelDiscount: Double { 0.15 }
    var longVowelAsDiphthong: Double { 0.3 }
    var rInserted: Double { 0.45 }
    var velarNasal: Double { 0.25 }
    var finalNasalAfterVowel: Double { 0.4 }
    var voicingAfterGeminate: Double { 0.3 }
    var auAsLongO: Double { 0.25 }

    /// Substitution cost between two consonants before the same vowel, with its kind; nil for
    /// an unrelated pair (hard). One flat table, row `a`, column `b`.
    private static let consonantTable: [(Double, VariantEdit.Kind)?] = {
        let count = Consonant.allCases.count
        var table = [(Double, VariantEdit.Kind)?](repeating: nil, count: count * count)
        func set(_ pairs: [(Consonant, Consonant)], _ cost: Double, _ kind: VariantEdit.Kind) {
            for (a, b) in pairs {
                table[Int(a.rawValue) * count + Int(b.rawValue)] = (cost, kind)
                table[Int(b.rawValue) * count + Int(a.rawValue)] = (cost, kind)
            }
        }
        set([(.k, .g), (.s, .z), (.sh, .j), (.t, .d), (.ch, .j), (.h, .b), (.p, .b), (.ts, .z),
             (.ky, .gy), (.hy, .by), (.py, .by), (.ty, .dy), (.kw, .gw), (.f, .v)], 0.4, .voicing)
        set([(.h, .p), (.hy, .py)], 0.5, .voicing)
        set([(.v, .b), (.vy, .by)], 0.1, .labial)
        // フ/ブ is a dakuten pair like ハ/バ, and f voiced is v, written ビ as often as ヴィ:
        // シフィオンテク/シュビオンテク (Świątek), グスタフソン/グスタブソン. Priced as f/h and h/b
        // together, above f/v + v/b: at 0.5, the band that document evidence may join (4×)
        // took in twice as many different names (グスタフ/グスタボ, フロイヤー/ブロイヤー) as
        // variants on the enamdict name lists.
        set([(.f, .b)], 0.7, .voicing)
        set([(.v, .w)], 0.2, .labial)
        set([(.b, .w)], 0.6, .labial)
        set([(.v, .none)], 0.3, .labial)
        set([(.t, .ch), (.d, .j), (.ty, .ch), (.dy, .j)], 0.6, .transcription)
        set([(.f, .h), (.fy, .hy)], 0.3, .transcription)
        set([(.t, .ts), (.d, .z), (.s, .sh), (.z, .j), (.k, .kw), (.g, .gw), (.ty, .t), (.dy, .d)], 0.25, .transcription)
        set([(.ts, .ch), (.ts, .s)], 0.45, .transcription)
        // Greek θ and English th, read as s or as t: カセドラル/カテドラル, ゴシック/ゴチック.
        set([(.s, .t), (.sh, .ch), (.sh, .ty)], 0.5, .transcription)
        // ゲノム/ジェノム: g before e and i, read the German or the English way.
        set([(.g, .j)], 0.5, .transcription)
        set([(.ky, .k), (.gy, .g), (.ny, .n), (.hy, .h), (.by, .b), (.py, .p), (.my, .m), (.ry, .r),
             (.fy, .f), (.vy, .v)], 0.4, .palatal)
        return table
    }()

    private static let consonantCount = Consonant.allCases.count

    static func isPair(_ a: Vowel, _ b: Vowel, _ x: Vowel, _ y: Vowel) -> Bool {
        (a == x && b == y) || (a == y && b == x)
    }

    static func isPair(_ a: Consonant, _ b: Consonant, _ x: Consonant, _ y: Consonant) -> Bool {
        (a == x && b == y) || (a == y && b == x)
    }

    /// Whether `long` (the mora before ー) and `r` (the mora before ル) are the same consonant
    /// with a and o: the -ター/-トル of an -er/-or ending.
    static func isTerEnding(_ long: Mora?, _ r: Mora?) -> Bool {
        guard let long, let r, long.isPlain, long.consonant == r.consonant, long.consonant != .none else { return false }
        return long.vowel == .a && r.vowel == .o
    }

    /// Whether `next` is a bare イ or ウ that makes a diphthong with the vowel before it.
    static func startsDiphthong(_ next: Mora?) -> Bool {
        guard let next else { return false }
        return next.consonant == .none && (next.vowel == .i || next.vowel == .u)
    }

    static func isBareU(_ m: Mora) -> Bool { m.consonant == .none && m.vowel == .u }

    /// k, g, t, d, p, b (and their palatal forms): the consonants whose voicing English marks
    /// with ッ before them (ロック/ログ, バック/バッグ).
    static func isStop(_ c: Consonant) -> Bool {
        switch c {
        case .k, .g, .t, .d, .p, .b, .ky, .gy, .py, .by: return true
        default: return false
        }
    }

    static func isDental(_ c: Consonant) -> Bool {
        c == .t || c == .d || c == .ch || c == .j || c == .ty || c == .dy
    }

    func consonant(_ a: Consonant, _ b: Consonant) -> (Double, VariantEdit.Kind)? {
        Self.consonantTable[Int(a.rawValue) * Self.consonantCount + Int(b.rawValue)]
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
    func indel(_ m: Mora, next: Mora?, previous: Mora? = nil) -> (Double, VariantEdit.Kind) {
        let isFinal = next == nil
        switch m.consonant {
        case .long: return (isFinal ? finalLongVowel : longVowel, .longVowel)
        // プー/プーッ, クソー/クソッ: a final ッ is a glottal stop that ends an exclamation.
        case .sokuon: return (isFinal ? finalLongVowel : geminate, .geminate)
        case .nasal:
            // チャネル/チャンネル: ン before n or m only doubles the nasal.
            if let next, next.consonant == .n || next.consonant == .m || next.consonant == .ny || next.consonant == .my {
                return (nasalBeforeNasal, .nasal)
            }
            // イタリア/イタリアン, マリア/マリアン: a final ン after a bare ア is the English -ian, a
            // word of its own (an adjective, another name), not a nasal heard or not.
            if isFinal, let previous, previous.consonant == .none, previous.vowel == .a { return (VariantCosts.hard, .inserted) }
            // コテンパ/コテンパン: a final nasal heard or not after a vowel.
            if isFinal, let previous, previous.isPlain, previous.vowel != .none { return (finalNasalAfterVowel, .nasal) }
            return (nasal, .nasal)
        case .g where m.vowel == .u && previous?.consonant == .nasal:
            // English -ng before a consonant: ハンググライダー/ハングライダー, ヘリングボーン/ヘリンボーン.
            // Not at the end, where ヒアリン/ヒアリング and ヤン/ヤング are other words.
            guard let next else { return (VariantCosts.hard, .inserted) }
            switch next.consonant {
            case .k, .g, .ky, .gy, .kw, .gw, .b, .by, .p, .py, .m: return (velarNasal, .nasal)
            default: return (VariantCosts.hard, .inserted)
            }
        case .r where m.vowel == .u:
            // An r-coloured vowel before a consonant or after a final ー: ポリモルフィズム/ポリモフィズム,
            // ナノメーター/ナノメータール.
            guard let previous, previous.vowel != .none, previous.consonant != .sokuon else { return (VariantCosts.hard, .inserted) }
            if let next {
                if next.isPlain && next.consonant != .none && next.consonant != .y && next.consonant != .w
                    && next.consonant != .r && previous.consonant != .nasal {
                    return (rInserted, .rColouring)
                }
                return (VariantCosts.hard, .inserted)
            }
            return previous.consonant == .long ? (rInserted, .rColouring) : (VariantCosts.hard, .inserted)
        case .none where m.lengthens: return (lengtheningVowel, .longVowel)
        case .none: return (bareVowel, .inserted)
        default: return (VariantCosts.hard, .inserted)
        }
    }

    /// The cost of reading mora `a` as mora `b`.
    func substitution(_ a: Mora, _ b: Mora, bothFinal: Bool, bothInitial: Bool = false, eitherLast: Bool = false, nextA: Mora? = nil, nextB: Mora? = nil,
                      previousA: Mora?, previousB: Mora?, longWords: Bool = false) -> (Double, VariantEdit.Kind) {
        let previousVowelA = previousA?.vowel ?? .none, previousVowelB = previousB?.vowel ?? .none
        if a.sounds(like: b) {
            return (0, .sameSound)
        }
        if a.consonant == .long || b.consonant == .long {
            let (mark, other) = a.consonant == .long ? (a, b) : (b, a)
            if other.consonant == .long { return (0, .sameSound) }
            if other.consonant == .none {
                let v = other.vowel, l = mark.vowel
                if v == l || (l == .e && v == .i) || (l == .o && v == .u) { return (longVowelAsVowel, .longVowel) }
                // ローヤル/ロイヤル, バームクーヘン/バウムクーヘン, フォー/フォア: one diphthong or
                // r-coloured vowel, written long or as two vowels.
                if (l == .o && v == .i) || (l == .a && v == .u) || (v == .a && (l == .o || l == .e || l == .i)) {
                    return (longVowelAsDiphthong, .longVowel)
                }
                return (VariantCosts.hard, .changed)
            }
            if other.consonant == .sokuon { return (0.4, .geminate) }
            if other.consonant == .r && other.vowel == .u, Self.isTerEnding(a.consonant == .long ? previousA : previousB,
                                                                         a.consonant == .long ? previousB : previousA) {
                // ベクター/ベクトル, ヘクター/ヘクトル: -er against -or, -re (the vowel before costs little).
                return (terEnding, .rColouring)
            }
            if other.consonant == .r && other.vowel == .u && (mark.vowel == .a || mark.vowel == .o) {
                // コークスクリュー/コルクスクリュー, アーマジロ/アルマジロ: an r-coloured a or o (not
                // グーグル/グルグル). At the end ル is as often an l (クリスタル/クリスター), so it
                // costs more there.
                return (bothFinal ? finalRColouredVowel : rColouredVowel, .rColouring)
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
            // ウオッカ/ウォトカ: a doubled t against ト.
            if other.consonant == .t && other.vowel == .o { return (0.45, .geminate) }
            return (VariantCosts.hard, .changed)
        }
        guard a.isPlain && b.isPlain else { return (VariantCosts.hard, .changed) }

        if a.consonant == b.consonant, let nextA, let nextB,
           (nextA.consonant == .long && nextB.consonant == .r && nextB.vowel == .u && Self.isTerEnding(a, b))
            || (nextB.consonant == .long && nextA.consonant == .r && nextA.vowel == .u && Self.isTerEnding(b, a)) {
            // The vowel of an -er/-or ending: ベクター/ベクトル, メーター/メートル.
            return (0.1, .rColouring)
        }
        var vowelCost = vowel(a.vowel, b.vowel)
        var kind = VariantEdit.Kind.vowel
        if vowelCost > 0 && Self.startsDiphthong(nextA) && Self.startsDiphthong(nextB) && a.vowel != b.vowel
            && (nextA?.vowel == nextB?.vowel) {
            // プライス/プレイス, マイク/メイク: another diphthong is another word.
            vowelCost += diphthongChange
        }
        if vowelCost > 0 && longWords && !bothInitial && !eitherLast && a.vowel != .none && b.vowel != .none
            && a.vowel != .u && b.vowel != .u
            && !Self.isPair(a.vowel, b.vowel, .a, .i) && !Self.isPair(a.vowel, b.vowel, .i, .o)
            && !Self.startsDiphthong(nextA) && !Self.startsDiphthong(nextB) {
            // An unstressed vowel inside a long word, heard as a schwa: シグナチャー/シグネチャー,
            // カテゴリー/カタゴリー. Not at either end, where names differ (マリア/マリオ); not in a
            // diphthong, which carries stress (プライス/プレイス); and not u, which is as often no
            // vowel at all (サブプログラム/サーバプログラム, リンク/リンカ).
            vowelCost -= unstressedVowelDiscount
        }
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
        if a.consonant == .none && b.consonant == .none && Self.isPair(a.vowel, b.vowel, .a, .u),
           let nextA, let nextB, nextA.consonant == .m, nextA.vowel == .u, nextB.consonant == .m, nextB.vowel == .u {
            // Latin -ium, -eum read the English or the Latin way: ミレニアム/ミレニウム, メディアム/メディウム.
            return (0.25, .vowel)
        }
        if vowelCost > 0 && a.consonant == b.consonant {
            let iu = Self.isPair(a.vowel, b.vowel, .i, .u)
            if iu && (a.consonant == .sh || a.consonant == .j || a.consonant == .ch) {
                // English -sh, -ge, -ch: ジ/ジュ, シ/シュ, チ/チュ (カムフラージ/カムフラージュ).
                return (0.3, .transcription)
            }
            if iu && (a.consonant == .k || a.consonant == .s || (longWords && !eitherLast)),
               let nextA, let nextB, nextA.isPlain, nextB.isPlain, nextA.consonant != .none, nextB.consonant != .none {
                // The vowel that splits a consonant cluster: マキシム/マクシム, エキスパート/エクスパート,
                // and in long words after any consonant: ロイヤリティ/ロイヤルティ, ボリシェビキ/ボルシェビキ.
                return (0.3, .vowel)
            }
            if longWords && Self.isPair(a.vowel, b.vowel, .a, .o), let nextA, let nextB,
               nextA.consonant == nextB.consonant, nextA.consonant == .sokuon || nextA.consonant == .nasal {
                // English short o, American or British, in a closed syllable of a long word:
                // カッテージチーズ/コッテージチーズ, カッパーマイン/コッパーマイン.
                return (0.45, .vowel)
            }
            if Self.isPair(a.vowel, b.vowel, .a, .o), let nextA, let nextB,
               (a.vowel == .a && Self.isBareU(nextA) && nextB.consonant == .long)
                || (b.vowel == .a && Self.isBareU(nextB) && nextA.consonant == .long) {
                // au read the Latin or German way or heard as English ō: ガウフ/ゴーフ (Gauff),
                // パウル/ポール, クラウス/クロース: アウ against オー only, not オウ against アー
                // (ソウル/サール). The ウ/ー after it is counted on its own.
                return (auAsLongO, .transcription)
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
            if k == .voicing && bothFinal && Self.isPair(a.consonant, b.consonant, .s, .z) && a.vowel == .u && b.vowel == .u {
                // English final -s, heard voiced or not: ジェームス/ジェームズ, ニュース/ニューズ.
                consonantCost = finalSibilantVoicing
            }
            if k == .voicing && Self.isStop(a.consonant) && (previousA?.consonant == .sokuon) != (previousB?.consonant == .sokuon) {
                // ログ/ロック, バグ/バック: ッ comes with a voiceless stop; changing both is another word.
                consonantCost += voicingAfterGeminate
            }
            if k == .palatal && a.consonant != b.consonant && Self.isPair(a.vowel, b.vowel, .i, .u) {
                // フィギア/フィギュア, マニキュア/マニュキュア: the palatal glide heard as i.
                let plain = a.consonant.palatalised == b.consonant ? a : b
                if plain.vowel == .i { return (0.3, .palatal) }
            }
        } else if Self.isPair(a.consonant, b.consonant, .none, .n) && a.vowel == b.vowel
                    && previousA?.consonant == .nasal && previousB?.consonant == .nasal {
            // ピンナップ/ピンアップ: a vowel after ン heard with the n carried over.
            (consonantCost, consonantKind) = (0.3, .nasal)
        } else if (a.consonant == .y && b.consonant == .none) || (a.consonant == .none && b.consonant == .y) {
            let previous = a.consonant == .y ? previousVowelA : previousVowelB
            // ギア/ギヤ, ヘア/ヘヤ: a glide heard after i (where it is always heard) or e.
            (consonantCost, consonantKind) = (previous == .i ? 0.1 : previous == .e ? 0.2 : 0.5, .glide)
        } else if (a.consonant == .w && b.consonant == .none) || (a.consonant == .none && b.consonant == .w) {
            let previous = a.consonant == .w ? previousVowelA : previousVowelB
            (consonantCost, consonantKind) = (previous == .u || previous == .o ? 0.2 : 0.5, .glide)
        } else {
            return (VariantCosts.hard + vowelCost, .changed)
        }
        return (consonantCost + vowelCost, vowelCost > 0 && vowelCost > consonantCost ? kind : consonantKind)
    }
}
