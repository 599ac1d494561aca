/// Character classes that decide where Japanese terms start and end. They work on normalised
/// scalars (after `ScannedLine` has folded half-width and full-width forms).
public enum Script {
    /// Katakana letters, the prolonged sound mark ー, iteration marks and small katakana extensions.
    @inline(__always)
    public static func isKatakana(_ v: UInt32) -> Bool {
        (0x30A1...0x30FA).contains(v) || v == 0x30FC || v == 0x30FD || v == 0x30FE || (0x31F0...0x31FF).contains(v)
    }

    /// Marks that join the parts of a foreign name: ・ (nakaguro), ゠ and = (double hyphen forms).
    @inline(__always)
    public static func isNameJoiner(_ v: UInt32) -> Bool {
        v == 0x30FB || v == 0x30A0 || v == 0x3D
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
