import TsuzuriGlossary

/// A glossary with the indexes a check builds from it — the form matcher, the English-form
/// finder, the katakana forms the variant engine compares — each built on first use and kept
/// for the checks that follow. The language server checks after every edit: with a
/// 100,000-entry glossary, building these again took a second per check.
///
/// For checks that run one after another: the matcher's word breaker serves one thread at a
/// time, so checks on other cores take a glossary of their own (`forAnotherThread()`).
public final class PreparedGlossary {
    public let glossary: Glossary
    public private(set) lazy var matcher = GlossaryMatcher(glossary: glossary)
    private(set) lazy var englishTerms = EnglishTermFinder(glossary: glossary)
    private(set) lazy var katakana = Checker.KatakanaForms(glossary)

    public init(_ glossary: Glossary) {
        self.glossary = glossary
    }

    /// The glossary for a check on another thread (a chunk of a parallel check): the matcher's
    /// trie is this one's, its word breaker its own; the other indexes are built there if used.
    func forAnotherThread() -> PreparedGlossary {
        let other = PreparedGlossary(glossary)
        other.matcher = GlossaryMatcher(sharing: matcher)
        return other
    }
}
