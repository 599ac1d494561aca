#if canImport(Glibc)
import Glibc
#else
import Darwin
#endif
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
        // Morae go straight into the flat buffer (not into an array copied at the end, which
        // held them twice). A kana spelling has at most one mora per scalar, and every katakana
        // scalar takes three bytes or more in UTF-8, so this is room enough; it grows if not.
        var capacity = max(1, normalized.reduce(0) { $0 + $1.utf8.count / 3 })
        var buffer = UnsafeMutableBufferPointer<Mora>.allocate(capacity: capacity)
        var used = 0
        for (id, node) in order.enumerated() {
            ids[node] = Int32(id)
            let spelling = Spelling(normalized: normalized[node])
            info[id].start = Int32(used)
            if spelling.isKana && spelling.morae.count <= VariantEngine.maximumMorae {
                info[id].phonetic = true
                info[id].count = Int32(spelling.morae.count)
                info[id].syllables = Int32(spelling.syllables)
                info[id].half = Int16(spelling.reduplicatedHalf ?? -1)
                if used + spelling.morae.count > capacity {
                    capacity = 2 * capacity + spelling.morae.count
                    let grown = UnsafeMutableBufferPointer<Mora>.allocate(capacity: capacity)
                    _ = grown.moveInitialize(fromContentsOf: buffer[0..<used])
                    buffer.deallocate()
                    buffer = grown
                }
                _ = UnsafeMutableBufferPointer(rebasing: buffer[used...]).initialize(fromContentsOf: spelling.morae)
                used += spelling.morae.count
            }
        }
        allMorae = buffer
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
        return strings.indices.sorted { p, q in
            if plain[p] && plain[q] { return utf8Precedes(strings[p], strings[q]) }
            return strings[p] < strings[q]
        }
    }

    /// Whether `x`'s UTF-8 bytes come before `y`'s, read in place (a copy of every string's
    /// bytes for the sort cost a million-term list 60 MB).
    private static func utf8Precedes(_ x: String, _ y: String) -> Bool {
        var x = x, y = y
        return x.withUTF8 { a in
            y.withUTF8 { b in
                let common = min(a.count, b.count)
                if common > 0, let base = a.baseAddress, let other = b.baseAddress {
                    let order = memcmp(base, other, common)
                    if order != 0 { return order < 0 }
                }
                return a.count < b.count
            }
        }
    }
}
