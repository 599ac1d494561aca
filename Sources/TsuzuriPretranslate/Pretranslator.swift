import TsuzuriGlossary
import TsuzuriMemory
import TsuzuriText

/// A glossary term found in a sentence, with the English the glossary gives for it.
public struct SentenceTerm: Sendable, Codable, Hashable {
    /// The glossary's preferred Japanese form.
    public var ja: String
    public var en: String
    public var kind: String
    /// The text as written in the sentence, its standing in the glossary, and where it starts.
    public var surface: String
    public var role: FormRole
    public var column: Int
}

/// One sentence of the article, the best translation-memory match for it, and its glossary terms.
public struct PretranslatedSentence: Sendable, Codable {
    public var line: Int
    public var column: Int
    public var text: String
    /// The best match at or above the threshold, if any.
    public var match: MemoryMatch?
    public var terms: [SentenceTerm]
    /// Why the memory was not searched for this sentence (longer than a query may be); nil when it was.
    public var memoryNote: String?
}

/// Splits an article into sentences (ICU) and gives each its best translation-memory match and
/// the glossary terms it contains: the draft a translator starts from.
public final class Pretranslator {
    private let segmenter: Segmenter
    private let glossary: Glossary
    private let matcher: GlossaryMatcher
    private let memory: TranslationMemory?
    private let minScore: Int
    private let scratch = SearchScratch()

    /// `memory` may be nil (no memory yet): sentences then carry glossary terms only.
    public init(glossary: Glossary, memory: TranslationMemory?, minScore: Int) throws {
        self.segmenter = try Segmenter()
        self.glossary = glossary
        self.matcher = GlossaryMatcher(glossary: glossary)
        self.memory = memory
        self.minScore = minScore
    }

    /// The sentences of one line (1-based `number`), in order.
    public func pretranslate(line text: Substring, number: Int) throws -> [PretranslatedSentence] {
        let line = ScannedLine(text)
        let hits = matcher.matches(in: line)
        return try segmenter.sentences(in: line).map { sentence in
            let range = sentence.column..<(sentence.column + sentence.length)
            var terms: [SentenceTerm] = []
            for hit in hits where range.contains(hit.column) {
                let entry = glossary.entry(at: hit.entryIndex)
                let term = SentenceTerm(
                    ja: entry.ja, en: entry.en, kind: entry.kind.rawValue, surface: hit.surface, role: hit.role,
                    column: hit.column)
                // A term used twice in a sentence is listed once, where it first appears.
                if !terms.contains(where: { $0.ja == term.ja && $0.surface == term.surface }) { terms.append(term) }
            }
            // A sentence past the query bound (a long line without sentence ends) keeps its
            // glossary terms; only the memory search is left out, and said so.
            guard sentence.text.unicodeScalars.count <= TranslationMemory.maxQueryLength else {
                return PretranslatedSentence(
                    line: number, column: sentence.column, text: sentence.text, match: nil, terms: terms,
                    memoryNote: "longer than \(TranslationMemory.maxQueryLength) characters: not searched in the memory")
            }
            let match = try memory?.search(sentence.text, minScore: minScore, limit: 1, scratch: scratch).matches.first
            return PretranslatedSentence(line: number, column: sentence.column, text: sentence.text, match: match, terms: terms)
        }
    }
}
