/// The consonant of a mora as katakana transcription uses it. Palatalised (ky, sh…) and
/// foreign-sound consonants (v, f, ts, kw) are kept apart because transcriptions vary between
/// them in known, cheap ways (ヴ/バ, フ/ホ, ティ/チ).
enum Consonant: UInt8, CaseIterable, Sendable {
    case none, k, g, s, z, sh, j, t, d, ch, ts, n, h, f, b, p, m, y, r, w, v
    case ky, gy, ny, hy, by, py, my, ry, ty, dy, fy, vy, kw, gw
    /// ン, ッ, ー and any character that is not kana.
    case nasal, sokuon, long, other
}

extension Consonant {
    /// The palatalised form of a plain consonant (k → ky, as キ+ャ makes キャ), or nil.
    var palatalised: Consonant? {
        switch self {
        case .k: return .ky
        case .g: return .gy
        case .n: return .ny
        case .h: return .hy
        case .b: return .by
        case .p: return .py
        case .m: return .my
        case .r: return .ry
        case .t: return .ty
        case .d: return .dy
        case .f: return .fy
        case .v: return .vy
        default: return nil
        }
    }

    /// sh, j, ch and the palatalised consonants.
    var isPalatal: Bool {
        switch self {
        case .sh, .j, .ch, .ky, .gy, .ny, .hy, .by, .py, .my, .ry, .ty, .dy, .fy, .vy: return true
        default: return false
        }
    }
}

/// The vowel of a mora; `none` for ン, ッ and non-kana. For ー it is the vowel it lengthens.
enum Vowel: UInt8, Sendable {
    case a, i, u, e, o, none
}

/// One mora of a katakana spelling: ヴォ, ティ, シュ, ー, ッ and ン are units, as a reader hears them.
/// Only the sound is kept here (a plain value, cheap to copy in the distance's inner loop); the
/// letters are in `Spelling.surfaces`.
struct Mora: Sendable {
    var consonant: Consonant
    var vowel: Vowel
    /// For a non-kana character, its scalar value, so that two of them compare by identity.
    var code: UInt32 = 0
    /// A vowel that only lengthens the one before (the イ of エイ, the ウ of オウ, the ア of カア):
    /// it varies with ー and with nothing.
    var lengthens = false
    /// For a mora written with a small kana (ウォ, ティ, キャ): its reading in full-size kana
    /// (ウ + オ, テ + イ, キ + ヤ), to compare with spellings that use the large letter.
    var hasSplit = false
    var splitConsonant: (Consonant, Consonant) = (.none, .none)
    var splitVowel: (Vowel, Vowel) = (.none, .none)

    init(consonant: Consonant, vowel: Vowel, code: UInt32 = 0) {
        self.consonant = consonant
        self.vowel = vowel
        self.code = code
    }

    var isPlain: Bool { consonant.rawValue < Consonant.nasal.rawValue }

    /// Whether this mora makes a syllable of its own; ー, ッ and lengthening vowels do not.
    var isSyllable: Bool { consonant != .long && consonant != .sokuon && !lengthens }

    func sounds(like other: Mora) -> Bool {
        consonant == other.consonant && vowel == other.vowel && code == other.code
    }

    /// The two full-size morae of a small-kana mora.
    var split: (Mora, Mora)? {
        guard hasSplit else { return nil }
        return (Mora(consonant: splitConsonant.0, vowel: splitVowel.0),
                Mora(consonant: splitConsonant.1, vowel: splitVowel.1))
    }
}

/// Splits normalised katakana into morae.
enum MoraSegmenter {
    /// The morae of `normalized` and the letters of each (`withSurfaces` false leaves those out:
    /// indexing 100,000 glossary forms needs only the morae).
    static func segment(_ normalized: String, withSurfaces: Bool = true) -> (morae: [Mora], surfaces: [String]) {
        let scalars = Array(normalized.unicodeScalars)
        var morae: [Mora] = []
        var surfaces: [String] = []
        morae.reserveCapacity(scalars.count)
        if withSurfaces { surfaces.reserveCapacity(scalars.count) }
        var index = 0
        while index < scalars.count {
            let scalar = scalars[index]
            guard let base = table[scalar] else {
                morae.append(Mora(consonant: .other, vowel: .none, code: scalar.value))
                if withSurfaces { surfaces.append(String(scalar)) }
                index += 1
                continue
            }
            if index + 1 < scalars.count, let small = smallKana[scalars[index + 1]],
               base.consonant.rawValue < Consonant.nasal.rawValue,
               let consonant = combine(base, small) {
                var mora = Mora(consonant: consonant, vowel: small.vowel)
                mora.hasSplit = true
                mora.splitConsonant = (base.consonant, small.largeConsonant)
                mora.splitVowel = (base.vowel, small.vowel)
                morae.append(mora)
                if withSurfaces { surfaces.append(String(scalar) + String(scalars[index + 1])) }
                index += 2
                continue
            }
            morae.append(Mora(consonant: base.consonant, vowel: base.vowel))
            if withSurfaces { surfaces.append(String(scalar)) }
            index += 1
        }
        markLengthening(&morae)
        return (morae, surfaces)
    }

    /// The same morae with every small kana written large (ウォ → ウ + オ, キャ → キ + ヤ).
    static func largeKana(_ morae: [Mora]) -> [Mora] {
        var out: [Mora] = []
        out.reserveCapacity(morae.count + 4)
        for mora in morae {
            if let (first, second) = mora.split { out.append(first); out.append(second) } else { out.append(mora) }
        }
        markLengthening(&out)
        return out
    }

    static func markLengthening(_ morae: inout [Mora]) {
        // ー takes the vowel it lengthens; a bare vowel after the same (or エ+イ, オ+ウ) lengthens it.
        var previous: Vowel = .none
        for i in morae.indices {
            switch morae[i].consonant {
            case .long:
                morae[i].vowel = previous
            case .sokuon:
                break
            case .none:
                let v = morae[i].vowel
                if i > 0, previous != .none,
                   v == previous || (previous == .e && v == .i) || (previous == .o && v == .u) {
                    morae[i].lengthens = true
                }
                previous = v
            default:
                previous = morae[i].vowel
            }
        }
    }

    private struct Kana {
        var consonant: Consonant
        var vowel: Vowel
    }

    private struct Small {
        var vowel: Vowel
        /// ャュョ palatalise, ァィゥェォ replace the vowel, ヮ makes kw/gw.
        var kind: Kind
        var largeConsonant: Consonant
        enum Kind { case vowel, palatal, wa }
    }

    private static let table: [Unicode.Scalar: Kana] = {
        var t: [Unicode.Scalar: Kana] = [:]
        let vowels: [Vowel] = [.a, .i, .u, .e, .o]
        let rows: [(String, [Consonant])] = [
            ("アイウエオ", [.none, .none, .none, .none, .none]),
            ("カキクケコ", [.k, .k, .k, .k, .k]),
            ("ガギグゲゴ", [.g, .g, .g, .g, .g]),
            ("サシスセソ", [.s, .sh, .s, .s, .s]),
            ("ザジズゼゾ", [.z, .j, .z, .z, .z]),
            ("タチツテト", [.t, .ch, .ts, .t, .t]),
            ("ダヂヅデド", [.d, .j, .z, .d, .d]),
            ("ナニヌネノ", [.n, .n, .n, .n, .n]),
            ("ハヒフヘホ", [.h, .h, .f, .h, .h]),
            ("バビブベボ", [.b, .b, .b, .b, .b]),
            ("パピプペポ", [.p, .p, .p, .p, .p]),
            ("マミムメモ", [.m, .m, .m, .m, .m]),
            ("ラリルレロ", [.r, .r, .r, .r, .r]),
            ("ヷヸヴヹヺ", [.v, .v, .v, .v, .v]),
        ]
        for (letters, consonants) in rows {
            for (n, letter) in letters.unicodeScalars.enumerated() {
                t[letter] = Kana(consonant: consonants[n], vowel: vowels[n])
            }
        }
        let extra: [(Unicode.Scalar, Consonant, Vowel)] = [
            ("ヤ", .y, .a), ("ユ", .y, .u), ("ヨ", .y, .o), ("ワ", .w, .a),
            ("ヰ", .none, .i), ("ヱ", .none, .e), ("ヲ", .none, .o),
            ("ヵ", .k, .a), ("ヶ", .k, .e),
            ("ァ", .none, .a), ("ィ", .none, .i), ("ゥ", .none, .u), ("ェ", .none, .e), ("ォ", .none, .o),
            ("ャ", .y, .a), ("ュ", .y, .u), ("ョ", .y, .o), ("ヮ", .w, .a),
            ("ン", .nasal, .none), ("ッ", .sokuon, .none), ("ー", .long, .none),
        ]
        for (letter, c, v) in extra { t[letter] = Kana(consonant: c, vowel: v) }
        return t
    }()

    private static let smallKana: [Unicode.Scalar: Small] = [
        "ァ": Small(vowel: .a, kind: .vowel, largeConsonant: .none),
        "ィ": Small(vowel: .i, kind: .vowel, largeConsonant: .none),
        "ゥ": Small(vowel: .u, kind: .vowel, largeConsonant: .none),
        "ェ": Small(vowel: .e, kind: .vowel, largeConsonant: .none),
        "ォ": Small(vowel: .o, kind: .vowel, largeConsonant: .none),
        "ャ": Small(vowel: .a, kind: .palatal, largeConsonant: .y),
        "ュ": Small(vowel: .u, kind: .palatal, largeConsonant: .y),
        "ョ": Small(vowel: .o, kind: .palatal, largeConsonant: .y),
        "ヮ": Small(vowel: .a, kind: .wa, largeConsonant: .w),
    ]

    /// The consonant of base + small kana, or nil when the pair is not one mora (a stray small kana).
    private static func combine(_ base: Kana, _ small: Small) -> Consonant? {
        let c = base.consonant
        switch small.kind {
        case .wa:
            switch c {
            case .k: return .kw
            case .g: return .gw
            default: return nil
            }
        case .palatal:
            switch c {
            case .sh, .j, .ch: return c
            default: return c.palatalised
            }
        case .vowel:
            switch c {
            case .none:
                if base.vowel == .u { return .w }
                if base.vowel == .i && small.vowel == .e { return .y }
                return nil
            case .k where base.vowel == .u: return .kw
            case .g where base.vowel == .u: return .gw
            case .k, .g, .n, .h, .b, .p, .m, .r:
                // キェ, ピォ: an i-row letter with a small vowel is palatal.
                if base.vowel == .i { return c.palatalised }
                return c
            case .y, .w, .nasal, .sokuon, .long, .other:
                return nil
            default:
                // テ+ィ, ト+ゥ, デ+ィ, フ+ァ, ツ+ァ, シ+ェ, ジ+ェ, チ+ェ, ス+ィ, ズ+ィ, ヴ+ァ
                return c
            }
        }
    }
}
