import Testing
@testable import TsuzuriVariants

@Suite struct ClusterTests {
    let engine = VariantEngine()

    /// The seed article's spellings: Hegseth three ways, Volodymyr two ways, and the look-alikes
    /// that must stay apart.
    let seed = Array(repeating: "ヘグセス", count: 5) + ["ヘグゼス", "ヘグゼス", "ヘスゲス"]
        + ["ヴォロディミル", "ウォロディミル", "ジョー", "ジョン", "リーダー", "リーダーシップ", "キーウ", "キエフ"]

    @Test func groupsTheSeedsSpellings() {
        #expect(engine.cluster(seed) == [
            ["ヘグセス", "ヘグゼス", "ヘスゲス"],
            ["ヴォロディミル", "ウォロディミル"],
        ])
    }

    @Test func mostFrequentFirstUnlessPreferred() {
        #expect(engine.cluster(["ヘグゼス", "ヘグセス"], counts: ["ヘグセス": 3, "ヘグゼス": 1]).first
                == ["ヘグセス", "ヘグゼス"])
        #expect(engine.cluster(seed, preferred: ["ヘスゲス"]).first == ["ヘスゲス", "ヘグセス", "ヘグゼス"])
    }

    @Test func distinctEntitiesAreNeverMerged() {
        #expect(engine.cluster(["ヘグセス", "ヘグゼス"], distinct: [["ヘグセス"], ["ヘグゼス"]]).isEmpty)
        // Not even through a third spelling that is close to both.
        let groups = engine.cluster(["ヘグセス", "ヘグゼス", "ヘスゲス"], distinct: [["ヘグゼス"], ["ヘスゲス"]])
        for group in groups {
            #expect(!(group.contains("ヘグゼス") && group.contains("ヘスゲス")), "\(groups)")
        }
        #expect(groups.count == 1)
        // Spellings of one set may still group.
        #expect(engine.cluster(["ヘグセス", "ヘグゼス"], distinct: [["ヘグセス", "ヘグゼス"], ["ジョン"]]).count == 1)
    }

    /// ヘクセス ≈ ヘグセス (voicing) and ヘグセス ≈ ヘッグセス (ッ), but ヘクセス and ヘッグセス are more
    /// than twice their allowance apart: a chain of small steps does not make one group.
    @Test func chainsOfSmallStepsDoNotJoin() {
        #expect(engine.compare("ヘクセス", "ヘグセス").isVariant)
        #expect(engine.compare("ヘグセス", "ヘッグセス").isVariant)
        #expect(engine.cluster(["ヘクセス", "ヘグセス", "ヘッグセス"]) == [["ヘグセス", "ヘッグセス"]])
    }

    @Test func spellingsThatNormaliseAlikeAreOneGroup() {
        #expect(engine.cluster(["ピート・ヘグセス", "ピートヘグセス", "ﾋﾟｰﾄﾍｸﾞｾｽ"])
                == [["ピート・ヘグセス", "ピートヘグセス", "ﾋﾟｰﾄﾍｸﾞｾｽ"]])
        #expect(engine.cluster(["NATO", "ＮＡＴＯ", "NASA"]) == [["NATO", "ＮＡＴＯ"]])
    }

    @Test func onlyGroupsOfTwoOrMore() {
        #expect(engine.cluster(["ヘグセス", "ジョン", "", "ジョー"]).isEmpty)
        #expect(engine.cluster([]).isEmpty)
    }

    @Test func deterministicWhateverTheInputOrder() {
        var generator = SeededGenerator(state: 7)
        let first = engine.cluster(seed)
        for _ in 0..<5 {
            let again = engine.cluster(seed.shuffled(using: &generator))
            #expect(Set(again.map(Set.init)) == Set(first.map(Set.init)))
        }
        #expect(engine.cluster(seed) == first)
        // A pair once judged one way only grouped or not by which spelling came first.
        #expect(engine.cluster(["アキダクト", "アクウダクト"]) == engine.cluster(["アクウダクト", "アキダクト"]).map { $0.reversed() })
    }

    @Test func groupsAreOrderedByFrequency() {
        let terms = ["ウイルス", "ウィルス", "ヘグセス", "ヘグゼス", "ヘグセス", "ヘグセス"]
        #expect(engine.cluster(terms) == [["ヘグセス", "ヘグゼス"], ["ウイルス", "ウィルス"]])
    }

    /// Thousands of terms, many of them close, finish quickly and give each term one group, in
    /// which it is a variant of another member (groups grow along variant pairs only).
    @Test(.timeLimit(.minutes(1))) func scalesWithoutAllPairs() {
        let syllables = ["カ", "キ", "ク", "サ", "シ", "ス", "タ", "ト", "ナ", "ニ", "マ", "ミ", "ラ", "リ", "ロ", "バ", "ヴァ", "ー"]
        var terms: [String] = []
        var state: UInt64 = 12345
        func next() -> Int {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Int(state >> 33)
        }
        for _ in 0..<5_000 {
            terms.append((0..<(3 + next() % 4)).map { _ in syllables[next() % syllables.count] }.joined())
        }
        let groups = engine.cluster(terms)
        let members = groups.flatMap { $0 }
        #expect(!groups.isEmpty)
        #expect(Set(members).count == members.count)
        for group in groups.prefix(200) {
            for term in group {
                #expect(group.contains { $0 != term && engine.compare(term, $0).isVariant }, "\(term) in \(group)")
            }
        }
    }
}

/// A deterministic generator (64-bit LCG), so that a failing shuffle can be replayed.
struct SeededGenerator: RandomNumberGenerator {
    var state: UInt64
    mutating func next() -> UInt64 {
        state = state &* 6364136223846793005 &+ 1442695040888963407
        return state
    }
}
