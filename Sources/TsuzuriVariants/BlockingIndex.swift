import TsuzuriText

/// The phonetic index that proposes the pairs `cluster` judges: every spelling is filed under its
/// folded blocking keys, their one-deletion neighbourhoods and their neighbour-consonant swaps, and
/// two spellings filed under one key (a bucket) are candidates. A bucket of more than
/// `maximumBucket` spellings proposes nothing: its key is so common that it says nothing.
///
/// Laid out flat (integers, no array per key or per bucket), so that the index grows linearly
/// with the list and a dense list of 100,000 spellings costs tens of megabytes, not hundreds.
struct BlockingIndex: Sendable {
    /// The members of every usable bucket (two to `maximumBucket` spellings), one stretch per
    /// bucket, ascending within it.
    private let members: [Int32]
    /// For spelling n, `runs[runStart[n]..<runStart[n + 1]]`: the stretches of `members` that
    /// follow n in each of its usable buckets (start and end, packed high and low).
    private let runStart: [Int32]
    private let runs: [UInt64]
    /// How many buckets held too many spellings to propose pairs.
    let overflowingBuckets: Int

    /// Files spellings `0..<count` under their keys; `morae(n)` gives spelling n's morae, or nil
    /// for a spelling that is not compared phonetically (it only matches itself).
    ///
    /// `outside(key)` counts the spellings filed under `key` that take part in a larger run but
    /// not in this one (the known spellings `cluster(_:among:)` leaves out): they count towards a
    /// bucket's size, so that a bucket too common to pair in the larger run pairs nothing here
    /// either, and the run proposes exactly the larger run's pairs among its own spellings.
    ///
    /// Most keys belong to one spelling only (a bucket of one proposes nothing), and giving each
    /// an id made the key table the bulk of the memory on large lists (4.7 million keys for
    /// 300,000 random spellings). So a first pass counts the keys, up to two, in a small table
    /// of counters shared by keys of equal hash, and only keys counted twice get an id: a key
    /// that some hash shares is kept needlessly, but a key of two spellings is never dropped
    /// (and one of a single spelling of this run pairs nothing, whatever lies outside it).
    init(count: Int, maximumBucket: Int, morae: (Int) -> Morae?,
         outside: ((UnsafeBufferPointer<UInt8>) -> Int)? = nil) {
        var scratch = [UInt8](repeating: 0, count: 4 * VariantEngine.maximumMorae + 8)
        var shared = SharedKeyFilter(spellings: count)
        var fingerprints: [UInt64] = []
        scratch.withUnsafeMutableBufferPointer { scratch in
            for n in 0..<count {
                guard let spelling = morae(n) else { continue }
                fingerprints.removeAll(keepingCapacity: true)
                Self.forEachKey(of: spelling, scratch: scratch) { key in
                    let fingerprint = BlockingKeyTable.fingerprint(of: key)
                    // Counted once per spelling, however many ways lead to the key.
                    if !fingerprints.contains(fingerprint) { fingerprints.append(fingerprint) }
                }
                for fingerprint in fingerprints { shared.add(fingerprint) }
            }
        }

        var table = BlockingKeyTable()
        var keyStart = [Int32](repeating: 0, count: count + 1)
        var keys: [Int32] = []
        var outsideCounts: [Int32] = []
        var own: [Int32] = []
        scratch.withUnsafeMutableBufferPointer { scratch in
            for n in 0..<count {
                if let spelling = morae(n) {
                    own.removeAll(keepingCapacity: true)
                    Self.forEachKey(of: spelling, scratch: scratch) { key in
                        guard shared.isShared(BlockingKeyTable.fingerprint(of: key)) else { return }
                        let id = table.id(of: key)
                        if let outside, Int(id) == outsideCounts.count { outsideCounts.append(Int32(outside(key))) }
                        // A spelling is filed once under each key, however many ways lead there.
                        if !own.contains(id) { own.append(id) }
                    }
                    keys.append(contentsOf: own)
                }
                keyStart[n + 1] = Int32(keys.count)
            }
        }

        // Each key's bucket size, then where its stretch of `members` ends (usable buckets only).
        var end = [Int32](repeating: 0, count: table.count)
        for id in keys { end[Int(id)] += 1 }
        // Where each usable bucket's next member goes (-1: a bucket of one, or an overflowing one).
        var cursor = [Int32](repeating: -1, count: table.count)
        var total: Int32 = 0
        var overflowing = 0
        for id in end.indices {
            let size = end[id]
            let whole = Int(size) + (outsideCounts.isEmpty ? 0 : Int(outsideCounts[id]))
            if whole > maximumBucket { overflowing += 1 }
            if size > 1 && whole <= maximumBucket {
                cursor[id] = total
                total += size
                end[id] = total
            }
        }
        var members = [Int32](repeating: 0, count: Int(total))
        var runStart = [Int32](repeating: 0, count: count + 1)
        var runs: [UInt64] = []
        for n in 0..<count {
            for k in Int(keyStart[n])..<Int(keyStart[n + 1]) {
                let id = Int(keys[k])
                let at = cursor[id]
                if at < 0 { continue }
                members[Int(at)] = Int32(n)
                cursor[id] = at + 1
                // Spellings are filed in ascending order: the rest of the bucket comes after n.
                if at + 1 < end[id] { runs.append(UInt64(UInt32(at + 1)) << 32 | UInt64(UInt32(end[id]))) }
            }
            runStart[n + 1] = Int32(runs.count)
        }
        self.members = members
        self.runStart = runStart
        self.runs = runs
        overflowingBuckets = overflowing
    }

    /// Calls `body` once with every spelling after `n` (a larger index) that shares a usable
    /// bucket with it. `seen` has a slot per spelling and holds no `n + 1` on entry.
    @inline(__always)
    func forEachCandidate(after n: Int, seen: UnsafeMutableBufferPointer<Int32>, _ body: (Int) -> Void) {
        let mark = Int32(n + 1)
        for r in Int(runStart[n])..<Int(runStart[n + 1]) {
            let run = runs[r]
            for k in Int(run >> 32)..<Int(run & 0xFFFF_FFFF) {
                let q = Int(members[k])
                if seen[q] == mark { continue }
                seen[q] = mark
                body(q)
            }
        }
    }

    /// Calls `body` with every key a spelling is filed under, repeats included: its folded keys
    /// (ヴォ read as ボ, ウォ as ウオ, バイ as ビ and ベクトル as ベクター), and for keys of three or more
    /// elements their one-deletion neighbourhood and their swaps of neighbouring consonants
    /// (ヘグセス/ヘスゲス: consonants swapped between neighbouring morae, vowels in place).
    static func forEachKey(of morae: Morae, scratch: UnsafeMutableBufferPointer<UInt8>,
                           _ body: (UnsafeBufferPointer<UInt8>) -> Void) {
        let spelling = Array(morae)
        let compact = VariantEngine.blockingKey(spelling)
        let large = VariantEngine.blockingKey(MoraSegmenter.largeKana(spelling))
        let folded = VariantEngine.blockingKey(spelling, foldingDiphthongs: true)
        for (n, key) in [compact, large, folded].enumerated() {
            if n > 0 && key == compact || n > 1 && key == large { continue }
            let count = key.count
            for k in 0..<count { scratch[k] = key[k] }
            body(UnsafeBufferPointer(rebasing: scratch[0..<count]))
            if count < 3 { continue }
            for k in 0..<count {
                // The key without element k.
                for e in 0..<k { scratch[e] = key[e] }
                for e in (k + 1)..<count { scratch[e - 1] = key[e] }
                body(UnsafeBufferPointer(rebasing: scratch[0..<(count - 1)]))
            }
            for k in 1..<count where key[k - 1] / 6 != key[k] / 6 {
                for e in 0..<count { scratch[e] = key[e] }
                scratch[k - 1] = key[k] / 6 * 6 + key[k - 1] % 6
                scratch[k] = key[k - 1] / 6 * 6 + key[k] % 6
                body(UnsafeBufferPointer(rebasing: scratch[0..<count]))
            }
        }
    }
}

/// Dense ids for blocking keys: equal keys get one id and different keys different ids, exactly
/// (a hash collision must not put two keys into one bucket, or the groups would change). Keys of
/// up to nine elements are packed into one integer; longer ones (long compounds) are kept in an
/// arena and compared element by element.
struct BlockingKeyTable {
    /// How many different keys have been seen; ids are `0..<count`.
    private(set) var count = 0
    /// Open addressing: the packed key (or a long key's hash), its id (-1 for an empty slot) and,
    /// for a long key, where it starts in `arena` (its length first).
    private var packed: [UInt64]
    private var ids: [Int32]
    private var arenaStart: [UInt32]
    private var arena: [UInt8] = []
    private var mask: Int

    init() {
        // Small to start with, doubling as keys come: a check of one article files a few thousand
        // keys, and three tables of 65,536 slots were 3 MB of zeroed pages in every run.
        let capacity = 1 << 10
        packed = [UInt64](repeating: 0, count: capacity)
        ids = [Int32](repeating: -1, count: capacity)
        arenaStart = [UInt32](repeating: 0, count: capacity)
        mask = capacity - 1
    }

    /// Elements are below 7 bits (consonant class × 6 + vowel < 66), stored plus one so that
    /// keys of different lengths never pack alike.
    static let packedLength = 9
    private static let longFlag: UInt64 = 1 << 63

    /// The integer a key is filed under: the key itself, packed, when it is short; a hash
    /// (marked by the top bit) when it is long, so that long keys must also be compared.
    @inline(__always)
    static func fingerprint(of key: UnsafeBufferPointer<UInt8>) -> UInt64 {
        var value: UInt64 = 0
        if key.count > packedLength {
            value = 0xCBF2_9CE4_8422_2325 ^ UInt64(key.count)
            for e in key { value = (value ^ UInt64(e)) &* 0x100_0000_01B3 }
            value |= longFlag
        } else {
            for e in key { value = value << 7 | UInt64(e + 1) }
        }
        return value
    }

    /// The slot `key` is in, or the empty slot where it would go, with its packed value.
    @inline(__always)
    private func find(_ key: UnsafeBufferPointer<UInt8>) -> (slot: Int, value: UInt64) {
        let isLong = key.count > Self.packedLength
        let value = Self.fingerprint(of: key)
        var slot = Self.slot(value, mask)
        while ids[slot] >= 0 {
            if packed[slot] == value && (!isLong || matches(key, at: Int(arenaStart[slot]))) { break }
            slot = (slot + 1) & mask
        }
        return (slot, value)
    }

    /// The id of `key`, a new one the first time the key is seen.
    mutating func id(of key: UnsafeBufferPointer<UInt8>) -> Int32 {
        let (slot, value) = find(key)
        if ids[slot] >= 0 { return ids[slot] }
        let isLong = key.count > Self.packedLength
        let id = Int32(count)
        count += 1
        packed[slot] = value
        ids[slot] = id
        if isLong {
            arenaStart[slot] = UInt32(arena.count)
            arena.append(UInt8(key.count))
            arena.append(contentsOf: key)
        }
        if 2 * count > mask { grow() }
        return id
    }

    /// The id of `key` if it has been seen, without adding it.
    func existingID(of key: UnsafeBufferPointer<UInt8>) -> Int32? {
        let slot = find(key).slot
        return ids[slot] >= 0 ? ids[slot] : nil
    }

    /// The table's arrays as sections (packed values, ids, arena starts, arena), for `Frozen`.
    var sections: [[UInt8]] {
        [IntegerBytes.of(packed), IntegerBytes.of(ids), IntegerBytes.of(arenaStart), arena]
    }

    /// The table read where it lies from its `sections` (a cache file), for lookups only.
    struct Frozen {
        let packed: Column<UInt64>
        let ids: Column<Int32>
        let arenaStart: Column<UInt32>
        let arena: Column<UInt8>

        /// As `BlockingKeyTable.existingID(of:)`, over the same slots.
        func existingID(of key: UnsafeBufferPointer<UInt8>) -> Int32? {
            guard !ids.isEmpty else { return nil }
            let mask = ids.count - 1
            let isLong = key.count > BlockingKeyTable.packedLength
            let value = BlockingKeyTable.fingerprint(of: key)
            var slot = BlockingKeyTable.slot(value, mask)
            while true {
                let id = ids[slot]
                if id < 0 { return nil }
                if packed[slot] == value && (!isLong || matches(key, at: Int(arenaStart[slot]))) { return id }
                slot = (slot + 1) & mask
            }
        }

        private func matches(_ key: UnsafeBufferPointer<UInt8>, at start: Int) -> Bool {
            guard Int(arena[start]) == key.count else { return false }
            return arena.slice(start + 1..<start + 1 + key.count).elementsEqual(key)
        }
    }

    @inline(__always)
    static func slot(_ value: UInt64, _ mask: Int) -> Int {
        Int(truncatingIfNeeded: (value &* 0x9E37_79B9_7F4A_7C15) >> 32) & mask
    }

    private func matches(_ key: UnsafeBufferPointer<UInt8>, at start: Int) -> Bool {
        guard Int(arena[start]) == key.count else { return false }
        for k in 0..<key.count where arena[start + 1 + k] != key[k] { return false }
        return true
    }

    private mutating func grow() {
        let capacity = 2 * (mask + 1)
        var newPacked = [UInt64](repeating: 0, count: capacity)
        var newIds = [Int32](repeating: -1, count: capacity)
        var newStart = [UInt32](repeating: 0, count: capacity)
        let newMask = capacity - 1
        for old in 0...mask where ids[old] >= 0 {
            var slot = Self.slot(packed[old], newMask)
            while newIds[slot] >= 0 { slot = (slot + 1) & newMask }
            newPacked[slot] = packed[old]
            newIds[slot] = ids[old]
            newStart[slot] = arenaStart[old]
        }
        (packed, ids, arenaStart, mask) = (newPacked, newIds, newStart, newMask)
    }
}

/// Counts blocking keys up to two, by fingerprint, in two bits per slot: enough to tell the keys
/// that only one spelling is filed under (most of them) from those that may pair spellings.
/// Keys whose fingerprints share a slot share a count, which only ever keeps a key too many.
struct SharedKeyFilter {
    private var once: [UInt64]
    private var twice: [UInt64]
    private let mask: Int

    /// Room for `spellings` spellings' keys (a few dozen each) with few shared slots:
    /// 128 slots a spelling, 32 bytes.
    init(spellings: Int) {
        var slots = 1 << 16
        while slots < 128 * spellings { slots <<= 1 }
        once = [UInt64](repeating: 0, count: slots / 64)
        twice = once
        mask = slots - 1
    }

    mutating func add(_ fingerprint: UInt64) {
        let slot = BlockingKeyTable.slot(fingerprint, mask)
        let (word, bit) = (slot >> 6, UInt64(1) << UInt64(slot & 63))
        if once[word] & bit != 0 { twice[word] |= bit } else { once[word] |= bit }
    }

    /// Whether the key may be filed under two spellings or more.
    func isShared(_ fingerprint: UInt64) -> Bool {
        let slot = BlockingKeyTable.slot(fingerprint, mask)
        return twice[slot >> 6] & (UInt64(1) << UInt64(slot & 63)) != 0
    }
}
