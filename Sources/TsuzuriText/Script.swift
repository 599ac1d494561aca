/// Character classes that decide where Japanese terms start and end. They work on normalised
/// scalars (after `ScannedLine` has folded half-width and full-width forms).
public enum Script {
    /// Katakana letters, the prolonged sound mark ー, iteration marks and small katakana extensions.
    @inline(__always)
    public static func isKatakana(_ v: UInt32) -> Bool {
        (0x30A1...0x30FA).contains(v) || v == 0x30FC || v == 0x30FD || v == 0x30FE || (0x31F0...0x31FF).contains(v)
    }

    /// Marks that join the parts of a foreign name in running text: ・ (nakaguro), ゠ and = (the
    /// double hyphen forms; ＝ and half-width ･ fold to these under NFKC), and the middle dots
    /// · ‧ • that some writers type instead of ・.
    @inline(__always)
    public static func isNameJoiner(_ v: UInt32) -> Bool {
        v == 0x30FB || v == 0x30A0 || v == 0x3D || v == 0xB7 || v == 0x2027 || v == 0x2022
    }

    /// What may stand between the parts of one name without making it a different name: the
    /// joiners, spaces (ASCII, ideographic, typographic), invisible marks (zero-width space, BOM)
    /// and the full-width and half-width forms of the joiners.
    @inline(__always)
    public static func isNameSeparator(_ v: UInt32) -> Bool {
        isNameJoiner(v) || v == 0x20 || v == 0x09 || v == 0x3000 || (0x2000...0x200B).contains(v) || v == 0xFEFF
            || v == 0xFF65 || v == 0xFF1D
    }

    /// Dashes, tildes and bars that writers type for the long-vowel mark ー (after kana they mean ー).
    @inline(__always)
    public static func isLongVowelLookAlike(_ v: UInt32) -> Bool {
        switch v {
        case 0x002D, 0x2010, 0x2011, 0x2012, 0x2013, 0x2014, 0x2015, 0x2212, 0xFF0D, 0x2500, 0x2501,
             0x301C, 0xFF5E, 0x007E, 0x30FC, 0xFF70, 0x2E3A, 0x2E3B, 0x02D7:
            return true
        default:
            return false
        }
    }

    @inline(__always)
    public static func isHiragana(_ v: UInt32) -> Bool { (0x3041...0x309F).contains(v) }

    /// CJK unified ideographs (and extension A), plus 々 and 〆, which behave as kanji in words.
    @inline(__always)
    public static func isKanji(_ v: UInt32) -> Bool {
        (0x4E00...0x9FFF).contains(v) || (0x3400...0x4DBF).contains(v) || v == 0x3005 || v == 0x3006
            || (0xF900...0xFAFF).contains(v) || (0x20000...0x2FFFF).contains(v)
    }

    @inline(__always)
    public static func isLatinLetter(_ v: UInt32) -> Bool {
        (0x41...0x5A).contains(v) || (0x61...0x7A).contains(v) || (0xC0...0x24F).contains(v) && v != 0xD7 && v != 0xF7
    }

    @inline(__always)
    public static func isUpperLatin(_ v: UInt32) -> Bool { (0x41...0x5A).contains(v) }

    @inline(__always)
    public static func isDigit(_ v: UInt32) -> Bool { (0x30...0x39).contains(v) }

    /// The class used for boundary checks of glossary matches: a match must not continue into a
    /// neighbour of the same class (リーダー inside リーダーシップ, NATO inside NATOs).
    public enum Class: Equatable, Sendable {
        case katakana, latin, digit, kanji, hiragana, other
    }

    @inline(__always)
    public static func classify(_ v: UInt32) -> Class {
        if isKatakana(v) { return .katakana }
        if isLatinLetter(v) { return .latin }
        if isDigit(v) { return .digit }
        if isKanji(v) { return .kanji }
        if isHiragana(v) { return .hiragana }
        return .other
    }
}
