import TsuzuriText

/// The spellings of one `cluster` run, segmented once and laid out flat: what judging millions of
/// candidate pairs needs of each spelling, read without copying anything and without touching a
/// reference count (two cores reading one spelling's arrays would otherwise contend for them).
///
/// `@unchecked Sendable`: nothing changes after `init`, and the mora buffer it owns is freed only
/// in `deinit`.
final class ClusterSpellings: @unchecked Sendable {
    let count: Int
    /// Every spelling's morae, one after the other; spelling n's are `start[n]..<start[n + 1]`.
    private let allMorae: UnsafeMutableBufferPointer<Mora>
    private let start: [Int32]
    private let syllableCounts: [Int32]
    /// `Spelling.reduplicatedHalf`, -1 for none.
    private let halves: [Int16]
    /// Whether the spelling is compared phonetically (kana, at most `maximumMorae` morae).
    private let phonetic: [Bool]
    /// Each spelling's place in the order of the normalised strings (`String`'s `<`).
    private let rank: [Int32]

    /// `normalized`: different normalised spellings, none empty.
    init(_ normalized: [String]) {
        count = normalized.count
        var start = [Int32](repeating: 0, count: count + 1)
        var syllableCounts = [Int32](repeating: 0, count: count)
        var halves = [Int16](repeating: -1, count: count)
        var phonetic = [Bool](repeating: false, count: count)
        var morae: [Mora] = []
        for (n, text) in normalized.enumerated() {
            let spelling = Spelling(normalized: text)
            if spelling.isKana && spelling.morae.count <= VariantEngine.maximumMorae {
                phonetic[n] = true
                morae += spelling.morae
                syllableCounts[n] = Int32(spelling.syllables)
                halves[n] = Int16(spelling.reduplicatedHalf ?? -1)
            }
            start[n + 1] = Int32(morae.count)
        }
        allMorae = .allocate(capacity: max(morae.count, 1))
        _ = allMorae.initialize(from: morae)
        (self.start, self.syllableCounts, self.halves, self.phonetic) = (start, syllableCounts, halves, phonetic)
        rank = Self.ranks(normalized)
    }

    deinit {
        allMorae.deallocate()
    }

    /// Spelling n's morae, or nil when it is not compared phonetically (it only matches itself).
    @inline(__always)
    func morae(_ n: Int) -> Morae? {
        guard phonetic[n] else { return nil }
        return UnsafeBufferPointer(rebasing: allMorae[Int(start[n])..<Int(start[n + 1])])
    }

    @inline(__always)
    func syllables(_ n: Int) -> Int { Int(syllableCounts[n]) }

    @inline(__always)
    func reduplicatedHalf(_ n: Int) -> Int? { halves[n] < 0 ? nil : Int(halves[n]) }

    /// Whether spelling p's normalised form sorts before q's, as `judge` orders a pair.
    @inline(__always)
    func precedes(_ p: Int, _ q: Int) -> Bool { rank[p] < rank[q] }

    /// The place of each string in `String` order. Strings made only of scalars that no
    /// normalisation changes (kana, kanji, ASCII: nearly all of them) are in NFC already, where
    /// `String`'s order is the order of their UTF-8 bytes, which is much cheaper to compare.
    private static func ranks(_ strings: [String]) -> [Int32] {
        let plain = strings.map { $0.unicodeScalars.allSatisfy { Normalizer.isStable($0.value) } }
        let bytes = strings.map { Array($0.utf8) }
        let order = strings.indices.sorted { p, q in
            if plain[p] && plain[q] { return bytes[p].lexicographicallyPrecedes(bytes[q]) }
            return strings[p] < strings[q]
        }
        var rank = [Int32](repeating: 0, count: strings.count)
        for (place, n) in order.enumerated() { rank[n] = Int32(place) }
        return rank
    }
}
