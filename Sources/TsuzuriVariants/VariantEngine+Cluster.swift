import Dispatch

extension VariantEngine {
    /// Groups spellings of the same thing.
    ///
    /// - Parameters:
    ///   - terms: the spellings; repeats count as frequency when `counts` does not give one.
    ///   - counts: how often each spelling occurs; orders the members of a group, most frequent first.
    ///   - preferred: forms that always come first in their group (the glossary's preferred forms).
    ///   - distinct: sets of spellings of different entities (from the glossary): two spellings
    ///     from different sets never end up in one group, not even through a third spelling.
    /// - Returns: the groups of two or more spellings, in a deterministic order (most frequent first).
    ///
    /// Candidates come from a phonetic index (a folded mora key and its one-deletion
    /// neighbourhood), so the work grows with the number of terms, not with its square. A group
    /// grows only while every new member stays close to every old one, so that chains of small
    /// steps (A≈B≈C with A far from C) do not join different names.
    public func cluster(_ terms: [String], counts: [String: Int] = [:], preferred: Set<String> = [],
                        distinct: [[String]] = []) -> [[String]] {
        cluster(nodes(terms, counts: counts, preferred: preferred, distinct: distinct))
    }

    /// The groups of `nodes`; `outside` as `BlockingIndex` takes it.
    func cluster(_ nodes: [Node], outside: ((UnsafeBufferPointer<UInt8>) -> Int)? = nil) -> [[String]] {
        let spellings = ClusterSpellings(nodes.map(\.normalized))
        let index = BlockingIndex(count: nodes.count, maximumBucket: maximumBucket, morae: spellings.morae, outside: outside)
        // What a node may join: a group with no labels, or one with its own single label.
        let joins = nodes.map { node -> Int32 in
            node.labels.isEmpty ? Self.joinsAny : node.labels.count == 1 ? Int32(node.labels.first!) : Self.joinsUnlabelled
        }
        let edges = verifiedEdges(spellings, index, joins: joins)
        let groups = link(nodes, spellings, edges)
        return render(nodes, groups)
    }

    /// One node per normalised spelling, in first-seen order, with its members, distinct-set
    /// labels and whether it holds a preferred form.
    func nodes(_ terms: [String], counts: [String: Int], preferred: Set<String>, distinct: [[String]]) -> [Node] {
        // Spellings that normalise alike are one node: ・, width and hiragana never split a group.
        // Hashing a non-ASCII String checks its normalisation first, so each term and each
        // normalised form is looked up once (`place`), and the (usually empty) `counts` and
        // `preferred` are not consulted when there is nothing to find.
        func place(_ slot: inout Int, _ next: Int) -> (Int, Bool) {
            if slot >= 0 { return (slot, false) }
            slot = next
            return (next, true)
        }
        var placeInOrder: [String: Int] = [:]
        var order: [String] = []
        var occurrences: [Int] = []
        placeInOrder.reserveCapacity(terms.count)
        for term in terms where !term.isEmpty {
            let (k, isNew) = place(&placeInOrder[term, default: -1], order.count)
            if isNew {
                order.append(term)
                occurrences.append(1)
            } else {
                occurrences[k] += 1
            }
        }
        placeInOrder = [:]
        var nodeIndex: [String: Int] = [:]
        var nodes: [Node] = []
        let counted = !counts.isEmpty, hasPreferred = !preferred.isEmpty
        nodeIndex.reserveCapacity(order.count)
        nodes.reserveCapacity(order.count)
        for (position, term) in order.enumerated() {
            let normalized = SpellingNormalizer.normalize(term)
            if normalized.isEmpty { continue }
            let weight = (counted ? counts[term] : nil) ?? occurrences[position]
            let member = Member(text: term, count: weight, position: position,
                                preferred: hasPreferred && preferred.contains(term))
            let (n, isNew) = place(&nodeIndex[normalized, default: -1], nodes.count)
            if isNew {
                nodes.append(Node(normalized: normalized, first: member))
            } else {
                nodes[n].others.append(member)
            }
        }
        for (label, set) in distinct.enumerated() {
            for term in set {
                if let n = nodeIndex[SpellingNormalizer.normalize(term)] { nodes[n].labels.insert(label) }
            }
        }
        for n in nodes.indices where hasPreferred && (nodes[n].first.preferred || nodes[n].others.contains(where: \.preferred)) {
            nodes[n].isPreferred = true
        }
        return nodes
    }

    struct Member {
        var text: String
        var count: Int
        var position: Int
        var preferred: Bool
    }

    struct Node {
        var normalized: String
        /// The first spelling met, and the others that normalise alike: most nodes have one, and
        /// an array for each cost a million-term list 80 MB and a million allocations.
        var first: Member
        var others: [Member] = []
        var members: [Member] { [first] + others }
        var labels: Set<Int> = []
        var isPreferred = false
    }

    struct Verdict: Sendable {
        var cost: Double
        var isVariant: Bool
        /// Close enough to stay in a group that another member joined it through.
        var isCompatible: Bool
    }

    /// The folded phonetic key that blocks candidates: consonant classes that fold voicing,
    /// ヴ/バ/ウ, ティ/チ and palatalisation, with ー, ッ and lengthening vowels dropped.
    static func blockingKey(_ morae: [Mora], foldingDiphthongs: Bool = false) -> [UInt8] {
        var key: [UInt8] = []
        key.reserveCapacity(morae.count)
        var lastVowel: Vowel = .none
        var lastPalatal = false
        for (n, mora) in morae.enumerated() {
            if !mora.isSyllable { continue }
            if !key.isEmpty && (mora.consonant == .y || mora.consonant == .none) && mora.vowel != lastVowel
                && (lastVowel == .i || (lastVowel == .u && lastPalatal)) {
                // ビヨン reads as ビョン, ダイヤル as ダイアル, シア as シャ.
                key[key.count - 1] = key[key.count - 1] / 6 * 6 + mora.vowel.rawValue
                lastVowel = mora.vowel
                lastPalatal = false
                continue
            }
            if foldingDiphthongs && n > 0 && !key.isEmpty && morae[n - 1].isSyllable,
               let merged = Self.merged(morae[n - 1], mora) {
                // ヴエ reads as ヴェ, デイ as ディ: a small kana written large.
                key[key.count - 1] = key[key.count - 1] / 6 * 6 + merged.vowel.rawValue
                lastVowel = merged.vowel
                continue
            }
            if foldingDiphthongs && !key.isEmpty && mora.consonant == .none && mora.vowel == .i && lastVowel == .a {
                // バイタミン reads as ビタミン: English "i" as a letter name or as a vowel.
                key[key.count - 1] = key[key.count - 1] / 6 * 6 + Vowel.i.rawValue
                lastVowel = .i
                continue
            }
            if foldingDiphthongs && !key.isEmpty && mora.consonant == .r && mora.vowel == .u && lastVowel != .none
                && (n == morae.count - 1 || (morae[n + 1].isPlain && morae[n + 1].consonant != .none)) {
                // ベクトルフォント reads as ベクターフォント: an r-coloured vowel.
                continue
            }
            var consonant = mora.consonant
            if n == morae.count - 1 && consonant == .m && mora.vowel == .u { consonant = .nasal }
            key.append(consonantClass[Int(consonant.rawValue)] * 6 + mora.vowel.rawValue)
            lastVowel = mora.vowel
            lastPalatal = consonant.isPalatal
        }
        return key
    }

    private static let consonantClass: [UInt8] = Consonant.allCases.map { c -> UInt8 in
        switch c {
        case .none, .w: return 0
        case .k, .g, .ky, .gy, .kw, .gw: return 1
        case .s, .z, .sh, .j: return 2
        case .t, .d, .ch, .ts, .ty, .dy: return 3
        case .n, .ny: return 4
        case .h, .f, .b, .p, .v, .hy, .by, .py, .fy, .vy: return 5
        case .m, .my: return 6
        case .r, .ry: return 7
        case .y: return 8
        case .nasal: return 9
        case .sokuon, .long, .other: return 10
        }
    }

    /// `joins` values: a node of no distinct set joins any group; a node of several sets joins
    /// only groups of no set; otherwise the value is the node's one set.
    static let joinsAny: Int32 = -2
    static let joinsUnlabelled: Int32 = -1

    /// Candidate pairs from the index, each judged by the full comparison, on every core. Each
    /// pair is judged once, from the spelling that comes first in `String` order; the edges (by
    /// the caller's indices, smaller first) come out in one order whatever the scheduling.
    ///
    /// Pairs whose groups `link` could never join are not judged: spellings of different
    /// distinct sets (a large glossary's forms of different entries, nearly every pair there).
    /// `link` skips such an edge before judging anything else, so leaving it out changes nothing.
    func verifiedEdges(_ spellings: ClusterSpellings, _ index: BlockingIndex, joins: [Int32]) -> [(Int32, Int32, Verdict)] {
        let count = spellings.count
        // Enough chunks for both cores to stay busy (early spellings have more pairs after them),
        // few enough that each chunk's table of seen spellings costs little.
        let chunk = max(256, count / 256)
        let chunks = (count + chunk - 1) / chunk
        var found = [[(Int32, Int32, Verdict)]](repeating: [], count: chunks)
        found.withUnsafeMutableBufferPointer { buffer in
            nonisolated(unsafe) let out = buffer
            DispatchQueue.concurrentPerform(iterations: chunks) { c in
                let seen = UnsafeMutableBufferPointer<Int32>.allocate(capacity: count)
                seen.initialize(repeating: 0)
                defer { seen.deallocate() }
                var scratch = AlignmentScratch()
                var edges: [(Int32, Int32, Verdict)] = []
                for p in (c * chunk)..<min(count, (c + 1) * chunk) {
                    let joinsP = joins[spellings.node(p)]
                    index.forEachCandidate(after: p, seen: seen) { q in
                        let joinsQ = joins[spellings.node(q)]
                        if joinsP != Self.joinsAny && joinsQ != Self.joinsAny && (joinsP != joinsQ || joinsP < 0) { return }
                        // Only variants make edges; the looser compatibility of other pairs is
                        // judged on demand while linking, for the few pairs that need it.
                        let verdict = self.verdict(spellings, p, q, quickRejectFactor: 1, scratch: &scratch)
                        if verdict.isVariant {
                            let (x, y) = (spellings.node(p), spellings.node(q))
                            edges.append((Int32(min(x, y)), Int32(max(x, y)), verdict))
                        }
                    }
                }
                out[c] = edges
            }
        }
        return found.flatMap { $0 }
    }

    /// The judgement on spellings `p` and `q` (ids) of a cluster run, as `judge` gives it.
    func verdict(_ spellings: ClusterSpellings, _ p: Int, _ q: Int, quickRejectFactor: Double = 2,
                 scratch: inout AlignmentScratch) -> Verdict {
        // Ids follow the order `judge` puts every pair in, so that a pair gets one judgement.
        let (a, b) = p < q ? (p, q) : (q, p)
        guard let moraeA = spellings.morae(a), let moraeB = spellings.morae(b) else {
            return Verdict(cost: .infinity, isVariant: false, isCompatible: false)
        }
        let j = judgeKana(moraeA, moraeB, syllables: (spellings.syllables(a), spellings.syllables(b)),
                          halves: (spellings.reduplicatedHalf(a), spellings.reduplicatedHalf(b)),
                          surfaces: nil, quickRejectFactor: quickRejectFactor, scratch: &scratch)
        return Verdict(cost: j.cost, isVariant: j.isVariant,
                       isCompatible: j.isVariant || (!j.isBlocked && j.cost <= 2 * j.allowance))
    }

    /// Joins nodes along variant edges, cheapest first; two groups join only when no distinct
    /// sets clash and every pair across them is at least compatible: a chain of small
    /// differences must not join two different names, while one odd spelling may still join a
    /// group through one of its members (ヘスゲス joins ヘグセス and ヘグゼス through ヘグセス).
    /// Requiring, on top, that half of the pairs across be variants cost 0.010 recall on name
    /// lists and 0.008 on loanwords for no precision there (README, "Measured").
    /// Returns the groups that can hold two spellings or more, in no particular order.
    func link(_ nodes: [Node], _ spellings: ClusterSpellings, _ edges: [(Int32, Int32, Verdict)]) -> [[Int]] {
        // Whether each pair judged so far is compatible; every edge is a variant, so compatible.
        var known: [UInt64: Bool] = [:]
        var scratch = AlignmentScratch()
        for (p, q, _) in edges { known[UInt64(UInt32(p)) << 32 | UInt64(UInt32(q))] = true }
        func compatible(_ p: Int, _ q: Int) -> Bool {
            let (x, y) = p < q ? (p, q) : (q, p)
            let pair = UInt64(UInt32(x)) << 32 | UInt64(UInt32(y))
            if let v = known[pair] { return v }
            // A pair the index did not propose, or proposed and found no variant: judge it now.
            let v = verdict(spellings, spellings.id(x), spellings.id(y), scratch: &scratch).isCompatible
            known[pair] = v
            return v
        }
        var group = Array(nodes.indices)
        // The members of each group of two nodes or more; a group of one is its own node (an
        // array for each of a million nodes cost as much memory as the spellings' morae).
        var joined: [Int: [Int]] = [:]
        func members(_ g: Int) -> [Int] { joined[g] ?? [g] }
        var labels: [Set<Int>] = nodes.map(\.labels)
        let variants = edges.sorted {
            ($0.2.cost, $0.0, $0.1) < ($1.2.cost, $1.0, $1.1)
        }
        for (p, q, _) in variants {
            let gp = group[Int(p)], gq = group[Int(q)]
            if gp == gq { continue }
            let lp = labels[gp], lq = labels[gq]
            if !lp.isEmpty && !lq.isEmpty && (lp != lq || lp.count > 1) { continue }
            let (mp, mq) = (members(gp), members(gq))
            if !mp.allSatisfy({ x in mq.allSatisfy { compatible(x, $0) } }) { continue }
            let (keep, gone) = mp.count >= mq.count ? (gp, gq) : (gq, gp)
            let goneMembers = members(gone)
            for x in goneMembers { group[x] = keep }
            joined[keep] = members(keep) + goneMembers
            joined[gone] = nil
            labels[keep].formUnion(labels[gone])
        }
        // Only groups that can have two spellings: two nodes or more, or one node with several.
        let single = nodes.indices.filter { group[$0] == $0 && joined[$0] == nil && !nodes[$0].others.isEmpty }
        return joined.values.map { $0 } + single.map { [$0] }
    }

    /// Spellings of each group in order (preferred, then most frequent, then first seen), groups
    /// of two or more spellings only, most frequent group first.
    func render(_ nodes: [Node], _ groups: [[Int]]) -> [[String]] {
        var result: [(weight: Int, first: Int, terms: [String])] = []
        for group in groups {
            let members = group.flatMap { nodes[$0].members }
            if members.count < 2 { continue }
            let sorted = members.sorted {
                ($0.preferred ? 0 : 1, -$0.count, $0.position) < ($1.preferred ? 0 : 1, -$1.count, $1.position)
            }
            result.append((members.reduce(0) { $0 + $1.count }, sorted[0].position, sorted.map(\.text)))
        }
        result.sort { ($0.weight, -$0.first) > ($1.weight, -$1.first) }
        return result.map(\.terms)
    }
}
