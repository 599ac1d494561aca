import TsuzuriGlossary
import TsuzuriVariants

extension Glossary {
    /// The entries closest to a term the glossary does not know, best first, scores rounded to
    /// three decimals: what `tsuzuri lookup` and the language server's hover show.
    public func suggestions(for term: String, limit: Int = 3, engine: VariantEngine = VariantEngine()) -> [GlossarySuggestion] {
        closest(to: term, limit: limit, japaneseSimilarity: { Self.japaneseSimilarity($0, $1, engine: engine) }).map {
            var suggestion = $0
            suggestion.score = (suggestion.score * 1000).rounded() / 1000
            return suggestion
        }
    }

    /// Similarity of two Japanese spellings: the variant engine's kana-aware score for two kana
    /// spellings (voicing, ー, small kana and transposed morae are cheap; 0.5 or more means "a
    /// variant"), a Levenshtein ratio over the normalised spellings otherwise (kanji terms, which
    /// the engine only matches to themselves).
    public static func japaneseSimilarity(_ a: String, _ b: String, engine: VariantEngine = VariantEngine()) -> Double {
        let left = SpellingNormalizer.normalize(a), right = SpellingNormalizer.normalize(b)
        if SpellingNormalizer.isKana(left) && SpellingNormalizer.isKana(right) {
            return engine.compare(a, b).score
        }
        return EnglishSimilarity.ratio(left, right)
    }
}
