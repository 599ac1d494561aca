import Foundation
import TsuzuriExchange

/// A stretch of text, in Unicode code points from the start of the text (`start` included, `end` not).
public struct TextSpan: Sendable, Codable, Equatable {
    public var start: Int
    public var end: Int

    public init(start: Int, end: Int) {
        self.start = start
        self.end = end
    }
}

/// One fuzzy-search hit: a stored unit whose text on one side is close to the query.
public struct MemoryMatch: Sendable, Codable, Equatable {
    public var unitID: Int64
    /// The match percentage (0–100; 100 only when the compared tokens are identical).
    public var score: Int
    /// Whether the stored text equals the query character for character.
    public var exact: Bool
    /// The stored text that matched the query, and its language.
    public var source: String
    public var sourceLanguage: String
    /// The other side of the unit: the translation to reuse.
    public var target: String
    public var targetLanguage: String
    /// Whether the query matched the unit's target side (a search in the reverse direction).
    public var reversed: Bool
    public var origin: String?
    public var changed: Date
    public var notes: [String]
    /// Where `source` differs from the query (substituted or inserted tokens).
    public var differences: [TextSpan]
    /// Where the query differs from `source`.
    public var queryDifferences: [TextSpan]
}

/// Ranking order of hits: higher score, then exact text, then the most recently changed, then newest.
struct RankKey: Comparable {
    var score: Int
    var exact: Bool
    var changed: Double
    var posting: UInt32

    static func < (a: RankKey, b: RankKey) -> Bool {
        // "<" means "ranks before".
        if a.score != b.score { return a.score > b.score }
        if a.exact != b.exact { return a.exact }
        if a.changed != b.changed { return a.changed > b.changed }
        return a.posting > b.posting
    }
}

/// Statistics of one search (for benchmarks and `--explain`).
public struct SearchTrace: Sendable, Codable {
    public var postingsRead = 0
    public var candidates = 0
    public var verified = 0
    /// The minimum the filter rose to once `limit` sampled candidates reached it (nil: as asked).
    public var raisedMinScore: Int?
    /// Nanoseconds spent reading and filtering the index, and verifying candidates.
    public var indexNanoseconds: UInt64 = 0
    public var verifyNanoseconds: UInt64 = 0
}

extension TranslationMemory {
    /// The longest query `search` and `concordance` accept, in characters (Unicode scalars). A
    /// translation-memory segment is a sentence or a paragraph; a longer query is almost always a
    /// whole file passed by mistake, and its cost grows with its length.
    public static let maxQueryLength = 10_000

    /// Below this minimum score the index cannot prune (every text could qualify); a search first
    /// asks the index at this score and scans the whole memory only when that finds too few hits.
    static let indexedScore = 70

    /// The best stored units for `text`, either language as source: at least `minScore` percent,
    /// best first, at most `limit`. `language` limits the compared side to one language
    /// (region-aware, see `LanguageCode`).
    public func search(_ text: String, minScore: Int = 70, limit: Int = 5, language: String? = nil) throws -> [MemoryMatch] {
        try search(text, minScore: minScore, limit: limit, language: language, scratch: SearchScratch()).matches
    }

    /// `search` with caller-owned scratch buffers, also returning what the index did.
    public func search(_ text: String, minScore: Int, limit: Int, language: String? = nil, scratch: SearchScratch) throws -> (matches: [MemoryMatch], trace: SearchTrace) {
        try Self.checkQueryLength(text)
        let query = MatchText(text)
        guard query.count > 0, limit > 0 else { return ([], SearchTrace()) }
        let minScore = max(0, min(100, minScore))
        store.prepareForSearch()
        return try reading { access in
            var trace = SearchTrace()
            let pattern = TokenPattern(query.tokens)
            var ranked: [RankKey] = []
            if minScore < Self.indexedScore {
                // Hits at the indexed score outrank every lower one: when there are `limit` of
                // them, the whole-memory scan a low minimum needs is not.
                ranked = try rankedCandidates(access, query: query, pattern: pattern, text: text, minScore: Self.indexedScore, limit: limit,
                                              language: language, scratch: scratch, trace: &trace, scanning: false)
            }
            if ranked.count < limit {
                ranked = try rankedCandidates(access, query: query, pattern: pattern, text: text, minScore: minScore, limit: limit,
                                              language: language, scratch: scratch, trace: &trace)
            }
            let matches = try ranked.map { try match(access, posting: $0.posting, score: $0.score, exact: $0.exact, query: query) }
            return (matches, trace)
        }
    }

    /// Throws `queryTooLong` past `maxQueryLength`.
    static func checkQueryLength(_ text: String) throws {
        var length = 0
        for _ in text.unicodeScalars {
            length += 1
            if length > maxQueryLength { throw MemoryError.queryTooLong(length: text.unicodeScalars.count, limit: maxQueryLength) }
        }
    }

    private func rankedCandidates(_ access: any MemoryReading, query: MatchText, pattern: TokenPattern, text: String, minScore: Int, limit: Int, language: String?,
                                  scratch: SearchScratch, trace: inout SearchTrace, scanning: Bool = true) throws -> [RankKey] {
        let n = query.count
        let q = GramIndex.q(query.mode)
        // No stored text is longer than the longest segment an import accepts (a token takes at
        // least one byte).
        let window = GramIndex.lengthWindow(n: n, minScore: minScore).clamped(to: 1...ExchangeLimits.maxSegmentBytes)
        // Per bucket: the lowest gram count any allowed length in it needs, and the lengths
        // nearest the query's, for the score bound.
        var bucketThreshold = [Int](repeating: Int.max, count: 256)
        var bucketLengths = [[Int]](repeating: [], count: 256)
        for (b, lengths) in GramIndex.buckets(covering: window) {
            for m in lengths {
                bucketThreshold[b] = min(bucketThreshold[b], GramIndex.threshold(n: n, m: m, minScore: minScore, q: q))
            }
            let nearest = Swift.min(Swift.max(n, lengths.lowerBound), lengths.upperBound)
            bucketLengths[b] = Array(Swift.max(lengths.lowerBound, nearest - 32)...Swift.min(lengths.upperBound, nearest + 31))
        }
        let firstBucket = GramIndex.bucket(window.lowerBound), lastBucket = GramIndex.bucket(window.upperBound)
        if (firstBucket...lastBucket).contains(where: { bucketThreshold[$0] <= 0 }) {
            // Too short or too permissive for the lemma to prune anything: compare with every text
            // (unless this is only the first, indexed pass of a low-minimum search).
            guard scanning else { return [] }
            return try scanAll(access, query: query, pattern: pattern, text: text, minScore: minScore, limit: limit, language: language, trace: &trace)
        }
        let indexStart = DispatchTime.now().uptimeNanoseconds
        // Each gram's posting blobs within the length window, grouped by length bucket, with the
        // query positions a text missing from the list has lost. A store that can tell the
        // lengths of the lists first has them read one by one, as the search reaches them.
        let grams = GramIndex.grams(query)
        let lost = GramIndex.lostPositions(query)
        let buckets = firstBucket...lastBucket
        var lists: [GramList]
        if let totals = try access.postingCounts(grams: grams, buckets: buckets) {
            lists = grams.indices.map { GramList(gram: grams[$0], total: totals[grams[$0]] ?? 0, lost: lost[$0]) }
        } else {
            let rows = try access.postingRows(grams: grams, buckets: buckets)
            lists = grams.indices.map { GramList(rows[grams[$0]] ?? [], lost: lost[$0]) }
        }
        // Rarest grams first: the lists a text must appear in at least once come from the front.
        lists.sort { $0.total < $1.total }
        var filter = CandidateFilter(lists: lists, n: n, q: q, minScore: minScore, window: window)
        var sampleVerified = 0
        // Sampling can raise the minimum only when `limit` hits may be among the sampled.
        let samples = access.verifiesCheaply && limit <= scratch.sampleSize
        let survivors = try filter.run(&lists, load: { list in
            list.load(try access.postingRows(grams: [list.gram], buckets: buckets)[list.gram] ?? [])
        }, sample: { postings in
            guard samples else { return nil }
            // The score of the `limit`-th best of these candidates, ranked as below.
            var top: [RankKey] = []
            try access.prefetch(postings: postings)
            for posting in postings {
                sampleVerified += 1
                guard let side = try access.side(Int(posting & 1), ofUnit: Int64(posting >> 1)) else { continue }
                if let language, !LanguageCode.matches(side.language, requested: language) { continue }
                guard let key = Self.rank(query: query, pattern: pattern, text: text, stored: side.text, minScore: minScore, changed: side.changed,
                                          posting: posting) else { continue }
                Self.insert(key, into: &top, limit: limit)
            }
            return top.count == limit ? top[limit - 1].score : nil
        }, scratch: scratch, postingLimit: Int(try access.maxUnitID()) * 2 + 2, trace: &trace)
        trace.verified += sampleVerified
        // Past here the minimum may be higher than asked: `limit` texts are known to reach it.
        let minScore = filter.minScore
        defer { scratch.reset() }
        // Candidates that pass both filters, with the best score they could reach (counting every
        // list not read as shared).
        var candidates: [(posting: UInt32, bound: Int)] = []
        for slot in survivors.slots {
            let s = Int(slot)
            let common = Int(scratch.counts[s]) + survivors.unread
            let b = Int(scratch.buckets[s])
            let lostEdits = survivors.processed.subtracting(scratch.found[s]).edits(q: q)
            guard common >= filter.threshold[b], lostEdits <= filter.maxEdits[b] else { continue }
            var bound = -1
            for m in bucketLengths[b] {
                bound = max(bound, GramIndex.scoreBound(n: n, m: m, common: min(common, n + q - 1), q: q, lostEdits: lostEdits))
            }
            if bound >= minScore { candidates.append((scratch.postings[s], bound)) }
        }
        trace.candidates = candidates.count
        let verifyStart = DispatchTime.now().uptimeNanoseconds
        trace.indexNanoseconds += verifyStart - indexStart
        defer { trace.verifyNanoseconds += DispatchTime.now().uptimeNanoseconds - verifyStart }
        candidates.sort { $0.bound > $1.bound }
        // Verify, best bound first; stop once no remaining candidate can enter the top `limit`.
        var top: [RankKey] = []
        var prefetched = 0
        for (index, candidate) in candidates.enumerated() {
            if top.count == limit, candidate.bound < top[limit - 1].score { break }
            if index == prefetched {
                // Announce the next candidates (at least 256, doubling) so that a server store
                // fetches them in one round trip.
                prefetched = min(candidates.count, index + max(256, index))
                try access.prefetch(postings: candidates[index..<prefetched].map(\.posting))
            }
            trace.verified += 1
            let id = Int64(candidate.posting >> 1)
            guard let side = try access.side(Int(candidate.posting & 1), ofUnit: id) else { continue }
            if let language, !LanguageCode.matches(side.language, requested: language) { continue }
            guard let key = Self.rank(query: query, pattern: pattern, text: text, stored: side.text, minScore: minScore, changed: side.changed,
                                      posting: candidate.posting) else { continue }
            Self.insert(key, into: &top, limit: limit)
        }
        return top
    }

    /// Scores one stored text against the query, or nil below `minScore` or in the other mode.
    static func rank(query: MatchText, pattern: TokenPattern, text: String, stored: String, minScore: Int, changed: Double, posting: UInt32) -> RankKey? {
        guard MatchMode(of: stored) == query.mode else { return nil }
        let other = MatchText(stored, mode: query.mode, keepRanges: false)
        let longer = max(query.count, other.count)
        // The shorter text bounds the score from above: skip the distance when it cannot reach,
        // and when the bound is 0 the score is 0 (a text under 1 % of a long query's length).
        let bound = 100 * min(query.count, other.count) / max(longer, 1)
        guard bound >= minScore else { return nil }
        if bound == 0 { return RankKey(score: 0, exact: false, changed: changed, posting: posting) }
        guard let distance = pattern.distance(to: other.tokens, limit: MatchScore.maxDistance(longer: longer, minScore: minScore)) else { return nil }
        let score = MatchScore.percentage(distance: distance, query.count, other.count)
        guard score >= minScore else { return nil }
        return RankKey(score: score, exact: stored == text, changed: changed, posting: posting)
    }

    static func insert(_ key: RankKey, into top: inout [RankKey], limit: Int) {
        if top.count == limit, let last = top.last, !(key < last) { return }
        let index = top.firstIndex { key < $0 } ?? top.count
        top.insert(key, at: index)
        if top.count > limit { top.removeLast() }
    }

    /// Compares the query with every stored text: the fallback when the index cannot prune, and
    /// the reference the index is checked against.
    func scanAll(_ access: any MemoryReading, query: MatchText, pattern: TokenPattern, text: String, minScore: Int, limit: Int, language: String?, trace: inout SearchTrace) throws -> [RankKey] {
        var top: [RankKey] = []
        try access.forEachTexts { texts in
            let id = texts.id
            let changed = texts.changed
            for side in 0...1 {
                let stored = side == 0 ? texts.source : texts.target
                if let language, !LanguageCode.matches(side == 0 ? texts.sourceLanguage : texts.targetLanguage, requested: language) { continue }
                trace.verified += 1
                // Once `limit` hits are held, a text must at least tie the last of them to enter.
                let floor = top.count == limit ? max(minScore, top[limit - 1].score) : minScore
                if let key = Self.rank(query: query, pattern: pattern, text: text, stored: stored, minScore: floor, changed: changed, posting: GramIndex.posting(unit: id, side: side)) {
                    Self.insert(key, into: &top, limit: limit)
                }
            }
        }
        return top
    }

    /// The exhaustive reference search: every stored text scored, no index (tests and benchmarks).
    public func exhaustiveSearch(_ text: String, minScore: Int = 70, limit: Int = 5, language: String? = nil) throws -> [MemoryMatch] {
        try Self.checkQueryLength(text)
        let query = MatchText(text)
        guard query.count > 0, limit > 0 else { return [] }
        return try reading { access in
            var trace = SearchTrace()
            let ranked = try scanAll(access, query: query, pattern: TokenPattern(query.tokens), text: text, minScore: minScore, limit: limit, language: language, trace: &trace)
            return try ranked.map { try match(access, posting: $0.posting, score: $0.score, exact: $0.exact, query: query) }
        }
    }

    private func match(_ access: any MemoryReading, posting: UInt32, score: Int, exact: Bool, query: MatchText) throws -> MemoryMatch {
        let id = Int64(posting >> 1)
        let reversed = posting & 1 == 1
        guard let unit = try access.unit(id) else {
            throw MemoryError.database(path: path, message: "unit \(id) vanished during the search")
        }
        let source = reversed ? unit.target : unit.source
        let target = reversed ? unit.source : unit.target
        let stored = MatchText(source, mode: query.mode)
        let diff = MatchScore.differences(stored.tokens, query.tokens)
        return MemoryMatch(
            unitID: id, score: score, exact: exact, source: source, sourceLanguage: reversed ? unit.targetLanguage : unit.sourceLanguage,
            target: target, targetLanguage: reversed ? unit.sourceLanguage : unit.targetLanguage, reversed: reversed, origin: unit.origin,
            changed: Date(timeIntervalSince1970: unit.changed), notes: Self.decodeNotes(unit.notes),
            differences: Self.spans(diff.inA, ranges: stored.ranges), queryDifferences: Self.spans(diff.inB, ranges: query.ranges))
    }

    static func decodeNotes(_ json: String?) -> [String] {
        guard let json, let notes = try? JSONDecoder().decode([String].self, from: Data(json.utf8)) else { return [] }
        return notes
    }

    /// Merges the code-point ranges of the given tokens into spans (adjacent tokens join one span).
    static func spans(_ tokenIndexes: [Int], ranges: [Range<Int>]) -> [TextSpan] {
        var spans: [TextSpan] = []
        var previous: Int?
        for index in tokenIndexes {
            let r = ranges[index]
            if let last = spans.last, last.end >= r.lowerBound || (previous == index - 1 && last.end == r.lowerBound - 1) {
                spans[spans.count - 1].end = max(last.end, r.upperBound)
            } else {
                spans.append(TextSpan(start: r.lowerBound, end: r.upperBound))
            }
            previous = index
        }
        return spans
    }
}
