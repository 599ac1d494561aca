import Foundation
import GRDB
import Testing
@testable import TsuzuriMemory

/// Search reads each list's rows (one per import batch) through SQLite's C API, joins them, and
/// counts by merging sorted lists (or through a hash table when the prefix of lists is long):
/// whatever the rows, it finds what the exhaustive scan finds (issue 13, item 3).
@Suite struct IndexRowsTests {
    /// 3,000 texts of a seven-character alphabet at 28–33 characters, imported in three batches
    /// and then some single additions: every bigram's list in a length bucket holds hundreds of
    /// postings in several rows. A few long texts make queries whose prefix of lists is too long
    /// for the merging filter (the hash table counts them).
    static func makeMemory() throws -> (TemporaryMemory, queries: [String]) {
        let tm = try TemporaryMemory(.sqlite)
        var generator = SeededGenerator(seed: 13)
        let alphabet = Array("あいうかアイ保").map(String.init)
        var batches = ["", "", ""], sources: [String] = []
        for i in 0..<3_000 {
            let length = i % 150 == 0 ? Int.random(in: 140...160, using: &generator) : Int.random(in: 28...33, using: &generator)
            let ja = (0..<length).map { _ in alphabet.randomElement(using: &generator)! }.joined()
            if i % 97 == 0 || i % 150 == 0 { sources.append(ja) }
            batches[i * 3 / 3_000] += "\(ja)\tunit \(i)\n"
        }
        for (b, tsv) in batches.enumerated() { _ = try tm.memory.importFile(tm.file("units\(b).tsv", tsv)) }
        for source in sources.prefix(5) {
            try tm.memory.add(NewUnit(source: source + "あ", target: "added", sourceLanguage: "ja", targetLanguage: "en"))
        }
        var queries: [String] = []
        for (i, source) in sources.enumerated() {
            var query = Array(source).map(String.init)
            for _ in 0...(i % 3) { query[Int.random(in: 0..<query.count, using: &generator)] = alphabet.randomElement(using: &generator)! }
            if i % 2 == 0 { query.remove(at: query.count / 3) }
            queries.append(query.joined())
        }
        return (tm, queries)
    }

    @Test func searchOverManyRowsPerListEqualsTheScan() throws {
        let (tm, queries) = try Self.makeMemory()
        let rowsPerKey = try DatabaseQueue(path: tm.location).read { db in
            try Int.fetchOne(db, sql: "SELECT max(n) FROM (SELECT count(*) AS n FROM tm_gram GROUP BY key)") ?? 0
        }
        #expect(rowsPerKey >= 4)
        // Index and scan agree on every hit and score, also when the search stops reading lists
        // as early as it may.
        let eager = SearchScratch()
        eager.postingsPerVerification = 0
        for query in queries {
            for minScore in [70, 85] {
                let scanned = try tm.memory.exhaustiveSearch(query, minScore: minScore, limit: 5)
                let indexed = try tm.memory.search(query, minScore: minScore, limit: 5)
                #expect(indexed.map(\.unitID) == scanned.map(\.unitID), "\(query) at \(minScore)")
                #expect(indexed.map(\.score) == scanned.map(\.score), "\(query) at \(minScore)")
                let early = try tm.memory.search(query, minScore: minScore, limit: 5, scratch: eager).matches
                #expect(early.map(\.unitID) == scanned.map(\.unitID), "\(query) at \(minScore), reading stopped early")
                #expect(early.map(\.score) == scanned.map(\.score), "\(query) at \(minScore), reading stopped early")
            }
        }
    }

    /// Many near-duplicates of each query: the filter verifies the candidates in the most lists,
    /// finds `limit` hits above the minimum and raises it. The hits stay those of the scan, for
    /// every limit and minimum, whether it samples at once or only when many are alive.
    @Test func raisingTheMinimumFromSampledHitsChangesNoHit() throws {
        let tm = try TemporaryMemory(.sqlite)
        var generator = SeededGenerator(seed: 21)
        let syllables = Array("かきくけこさしすせそたちつてとなにぬねの漢字語").map(String.init)
        func text(_ length: Int) -> [String] { (0..<length).map { _ in syllables.randomElement(using: &generator)! } }
        func edited(_ base: [String], _ edits: Int) -> [String] {
            var result = base
            for _ in 0..<edits { result[Int.random(in: 0..<result.count, using: &generator)] = syllables.randomElement(using: &generator)! }
            return result
        }
        var tsv = "", queries: [String] = []
        for b in 0..<30 {
            let base = text(Int.random(in: 30...50, using: &generator))
            for v in 0..<12 { tsv += "\(edited(base, v % 6).joined())\tvariant \(b).\(v)\n" }
            queries.append(edited(base, 2).joined())
        }
        for i in 0..<1_500 { tsv += "\(text(Int.random(in: 25...60, using: &generator)).joined())\tother \(i)\n" }
        _ = try tm.memory.importFile(tm.file("units.tsv", tsv))
        let always = SearchScratch()
        always.sampleAlive = 0
        var raised = 0
        for query in queries {
            for (minScore, limit) in [(70, 5), (70, 1), (80, 3), (60, 5)] {
                let scanned = try tm.memory.exhaustiveSearch(query, minScore: minScore, limit: limit)
                let indexed = try tm.memory.search(query, minScore: minScore, limit: limit)
                #expect(indexed.map(\.unitID) == scanned.map(\.unitID), "\(query) at \(minScore), limit \(limit)")
                #expect(indexed.map(\.score) == scanned.map(\.score), "\(query) at \(minScore), limit \(limit)")
                let (sampled, trace) = try tm.memory.search(query, minScore: minScore, limit: limit, scratch: always)
                #expect(sampled.map(\.unitID) == scanned.map(\.unitID), "\(query) at \(minScore), limit \(limit), sampled")
                #expect(sampled.map(\.score) == scanned.map(\.score), "\(query) at \(minScore), limit \(limit), sampled")
                if let score = trace.raisedMinScore {
                    raised += 1
                    #expect(score > minScore && score <= scanned[limit - 1].score)
                }
            }
        }
        #expect(raised >= 30)
    }

    /// The same in word mode (English), with a language filter and samples of other sizes: the
    /// `limit`-th best of the sampled texts (those of the asked language only) raises the minimum,
    /// and the hits stay the scan's, ties included (exact repeats of a text).
    @Test func raisingTheMinimumInWordModeWithALanguageChangesNoHit() throws {
        let tm = try TemporaryMemory(.sqlite)
        var generator = SeededGenerator(seed: 77)
        let words = ["the", "secretary", "of", "defense", "said", "on", "monday", "that", "troops", "would", "leave", "kyiv", "soon", "after"]
        func text(_ length: Int) -> [String] { (0..<length).map { _ in words.randomElement(using: &generator)! } }
        func edited(_ base: [String], _ edits: Int) -> [String] {
            var result = base
            for _ in 0..<edits { result[Int.random(in: 0..<result.count, using: &generator)] = words.randomElement(using: &generator)! }
            return result
        }
        var american = "", british = "", queries: [String] = []
        for b in 0..<6 {
            let base = text(Int.random(in: 8...16, using: &generator))
            for v in 0..<14 {
                let line = "\(edited(base, v % 5).joined(separator: " "))\tja \(b).\(v)\n"
                if v % 2 == 0 { american += line } else { british += line }
            }
            queries += [edited(base, 1).joined(separator: " "), base.joined(separator: " ")]
        }
        for i in 0..<300 { american += "\(text(Int.random(in: 6...18, using: &generator)).joined(separator: " "))\tother \(i)\n" }
        _ = try tm.memory.importFile(tm.file("us.tsv", american), options: ImportOptions(sourceLanguage: "en-US", targetLanguage: "ja"))
        _ = try tm.memory.importFile(tm.file("gb.tsv", british), options: ImportOptions(sourceLanguage: "en-GB", targetLanguage: "ja"))
        var raised = 0
        for size in [1, 3] {
            let always = SearchScratch()
            always.sampleAlive = 0
            always.sampleSize = size
            for query in queries {
                for language in [nil, "en-GB"] as [String?] {
                    for (minScore, limit) in [(60, 1), (70, size), (85, 1)] {
                        let scanned = try tm.memory.exhaustiveSearch(query, minScore: minScore, limit: limit, language: language)
                        let (sampled, trace) = try tm.memory.search(query, minScore: minScore, limit: limit, language: language, scratch: always)
                        let label = "\(query) in \(language ?? "any") at \(minScore), limit \(limit), sample of \(size)"
                        #expect(sampled.map(\.unitID) == scanned.map(\.unitID), "\(label)")
                        #expect(sampled.map(\.score) == scanned.map(\.score), "\(label)")
                        if trace.raisedMinScore != nil { raised += 1 }
                    }
                }
            }
        }
        #expect(raised >= 10)
    }

    @Test func unionAndIntersectionOfSortedListsCountEveryList() {
        // Four lists of very different lengths: a posting's count is the number of lists it is
        // in, and its found positions theirs, whichever way it is counted.
        let lists = [[2, 6, 10, 40], [6, 10, 12], [1, 6, 40, 41], Array(stride(from: 0, to: 60, by: 3))].map { $0.map(UInt32.init) }
        let runs = lists.enumerated().map { k, list in
            list.withUnsafeBufferPointer { SortedCandidates.run(Data(buffer: $0), list: k) }
        }
        let union = SortedCandidates.union(runs)
        let expected = Set(lists.joined()).sorted()
        #expect(union.map(\.posting) == expected)
        #expect(union.map { $0.lists.nonzeroBitCount } == expected.map { p in lists.filter { $0.contains(p) }.count })
        var candidates = SortedCandidates()
        var lost = (0..<4).map { _ in GramMask() }
        for k in 0..<4 { lost[k].insert(k) }
        candidates.append(SortedCandidates.union(Array(runs.prefix(3))), bucket: 7, lost: lost)
        #expect(candidates.postings == [1, 2, 6, 10, 12, 40, 41])
        #expect(candidates.counts == [1, 1, 3, 2, 1, 2, 1])
        #expect(candidates.found.map(\.low) == [0b100, 0b1, 0b111, 0b11, 0b10, 0b101, 0b100])
        // A long list met by few candidates (galloping) and a short one (merging).
        let long = [UInt32](0..<500).map { $0 * 2 }
        long.withUnsafeBufferPointer { _ = candidates.count(Data(buffer: $0), bucket: 7, lost: GramMask(), alive: [2, 3, 5]) }
        #expect(candidates.counts == [1, 1, 4, 3, 1, 3, 1])
        [UInt32]([1, 41, 99]).withUnsafeBufferPointer { _ = candidates.count(Data(buffer: $0), bucket: 7, lost: GramMask(), alive: nil) }
        #expect(candidates.counts == [2, 1, 4, 3, 1, 3, 2])
        // Another bucket's candidates are not counted.
        [UInt32]([6]).withUnsafeBufferPointer { _ = candidates.count(Data(buffer: $0), bucket: 8, lost: GramMask(), alive: nil) }
        #expect(candidates.counts == [2, 1, 4, 3, 1, 3, 2])
    }

    @Test func pairEditsEqualTheGreedyCover() {
        // The bit-parallel count against the run-by-run walk: random sets, sparse and dense, and
        // runs that cross from the low word into the high one or fill both.
        var generator = SeededGenerator(seed: 5)
        var masks = [GramMask(low: ~0, high: ~0), GramMask(low: 1 << 63, high: 1), GramMask(low: 0b11 << 62, high: 0b111),
                     GramMask(low: ~0, high: 0), GramMask(low: 0, high: ~0), GramMask(low: ~0 << 1, high: ~0 >> 1), GramMask()]
        for _ in 0..<20_000 {
            let density = Int.random(in: 1...4, using: &generator)
            var mask = GramMask()
            for p in 0..<GramMask.capacity where Int.random(in: 0..<4, using: &generator) < density { mask.insert(p) }
            masks.append(mask)
        }
        for mask in masks {
            #expect(mask.edits(q: 2) == mask.greedyEdits(q: 2), "\(String(mask.high, radix: 2)) \(String(mask.low, radix: 2))")
        }
    }

    /// The list lengths a store reports only order the lists and tell when to stop reading:
    /// however wrong they are, the search finds what the scan finds.
    @Test(arguments: [CountSkew.reversed, .zero, .huge])
    func wrongListLengthsChangeNoHit(_ skew: CountSkew) throws {
        let (tm, queries) = try Self.makeMemory()
        let skewed = TranslationMemory(store: SkewedCountsStore(inner: tm.memory.store, skew: skew))
        let always = SearchScratch()
        always.sampleAlive = 0
        for query in queries {
            let scanned = try tm.memory.exhaustiveSearch(query, minScore: 70, limit: 5)
            let indexed = try skewed.search(query, minScore: 70, limit: 5)
            #expect(indexed.map(\.unitID) == scanned.map(\.unitID), "\(query)")
            #expect(indexed.map(\.score) == scanned.map(\.score), "\(query)")
            // With sampling on every search too: wrong lengths and a raised minimum together.
            let (sampled, _) = try skewed.search(query, minScore: 70, limit: 5, scratch: always)
            #expect(sampled.map(\.unitID) == scanned.map(\.unitID), "\(query), sampled")
            #expect(sampled.map(\.score) == scanned.map(\.score), "\(query), sampled")
        }
    }
}

enum CountSkew: Sendable { case reversed, zero, huge }

/// A store whose list lengths are wrong on purpose (the commonest look rarest, or all empty, or
/// all enormous); everything else comes from the real store.
final class SkewedCountsStore: MemoryStore, @unchecked Sendable {  // a test helper used on one thread
    let inner: any MemoryStore
    let skew: CountSkew
    init(inner: any MemoryStore, skew: CountSkew) {
        self.inner = inner
        self.skew = skew
    }
    var location: String { inner.location }
    func read<T>(_ body: (any MemoryReading) throws -> T) throws -> T { try inner.read { try body(SkewedReading(inner: $0, skew: skew)) } }
    func write<T>(_ body: (any MemoryWriting) throws -> T) throws -> T { try inner.write(body) }
    func bytesOnDisk() -> Int64 { inner.bytesOnDisk() }
    func prepareForSearch() { inner.prepareForSearch() }
}

struct SkewedReading: MemoryReading {
    let inner: any MemoryReading
    let skew: CountSkew
    func maxUnitID() throws -> Int64 { try inner.maxUnitID() }
    func postingRows(grams: [UInt64], buckets: ClosedRange<Int>) throws -> [UInt64: [PostingRow]] { try inner.postingRows(grams: grams, buckets: buckets) }
    func postingCounts(grams: [UInt64], buckets: ClosedRange<Int>) throws -> [UInt64: Int]? {
        guard let counts = try inner.postingCounts(grams: grams, buckets: buckets) else { return nil }
        switch skew {
        case .reversed: return counts.mapValues { 10_000_000 - $0 }
        case .zero: return counts.mapValues { _ in 0 }
        case .huge: return counts.mapValues { _ in 50_000_000 }
        }
    }
    func side(_ side: Int, ofUnit id: Int64) throws -> StoredSide? { try inner.side(side, ofUnit: id) }
    func unit(_ id: Int64) throws -> StoredUnit? { try inner.unit(id) }
    func forEachTexts(_ body: (StoredTexts) throws -> Void) throws { try inner.forEachTexts(body) }
    func forEachUnit(_ body: (StoredUnit) throws -> Void) throws { try inner.forEachUnit(body) }
    func unitCount() throws -> Int { try inner.unitCount() }
    func languagePairs() throws -> [(source: String, target: String, units: Int)] { try inner.languagePairs() }
    func origins() throws -> [(origin: String, units: Int)] { try inner.origins() }
    func sourceLanguages(limit: Int) throws -> [String] { try inner.sourceLanguages(limit: limit) }
    func chunkCount() throws -> Int { try inner.chunkCount() }
    func prefetch(postings: [UInt32]) throws { try inner.prefetch(postings: postings) }
    var verifiesCheaply: Bool { inner.verifiesCheaply }
}
