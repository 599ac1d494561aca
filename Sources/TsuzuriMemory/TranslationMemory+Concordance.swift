import Foundation
import GRDB
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
    /// tokens: NFKC, case-insensitive, whole words for space-delimited terms), newest first.
    public func concordance(_ term: String, limit: Int = 100) throws -> [ConcordanceHit] {
        let needle = MatchText(term)
        guard needle.count > 0 else { return [] }
        return try reading { db in
            var postings: [UInt32] = []
            let grams = Self.containmentGrams(needle)
            if grams.isEmpty {
                // One character: nothing to intersect; compare with every text.
                let rows = try Row.fetchCursor(db, sql: "SELECT id, source, target FROM tm_unit")
                while let row = try rows.next() {
                    let id: Int64 = row[0]
                    for side in 0...1 where Self.occurrences(of: needle, in: row[side + 1]).isEmpty == false {
                        postings.append(GramIndex.posting(unit: id, side: side))
                    }
                }
            } else {
                postings = try containing(db, grams: grams)
            }
            var ids = Array(Set(postings.map { Int64($0 >> 1) }))
            ids.sort(by: >)
            var hits: [ConcordanceHit] = []
            for id in ids {
                guard let row = try Row.fetchOne(db, sql: "SELECT source, target, source_lang, target_lang, origin, changed FROM tm_unit WHERE id = ?", arguments: [id]) else { continue }
                let sourceSpans = Self.occurrences(of: needle, in: row[0])
                let targetSpans = Self.occurrences(of: needle, in: row[1])
                guard !sourceSpans.isEmpty || !targetSpans.isEmpty else { continue }
                hits.append(ConcordanceHit(
                    unitID: id, source: row[0], sourceLanguage: row[2], target: row[1], targetLanguage: row[3], origin: row[4],
                    changed: Date(timeIntervalSince1970: row[5]), sourceSpans: sourceSpans, targetSpans: targetSpans))
            }
            hits.sort { $0.changed != $1.changed ? $0.changed > $1.changed : $0.unitID > $1.unitID }
            return Array(hits.prefix(limit))
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

    /// Postings that hold every gram (any length bucket).
    private func containing(_ db: Database, grams: [UInt64]) throws -> [UInt32] {
        let statement = try db.cachedStatement(sql: "SELECT postings FROM tm_gram WHERE key BETWEEN ? AND ?")
        var counts: [UInt32: Int] = [:]
        for (index, gram) in Set(grams).enumerated() {
            var seen = Set<UInt32>()
            let rows = try Row.fetchCursor(statement, arguments: [GramIndex.key(gram, bucket: 0), GramIndex.key(gram, bucket: 255)])
            while let row = try rows.next() {
                guard let data = row.dataNoCopy(atIndex: 0) else { continue }
                data.withUnsafeBytes { bytes in
                    for i in 0..<PostingCodec.count(bytes) { seen.insert(PostingCodec.at(bytes, i)) }
                }
            }
            if index == 0 {
                for p in seen { counts[p] = 1 }
            } else {
                for p in seen where counts[p] == index { counts[p] = index + 1 }
            }
        }
        let needed = Set(grams).count
        return counts.filter { $0.value == needed }.map(\.key)
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
