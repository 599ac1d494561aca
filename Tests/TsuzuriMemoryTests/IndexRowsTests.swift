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

    @Test func unionAndIntersectionOfSortedListsCountEveryList() {
        // Three lists: a posting's count is the number of lists it is in, whichever way it is counted.
        let lists = [[2, 6, 10, 40], [6, 10, 12], [1, 6, 40, 41]].map { $0.map(UInt32.init) }
        let runs = lists.enumerated().map { k, list in
            list.withUnsafeBufferPointer { SortedCandidates.run(Data(buffer: $0), list: k) }
        }
        let union = SortedCandidates.union(runs)
        #expect(union.map(\.posting) == [1, 2, 6, 10, 12, 40, 41])
        #expect(union.map { $0.lists.nonzeroBitCount } == [1, 1, 3, 2, 1, 2, 1])
        var candidates = SortedCandidates()
        let gramLists = (0..<3).map { GramList(gram: UInt64($0), total: 0, lost: GramMask()) }
        candidates.append(union, bucket: 7, lists: gramLists)
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
}
