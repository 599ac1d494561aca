import Foundation

/// One query gram's posting blobs (one per length bucket and chunk, in bucket order), and the
/// query positions a text missing from them has certainly lost (`GramIndex.lostPositions`).
/// A list can be known by its length first and read when the search reaches it.
struct GramList {
    var gram: UInt64 = 0
    var blobs: [(bucket: UInt8, data: Data)] = []
    var total = 0
    var lost = GramMask()
    var isLoaded = true

    /// The blobs of the index rows of one gram; the key's low byte is its length bucket.
    init(_ rows: [PostingRow], lost: GramMask = GramMask()) {
        load(rows)
        self.lost = lost
    }

    /// A list not read yet: `total` postings under `gram`.
    init(gram: UInt64, total: Int, lost: GramMask) {
        self.gram = gram
        self.total = total
        self.lost = lost
        isLoaded = false
    }

    mutating func load(_ rows: [PostingRow]) {
        blobs = rows.map { (UInt8(truncatingIfNeeded: $0.key & 0xFF), $0.postings) }
        total = rows.reduce(0) { $0 + $1.postings.count / 4 }
        isLoaded = true
    }
}

/// Reusable buffers for many searches in one process (pretranslate, benchmarks).
public final class SearchScratch {
    /// Which candidate slot each posting has: an open-addressing table of `(posting + 1) << 32 |
    /// slot` (0: empty), sized for the candidates one search can make. A dense array over every
    /// posting of the memory (8 MB for a million units) cost a single `tm search` process more in
    /// zeroed pages than the search itself.
    var slotOf: [UInt64] = []
    /// Per candidate slot: the posting, its length bucket, the query grams found so far, and
    /// the query positions whose grams were found.
    var postings: [UInt32] = []
    var buckets: [UInt8] = []
    var counts: [Int32] = []
    var found: [GramMask] = []
    /// What one verification costs in postings read (`CandidateFilter.postingsPerVerification`);
    /// tests set 0 to stop reading lists as early as possible.
    var postingsPerVerification = CandidateFilter.postingsPerVerification
    /// Past how many live candidates the filter verifies `sampleSize` of them to raise its
    /// minimum (`CandidateFilter.run`); tests set 0 to sample on every search. At 1M units
    /// (ja→en) 100 or 1,000 and 5 or 20 measured the same as these within the noise; a query
    /// with many near-duplicates went from 11 to 5 ms.
    var sampleAlive = 300
    var sampleSize = 10

    public init() {}

    /// Makes the table ready for up to `candidates` candidates (at most half full).
    func prepare(candidates: Int) {
        var size = 1024
        while size < candidates * 2 { size *= 2 }
        if slotOf.count != size { slotOf = [UInt64](repeating: 0, count: size) }
    }

    /// Whether `slotOf` holds entries (only the hashing filter fills it).
    var tableUsed = false

    func reset() {
        if tableUsed { slotOf.withUnsafeMutableBufferPointer { $0.update(repeating: 0) } }
        tableUsed = false
        postings.removeAll(keepingCapacity: true)
        buckets.removeAll(keepingCapacity: true)
        counts.removeAll(keepingCapacity: true)
        found.removeAll(keepingCapacity: true)
    }
}

/// The index side of a fuzzy search: which stored texts can still reach the minimum score after
/// reading the query's posting lists, rarest first. Two necessary conditions, both exact:
///
/// - **Count** (the q-gram lemma): a text within `d` edits shares at least `threshold` grams.
/// - **Lost grams** (as in Ed-Join): the query grams a text lacks were destroyed by its edits, and
///   destroying them takes at least `GramMask.edits` edits; more than `maxEdits` rules it out.
///
/// A text that is in none of the first `prefix[b]` lists has lost all their grams: when that
/// alone takes more than the allowed edits (or leaves too few lists to reach the count), no text
/// first seen later can qualify. So new candidates come only from those rarest lists (far fewer
/// than the count alone needs when the rare grams lie apart), and the longer lists are only
/// checked for the candidates still alive (galloping through a list while they are few).
struct CandidateFilter {
    let q: Int
    /// Per length bucket: the fewest shared grams any allowed length in it needs, the most edits
    /// any of them allows, and how many of the rarest lists can still bring a new candidate.
    var threshold = [Int](repeating: Int.max, count: 256)
    var maxEdits = [Int](repeating: -1, count: 256)
    var prefix = [Int](repeating: 0, count: 256)
    private let g: Int
    private let n: Int
    private let window: ClosedRange<Int>
    /// The score the thresholds stand for: the search's minimum, or higher once `raise(to:)` has
    /// been told that enough texts reach a higher one.
    private(set) var minScore: Int

    init(lists: [GramList], n: Int, q: Int, minScore: Int, window: ClosedRange<Int>) {
        self.q = q
        self.n = n
        self.window = window
        self.minScore = minScore
        g = lists.count
        // coverAt[k]: the edits a text in none of the first k lists needs at least.
        var coverAt = [Int](repeating: 0, count: g + 1)
        var union = GramMask()
        for (k, list) in lists.enumerated() {
            union.formUnion(list.lost)
            coverAt[k + 1] = union.edits(q: q)
        }
        for (b, lengths) in GramIndex.buckets(covering: window) {
            for m in lengths {
                let t = GramIndex.threshold(n: n, m: m, minScore: minScore, q: q)
                let d = MatchScore.maxDistance(longer: Swift.max(n, m), minScore: minScore)
                threshold[b] = Swift.min(threshold[b], t)
                maxEdits[b] = Swift.max(maxEdits[b], d)
                // The fewest lists after which an unseen text of length m cannot qualify: it can
                // be in at most g − k of the rest, and has lost what the first k stand for.
                var needed = Swift.min(g, Swift.max(0, g - t + 1))
                if coverAt[needed] > d {
                    var low = 0, high = needed  // the first k with coverAt[k] > d (coverAt never decreases)
                    while low < high {
                        let mid = (low + high) / 2
                        if coverAt[mid] > d { high = mid } else { low = mid + 1 }
                    }
                    needed = low
                }
                prefix[b] = Swift.max(prefix[b], Swift.min(needed, g))
            }
        }
    }

    /// Raises the count each bucket needs and lowers the edits it allows to what `score` needs
    /// (the prefix of lists stays: it was read for the lower score, which is the safe side).
    mutating func raise(to score: Int) {
        guard score > minScore else { return }
        minScore = score
        for (b, lengths) in GramIndex.buckets(covering: window) {
            threshold[b] = Int.max
            maxEdits[b] = -1
            for m in lengths {
                threshold[b] = Swift.min(threshold[b], GramIndex.threshold(n: n, m: m, minScore: score, q: q))
                maxEdits[b] = Swift.max(maxEdits[b], MatchScore.maxDistance(longer: Swift.max(n, m), minScore: score))
            }
        }
    }

    /// What the lists left of the candidates: their slots (in `scratch`), and how complete their
    /// counts are (the lists not read, and the positions of the lists read).
    struct Survivors {
        var slots: [UInt32]
        var unread: Int
        var processed: GramMask
    }

    /// Reads the lists (sorted rarest first; `load` reads one not read yet) and returns the texts
    /// that pass both conditions. Once the candidates are few next to the postings left to read,
    /// it stops: verifying a candidate costs about as much as reading `postingsPerVerification`
    /// postings, and the caller bounds the counts by what the unread lists could still add.
    /// `postingLimit` bounds the distinct postings of the memory (two per unit), so that a long
    /// query of common grams does not size the table past the memory itself.
    ///
    /// `sample` verifies a few candidates and returns the score of the `limit`-th best hit among
    /// them (nil when fewer reach the minimum, or when the store cannot verify cheaply). The
    /// merging filter asks it once, when many candidates are still alive after the rarest lists,
    /// for those in the most lists: when `limit` texts score at least S, no text under S can be
    /// among the best, so the thresholds rise to S (`raise(to:)`) and the long lists that follow
    /// prune far more. Queries with many near-duplicates in the memory were the slowest.
    mutating func run(_ lists: inout [GramList], load: (inout GramList) throws -> Void, sample: ([UInt32]) throws -> Int? = { _ in nil },
                      scratch: SearchScratch, postingLimit: Int, trace: inout SearchTrace) throws -> Survivors {
        let longestPrefix = prefix.max() ?? 0
        if longestPrefix <= SortedCandidates.maxLists {
            return try runMerging(&lists, load: load, sample: sample, scratch: scratch, trace: &trace)
        }
        return try runHashing(&lists, load: load, scratch: scratch, postingLimit: postingLimit, trace: &trace)
    }

    /// `run` by merging sorted lists: the candidates are the union of the prefix lists, built by
    /// merging them pairwise (each candidate carries the set of lists it is in), and every later
    /// list is intersected with the sorted candidates, galloping when they are few. Every access
    /// is sequential, where a hash table sized for tens of thousands of candidates misses the
    /// cache on every posting. Needs the prefix lists to fit in a 64-bit set.
    private mutating func runMerging(_ lists: inout [GramList], load: (inout GramList) throws -> Void,
                                     sample: ([UInt32]) throws -> Int?, scratch: SearchScratch, trace: inout SearchTrace) throws -> Survivors {
        let longestPrefix = prefix.max() ?? 0
        scratch.reset()
        var postingsRead = 0
        var processed = GramMask()
        for k in 0..<longestPrefix {
            if !lists[k].isLoaded { try load(&lists[k]) }
            for (_, data) in lists[k].blobs { postingsRead += data.count / 4 }
        }
        // The candidates, bucket by bucket (ascending), each bucket's sorted by posting. They
        // fill the scratch arrays of the last search: fresh arrays of this size cost page faults.
        var candidates = SortedCandidates()
        swap(&candidates.postings, &scratch.postings)
        swap(&candidates.buckets, &scratch.buckets)
        swap(&candidates.counts, &scratch.counts)
        swap(&candidates.found, &scratch.found)
        var bucketsSeen = [Bool](repeating: false, count: 256)
        for k in 0..<longestPrefix {
            for (bucket, _) in lists[k].blobs { bucketsSeen[Int(bucket)] = true }
        }
        let lost = lists.prefix(longestPrefix).map(\.lost)
        for b in 0..<256 where bucketsSeen[b] && prefix[b] > 0 {
            var runs: [[SortedCandidates.Entry]] = []
            for k in 0..<Swift.min(prefix[b], longestPrefix) {
                for (bucket, data) in lists[k].blobs where Int(bucket) == b {
                    runs.append(SortedCandidates.run(data, list: k))
                }
            }
            candidates.append(SortedCandidates.union(runs), bucket: UInt8(b), lost: lost)
        }
        for k in 0..<longestPrefix { processed.formUnion(lists[k].lost) }
        // The prefix lists seen from buckets whose own prefix is shorter: counted, not candidates.
        for k in 0..<longestPrefix {
            for (bucket, data) in lists[k].blobs where k >= prefix[Int(bucket)] {
                candidates.count(data, bucket: bucket, lost: lists[k].lost, alive: nil)
            }
        }
        var alive = [UInt32](0..<UInt32(candidates.postings.count))
        prune(&alive, remaining: g - longestPrefix, processed: processed, buckets: candidates.buckets, counts: candidates.counts, found: candidates.found)
        var k = longestPrefix
        var unreadPostings = lists[k...].reduce(0) { $0 + ($1.isLoaded ? 0 : $1.total) }
        var sampled = false
        // The rest: only the candidates still alive.
        while k < g && !alive.isEmpty {
            if !sampled, alive.count > scratch.sampleAlive {
                sampled = true
                if let score = try sample(Self.mostFound(alive, candidates.counts, count: scratch.sampleSize).map { candidates.postings[Int($0)] }),
                   score > minScore {
                    raise(to: score)
                    trace.raisedMinScore = score
                    prune(&alive, remaining: g - k, processed: processed, buckets: candidates.buckets, counts: candidates.counts, found: candidates.found)
                    if alive.isEmpty { break }
                }
            }
            if !lists[k].isLoaded {
                if alive.count * scratch.postingsPerVerification < unreadPostings { break }
                unreadPostings -= lists[k].total
                try load(&lists[k])
            }
            let list = lists[k]
            for (bucket, data) in list.blobs {
                postingsRead += candidates.count(data, bucket: bucket, lost: list.lost, alive: alive)
            }
            processed.formUnion(list.lost)
            k += 1
            prune(&alive, remaining: g - k, processed: processed, newlyLost: list.lost, buckets: candidates.buckets, counts: candidates.counts, found: candidates.found)
        }
        trace.postingsRead = postingsRead
        scratch.postings = candidates.postings
        scratch.buckets = candidates.buckets
        scratch.counts = candidates.counts
        scratch.found = candidates.found
        return Survivors(slots: alive, unread: g - k, processed: processed)
    }

    /// `run` through a hash table of candidates: for prefixes too long for `runMerging`.
    private func runHashing(_ lists: inout [GramList], load: (inout GramList) throws -> Void, scratch: SearchScratch, postingLimit: Int,
                            trace: inout SearchTrace) rethrows -> Survivors {
        let longestPrefix = prefix.max() ?? 0
        scratch.reset()
        // The table is sized by the lists as read: a store's counts may be estimates.
        for k in 0..<longestPrefix where !lists[k].isLoaded { try load(&lists[k]) }
        scratch.prepare(candidates: min(postingLimit, lists.prefix(longestPrefix).reduce(0) { $0 + $1.total }))
        scratch.tableUsed = true
        var slotOf: [UInt64] = [], postings: [UInt32] = [], buckets: [UInt8] = [], counts: [Int32] = [], found: [GramMask] = []
        swap(&slotOf, &scratch.slotOf)
        swap(&postings, &scratch.postings)
        swap(&buckets, &scratch.buckets)
        swap(&counts, &scratch.counts)
        swap(&found, &scratch.found)
        defer {
            swap(&slotOf, &scratch.slotOf)
            swap(&postings, &scratch.postings)
            swap(&buckets, &scratch.buckets)
            swap(&counts, &scratch.counts)
            swap(&found, &scratch.found)
        }
        var postingsRead = 0
        var processed = GramMask()
        var k = 0
        // New candidates: every posting of the lists inside its bucket's prefix.
        while k < longestPrefix {
            if !lists[k].isLoaded { try load(&lists[k]) }
            let list = lists[k]
            for (bucket, data) in list.blobs {
                postingsRead += data.count / 4
                if k < prefix[Int(bucket)] {
                    data.withUnsafeBytes { bytes in
                        Self.add(bytes, bucket: bucket, lost: list.lost, slotOf: &slotOf, postings: &postings, buckets: &buckets, counts: &counts, found: &found)
                    }
                } else {
                    data.withUnsafeBytes { bytes in Self.check(bytes, lost: list.lost, slotOf: &slotOf, counts: &counts, found: &found) }
                }
            }
            processed.formUnion(list.lost)
            k += 1
        }
        var alive = [UInt32](0..<UInt32(postings.count))
        prune(&alive, remaining: g - k, processed: processed, buckets: buckets, counts: counts, found: found)
        var unreadPostings = lists[k...].reduce(0) { $0 + ($1.isLoaded ? 0 : $1.total) }
        // The rest: only the candidates still alive, by binary search while they are few.
        while k < g && !alive.isEmpty {
            if !lists[k].isLoaded {
                if alive.count * scratch.postingsPerVerification < unreadPostings { break }
                unreadPostings -= lists[k].total
                try load(&lists[k])
            }
            let list = lists[k]
            if alive.count * 24 < list.total {
                postingsRead += alive.count
                for slot in alive {
                    let s = Int(slot)
                    let bucket = buckets[s], p = postings[s]
                    for (b, data) in list.blobs where b == bucket {
                        if data.withUnsafeBytes({ PostingCodec.contains($0, p) }) {
                            counts[s] += 1
                            found[s].formUnion(list.lost)
                            break
                        }
                    }
                }
            } else {
                for (_, data) in list.blobs {
                    postingsRead += data.count / 4
                    data.withUnsafeBytes { bytes in Self.check(bytes, lost: list.lost, slotOf: &slotOf, counts: &counts, found: &found) }
                }
            }
            processed.formUnion(list.lost)
            k += 1
            prune(&alive, remaining: g - k, processed: processed, newlyLost: list.lost, buckets: buckets, counts: counts, found: found)
        }
        trace.postingsRead = postingsRead
        return Survivors(slots: alive, unread: g - k, processed: processed)
    }

    /// The `count` slots of `alive` with the highest counts (the first of equals).
    private static func mostFound(_ alive: [UInt32], _ counts: [Int32], count: Int) -> [UInt32] {
        var best: [UInt32] = []
        best.reserveCapacity(count + 1)
        for slot in alive {
            let c = counts[Int(slot)]
            guard best.count < count || c > counts[Int(best[best.count - 1])] else { continue }
            var i = best.count
            while i > 0 && counts[Int(best[i - 1])] < c { i -= 1 }
            best.insert(slot, at: i)
            if best.count > count { best.removeLast() }
        }
        return best
    }

    /// About what one verification costs (reading the stored text, tokenizing it, the edit
    /// distance), in postings read from the index. 10,000 until the stored text was read through
    /// the C API; at 1M units (ja→en, CPU p50 / p95) 3,000 then measured 4.4 / 11.7 ms against
    /// 4.9 / 14.5 ms, and 1,000 4.6 / 13.5 ms.
    static let postingsPerVerification = 3_000

    /// Keeps the candidates that can still reach their bucket's count with the `remaining`
    /// lists and whose lost grams (among the `processed` positions) allow few enough edits.
    /// `newlyLost` is what the last list adds to `processed` (nil: check every candidate's lost
    /// grams): a candidate found in it has lost nothing new since it last passed.
    private func prune(_ alive: inout [UInt32], remaining: Int, processed: GramMask, newlyLost: GramMask? = nil, buckets: [UInt8], counts: [Int32], found: [GramMask]) {
        var kept = 0
        // Finding one position lowers the edits needed by at most one: a candidate that found
        // few of the processed positions needs no greedy count to be ruled out.
        let processedEdits = processed.edits(q: q)
        alive.withUnsafeMutableBufferPointer { alive in
            for i in 0..<alive.count {
                let s = Int(alive[i])
                let b = Int(buckets[s])
                guard Int(counts[s]) + remaining >= threshold[b] else { continue }
                if processedEdits - found[s].count > maxEdits[b] { continue }
                if let newlyLost, newlyLost.subtracting(found[s]).isEmpty {
                    alive[kept] = alive[i]
                    kept += 1
                    continue
                }
                let missing = processed.subtracting(found[s])
                // One edit per lost gram is the most the set can need: then the greedy count is moot.
                let lost = missing.count
                if lost > maxEdits[b] && (lost + q - 1) / q > maxEdits[b] || lost > maxEdits[b] && missing.edits(q: q) > maxEdits[b] { continue }
                alive[kept] = alive[i]
                kept += 1
            }
        }
        alive.removeLast(alive.count - kept)
    }

    /// Counts every posting of a blob, making new candidates of those not seen yet.
    /// Where `posting` lives or belongs in the table (Fibonacci hashing; postings of one list are
    /// ascending and would cluster under a plain mask).
    @inline(__always)
    private static func home(_ posting: UInt32, _ mask: Int) -> Int {
        Int(truncatingIfNeeded: (UInt64(posting) &* 0x9E37_79B9_7F4A_7C15) >> 32) & mask
    }

    /// Appends `n` blank candidates to the parallel columns (posting, bucket, count, positions
    /// found), for a loop that then fills them through plain pointers.
    static func makeRoom(_ n: Int, bucket: UInt8, postings: inout [UInt32], buckets: inout [UInt8], counts: inout [Int32], found: inout [GramMask]) {
        postings.append(contentsOf: repeatElement(0, count: n))
        buckets.append(contentsOf: repeatElement(bucket, count: n))
        counts.append(contentsOf: repeatElement(0, count: n))
        found.append(contentsOf: repeatElement(GramMask(), count: n))
    }

    private static func add(_ bytes: UnsafeRawBufferPointer, bucket: UInt8, lost: GramMask, slotOf: inout [UInt64], postings: inout [UInt32],
                            buckets: inout [UInt8], counts: inout [Int32], found: inout [GramMask]) {
        let n = PostingCodec.count(bytes)
        var used = postings.count
        // Room for every posting to be new, so that the loop writes through plain pointers.
        makeRoom(n, bucket: 0, postings: &postings, buckets: &buckets, counts: &counts, found: &found)
        slotOf.withUnsafeMutableBufferPointer { slotOf in
            postings.withUnsafeMutableBufferPointer { postings in
                buckets.withUnsafeMutableBufferPointer { buckets in
                    counts.withUnsafeMutableBufferPointer { counts in
                        found.withUnsafeMutableBufferPointer { found in
                            let mask = slotOf.count - 1
                            for i in 0..<n {
                                let p = PostingCodec.at(bytes, i)
                                let key = UInt64(p &+ 1) << 32
                                var j = home(p, mask)
                                while true {
                                    let entry = slotOf[j]
                                    if entry == 0 {
                                        postings[used] = p
                                        buckets[used] = bucket
                                        counts[used] = 1
                                        found[used] = lost
                                        slotOf[j] = key | UInt64(used)
                                        used += 1
                                        break
                                    }
                                    if entry & 0xFFFF_FFFF_0000_0000 == key {
                                        let s = Int(entry & 0xFFFF_FFFF)
                                        counts[s] += 1
                                        found[s].formUnion(lost)
                                        break
                                    }
                                    j = (j + 1) & mask
                                }
                            }
                        }
                    }
                }
            }
        }
        postings.removeLast(postings.count - used)
        buckets.removeLast(buckets.count - used)
        counts.removeLast(counts.count - used)
        found.removeLast(found.count - used)
    }

    /// Counts the postings of a blob that are candidates already.
    private static func check(_ bytes: UnsafeRawBufferPointer, lost: GramMask, slotOf: inout [UInt64], counts: inout [Int32], found: inout [GramMask]) {
        let n = PostingCodec.count(bytes)
        slotOf.withUnsafeMutableBufferPointer { slotOf in
            counts.withUnsafeMutableBufferPointer { counts in
                found.withUnsafeMutableBufferPointer { found in
                    let mask = slotOf.count - 1
                    for i in 0..<n {
                        let p = PostingCodec.at(bytes, i)
                        let key = UInt64(p &+ 1) << 32
                        var j = home(p, mask)
                        while true {
                            let entry = slotOf[j]
                            if entry == 0 { break }
                            if entry & 0xFFFF_FFFF_0000_0000 == key {
                                let s = Int(entry & 0xFFFF_FFFF)
                                counts[s] += 1
                                found[s].formUnion(lost)
                                break
                            }
                            j = (j + 1) & mask
                        }
                    }
                }
            }
        }
    }
}

/// Candidates sorted by (length bucket, posting), with their counts and found positions: what
/// `CandidateFilter.runMerging` counts into. A candidate's index is its slot.
struct SortedCandidates {
    /// The most prefix lists a candidate's set of lists can name.
    static let maxLists = 64

    /// A posting and the prefix lists (bit k: list k) it was found in.
    struct Entry {
        var posting: UInt32
        var lists: UInt64
    }

    var postings: [UInt32] = []
    var buckets: [UInt8] = []
    var counts: [Int32] = []
    var found: [GramMask] = []
    /// Where each bucket's candidates start and end.
    var starts = [Int](repeating: 0, count: 256)
    var ends = [Int](repeating: 0, count: 256)

    /// One sorted blob as a run of entries of list `k`.
    static func run(_ data: Data, list k: Int) -> [Entry] {
        data.withUnsafeBytes { bytes in
            let n = PostingCodec.count(bytes)
            let bit = UInt64(1) << UInt64(k)
            return [Entry](unsafeUninitializedCapacity: n) { buffer, count in
                for i in 0..<n { buffer[i] = Entry(posting: PostingCodec.at(bytes, i), lists: bit) }
                count = n
            }
        }
    }

    /// The union of sorted runs (equal postings merged, their lists joined), the two shortest
    /// merged first: a query's lists differ in length by orders of magnitude, and merging the
    /// short ones together before the long ones copies each long run once or twice rather than
    /// once per level of a balanced tree.
    static func union(_ runs: [[Entry]]) -> [Entry] {
        // Longest first, so that the two shortest are at the end.
        var runs = runs.sorted { $0.count > $1.count }
        while runs.count > 1 {
            let merged = merge(runs.removeLast(), runs.removeLast())
            var i = runs.count
            while i > 0 && runs[i - 1].count < merged.count { i -= 1 }
            runs.insert(merged, at: i)
        }
        return runs.first ?? []
    }

    private static func merge(_ a: [Entry], _ b: [Entry]) -> [Entry] {
        a.withUnsafeBufferPointer { a in
            b.withUnsafeBufferPointer { b in
                [Entry](unsafeUninitializedCapacity: a.count + b.count) { out, count in
                    var i = 0, j = 0, o = 0
                    // Without branches on the order (they mispredict half the time): take the
                    // smaller posting, from both sides when equal.
                    while i < a.count && j < b.count {
                        let x = a[i], y = b[j]
                        let fromA = x.posting <= y.posting, fromB = y.posting <= x.posting
                        out[o] = Entry(posting: fromA ? x.posting : y.posting, lists: (fromA ? x.lists : 0) | (fromB ? y.lists : 0))
                        i &+= fromA ? 1 : 0
                        j &+= fromB ? 1 : 0
                        o &+= 1
                    }
                    while i < a.count { out[o] = a[i]; i += 1; o += 1 }
                    while j < b.count { out[o] = b[j]; j += 1; o += 1 }
                    count = o
                }
            }
        }
    }

    /// Adds one bucket's candidates (buckets come in ascending order); `lost` holds each list's
    /// lost positions (taken out of the lists once: subscripting a `GramList` retains its blobs).
    mutating func append(_ entries: [Entry], bucket: UInt8, lost: [GramMask]) {
        let b = Int(bucket)
        let start = postings.count, n = entries.count
        starts[b] = start
        // Room for the entries first, then one pass that writes through plain pointers.
        CandidateFilter.makeRoom(n, bucket: bucket, postings: &postings, buckets: &buckets, counts: &counts, found: &found)
        entries.withUnsafeBufferPointer { entries in
            lost.withUnsafeBufferPointer { lost in
                postings.withUnsafeMutableBufferPointer { postings in
                    counts.withUnsafeMutableBufferPointer { counts in
                        found.withUnsafeMutableBufferPointer { found in
                            for i in 0..<n {
                                let entry = entries[i]
                                postings[start + i] = entry.posting
                                counts[start + i] = Int32(entry.lists.nonzeroBitCount)
                                var mask = GramMask()
                                var bits = entry.lists
                                while bits != 0 {
                                    mask.formUnion(lost[bits.trailingZeroBitCount])
                                    bits &= bits - 1
                                }
                                found[start + i] = mask
                            }
                        }
                    }
                }
            }
        }
        ends[b] = postings.count
    }

    /// Counts the candidates of `bucket` that a sorted blob holds (only the `alive` slots, sorted,
    /// when given) and returns how many postings it looked at. Few candidates next to a long
    /// blob gallop through it; otherwise the two are merged.
    @discardableResult
    mutating func count(_ data: Data, bucket: UInt8, lost: GramMask, alive: [UInt32]?) -> Int {
        let b = Int(bucket)
        guard ends[b] > starts[b] else { return 0 }
        var looked = 0
        data.withUnsafeBytes { bytes in
            let n = PostingCodec.count(bytes)
            guard n > 0 else { return }
            postings.withUnsafeBufferPointer { postings in
                counts.withUnsafeMutableBufferPointer { counts in
                    found.withUnsafeMutableBufferPointer { found in
                        func visit(_ slots: some Collection<Int>, _ many: Int) {
                            if many * 8 < n {
                                // Gallop: for each candidate, double the step from the last match, then bisect.
                                var low = 0
                                looked += many
                                for s in slots {
                                    let p = postings[s]
                                    var step = 1, high = low
                                    while high < n && PostingCodec.at(bytes, high) < p {
                                        low = high + 1
                                        high += step
                                        step <<= 1
                                    }
                                    var h = Swift.min(high, n - 1) + 1
                                    while low < h {
                                        let mid = (low + h) >> 1
                                        if PostingCodec.at(bytes, mid) < p { low = mid + 1 } else { h = mid }
                                    }
                                    if low == n { break }
                                    if PostingCodec.at(bytes, low) == p {
                                        counts[s] += 1
                                        found[s].formUnion(lost)
                                        low += 1
                                    }
                                }
                            } else {
                                looked += n
                                var i = 0
                                for s in slots {
                                    let p = postings[s]
                                    while i < n && PostingCodec.at(bytes, i) < p { i += 1 }
                                    if i == n { break }
                                    if PostingCodec.at(bytes, i) == p {
                                        counts[s] += 1
                                        found[s].formUnion(lost)
                                        i += 1
                                    }
                                }
                            }
                        }
                        if let alive {
                            // The alive slots of this bucket: a sorted stretch of `alive`.
                            var low = 0, high = alive.count
                            while low < high {
                                let mid = (low + high) >> 1
                                if Int(alive[mid]) < starts[b] { low = mid + 1 } else { high = mid }
                            }
                            var end = low
                            while end < alive.count && Int(alive[end]) < ends[b] { end += 1 }
                            visit(alive[low..<end].lazy.map { Int($0) }, end - low)
                        } else {
                            visit(starts[b]..<ends[b], ends[b] - starts[b])
                        }
                    }
                }
            }
        }
        return looked
    }
}
