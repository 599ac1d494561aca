import Testing
import TsuzuriText
@testable import TsuzuriMemory

@Suite struct MatchTextTests {
    @Test func japaneseIsComparedByCharacters() {
        let text = MatchText("ﾍｸﾞｾｽ 氏")
        #expect(text.mode == .characters)
        #expect(text.tokens == Array("ヘグセス氏".unicodeScalars.map(\.value)))
        #expect(text.ranges.last == 6..<7)
    }

    @Test func scalarsTheFastPathKeepAreKeptByICU() {
        // Every scalar that skips ICU because NFKC with case folding and lower-casing leave it
        // alone: ICU's NFKC and lower-casing leave it alone too, so the tokens (and the grams an
        // older index holds) are the same as through ICU. Mojibake and rare scalars included.
        var checked = 0, mismatches: [String] = []
        for value in UInt32(0x80)...0x10FFFF {
            guard let scalar = Unicode.Scalar(value), scalar.properties.generalCategory != .unassigned,
                  scalar.properties.generalCategory != .privateUse, scalar.properties.generalCategory != .surrogate else { continue }
            let properties = scalar.properties
            guard !properties.changesWhenNFKCCaseFolded && !properties.changesWhenLowercased else { continue }
            checked += 1
            let viaICU = Array(Normalizer.nfkc(String(scalar)).lowercased().unicodeScalars)
            if viaICU != [scalar] { mismatches.append(String(value, radix: 16)) }
            #expect(MatchText.normalized(scalar) == viaICU)
        }
        #expect(checked > 100_000)
        #expect(mismatches.isEmpty, "\(mismatches.prefix(20))")
        #expect(MatchText("���ꤵ", mode: .characters).tokens == Array("���ꤵ".unicodeScalars.map(\.value)))
    }

    @Test func englishIsComparedByWords() {
        let text = MatchText("Cannot open the FILE.")
        #expect(text.mode == .words)
        #expect(text.count == 5)
        #expect(text.tokens[3] == MatchText("file").tokens[0])
        #expect(text.ranges[3] == 16..<20)
        #expect(MatchText("don't stop").count == 2)
    }

    @Test(arguments: [
        ("ファイルを開けません", "ファイルを開けません", 100),
        ("ファイルを開けません", "ファイルを開きません", 90),
        ("Cannot open the file", "Cannot open a file", 75),
        ("Cannot open the file", "Cannot save the file", 75),
        ("abc", "xyz", 0),
    ])
    func percentages(_ a: String, _ b: String, _ expected: Int) {
        let x = MatchText(a), y = MatchText(b)
        let d = MatchScore.distance(x.tokens, y.tokens)!
        #expect(MatchScore.percentage(distance: d, x.count, y.count) == expected)
    }

    @Test func boundedDistanceGivesUpEarly() {
        let a = MatchText("ファイルを開けません").tokens, b = MatchText("設定を保存しました").tokens
        #expect(MatchScore.distance(a, b, limit: 2) == nil)
        #expect(MatchScore.distance(a, a, limit: 0) == 0)
    }

    @Test func differencesPointAtChangedTokens() {
        let a = MatchText("Cannot open the file"), b = MatchText("Cannot save the file")
        let diff = MatchScore.differences(a.tokens, b.tokens)
        #expect(diff.inA == [1])
        #expect(diff.inB == [1])
    }

    @Test func lemmaThresholdNeverExceedsTheTrueSharedCount() {
        // For random nearby strings the shared gram count must reach the threshold whenever the score does.
        var generator = SystemRandomNumberGenerator()
        let alphabet = Array("あいうえおかきくけこアイウエ")
        for _ in 0..<300 {
            let n = Int.random(in: 1...20, using: &generator)
            let a = String((0..<n).map { _ in alphabet.randomElement(using: &generator)! })
            var b = Array(a)
            for _ in 0..<Int.random(in: 0...4, using: &generator) {
                switch Int.random(in: 0...2, using: &generator) {
                case 0 where !b.isEmpty: b.remove(at: Int.random(in: 0..<b.count, using: &generator))
                case 1: b.insert(alphabet.randomElement(using: &generator)!, at: Int.random(in: 0...b.count, using: &generator))
                default: if !b.isEmpty { b[Int.random(in: 0..<b.count, using: &generator)] = alphabet.randomElement(using: &generator)! }
                }
            }
            let x = MatchText(a), y = MatchText(String(b))
            guard y.count > 0 else { continue }
            let d = MatchScore.distance(x.tokens, y.tokens)!
            let score = MatchScore.percentage(distance: d, x.count, y.count)
            let gx = GramIndex.grams(x), gy = Set(GramIndex.grams(y))
            let common = gx.filter { gy.contains($0) }.count
            for minScore in [50, 70, 90] where score >= minScore {
                #expect(common >= GramIndex.threshold(n: x.count, m: y.count, minScore: minScore, q: 2), "\(a) / \(String(b))")
                #expect(GramIndex.scoreBound(n: x.count, m: y.count, common: common, q: 2) >= score)
            }
        }
    }

    @Test(arguments: [MatchMode.characters, .words]) func lostGramsNeverNeedMoreEditsThanTheDistance(_ mode: MatchMode) {
        // The lost-gram filter rules a text out when the query grams it lacks take more edits to
        // destroy than allowed: that count must never exceed the true distance. Small alphabets
        // repeat grams; lengths cross the mask's 64- and 128-position words.
        var generator = SeededGenerator(seed: 11)
        let alphabet = mode == .characters ? Array("あいうかきアイ保存").map(String.init) : ["open", "the", "file", "a", "save"]
        let separator = mode == .characters ? "" : " "
        for _ in 0..<400 {
            let n = Int.random(in: 1...150, using: &generator)
            let a = (0..<n).map { _ in alphabet.randomElement(using: &generator)! }
            var b = a
            for _ in 0..<Int.random(in: 0...8, using: &generator) {
                switch Int.random(in: 0...2, using: &generator) {
                case 0 where !b.isEmpty: b.remove(at: Int.random(in: 0..<b.count, using: &generator))
                case 1: b.insert(alphabet.randomElement(using: &generator)!, at: Int.random(in: 0...b.count, using: &generator))
                default: if !b.isEmpty { b[Int.random(in: 0..<b.count, using: &generator)] = alphabet.randomElement(using: &generator)! }
                }
            }
            let x = MatchText(a.joined(separator: separator)), y = MatchText(b.joined(separator: separator), mode: x.mode)
            #expect(x.mode == mode)
            let distance = MatchScore.distance(x.tokens, y.tokens)!
            let held = Set(GramIndex.grams(y))
            var lost = GramMask()
            for (gram, positions) in zip(GramIndex.grams(x), GramIndex.lostPositions(x)) where !held.contains(gram) {
                lost.formUnion(positions)
            }
            let q = GramIndex.q(mode)
            #expect(lost.edits(q: q) <= distance, "\(a.joined(separator: separator)) / \(b.joined(separator: separator))")
            let common = GramIndex.grams(x).filter { held.contains($0) }.count
            let score = MatchScore.percentage(distance: distance, x.count, y.count)
            #expect(GramIndex.scoreBound(n: x.count, m: y.count, common: common, q: q, lostEdits: lost.edits(q: q)) >= score)
        }
    }

    @Test func lostGramEditsEqualTheGreedyCover() {
        // The run-by-run count against the plain greedy cover, on masks dense and sparse, with
        // runs across the word boundary and up to the last position.
        var generator = SeededGenerator(seed: 3)
        for _ in 0..<2_000 {
            let density = Int.random(in: 1...8, using: &generator)
            var mask = GramMask()
            var positions: [Int] = []
            for p in 0..<GramMask.capacity where Int.random(in: 0..<8, using: &generator) < density {
                mask.insert(p)
                positions.append(p)
            }
            for q in 1...2 {
                var greedy = 0, coveredUpTo = -1
                for p in positions where p > coveredUpTo {
                    greedy += 1
                    coveredUpTo = p + q - 1
                }
                #expect(mask.edits(q: q) == greedy, "\(positions) q=\(q)")
            }
        }
    }

    @Test func lostGramEditsCoverNeighboursWithOneEdit() {
        var mask = GramMask()
        for p in [0, 1, 3, 63, 64, 100, 127] { mask.insert(p) }
        // {0,1} one edit, {3}, {63,64} across the word boundary, {100}, {127}.
        #expect(mask.edits(q: 2) == 5)
        #expect(mask.edits(q: 1) == 7)
        mask.insert(200)  // past the capacity: left out, which only weakens the bound
        #expect(mask.edits(q: 1) == 7)
    }
}
