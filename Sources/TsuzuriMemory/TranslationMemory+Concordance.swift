import Foundation
import TsuzuriExchange

/// A unit that contains a concordance term, with where the term occurs.
public struct ConcordanceHit: Sendable, Codable, Equatable {
    public var unitID: Int64
    public var source: String
    public var sourceLanguage: String
    public var target: String
    public var targetLanguage: String
    public var origin: String?
    public var changed: Date
    /// Where the term occurs in `source` and in `target` (code points; either may be empty).
    public var sourceSpans: [TextSpan]
    public var targetSpans: [TextSpan]
}

extension TranslationMemory {
    /// Every unit that contains `term` in either language (compared as the fuzzy search compares
    /// tokens: NFKC, case-insensitive, whole words for space-delimited terms), the most recently
    /// added first, at most `limit`.
    public func concordance(_ term: String, limit: Int = 100) throws -> [ConcordanceHit] {
        try Self.checkQueryLength(term)
        let needle = MatchText(term)
        guard needle.count > 0 else { return [] }
        // A Latin term (NATO, Hegseth) also occurs inside Japanese text, which is indexed by
        // characters, not words: look for it that way too.
        let characterNeedle = needle.mode == .words ? MatchText(term, mode: .characters) : nil
        func spans(in text: String) -> [TextSpan] {
            let found = Self.occurrences(of: needle, in: text)
            if !found.isEmpty { return found }
            return characterNeedle.map { Self.occurrences(of: $0, in: text) } ?? []
        }
        store.prepareForSearch()
        return try reading { access in
            var postings: [UInt32] = []
            let grams = Self.containmentGrams(needle)
            if let characterNeedle, characterNeedle.count >= 2 {
                postings += try containing(access, grams: Self.containmentGrams(characterNeedle))
            }
            if grams.isEmpty {
                // One character: nothing to intersect; compare with every text.
                try access.forEachTexts { texts in
                    for (side, text) in [texts.source, texts.target].enumerated() where spans(in: text).isEmpty == false {
                        postings.append(GramIndex.posting(unit: texts.id, side: side))
                    }
                }
            } else {
                postings += try containing(access, grams: grams)
            }
            var ids = Array(Set(postings.map { Int64($0 >> 1) }))
            ids.sort(by: >)
            var hits: [ConcordanceHit] = []
            for id in ids {
                guard let unit = try access.unit(id) else { continue }
                let sourceSpans = spans(in: unit.source)
                let targetSpans = spans(in: unit.target)
                guard !sourceSpans.isEmpty || !targetSpans.isEmpty else { continue }
                if hits.count == limit { break }
                hits.append(ConcordanceHit(
                    unitID: id, source: unit.source, sourceLanguage: unit.sourceLanguage, target: unit.target, targetLanguage: unit.targetLanguage,
                    origin: unit.origin, changed: Date(timeIntervalSince1970: unit.changed), sourceSpans: sourceSpans, targetSpans: targetSpans))
            }
            return hits
        }
    }

    /// Grams every text containing the term must have: its inner bigrams (characters) or its words,
    /// numbered by occurrence as in the index.
    static func containmentGrams(_ needle: MatchText) -> [UInt64] {
        switch needle.mode {
        case .words:
            return GramIndex.grams(needle)
        case .characters:
            guard needle.count >= 2 else { return [] }
            // The padded grams minus the two that touch the sentinels.
            let all = GramIndex.grams(needle)
            return Array(all.dropFirst().dropLast())
        }
    }

    /// Postings that hold every gram (any length bucket): the rarest gram's list, intersected with
    /// the others by scanning them or, when few candidates are left, by binary search.
    private func containing(_ access: any MemoryReading, grams: [UInt64]) throws -> [UInt32] {
        let unique = Array(Set(grams))
        let rows = try access.postingRows(grams: unique, buckets: 0...255)
        var lists = unique.map { GramList(rows[$0] ?? []) }
        lists.sort { $0.total < $1.total }
        guard let first = lists.first else { return [] }
        var candidates: [(posting: UInt32, bucket: UInt8)] = []
        for (bucket, data) in first.blobs {
            data.withUnsafeBytes { bytes in
                for i in 0..<PostingCodec.count(bytes) { candidates.append((PostingCodec.at(bytes, i), bucket)) }
            }
        }
        for list in lists.dropFirst() where !candidates.isEmpty {
            if candidates.count * 24 < list.total {
                candidates.removeAll { candidate in
                    !list.blobs.contains { $0.bucket == candidate.bucket && $0.data.withUnsafeBytes { PostingCodec.contains($0, candidate.posting) } }
                }
            } else {
                var present = Set<UInt32>()
                for (_, data) in list.blobs {
                    data.withUnsafeBytes { bytes in
                        for i in 0..<PostingCodec.count(bytes) { present.insert(PostingCodec.at(bytes, i)) }
                    }
                }
                candidates.removeAll { !present.contains($0.posting) }
            }
        }
        return candidates.map(\.posting)
    }

    /// Where the term's tokens occur as a contiguous run in `text`.
    static func occurrences(of needle: MatchText, in text: String) -> [TextSpan] {
        guard MatchMode(of: text) == needle.mode || needle.mode == .words else { return [] }
        let hay = MatchText(text, mode: needle.mode)
        let n = needle.count
        guard n > 0, hay.count >= n else { return [] }
        var spans: [TextSpan] = []
        var i = 0
        while i + n <= hay.count {
            if hay.tokens[i] == needle.tokens[0] && Array(hay.tokens[i..<i + n]) == needle.tokens {
                spans.append(TextSpan(start: hay.ranges[i].lowerBound, end: hay.ranges[i + n - 1].upperBound))
                i += n
            } else {
                i += 1
            }
        }
        return spans
    }
}
