import Foundation

/// Folds the ways one spelling can be typed into one form before spellings are compared: NFKC
/// (half-width katakana, full-width Latin), hiragana to katakana, the dash and tilde look-alikes
/// that stand for ー after kana, and the separators ・ ＝ · and spaces, which never make a
/// different word.
public enum SpellingNormalizer {
    /// The comparison form of `text`.
    public static func normalize(_ text: String) -> String {
        let nfkc = text.precomposedStringWithCompatibilityMapping
        var out = String.UnicodeScalarView()
        var previousIsKana = false
        for scalar in nfkc.unicodeScalars {
            let v = scalar.value
            if isSeparator(v) { continue }
            var mapped = scalar
            if (0x3041...0x3096).contains(v) || v == 0x309D || v == 0x309E {
                // Hiragana (and its iteration marks) sit exactly 0x60 below their katakana.
                mapped = Unicode.Scalar(v + 0x60)!
            } else if isLongVowelLookAlike(v) {
                // A dash after kana is a long-vowel mark typed with the wrong key; elsewhere
                // (ABC-1, 1〜3) it keeps its meaning.
                if previousIsKana { mapped = "ー" }
            }
            out.append(mapped)
            previousIsKana = isKatakana(mapped.value)
        }
        return String(out)
    }

    /// Whether `text` (already normalised) is written in katakana and ー only: the spellings that
    /// the engine compares phonetically. Everything else only matches itself.
    public static func isKana(_ normalized: String) -> Bool {
        !normalized.isEmpty && normalized.unicodeScalars.allSatisfy { isKatakana($0.value) }
    }

    static func isKatakana(_ v: UInt32) -> Bool {
        (0x30A1...0x30FA).contains(v) || v == 0x30FC || v == 0x30FD || v == 0x30FE
    }

    static func isSeparator(_ v: UInt32) -> Bool {
        switch v {
        case 0x30FB, 0xFF65, 0x003D, 0xFF1D, 0x30A0, 0x00B7, 0x2027, 0x2022, 0x200B, 0xFEFF:
            return true
        default:
            return v == 0x20 || v == 0x09 || v == 0x3000 || (0x2000...0x200A).contains(v)
        }
    }

    private static func isLongVowelLookAlike(_ v: UInt32) -> Bool {
        switch v {
        case 0x002D, 0x2010, 0x2011, 0x2012, 0x2013, 0x2014, 0x2015, 0x2212, 0xFF0D, 0x2500, 0x2501,
             0x301C, 0xFF5E, 0x007E, 0x30FC, 0xFF70, 0x2E3A, 0x2E3B, 0x02D7:
            return true
        default:
            return false
        }
    }
}
