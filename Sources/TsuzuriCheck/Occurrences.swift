import Foundation

/// Where each key (a katakana spelling, a glossary form) occurs, keys in first-seen order: the
/// count and first place of each stay in memory, for the report's decisions; the places
/// themselves go to a `RecordLog`, so that only the places of the spellings a report shows are
/// ever held together.
struct Occurrences<Key: OccurrenceKey> {
    /// Keys in the order they were first seen (a key whose places were all removed stays listed).
    private(set) var order: [Key] = []
    private var ids: [Key.Lookup: Int] = [:]
    private var tallies: [Int] = []
    private var firsts: [Checker.Packed] = []
    /// The places of the lists that `removeAll` changed (the report's copy only).
    private var replaced: [Int: [Checker.Packed]] = [:]
    /// Shared by the copies of a table: only appends write to it, and only the checker appends.
    private let log: RecordLog<Checker.Packed>

    /// How many places may wait in memory before they are written to a temporary file.
    var budget: Int { log.budget }

    /// `budget`: how many places may wait in memory before they are written to a temporary file.
    init(budget: Int = Int.max) {
        log = RecordLog(budget: budget)
    }

    private mutating func id(_ key: Key, first place: Checker.Packed) -> Int {
        if let id = ids[key.lookup] { return id }
        let id = log.newList()
        ids[key.lookup] = id
        order.append(key)
        tallies.append(0)
        firsts.append(place)
        return id
    }

    mutating func append(_ place: Checker.Packed, to key: Key) {
        let id = id(key, first: place)
        tallies[id] += 1
        log.append(place, to: id)
    }

    mutating func append(contentsOf places: [Checker.Packed], to key: Key) {
        guard let first = places.first else { return }
        let id = id(key, first: first)
        tallies[id] += places.count
        log.append(contentsOf: places, to: id)
    }

    /// How many places the key has (0 when it has none).
    func count(_ key: Key) -> Int {
        ids[key.lookup].map { tallies[$0] } ?? 0
    }

    func contains(_ key: Key) -> Bool { count(key) > 0 }

    /// The counts of the keys that have places.
    var counts: [Key: Int] {
        var result: [Key: Int] = [:]
        result.reserveCapacity(ids.count)
        for (key, id) in zip(order, order.indices) where tallies[id] > 0 { result[key] = tallies[id] }
        return result
    }

    /// The key's first place in input order.
    func first(_ key: Key) -> Checker.Packed? {
        guard let id = ids[key.lookup], tallies[id] > 0 else { return nil }
        if let list = replaced[id] { return list.first }
        return firsts[id]
    }

    /// Every place of the key, in input order (read back from the file for a large input).
    func places(_ key: Key) -> [Checker.Packed] {
        guard let id = ids[key.lookup], tallies[id] > 0 else { return [] }
        return replaced[id] ?? log.records(of: id)
    }

    /// Calls `body` with the places of every key in first-seen order, a block at a time (for
    /// merging a part's table into the whole's).
    func forEachBlock(_ body: (Key, [Checker.Packed]) -> Void) {
        for (key, id) in zip(order, order.indices) {
            if let list = replaced[id] {
                body(key, list)
            } else {
                log.forEachBlock(of: id) { body(key, $0) }
            }
        }
    }

    /// Calls `body` with the places of one key, a block at a time, in input order.
    func forEachBlock(of key: Key, _ body: ([Checker.Packed]) -> Void) {
        guard let id = ids[key.lookup], tallies[id] > 0 else { return }
        if let list = replaced[id] {
            body(list)
        } else {
            log.forEachBlock(of: id, body)
        }
    }

    /// Drops the places of `key` that `shouldRemove` picks (in this copy of the table only).
    mutating func removeAll(_ key: Key, where shouldRemove: (Checker.Packed) -> Bool) {
        guard let id = ids[key.lookup], tallies[id] > 0 else { return }
        var list = places(key)
        list.removeAll(where: shouldRemove)
        tallies[id] = list.count
        replaced[id] = list
    }
}

extension Checker {
    /// How many term places the checker keeps in memory before it writes them to a temporary
    /// file (see `RecordLog`): a bound on memory for inputs of any size. Set it before checking
    /// anything; the report is the same whatever the bound.
    public func keepPlaces(inMemoryUpTo budget: Int) {
        precondition(spellings.order.isEmpty && hits.order.isEmpty, "set the bound before checking")
        spellings = Occurrences(budget: budget)
        hits = Occurrences(budget: budget)
        context = DocumentContext(budget: budget)
    }
}

/// A key of an `Occurrences` table, with the value its table is indexed by.
protocol OccurrenceKey: Hashable {
    associatedtype Lookup: Hashable
    var lookup: Lookup { get }
}

extension String: OccurrenceKey {
    var lookup: TermKey { TermKey(self) }
}

extension Checker.HitKey: OccurrenceKey {
    var lookup: Self { self }
}

/// A term as a dictionary key, hashed and compared by its UTF-8 bytes. `String` hashes and
/// compares by canonical equivalence, normalising non-ASCII text on every hash and on every probe
/// that meets another key: most of the cost of recording a katakana word. The checker's terms are
/// already normalised (NFKC, katakana letters only), so two equal terms have equal bytes.
struct TermKey: Hashable {
    let text: String

    init(_ text: String) { self.text = text }

    func hash(into hasher: inout Hasher) {
        var text = text
        text.withUTF8 { hasher.combine(bytes: UnsafeRawBufferPointer($0)) }
    }

    static func == (a: TermKey, b: TermKey) -> Bool {
        var (x, y) = (a.text, b.text)
        return x.withUTF8 { p in
            y.withUTF8 { q in p.count == q.count && (p.isEmpty || memcmp(p.baseAddress!, q.baseAddress!, p.count) == 0) }
        }
    }
}
