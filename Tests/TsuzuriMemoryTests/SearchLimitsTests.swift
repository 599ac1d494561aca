import Foundation
import Testing
@testable import TsuzuriMemory

/// Issue 12, defect 1: long queries, low minimum scores and the bounds that keep them affordable.
@Suite struct SearchLimitsTests {
    @Test func bitParallelDistanceAgreesWithTheTable() {
        var generator = SeededGenerator(seed: 7)
        let alphabet: [UInt32] = [1, 2, 3, 4, 5, 6]
        for _ in 0..<300 {
            // Lengths on both sides of the 64-token word boundary.
            let a = (0..<Int.random(in: 0...150, using: &generator)).map { _ in alphabet.randomElement(using: &generator)! }
            let b = (0..<Int.random(in: 0...150, using: &generator)).map { _ in alphabet.randomElement(using: &generator)! }
            let pattern = TokenPattern(a)
            #expect(pattern.distance(to: b) == MatchScore.distance(a, b), "\(a.count)×\(b.count)")
            let exact = MatchScore.distance(a, b)!
            #expect(pattern.distance(to: b, limit: exact) == exact)
            if exact > 0 { #expect(pattern.distance(to: b, limit: exact - 1) == nil) }
        }
    }

    @Test func lengthBucketsCoverEveryLengthOnce() {
        let window = 1...200_000
        var expected = 1
        for (bucket, lengths) in GramIndex.buckets(covering: window) {
            #expect(lengths.lowerBound == expected)
            #expect(GramIndex.bucket(lengths.lowerBound) == bucket)
            #expect(GramIndex.bucket(lengths.upperBound) == bucket)
            expected = lengths.upperBound + 1
        }
        #expect(expected == window.upperBound + 1)
        // A window that starts past 65,536 tokens (a query of about 94,000 characters at 70 %)
        // used to make an empty range and stop the process.
        #expect(GramIndex.buckets(covering: 66_000...134_000).first?.lengths.lowerBound == 66_000)
    }

    @Test func queryPastTheBoundIsRefusedWithItsLength() throws {
        let tm = try TemporaryMemory()
        try tm.memory.add(NewUnit(source: "ファイル", target: "file", sourceLanguage: "ja", targetLanguage: "en"))
        let long = String(repeating: "ファイル", count: 23_500)  // 94,000 characters
        #expect {
            _ = try tm.memory.search(long)
        } throws: { error in
            guard case .queryTooLong(let length, let limit) = error as? MemoryError else { return false }
            return length == 94_000 && limit == TranslationMemory.maxQueryLength
        }
        #expect(throws: MemoryError.self) { _ = try tm.memory.concordance(long) }
    }

    @Test func longestAllowedQueryIsSearched() throws {
        let tm = try TemporaryMemory()
        let text = String(repeating: "ファイルを開けません。", count: TranslationMemory.maxQueryLength / 11)
        try tm.memory.add(NewUnit(source: text, target: "Cannot open the file, many times.", sourceLanguage: "ja", targetLanguage: "en"))
        let hits = try tm.memory.search(text + "あ", minScore: 90, limit: 1)
        #expect(hits.first?.score == 99)
        #expect(try tm.memory.search(text, minScore: 0, limit: 1).first?.exact == true)
    }

    @Test func lowMinimumAgreesWithTheReferenceScan() throws {
        let tm = try TemporaryMemory()
        var generator = SeededGenerator(seed: 3)
        let syllables = Array("あいうえおかきくけこファイル保存設定開閉").map(String.init)
        for i in 0..<300 {
            let ja = (0..<Int.random(in: 3...40, using: &generator)).map { _ in syllables.randomElement(using: &generator)! }.joined()
            try tm.memory.add(NewUnit(source: ja, target: "unit \(i)", sourceLanguage: "ja", targetLanguage: "en"))
        }
        let scanner = try ExhaustiveScanner(memory: tm.memory)
        for length in [5, 60, 1_000] {
            let query = (0..<length).map { _ in syllables.randomElement(using: &generator)! }.joined()
            for minScore in [0, 10, 40] {
                let found = try tm.memory.search(query, minScore: minScore, limit: 5)
                let reference = scanner.search(query, minScore: minScore, limit: 5)
                #expect(found.map(\.score) == reference.map(\.score), "\(length) \(minScore)")
            }
        }
    }

    @Test func lowMinimumDoesNotScanWhenTheIndexFindsEnough() throws {
        let tm = try TemporaryMemory()
        for i in 0..<200 {
            try tm.memory.add(NewUnit(source: "設定を保存しました\(i)", target: "Saved \(i)", sourceLanguage: "ja", targetLanguage: "en"))
        }
        let (matches, trace) = try tm.memory.search("設定を保存しました1", minScore: 0, limit: 3, scratch: SearchScratch())
        #expect(matches.count == 3)
        #expect(matches.first?.exact == true)
        // A scan would score all 400 texts.
        #expect(trace.verified < 100)
    }

    @Test func differencesOfHugeTextsStayBounded() {
        let a = [UInt32](repeating: 1, count: 3_000) + [2] + [UInt32](repeating: 3, count: 3_000)
        let b = [UInt32](repeating: 1, count: 3_000) + (0..<5_000).map { UInt32(10 + $0) } + [UInt32](repeating: 3, count: 3_000)
        let diff = MatchScore.differences(a, b)
        #expect(diff.inA == [3_000])
        #expect(diff.inB == Array(3_000..<8_000))
    }
}
