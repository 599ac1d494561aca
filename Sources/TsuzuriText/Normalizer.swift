import CICU

/// The one place where tsuzuri decides when two ways of typing a text are the same. Everything
/// builds on ICU's NFKC (through CICU: never Foundation's own ICU copy, so that every module
/// folds alike), and each comparison adds its own rules on top as a named profile.
public enum Normalizer {
    /// What a normalised text is for.
    public enum Profile: Sendable {
        /// Terms in running text and in the glossary: NFKC, which folds half-width katakana
        /// (ﾍｸﾞｾｽ), full-width Latin and digits (ＮＡＴＯ, ５) and compatibility forms (Ⅱ → II).
        case term
        /// Katakana spellings as the variant engine compares them: `term`, hiragana as katakana,
        /// the dash and tilde look-alikes after kana as ー, and the separators of a name's parts
        /// (・ ＝ · spaces) dropped, because none of them makes a different word.
        case spelling
        /// English forms: `term`, then diacritics removed and case folded, keeping letters and
        /// digits only ("Secretary-of-Defense", "secretary of defense" and "U.S."/"US" agree).
        case english
    }

    /// `text` normalised for `profile`.
    public static func normalize(_ text: String, _ profile: Profile) -> String {
        switch profile {
        case .term: nfkc(text)
        case .spelling: spelling(text)
        case .english: english(text)
        }
    }

    /// The NFKC form of `text`. Text ICU cannot normalise (it never should) is returned unchanged.
    public static func nfkc(_ text: String) -> String {
        if text.utf8.allSatisfy({ $0 < 0x80 }) { return text }
        // Katakana and kanji terms mostly need nothing: ICU is asked about the rest (a large
        // glossary's keys took a UTF-16 round trip through ICU each).
        if text.unicodeScalars.allSatisfy({ isStable($0.value) }) { return text }
        return callICU(text, cicu_nfkc) ?? text
    }

    /// NFKC of one scalar, with the combining marks that follow it (`continuation`), as scalars.
    static func nfkc(scalars: ArraySlice<UInt32>) -> [UInt32] {
        var view = String.UnicodeScalarView()
        for v in scalars { if let s = Unicode.Scalar(v) { view.append(s) } }
        return nfkc(String(view)).unicodeScalars.map(\.value)
    }

    /// Whether NFKC leaves `v` as it is whatever stands around it, for the scalars Japanese and
    /// English text are mostly made of (ASCII, kana, common kanji, Japanese punctuation), so that
    /// ICU is asked only about the rest. A test checks every one of them against ICU.
    @inline(__always)
    public static func isStable(_ v: UInt32) -> Bool {
        v < 0x80 || (v >= 0x3041 && v <= 0x3096) || (v >= 0x30A1 && v <= 0x30FA) || v == 0x30FC || v == 0x30FB
            || (v >= 0x4E00 && v <= 0x9FFF) || (v >= 0x3001 && v <= 0x3003) || (v >= 0x3005 && v <= 0x3011)
            || (v >= 0x3400 && v <= 0x4DBF)
    }

    /// Whether `v` joins the scalar before it under NFKC: combining marks (the voicing mark
    /// U+3099), the half-width voicing marks ﾞ ﾟ, and Hangul vowel and final jamo.
    @inline(__always)
    public static func isContinuation(_ v: UInt32) -> Bool {
        if v < 0x300 { return false }
        if v == 0xFF9E || v == 0xFF9F || (0x1160...0x11FF).contains(v) { return true }
        return cicu_combining_class(v) != 0
    }

    // MARK: Profiles

    private static func spelling(_ text: String) -> String {
        // Katakana letters and ー only (nearly every term `cluster` reads): nothing below changes
        // them, and returning the text itself spares a copy of every term of a large list.
        if text.unicodeScalars.allSatisfy({ (0x30A1...0x30FA).contains($0.value) || $0.value == 0x30FC }) {
            return text
        }
        var out = String.UnicodeScalarView()
        var previousIsKana = false
        for scalar in nfkc(text).unicodeScalars {
            let v = scalar.value
            if Script.isNameSeparator(v) { continue }
            var mapped = scalar
            if (0x3041...0x3096).contains(v) || v == 0x309D || v == 0x309E {
                // Hiragana (and its iteration marks) sit exactly 0x60 below their katakana.
                mapped = Unicode.Scalar(v + 0x60)!
            } else if Script.isLongVowelLookAlike(v) {
                // A dash after kana is a long-vowel mark typed with the wrong key; elsewhere
                // (ABC-1, 1〜3) it keeps its meaning.
                if previousIsKana { mapped = "ー" }
            }
            out.append(mapped)
            previousIsKana = Script.isKatakana(mapped.value)
        }
        return String(out)
    }

    private static func english(_ text: String) -> String {
        if text.utf8.allSatisfy({ $0 < 0x80 }) {
            // ASCII has no marks to drop and folds by lowering A–Z: what ICU would do, without a
            // UTF-16 round trip per glossary entry.
            return String(decoding: text.utf8.compactMap { b -> UInt8? in
                switch b {
                case 0x41...0x5A: b + 0x20
                case 0x61...0x7A, 0x30...0x39: b
                default: nil
                }
            }, as: UTF8.self)
        }
        let folded = callICU(nfkc(text), cicu_fold_english) ?? text.lowercased()
        var key = String.UnicodeScalarView()
        for scalar in folded.unicodeScalars where scalar.properties.isAlphabetic || scalar.properties.numericType != nil {
            key.append(scalar)
        }
        return String(key)
    }

    private typealias ICUTransform = (
        UnsafePointer<UInt16>?, Int32, UnsafeMutablePointer<UInt16>?, Int32, UnsafeMutablePointer<Int32>?
    ) -> Int32

    /// Runs an ICU string transform, growing the buffer once if ICU asks for more; nil on failure.
    private static func callICU(_ text: String, _ transform: ICUTransform) -> String? {
        let source = Array(text.utf16)
        var capacity = Int32(source.count * 2 + 16)
        while true {
            var error: Int32 = 0
            var dest = [UInt16](repeating: 0, count: Int(capacity))
            let needed = source.withUnsafeBufferPointer { src in
                dest.withUnsafeMutableBufferPointer { dst in
                    transform(src.baseAddress, Int32(src.count), dst.baseAddress, capacity, &error)
                }
            }
            if error > 0 { return nil }
            if needed <= capacity {
                return String(decoding: dest[0..<Int(needed)], as: UTF16.self)
            }
            capacity = needed
        }
    }
}
