import Foundation

/// The reference the fuzzy index is measured against: every stored text, tokenized once and kept
/// in memory, scored against each query with the same match percentage and ranking as `search`.
/// Exact shortcuts only: a text outside the length window, or whose multiset of tokens already
/// differs by more than the allowed distance (bag distance, a lower bound of the edit distance),
/// cannot reach the minimum score. For benchmarks and tests; it holds the whole memory in RAM.
public final class ExhaustiveScanner {
    private var tokens: [UInt32] = []
    private var starts: [Int] = [0]
    private var postings: [UInt32] = []
    private var modes: [MatchMode] = []
    private var changed: [Double] = []
    private var textHashes: [Int64] = []

    public var textCount: Int { postings.count }

    public init(memory: TranslationMemory) throws {
        try memory.reading { access in
            try access.forEachTexts { texts in
                let id = texts.id
                for side in 0...1 {
                    let text = side == 0 ? texts.source : texts.target
                    let match = MatchText(text, keepRanges: false)
                    tokens.append(contentsOf: match.tokens)
                    starts.append(tokens.count)
                    postings.append(GramIndex.posting(unit: id, side: side))
                    modes.append(match.mode)
                    changed.append(texts.changed)
                    textHashes.append(UnitWriter.pairHash(text))
                }
            }
        }
    }

    /// The best `limit` (unit id, reversed, score) for `text`, ranked as `search` ranks them.
    public func search(_ text: String, minScore: Int, limit: Int) -> [(unitID: Int64, reversed: Bool, score: Int)] {
        let query = MatchText(text, keepRanges: false)
        let n = query.count
        guard n > 0 else { return [] }
        let window = GramIndex.lengthWindow(n: n, minScore: minScore)
        let queryHash = UnitWriter.pairHash(text)
        var queryBag = [Int32](repeating: 0, count: 64)
        for t in query.tokens { queryBag[Int((t &* 2_654_435_761) >> 26)] += 1 }
        var top: [RankKey] = []
        var bag = [Int32](repeating: 0, count: 64)
        tokens.withUnsafeBufferPointer { all in
            for i in 0..<postings.count where modes[i] == query.mode {
                let m = starts[i + 1] - starts[i]
                guard window.contains(m) else { continue }
                let longer = max(n, m)
                let limitDistance = MatchScore.maxDistance(longer: longer, minScore: minScore)
                let slice = UnsafeBufferPointer(rebasing: all[starts[i]..<starts[i + 1]])
                // Bag distance: tokens of one side that the other cannot pair with.
                for k in 0..<64 { bag[k] = queryBag[k] }
                for t in slice { bag[Int((t &* 2_654_435_761) >> 26)] -= 1 }
                var surplus: Int32 = 0, deficit: Int32 = 0
                for k in 0..<64 { if bag[k] > 0 { surplus += bag[k] } else { deficit -= bag[k] } }
                if Int(max(surplus, deficit)) > limitDistance { continue }
                guard let distance = MatchScore.distance(query.tokens, Array(slice), limit: limitDistance) else { continue }
                let score = MatchScore.percentage(distance: distance, n, m)
                guard score >= minScore else { continue }
                let key = RankKey(score: score, exact: textHashes[i] == queryHash, changed: changed[i], posting: postings[i])
                TranslationMemory.insert(key, into: &top, limit: limit)
            }
        }
        return top.map { (Int64($0.posting >> 1), $0.posting & 1 == 1, $0.score) }
    }
}
