import TsuzuriText

/// The spellings of one `cluster` run, segmented once and laid out flat: what judging millions of
/// candidate pairs needs of each spelling, read without copying anything and without touching a
/// reference count (two cores reading one spelling's arrays would otherwise contend for them).
///
/// Spellings are stored in the order of their normalised forms (`String`'s `<`), under ids of
/// their own: the order `judge` puts a pair in is then the order of the ids, and spellings that
/// share a blocking key tend to lie close together in memory.
///
/// `@unchecked Sendable`: nothing changes after `init`, and the mora buffer it owns is freed only
/// in `deinit`.
final class ClusterSpellings: @unchecked Sendable {
    let count: Int
    /// Every spelling's morae, one after the other, in id order.
    private let allMorae: UnsafeMutableBufferPointer<Mora>
    private let info: [Info]
    /// The caller's index of each id, and the id of each caller's index.
    private let nodes: [Int32]
    private let ids: [Int32]

    /// What the judgement needs of one spelling, in one place (one cache line for a pair's partner).
    private struct Info {
        var start: Int32 = 0
        var count: Int32 = 0
        var syllables: Int32 = 0
        /// `Spelling.reduplicatedHalf`, -1 for none.
        var half: Int16 = -1
        /// Whether the spelling is compared phonetically (kana, at most `maximumMorae` morae).
        var phonetic = false
    }

    /// `normalized`: different normalised spellings, none empty, in the caller's order.
    init(_ normalized: [String]) {
        count = normalized.count
        let order = Self.stringOrder(normalized)
        var ids = [Int32](repeating: 0, count: count)
        var info = [Info](repeating: Info(), count: count)
        var morae: [Mora] = []
        for (id, node) in order.enumerated() {
            ids[node] = Int32(id)
            let spelling = Spelling(normalized: normalized[node])
            info[id].start = Int32(morae.count)
            if spelling.isKana && spelling.morae.count <= VariantEngine.maximumMorae {
                info[id].phonetic = true
                info[id].count = Int32(spelling.morae.count)
                info[id].syllables = Int32(spelling.syllables)
                info[id].half = Int16(spelling.reduplicatedHalf ?? -1)
                morae += spelling.morae
            }
        }
        allMorae = .allocate(capacity: max(morae.count, 1))
        _ = allMorae.initialize(from: morae)
        self.info = info
        self.ids = ids
        nodes = order.map { Int32($0) }
    }

    deinit {
        allMorae.deallocate()
    }

    /// The id of the caller's spelling `node`.
    @inline(__always)
    func id(_ node: Int) -> Int { Int(ids[node]) }

    /// The caller's index of spelling `id`.
    @inline(__always)
    func node(_ id: Int) -> Int { Int(nodes[id]) }

    /// The morae of spelling `id`, or nil when it is not compared phonetically (it only matches
    /// itself).
    @inline(__always)
    func morae(_ id: Int) -> Morae? {
        let spelling = info[id]
        guard spelling.phonetic else { return nil }
        return UnsafeBufferPointer(start: allMorae.baseAddress! + Int(spelling.start), count: Int(spelling.count))
    }

    @inline(__always)
    func syllables(_ id: Int) -> Int { Int(info[id].syllables) }

    @inline(__always)
    func reduplicatedHalf(_ id: Int) -> Int? { info[id].half < 0 ? nil : Int(info[id].half) }

    /// The indices of `strings` in `String` order. Strings made only of scalars that no
    /// normalisation changes (kana, kanji, ASCII: nearly all of them) are in NFC already, where
    /// `String`'s order is the order of their UTF-8 bytes, which is much cheaper to compare.
    static func stringOrder(_ strings: [String]) -> [Int] {
        let plain = strings.map { $0.unicodeScalars.allSatisfy { Normalizer.isStable($0.value) } }
        let bytes = strings.map { Array($0.utf8) }
        return strings.indices.sorted { p, q in
            if plain[p] && plain[q] { return bytes[p].lexicographicallyPrecedes(bytes[q]) }
            return strings[p] < strings[q]
        }
    }
}
