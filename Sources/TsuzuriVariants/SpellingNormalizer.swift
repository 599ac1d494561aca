import TsuzuriText

/// Folds the ways one spelling can be typed into one form before spellings are compared (the
/// `spelling` profile of tsuzuri's one normaliser).
public enum SpellingNormalizer {
    /// The comparison form of `text`.
    public static func normalize(_ text: String) -> String {
        Normalizer.normalize(text, .spelling)
    }

    /// Whether `text` (already normalised) is written in katakana and ー only: the spellings that
    /// the engine compares phonetically. Everything else only matches itself.
    public static func isKana(_ normalized: String) -> Bool {
        !normalized.isEmpty && normalized.unicodeScalars.allSatisfy { Script.isKatakana($0.value) }
    }
}
