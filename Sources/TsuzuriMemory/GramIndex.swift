import Foundation

/// The fuzzy index's vocabulary: which grams a text has, how they are keyed, and how posting
/// lists are packed.
///
/// A text is indexed by its *grams*: padded character bigrams in `.characters` mode (`^a`, `ab`,
/// …, `z$`) and single words in `.words` mode, each numbered by occurrence (the second `ab` is a
/// different gram from the first) so that counting shared grams counts the multiset intersection.
/// The q-gram lemma then bounds the edit distance from below: two texts of `n` and `m` tokens
/// within distance `d` share at least `max(n, m) + q − 1 − q·d` grams (q = 2 for characters,
/// 1 for words). Keys also carry the text's length bucket, so that a query reads only the lengths
/// that can reach the minimum score.
enum GramIndex {
    /// Grams per token: 2 for character bigrams, 1 for words.
    static func q(_ mode: MatchMode) -> Int { mode == .characters ? 2 : 1 }

    /// The gram hashes of a text (low 8 bits cleared; `key(_:bucket:)` fills them).
    static func grams(_ text: MatchText) -> [UInt64] {
        let raw = rawGrams(text)
        // Number repeated grams by occurrence.
        var result = [UInt64](repeating: 0, count: raw.count)
        if raw.count <= 48 {
            for i in 0..<raw.count {
                var occurrence: UInt64 = 0
                for j in 0..<i where raw[j] == raw[i] { occurrence += 1 }
                result[i] = mix(raw[i], occurrence)
            }
        } else {
            var seen: [UInt64: UInt64] = [:]
            for i in 0..<raw.count {
                let occurrence = seen[raw[i], default: 0]
                seen[raw[i]] = occurrence + 1
                result[i] = mix(raw[i], occurrence)
            }
        }
        return result
    }

    /// For each gram of a text (in the order of `grams(_:)`), the positions a stored text lacking
    /// that gram has certainly lost: for the first occurrence of a gram, every position of it (a
    /// text not listed under its first occurrence has none of it); for later occurrences none
    /// (which of the copies is missing is unknown). Positions past `GramMask.capacity` are left out.
    static func lostPositions(_ text: MatchText) -> [GramMask] {
        let raw = rawGrams(text)
        var first: [UInt64: Int] = [:]
        var result = [GramMask](repeating: GramMask(), count: raw.count)
        for (i, gram) in raw.enumerated() {
            if let j = first[gram] {
                result[j].insert(i)
            } else {
                first[gram] = i
                result[i].insert(i)
            }
        }
        return result
    }

    /// The grams of a text before numbering and mixing: a token pair (characters) or a token (words).
    private static func rawGrams(_ text: MatchText) -> [UInt64] {
        let tokens = text.tokens
        guard !tokens.isEmpty else { return [] }
        var raw: [UInt64] = []
        switch text.mode {
        case .characters:
            raw.reserveCapacity(tokens.count + 1)
            var previous: UInt64 = 0x11_0000  // start sentinel, outside Unicode
            for t in tokens {
                raw.append(previous << 21 | UInt64(t))
                previous = UInt64(t)
            }
            raw.append(previous << 21 | 0x11_0001)  // end sentinel
        case .words:
            raw = tokens.map { UInt64($0) | 1 << 63 }
        }
        return raw
    }

    @inline(__always)
    private static func mix(_ value: UInt64, _ occurrence: UInt64) -> UInt64 {
        // splitmix64 finaliser: spreads grams evenly over the key space.
        var z = value &+ occurrence &* 0x9E37_79B9_7F4A_7C15 &+ 0x2545_F491_4F6C_DD1D
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        z = z ^ (z >> 31)
        return z & ~0xFF
    }

    /// The length bucket of a text of `length` tokens: exact up to 24, then about 10 % wide.
    static func bucket(_ length: Int) -> Int {
        if length < 24 { return length }
        var b = 24
        var edge = 24.0
        while edge * 1.1 <= Double(length) && b < 255 {
            edge *= 1.1
            b += 1
        }
        return b
    }

    /// The length buckets that hold lengths in `window`, each with those of its lengths that fall
    /// in the window, in order (the inverse of `bucket(_:)`, walked with the same arithmetic).
    static func buckets(covering window: ClosedRange<Int>) -> [(bucket: Int, lengths: ClosedRange<Int>)] {
        var result: [(bucket: Int, lengths: ClosedRange<Int>)] = []
        var m = window.lowerBound
        while m <= window.upperBound && m < 24 {
            result.append((m, m...m))
            m += 1
        }
        guard m <= window.upperBound else { return result }
        var b = 24
        var edge = 24.0
        while true {
            // Bucket b holds the lengths from edge up to (not including) edge × 1.1; the last holds the rest.
            let next = edge * 1.1
            let end = b == 255 ? Int.max : Int(next.rounded(.up)) - 1
            if end >= m {
                result.append((b, m...Swift.min(end, window.upperBound)))
                if end >= window.upperBound { break }
                m = end + 1
            }
            edge = next
            b += 1
        }
        return result
    }

    @inline(__always)
    static func key(_ gram: UInt64, bucket: Int) -> Int64 {
        Int64(bitPattern: gram | UInt64(bucket))
    }

    /// A posting names one side of one unit: `id << 1 | side` (0 source, 1 target).
    @inline(__always)
    static func posting(unit: Int64, side: Int) -> UInt32 { UInt32(unit << 1) | UInt32(side) }

    /// The count of shared grams a text of `m` tokens needs with a query of `n` tokens to score
    /// at least `minScore` (the q-gram lemma at the largest allowed distance).
    static func threshold(n: Int, m: Int, minScore: Int, q: Int) -> Int {
        let longer = max(n, m)
        return longer + q - 1 - q * MatchScore.maxDistance(longer: longer, minScore: minScore)
    }

    /// The highest score a text of `m` tokens sharing `common` grams with a query of `n` tokens
    /// can reach, when at least `lostEdits` edits are known to separate them (`GramMask.edits`).
    static func scoreBound(n: Int, m: Int, common: Int, q: Int, lostEdits: Int = 0) -> Int {
        let longer = max(n, m)
        guard longer > 0 else { return 100 }
        let fromGrams = (longer + q - 1 - common + q - 1) / q  // ceil((longer + q − 1 − common) / q)
        let distance = max(abs(n - m), fromGrams, lostEdits, 0)
        return MatchScore.percentage(distance: min(distance, longer), n, m)
    }

    /// The lengths a text needs to reach `minScore` against a query of `n` tokens.
    static func lengthWindow(n: Int, minScore: Int) -> ClosedRange<Int> {
        guard minScore > 0 else { return 1...Int(Int32.max) }
        let low = max(1, (minScore * n + 99) / 100)
        let high = max(low, 100 * n / minScore)
        return low...high
    }
}

/// A set of gram positions of a query (the first `capacity`), for the filter that asks how many
/// edits it takes to destroy the grams a stored text lacks.
///
/// An edit of the query touches at most `q` consecutive grams: substituting or deleting token i
/// destroys the bigrams i − 1 and i (the sentinels make them exist), inserting a token between
/// two destroys the one bigram there; in word mode an edit destroys at most the one word. So a
/// set of lost positions needs at least as many edits as windows of `q` consecutive positions
/// it takes to cover it — a lower bound of the edit distance that counting shared grams misses
/// when the lost grams lie apart (counting assumes every edit destroys `q` of them).
struct GramMask: Equatable {
    static let capacity = 128
    var low: UInt64 = 0
    var high: UInt64 = 0

    @inline(__always)
    mutating func insert(_ position: Int) {
        if position < 64 {
            low |= 1 << UInt64(position)
        } else if position < Self.capacity {
            high |= 1 << UInt64(position - 64)
        }
    }

    @inline(__always)
    mutating func formUnion(_ other: GramMask) {
        low |= other.low
        high |= other.high
    }

    @inline(__always)
    func subtracting(_ other: GramMask) -> GramMask {
        GramMask(low: low & ~other.low, high: high & ~other.high)
    }

    var isEmpty: Bool { low == 0 && high == 0 }

    /// The number of positions in the set.
    var count: Int { low.nonzeroBitCount + high.nonzeroBitCount }

    /// The fewest edits that destroy every gram in the set: windows of `q` consecutive positions
    /// (placing them greedily from the left is optimal for points on a line).
    func edits(q: Int) -> Int {
        if q == 1 { return count }
        if q == 2 { return pairEdits }
        return greedyEdits(q: q)
    }

    /// `edits(q: 2)` without walking the runs (the search asks it for every candidate after each
    /// list): a run of L positions takes ⌈L / 2⌉ windows, the positions at an even distance from
    /// its start. Adding the run starts at even positions carries through exactly those runs and
    /// clears them, which tells each run's parity; the count is then one popcount.
    var pairEdits: Int {
        let even: UInt64 = 0x5555_5555_5555_5555
        // Starts of runs: a position whose predecessor is absent (bit 63 of `low` precedes bit 0 of `high`).
        let startsLow = low & ~(low << 1)
        let startsHigh = high & ~(high << 1 | low >> 63)
        let (sumLow, carry) = low.addingReportingOverflow(startsLow & even)
        let sumHigh = high &+ (startsHigh & even) &+ (carry ? 1 : 0)
        let evenRunsLow = low & ~sumLow, evenRunsHigh = high & ~sumHigh
        let chosenLow = (evenRunsLow & even) | (low & ~evenRunsLow & ~even)
        let chosenHigh = (evenRunsHigh & even) | (high & ~evenRunsHigh & ~even)
        return chosenLow.nonzeroBitCount + chosenHigh.nonzeroBitCount
    }

    /// `edits(q:)` by walking the runs of positions one by one (any `q`).
    func greedyEdits(q: Int) -> Int {
        // Runs of neighbouring positions are independent (a window cannot bridge a gap): a run
        // of L positions takes ⌈L / q⌉ windows. The two words are walked as one 128-bit line.
        var edits = 0
        var low = self.low, high = self.high
        var carry = 0  // a run of `low` that reaches bit 63 continues into `high`
        while low != 0 {
            let p = low.trailingZeroBitCount
            let length = (~(low >> UInt64(p))).trailingZeroBitCount
            if p + length == 64 {
                carry = length
                low = 0
            } else {
                edits += (length + q - 1) / q
                low &= ~(((1 << UInt64(length)) - 1) << UInt64(p))
            }
        }
        if carry > 0 {
            let length = (~high).trailingZeroBitCount  // continues only if bit 0 of `high` is set
            edits += (carry + length + q - 1) / q
            if length == 64 { return edits }
            high &= ~((1 << UInt64(length)) - 1)
        }
        while high != 0 {
            let p = high.trailingZeroBitCount
            let length = (~(high >> UInt64(p))).trailingZeroBitCount
            edits += (length + q - 1) / q
            if p + length == 64 { break }
            high &= ~(((1 << UInt64(length)) - 1) << UInt64(p))
        }
        return edits
    }
}

/// Posting lists are stored as little-endian `UInt32` arrays, ascending, so that a query can
/// binary-search a long list in place instead of decoding all of it.
enum PostingCodec {
    static func encode(_ postings: UnsafeBufferPointer<UInt32>) -> Data {
        if UInt32(1).littleEndian == 1 { return Data(buffer: postings) }
        var data = Data(capacity: postings.count * 4)
        for p in postings { withUnsafeBytes(of: p.littleEndian) { data.append(contentsOf: $0) } }
        return data
    }

    @inline(__always)
    static func count(_ bytes: UnsafeRawBufferPointer) -> Int { bytes.count / 4 }

    @inline(__always)
    static func at(_ bytes: UnsafeRawBufferPointer, _ i: Int) -> UInt32 {
        UInt32(littleEndian: bytes.loadUnaligned(fromByteOffset: i * 4, as: UInt32.self))
    }

    /// Appends a sorted blob to a sorted list, keeping it sorted with each posting once: the
    /// rows of one key join this way (import runs, compaction). Later rows hold later units, so
    /// the blob is normally just added at the end.
    static func append(_ blob: UnsafeRawBufferPointer, to list: inout Data) {
        let joined = list.count
        if let start = blob.baseAddress { list.append(start.assumingMemoryBound(to: UInt8.self), count: blob.count) }
        guard joined > 0, count(blob) > 0 else { return }
        let ascends = list.withUnsafeBytes { at($0, joined / 4 - 1) < at($0, joined / 4) }
        if ascends { return }
        let values = list.withUnsafeBytes { bytes in (0..<count(bytes)).map { at(bytes, $0) } }
        list = Array(Set(values)).sorted().withUnsafeBufferPointer { encode($0) }
    }

    /// Whether the ascending list holds `posting`.
    static func contains(_ bytes: UnsafeRawBufferPointer, _ posting: UInt32) -> Bool {
        var low = 0, high = bytes.count / 4
        while low < high {
            let mid = (low + high) >> 1
            let value = at(bytes, mid)
            if value == posting { return true }
            if value < posting { low = mid + 1 } else { high = mid }
        }
        return false
    }
}

/// Postings gathered during an import, written as one chunk per key when the buffer is full or
/// the file ends (inside the file's transaction). Entries are kept flat (dense key number and
/// posting) and grouped by a counting sort at flush time: far cheaper than one growing array per
/// key. Postings arrive in ascending order, so each group comes out sorted.
struct PostingBuffer {
    private var table = KeyTable()
    private var keys: [Int64] = []
    private var denseKeys: [UInt32] = []
    private var postings: [UInt32] = []

    var count: Int { postings.count }
    var isEmpty: Bool { postings.isEmpty }

    mutating func add(_ text: IndexGrams, posting: UInt32) {
        let bucket = text.bucket
        for gram in text.grams {
            let key = GramIndex.key(gram, bucket: bucket)
            let dense = table.slot(for: key, next: UInt32(keys.count))
            if dense == UInt32(keys.count) { keys.append(key) }
            denseKeys.append(dense)
            postings.append(posting)
        }
    }

    /// Hands every key with its ascending postings to `body`, in key order, and empties the buffer.
    mutating func drain(_ body: (Int64, UnsafeBufferPointer<UInt32>) throws -> Void) rethrows {
        table = KeyTable()  // not needed any more: free it before the grouped copy is allocated
        var offsets = [Int](repeating: 0, count: keys.count + 1)
        for d in denseKeys { offsets[Int(d) + 1] += 1 }
        for i in 0..<keys.count { offsets[i + 1] += offsets[i] }
        var grouped = [UInt32](repeating: 0, count: postings.count)
        var cursor = offsets
        for i in postings.indices {
            let d = Int(denseKeys[i])
            grouped[cursor[d]] = postings[i]
            cursor[d] += 1
        }
        denseKeys = []
        postings = []
        var pairs = [(key: Int64, dense: Int)]()
        pairs.reserveCapacity(keys.count)
        for (dense, key) in keys.enumerated() { pairs.append((key, dense)) }
        pairs.sort { $0.key < $1.key }
        let order = pairs.map(\.dense)
        pairs = []
        var unique: [UInt32] = []
        try grouped.withUnsafeBufferPointer { all in
            for d in order {
                let group = UnsafeBufferPointer(rebasing: all[offsets[d]..<offsets[d + 1]])
                // Two grams of one text can share a key only through a hash collision: store the posting once.
                var sorted = true
                for i in group.indices.dropFirst() where group[i] <= group[i - 1] { sorted = false; break }
                if sorted {
                    try body(keys[d], group)
                } else {
                    unique = Array(Set(group)).sorted()
                    try unique.withUnsafeBufferPointer { try body(keys[d], $0) }
                }
            }
        }
        keys = []
    }
}

/// An open-addressing map from index keys (already well mixed) to dense numbers: Swift's
/// `Dictionary` hashes every key again with SipHash, which dominated import time.
struct KeyTable {
    private var keys = [Int64](repeating: 0, count: 1 << 12)
    private var values = [UInt32](repeating: 0, count: 1 << 12)
    private var used = 0

    /// Fibonacci hashing over the whole key: keys of one gram differ only in their low bits (the
    /// length bucket) and must not land in one run of slots.
    @inline(__always)
    private static func index(_ key: Int64, _ mask: Int) -> Int {
        Int(truncatingIfNeeded: (UInt64(bitPattern: key) &* 0x9E37_79B9_7F4A_7C15) >> 32) & mask
    }

    /// Whether `key` is stored (keys are never 0).
    func contains(_ key: Int64) -> Bool {
        let mask = keys.count - 1
        var i = Self.index(key, mask)
        while true {
            let k = keys[i]
            if k == key { return true }
            if k == 0 { return false }
            i = (i + 1) & mask
        }
    }

    /// The number stored for `key`, or `next` after storing it (keys are never 0).
    mutating func slot(for key: Int64, next: UInt32) -> UInt32 {
        if used * 2 >= keys.count { grow() }
        let mask = keys.count - 1
        var i = Self.index(key, mask)
        while true {
            let k = keys[i]
            if k == key { return values[i] }
            if k == 0 {
                keys[i] = key
                values[i] = next
                used += 1
                return next
            }
            i = (i + 1) & mask
        }
    }

    private mutating func grow() {
        let oldKeys = keys, oldValues = values
        keys = [Int64](repeating: 0, count: oldKeys.count * 2)
        values = [UInt32](repeating: 0, count: oldKeys.count * 2)
        used = 0
        for (k, v) in zip(oldKeys, oldValues) where k != 0 { _ = slot(for: k, next: v) }
    }
}
