import Testing
@testable import TsuzuriVariants

/// `cluster(_:among:)` compares only the known spellings that can join a group of the text's
/// spellings; its groups must be exactly those of the full `cluster` that hold a text spelling.
@Suite struct ClusterAmongKnownTests {
    /// Deterministic katakana names (3 to 6 kana) as a glossary's entries: every 5th with a
    /// lengthened variant, every 11th with a voiced one, every 13th with a spelling that
    /// normalises like another entry's (a node of two sets).
    static func knownSets(_ count: Int) -> [[String]] {
        let kana = Array("アイウエオカキクケコサシスセソタチツテトナニヌネノハヒフヘホマミムメモラリルレロガグゲゴザジズゼダデドバビブベボパピプン")
            .map(String.init)
        var generator = SeededGenerator(state: 2026)
        func next(_ n: Int) -> Int { Int(generator.next() % UInt64(n)) }
        var seen = Set<String>()
        var sets: [[String]] = []
        while sets.count < count {
            let name = (0..<(3 + next(4))).map { k in k == 0 ? kana[next(kana.count - 1)] : kana[next(kana.count)] }.joined()
            guard seen.insert(name).inserted else { continue }
            var set = [name]
            if sets.count % 5 == 0, seen.insert(name + "ー").inserted { set.append(name + "ー") }
            if sets.count % 11 == 0 {
                let voiced = name.replacingOccurrences(of: "カ", with: "ガ").replacingOccurrences(of: "タ", with: "ダ")
                if seen.insert(voiced).inserted { set.append(voiced) }
            }
            if sets.count % 13 == 12, let earlier = sets.dropLast(7).last?.first {
                // ・ and hiragana normalise away: one node, two sets.
                let hiragana = String(String.UnicodeScalarView(earlier.unicodeScalars.map {
                    (0x30A1...0x30F6).contains($0.value) ? Unicode.Scalar($0.value - 0x60)! : $0
                }))
                if seen.insert(hiragana).inserted { set.append(hiragana) }
            }
            sets.append(set)
        }
        return sets
    }

    /// Text spellings: some known spellings as written, some one kana off, some lengthened,
    /// some unrelated, repeats included.
    static func textSpellings(_ sets: [[String]]) -> [String] {
        var text: [String] = []
        for (n, set) in sets.enumerated() where n % 37 == 0 {
            text.append(set[0])
            text.append(set[0] + "ー")
            text.append(String(set[0].dropLast()) + "ス")
            if let last = set.last { text.append(String(last.dropFirst())) }
        }
        return text + ["ヘグセス", "ヘグゼス", "ヘスゲス", "ジョー", "ジョン", "ヘグセス", "ア", "カ・タ"]
    }

    /// The full run's groups of the text's spellings, after checking that `cluster(_:among:)` gives them.
    @discardableResult
    func expectSameGroups(sets: [[String]], text: [String], maximumBucket: Int) -> [[String]] {
        var engine = VariantEngine()
        engine.maximumBucket = maximumBucket
        var counts: [String: Int] = [:]
        for term in text { counts[term, default: 0] += 1 }
        let preferred = Set(sets.map { $0[0] })
        // As `Checker` builds the full run: the text's spellings, then the known ones not among them.
        let terms = Array(counts.keys.sorted())
        var all = terms
        var listed = Set(terms)
        for form in sets.joined() where listed.insert(form).inserted { all.append(form) }
        let focus = Set(terms)
        let full = engine.cluster(all, counts: counts, preferred: preferred, distinct: sets)
            .filter { $0.contains { focus.contains($0) } }
        let among = engine.cluster(terms, counts: counts, preferred: preferred, among: KnownSpellings(sets: sets))
        #expect(among == full)
        return full
    }

    /// Whether the groups reach both kinds: text spellings joining known ones, and text spellings alone.
    func expectBothKinds(_ groups: [[String]], text: [String]) {
        let focus = Set(text)
        #expect(groups.contains { $0.contains { !focus.contains($0) } })
        #expect(groups.contains { $0.allSatisfy { focus.contains($0) } })
    }

    @Test func sameGroupsAsTheFullClustering() {
        let sets = Self.knownSets(4000), text = Self.textSpellings(sets)
        expectBothKinds(expectSameGroups(sets: sets, text: text, maximumBucket: VariantEngine().maximumBucket), text: text)
    }

    /// Buckets too common to pair in the full run must stay unpaired although the spellings
    /// compared here alone would not fill them.
    @Test func sameGroupsWhenCommonBucketsAreSkipped() {
        let sets = Self.knownSets(4000)
        var engine = VariantEngine()
        engine.maximumBucket = 12
        let known = KnownSpellings(sets: sets)
        // The run reaches buckets of the size that overflows.
        let spellings = ClusterSpellings(Array(Set(sets.joined().map(SpellingNormalizer.normalize))))
        #expect(BlockingIndex(count: spellings.count, maximumBucket: 12, morae: spellings.morae).overflowingBuckets > 0)
        #expect(known.count > 4000)
        let text = Self.textSpellings(sets)
        expectBothKinds(expectSameGroups(sets: sets, text: text, maximumBucket: 12), text: text)
    }

    /// A known spelling far from every text spelling changes nothing: not the groups, nor their order.
    @Test func aFarKnownSpellingChangesNothing() {
        let text = ["ヘグセス", "ヘグセス", "ヘグゼス", "ヴォロディミル", "ウォロディミル", "ジョン"]
        let sets = [["ヘグセス"], ["ジョー"], ["ウォロディミル", "ヴォロディミル"]]
        let engine = VariantEngine()
        let before = engine.cluster(text, among: KnownSpellings(sets: sets))
        #expect(before == [["ヘグセス", "ヘグゼス"], ["ヴォロディミル", "ウォロディミル"]])
        for far in [["トゥクトゥク"], ["アルキメデス", "アルキメーデス"], ["ヘグセス・ジュニア"]] {
            #expect(engine.cluster(text, among: KnownSpellings(sets: sets + [far])) == before, "\(far)")
            #expect(engine.cluster(text, among: KnownSpellings(sets: [far] + sets)) == before, "\(far)")
        }
    }

    /// A known spelling that shares no bucket with the text still joins the group through another
    /// spelling of its set: アレクタンドロポリス (s read as t) is two key changes away from
    /// ヴァレクサンドロポリス but a variant of アレクサンドロポリス, which is one.
    @Test func aSpellingOfTheSetFarFromTheTextStillJoins() {
        let (text, near, far) = ("ヴァレクサンドロポリス", "アレクサンドロポリス", "アレクタンドロポリス")
        let engine = VariantEngine()
        #expect(engine.compare(text, near).isVariant && engine.compare(near, far).isVariant)
        #expect(Self.sharesBucket(text, near) && !Self.sharesBucket(text, far))
        let sets = [[near, far], ["ヘグセス"]]
        let full = engine.cluster([text] + sets.joined(), distinct: sets).filter { $0.contains(text) }
        #expect(full.count == 1 && full.first?.count == 3)
        #expect(engine.cluster([text], among: KnownSpellings(sets: sets)) == full)
        expectSameGroups(sets: sets, text: [text, text, "ヘグゼス"], maximumBucket: VariantEngine().maximumBucket)
    }

    /// Pairs of different sets are not judged (`link` never joins them): the groups are those
    /// that judging every proposed pair gives.
    @Test func pairsOfDifferentSetsChangeNoGroup() {
        let sets = Self.knownSets(3000), text = Self.textSpellings(sets)
        var engine = VariantEngine()
        engine.maximumBucket = 40
        let nodes = engine.nodes(text + sets.joined(), counts: [:], preferred: [], distinct: sets)
        let spellings = ClusterSpellings(nodes.map(\.normalized))
        let index = BlockingIndex(count: nodes.count, maximumBucket: engine.maximumBucket, morae: spellings.morae)
        let every = engine.verifiedEdges(spellings, index, joins: nodes.map { _ in VariantEngine.joinsAny })
        let groups = engine.cluster(nodes)
        #expect(engine.render(nodes, engine.link(nodes, spellings, every)) == groups)
        // Edges between sets were found and left out.
        #expect(every.contains { !nodes[Int($0.0)].labels.isEmpty && !nodes[Int($0.1)].labels.isEmpty
            && nodes[Int($0.0)].labels != nodes[Int($0.1)].labels })
        #expect(groups.contains { $0.count > 2 })
    }

    /// Whether the blocking index files two spellings under one key.
    static func sharesBucket(_ a: String, _ b: String) -> Bool {
        let spellings = ClusterSpellings([SpellingNormalizer.normalize(a), SpellingNormalizer.normalize(b)])
        let index = BlockingIndex(count: 2, maximumBucket: VariantEngine().maximumBucket, morae: spellings.morae)
        let seen = UnsafeMutableBufferPointer<Int32>.allocate(capacity: 2)
        seen.initialize(repeating: 0)
        defer { seen.deallocate() }
        var found = false
        index.forEachCandidate(after: 0, seen: seen) { _ in found = true }
        return found
    }

    @Test func noTextNoGroups() {
        #expect(VariantEngine().cluster([], among: KnownSpellings(sets: [["ヘグセス", "ヘグゼス"]])) == [])
    }
}
