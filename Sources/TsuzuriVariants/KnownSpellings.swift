import TsuzuriText

/// The spellings of known things (a glossary's katakana forms, one set per entry), filed once
/// under their blocking keys, so that a text's few spellings can be clustered among them
/// (`cluster(_:among:)`) by comparing only the known spellings that can end up in a group with
/// one of the text's, rather than all of them on every run.
///
/// Laid out flat (integers and pools of UTF-8 bytes, no array per key, no `String` per
/// spelling), in sections that a cache file can hold (`sections(sets:)`, `init?(file:)`): a run
/// over a large glossary then maps them and reads only the buckets its text's keys name.
/// `@unchecked Sendable`: nothing changes after `init`.
public final class KnownSpellings: @unchecked Sendable {
    /// The kind and layout version of a cache file of these sections (`CompiledFile`).
    public static let fileKind = "KANA"
    public static let fileVersion: UInt32 = 2

    /// For node n (each different normalised spelling, in first-seen order over the sets),
    /// `labels[labelStart[n]..<labelStart[n + 1]]`: the sets holding a spelling of it.
    private let labelStart: Column<Int32>
    private let labels: Column<Int32>
    /// For set s, `setNodes[setStart[s]..<setStart[s + 1]]`: the nodes of its spellings.
    private let setStart: Column<Int32>
    private let setNodes: Column<Int32>
    /// Every blocking key of every node; for key id k, `bucket[bucketStart[k]..<bucketStart[k + 1]]`
    /// are the nodes filed under it, ascending.
    private let keys: BlockingKeyTable.Frozen
    private let bucketStart: Column<Int32>
    private let bucket: Column<Int32>
    /// The nodes' normalised spellings (pool and starts) and the table that finds a node by its spelling.
    private let nodeSlots: Column<UInt32>
    private let nodePool: Column<UInt8>
    private let nodeStart: Column<UInt32>
    /// The sets' spellings as given: set s is spellings `setTermStart[s]..<setTermStart[s + 1]`.
    private let termPool: Column<UInt8>
    private let termStart: Column<UInt32>
    private let setTermStart: Column<UInt32>
    /// For set s, which of its spellings is the preferred one (-1: none); empty when not given.
    private let setPreferred: Column<Int32>

    private static let sectionCount = 17

    /// How many different normalised spellings the sets hold.
    public let count: Int

    /// How many sets there are.
    public let setCount: Int

    /// The spellings of set `s`, as given: spellings of different things, as `cluster`'s
    /// `distinct` takes them.
    public func set(_ s: Int) -> [String] {
        let range = setTermStart.slice(s..<s + 2)
        let starts = termStart.slice(Int(range[0])..<Int(range[1]) + 1)
        guard let first = starts.first, let last = starts.last else { return [] }
        let bytes = termPool.slice(Int(first)..<Int(last))
        return (0..<starts.count - 1).map {
            String(decoding: bytes[Int(starts[$0] - first)..<Int(starts[$0 + 1] - first)], as: UTF8.self)
        }
    }

    /// Every set (builds them all: for tests and small lists).
    public var sets: [[String]] { (0..<setCount).map(set) }

    /// `preferred[s]`, when given, is which spelling of set s is preferred (-1: none), for
    /// `cluster(_:counts:isPreferred:among:)`.
    public convenience init(sets: [[String]], preferred: [Int32] = []) {
        self.init(sections: CompiledSections(copying: Self.sections(sets: sets, preferred: preferred)))!
    }

    /// Which spelling of set `s` is the preferred one, if the sets were given with theirs.
    public func preferredIndex(ofSet s: Int) -> Int? {
        guard s < setPreferred.count else { return nil }
        let index = setPreferred[s]
        return index >= 0 ? Int(index) : nil
    }

    /// Reads the sections of a cache file written from `sections(sets:)`; nil when they are not
    /// such sections.
    public convenience init?(file: CompiledSections) {
        self.init(sections: file)
    }

    private init?(sections file: CompiledSections) {
        guard file.count == Self.sectionCount else { return nil }
        labelStart = file.column(0)
        labels = file.column(1)
        setStart = file.column(2)
        setNodes = file.column(3)
        bucketStart = file.column(4)
        bucket = file.column(5)
        keys = BlockingKeyTable.Frozen(packed: file.column(6), ids: file.column(7), arenaStart: file.column(8), arena: file.column(9))
        nodeSlots = file.column(10)
        nodePool = file.column(11)
        nodeStart = file.column(12)
        termPool = file.column(13)
        termStart = file.column(14)
        setTermStart = file.column(15)
        setPreferred = file.column(16)
        guard !labelStart.isEmpty, !setTermStart.isEmpty, !bucketStart.isEmpty, !nodeStart.isEmpty else { return nil }
        count = labelStart.count - 1
        setCount = setTermStart.count - 1
    }

    /// The flat sections for `sets` (and their preferred spellings, as `init(sets:preferred:)`
    /// takes them): what `init(sets:)` reads, and what a cache file holds.
    public static func sections(sets: [[String]], preferred: [Int32] = []) -> [[UInt8]] {
        var nodeIndex: [String: Int32] = [:]
        var normalized: [String] = []
        var setStart: [Int32] = [0]
        var setNodes: [Int32] = []
        var terms = StringPool(), setTermStart: [UInt32] = [0]
        setStart.reserveCapacity(sets.count + 1)
        for set in sets {
            for term in set {
                terms.append(term)
                let form = SpellingNormalizer.normalize(term)
                if form.isEmpty { continue }
                let node: Int32
                if let known = nodeIndex[form] {
                    node = known
                } else {
                    node = Int32(normalized.count)
                    nodeIndex[form] = node
                    normalized.append(form)
                }
                // A set lists a node once, however many of its spellings normalise to it.
                if !setNodes[Int(setStart.last!)...].contains(node) { setNodes.append(node) }
            }
            setStart.append(Int32(setNodes.count))
            setTermStart.append(UInt32(terms.starts.count - 1))
        }
        let count = normalized.count
        // Sets by node: counted, then filled in set order.
        var labelStart = [Int32](repeating: 0, count: count + 1)
        for node in setNodes { labelStart[Int(node) + 1] += 1 }
        for n in 0..<count { labelStart[n + 1] += labelStart[n] }
        var labels = [Int32](repeating: 0, count: setNodes.count)
        var next = labelStart
        for s in sets.indices {
            for k in Int(setStart[s])..<Int(setStart[s + 1]) {
                let node = Int(setNodes[k])
                labels[Int(next[node])] = Int32(s)
                next[node] += 1
            }
        }

        // Keys by node, then nodes by key.
        var table = BlockingKeyTable()
        var keyOf: [Int32] = []
        var keyStart = [Int32](repeating: 0, count: count + 1)
        keyOf.reserveCapacity(count * 16)
        var scratch = [UInt8](repeating: 0, count: 4 * VariantEngine.maximumMorae + 8)
        var own: [Int32] = []
        scratch.withUnsafeMutableBufferPointer { scratch in
            for n in 0..<count {
                // What `Spelling` segments, without the letters of each mora.
                let morae = SpellingNormalizer.isKana(normalized[n])
                    ? MoraSegmenter.segment(normalized[n], withSurfaces: false).morae : []
                if !morae.isEmpty && morae.count <= VariantEngine.maximumMorae {
                    own.removeAll(keepingCapacity: true)
                    morae.withUnsafeBufferPointer { morae in
                        BlockingIndex.forEachKey(of: morae, scratch: scratch) { key in
                            let id = table.id(of: key)
                            if !own.contains(id) { own.append(id) }
                        }
                    }
                    keyOf.append(contentsOf: own)
                }
                keyStart[n + 1] = Int32(keyOf.count)
            }
        }
        var bucketStart = [Int32](repeating: 0, count: table.count + 1)
        for id in keyOf { bucketStart[Int(id) + 1] += 1 }
        for k in 0..<table.count { bucketStart[k + 1] += bucketStart[k] }
        var bucket = [Int32](repeating: 0, count: keyOf.count)
        var cursor = bucketStart
        for n in 0..<count {
            for k in Int(keyStart[n])..<Int(keyStart[n + 1]) {
                let id = Int(keyOf[k])
                bucket[Int(cursor[id])] = Int32(n)
                cursor[id] += 1
            }
        }

        var nodes = StringPool()
        for form in normalized { nodes.append(form) }
        return [
            IntegerBytes.of(labelStart), IntegerBytes.of(labels), IntegerBytes.of(setStart), IntegerBytes.of(setNodes),
            IntegerBytes.of(bucketStart), IntegerBytes.of(bucket),
        ] + table.sections + [
            IntegerBytes.of(HashedStrings.slots(for: normalized)), nodes.bytes, IntegerBytes.of(nodes.starts),
            terms.bytes, IntegerBytes.of(terms.starts), IntegerBytes.of(setTermStart), IntegerBytes.of(preferred),
        ]
    }

    /// The node of a normalised spelling, if a set holds it.
    func node(_ normalized: String) -> Int? {
        HashedStrings.find(normalized, in: nodeSlots) {
            let range = nodeStart.slice($0..<$0 + 2)
            return nodePool.slice(Int(range[0])..<Int(range[1]))
        }
    }

    /// The sets holding a spelling of node `n`.
    func labels(of n: Int) -> [Int32] {
        let range = labelStart.slice(n..<n + 2)
        return labels.slice(Int(range[0])..<Int(range[1]))
    }

    /// The nodes of set `s`'s spellings.
    func nodes(ofSet s: Int) -> [Int32] {
        let range = setStart.slice(s..<s + 2)
        return setNodes.slice(Int(range[0])..<Int(range[1]))
    }

    /// Where the nodes filed under `key` are (`bucket(_:)`), empty for a key no known spelling
    /// has: its size can be judged before its members are read.
    func bucketRange(_ key: UnsafeBufferPointer<UInt8>) -> Range<Int> {
        guard let id = keys.existingID(of: key) else { return 0..<0 }
        return bucketRange(id: id)
    }

    /// The id of a key some known spelling is filed under, nil for any other key.
    func keyID(of key: UnsafeBufferPointer<UInt8>) -> Int32? {
        keys.existingID(of: key)
    }

    /// `bucketRange(_:)` of the key with id `id` (`keyID(of:)`).
    func bucketRange(id: Int32) -> Range<Int> {
        let range = bucketStart.slice(Int(id)..<Int(id) + 2)
        return Int(range[0])..<Int(range[1])
    }

    /// The nodes in a bucket, ascending.
    func bucket(_ range: Range<Int>) -> [Int32] {
        bucket.slice(range)
    }
}

extension VariantEngine {
    /// The groups of `cluster(terms + the known spellings not in terms, counts:, preferred:,
    /// distinct: known.sets)` that hold at least one of `terms`, exactly, found by comparing only
    /// the known spellings that can end up in such a group: a text's spellings among a
    /// 100,000-entry glossary's forms cost what the text's spellings cost, not what the glossary's do.
    ///
    /// Those spellings are the known ones that share a bucket with a spelling of `terms` (or are
    /// one), and every spelling of their sets and of those spellings' other sets: a group holds
    /// one set's spellings at most, and they may join it through each other. No other known
    /// spelling joins them in the full run: it pairs with none of `terms`, and a pair of two
    /// spellings of different sets never joins. Buckets keep their size in the full run (the
    /// spellings left out still count), so a bucket too common to pair there pairs nothing here.
    public func cluster(_ terms: [String], counts: [String: Int] = [:], preferred: Set<String> = [],
                        among known: KnownSpellings) -> [[String]] {
        cluster(terms, counts: counts, among: known) { all, _ in Set(all.filter(preferred.contains)) }
    }

    /// `cluster(_:counts:preferred:among:)` with the preferred spellings told by a function,
    /// asked only about `terms`, and by the sets themselves (`KnownSpellings(sets:preferred:)`)
    /// for the known spellings: a large glossary need not list them all.
    public func cluster(_ terms: [String], counts: [String: Int] = [:], isPreferred: (String) -> Bool,
                        among known: KnownSpellings) -> [[String]] {
        cluster(terms, counts: counts, among: known) { _, sets in
            var preferred = Set(terms.filter(isPreferred))
            for (s, set) in sets { if let p = known.preferredIndex(ofSet: s) { preferred.insert(set[p]) } }
            return preferred
        }
    }

    /// The run of `cluster(_:…among:)`; `preferred` gives the preferred spellings among all the
    /// run's spellings, told the run's spellings and the sets taken in (number and spellings).
    private func cluster(_ terms: [String], counts: [String: Int], among known: KnownSpellings,
                         preferred: ([String], [(Int, [String])]) -> Set<String>) -> [[String]] {
        var included = [Bool](repeating: false, count: known.count)
        var queue: [Int] = []
        func include(_ n: Int) {
            if !included[n] {
                included[n] = true
                queue.append(n)
            }
        }

        // The text's keys that some known spelling is filed under, by the known list's key id:
        // the known spellings under each and how many of the text's spellings the list lacks
        // (they add to the bucket's size). A key no known spelling has brings in nothing, so
        // it is not kept: on a text of 50,000 spellings those were the bulk of the memory.
        var textOnly: [Int32: Int] = [:]
        var scratch = [UInt8](repeating: 0, count: 4 * Self.maximumMorae + 8)
        var own: [Int32] = []
        var seen = Set<String>()
        scratch.withUnsafeMutableBufferPointer { scratch in
            for term in terms where !term.isEmpty {
                let form = SpellingNormalizer.normalize(term)
                guard !form.isEmpty, seen.insert(form).inserted else { continue }
                let node = known.node(form)
                if let node { include(node) }
                let spelling = Spelling(normalized: form)
                guard spelling.isKana && spelling.morae.count <= Self.maximumMorae else { continue }
                own.removeAll(keepingCapacity: true)
                spelling.morae.withUnsafeBufferPointer { morae in
                    BlockingIndex.forEachKey(of: morae, scratch: scratch) { key in
                        guard let id = known.keyID(of: key) else { return }
                        if !own.contains(id) { own.append(id) }
                    }
                }
                for id in own { textOnly[id, default: 0] += node == nil ? 1 : 0 }
            }
        }
        for (id, lacking) in textOnly {
            let bucket = known.bucketRange(id: id)
            let size = bucket.count + lacking
            if size > 1 && size <= maximumBucket { for n in known.bucket(bucket) { include(Int(n)) } }
        }

        // Every spelling of their sets, and of those spellings' other sets.
        var inClosure = [Bool](repeating: false, count: known.setCount)
        while let n = queue.popLast() {
            for s in known.labels(of: n) where !inClosure[Int(s)] {
                inClosure[Int(s)] = true
                for m in known.nodes(ofSet: Int(s)) { include(Int(m)) }
            }
        }

        // The full run's terms in the full run's order, less the spellings that cannot join.
        var all = terms
        var listed = Set(terms)
        var taken: [(Int, [String])] = []
        for s in 0..<known.setCount where inClosure[s] {
            let set = known.set(s)
            taken.append((s, set))
            for form in set where listed.insert(form).inserted { all.append(form) }
        }
        let nodes = nodes(all, counts: counts, preferred: preferred(all, taken), distinct: taken.map(\.1))
        let groups = cluster(nodes) { key in
            // The known spellings under the key that this run leaves out.
            let range = known.bucketRange(key)
            if range.count > maximumBucket { return range.count }
            return known.bucket(range).reduce(0) { $0 + (included[Int($1)] ? 0 : 1) }
        }
        let focus = Set(terms)
        return groups.filter { $0.contains(where: focus.contains) }
    }
}
