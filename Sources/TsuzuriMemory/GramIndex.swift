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

    /// The highest score a text of `m` tokens sharing `common` grams with a query of `n` tokens can reach.
    static func scoreBound(n: Int, m: Int, common: Int, q: Int) -> Int {
        let longer = max(n, m)
        guard longer > 0 else { return 100 }
        let fromGrams = (longer + q - 1 - common + q - 1) / q  // ceil((longer + q − 1 − common) / q)
        let distance = max(abs(n - m), fromGrams, 0)
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

/// Delta + LEB128 coding of ascending posting lists.
enum PostingCodec {
    static func encode(_ postings: [UInt32], into out: inout [UInt8]) {
        var previous: UInt32 = 0
        var first = true
        for p in postings {
            var delta = first ? p : p &- previous
            first = false
            previous = p
            while delta >= 0x80 {
                out.append(UInt8(delta & 0x7F) | 0x80)
                delta >>= 7
            }
            out.append(UInt8(delta))
        }
    }

    @inline(__always)
    static func decode(_ bytes: UnsafeRawBufferPointer, _ body: (UInt32) -> Void) {
        var value: UInt32 = 0
        var shift: UInt32 = 0
        var previous: UInt32 = 0
        var first = true
        for byte in bytes {
            value |= UInt32(byte & 0x7F) << shift
            if byte & 0x80 != 0 {
                shift += 7
                continue
            }
            let p = first ? value : previous &+ value
            first = false
            previous = p
            body(p)
            value = 0
            shift = 0
        }
    }
}

/// Postings gathered during an import, written as one chunk per key when the buffer is full or
/// the file ends (inside the file's transaction).
struct PostingBuffer {
    var lists: [Int64: [UInt32]] = [:]
    var count = 0

    mutating func add(_ text: MatchText, posting: UInt32) {
        let length = text.count
        guard length > 0 else { return }
        let bucket = GramIndex.bucket(length)
        for gram in GramIndex.grams(text) {
            lists[GramIndex.key(gram, bucket: bucket), default: []].append(posting)
        }
        count += length + 1
    }
}
