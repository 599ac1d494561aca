import Foundation

/// Where a translation memory keeps its units and fuzzy index: an SQLite file or a PostgreSQL
/// database. The memory's logic (import rules, gram counting, ranking) lives above this seam and
/// is the same for every store; a store only stores.
public protocol MemoryStore: AnyObject, Sendable {
    /// How messages name the memory: a file path, or a server URL without its password.
    var location: String { get }
    /// Runs `body` on one consistent snapshot of the memory.
    func read<T>(_ body: (any MemoryReading) throws -> T) throws -> T
    /// Runs `body` in one transaction that excludes other writers: on any error nothing of it stays.
    func write<T>(_ body: (any MemoryWriting) throws -> T) throws -> T
    /// The bytes the memory takes on disk, when the store can tell.
    func bytesOnDisk() -> Int64
    /// Called before a search: lets the store prepare for many scattered index reads.
    func prepareForSearch()
    /// Gives back the space of deleted rows (after `compactIndex`), when the store can.
    func reclaimSpace() throws
}

extension MemoryStore {
    public func prepareForSearch() {}
    public func reclaimSpace() throws {}
}

/// One stored unit as the store holds it (dates in seconds since 1970; notes and properties as JSON).
public struct StoredUnit: Sendable, Equatable {
    public var id: Int64
    public var sourceLanguage: String
    public var targetLanguage: String
    public var source: String
    public var target: String
    public var sourceMarkup: String?
    public var targetMarkup: String?
    public var origin: String?
    public var created: Double
    public var changed: Double
    public var notes: String?
    public var properties: String?
    public var pairHash: Int64
}

/// The texts of one unit that searches compare, without the rest of the record.
public struct StoredTexts: Sendable {
    public var id: Int64
    public var source: String
    public var sourceLanguage: String
    public var target: String
    public var targetLanguage: String
    public var changed: Double
}

/// One side of one unit: what the search verifies a candidate against.
public struct StoredSide: Sendable {
    public var text: String
    public var language: String
    public var changed: Double
}

/// One row of the fuzzy index: the postings of one key (gram and length bucket) in one chunk.
public struct PostingRow: Sendable {
    public var key: Int64
    public var postings: Data
}

/// Reads a memory (inside `MemoryStore.read` or `write`).
public protocol MemoryReading {
    /// The highest unit id (0 when empty).
    func maxUnitID() throws -> Int64
    /// The index rows of each gram (low 8 bits clear) in the length buckets `buckets`.
    func postingRows(grams: [UInt64], buckets: ClosedRange<Int>) throws -> [UInt64: [PostingRow]]
    /// How many postings each gram has in the length buckets `buckets`, without reading them, when
    /// the store can tell cheaply (nil otherwise): a search then reads a gram's rows only when it
    /// needs them, and often never reads the longest lists. An estimate will do (the search only
    /// orders the lists by it and decides by it when reading more stops paying).
    func postingCounts(grams: [UInt64], buckets: ClosedRange<Int>) throws -> [UInt64: Int]?
    /// One side (0 source, 1 target) of a unit, or nil when the unit is gone.
    func side(_ side: Int, ofUnit id: Int64) throws -> StoredSide?
    /// A whole unit, or nil when it is gone.
    func unit(_ id: Int64) throws -> StoredUnit?
    /// Every unit's texts, in id order.
    func forEachTexts(_ body: (StoredTexts) throws -> Void) throws
    /// Every unit, in id order.
    func forEachUnit(_ body: (StoredUnit) throws -> Void) throws
    func unitCount() throws -> Int
    /// (source, target, units), most units first.
    func languagePairs() throws -> [(source: String, target: String, units: Int)]
    /// (origin or "", units), most units first, then by origin.
    func origins() throws -> [(origin: String, units: Int)]
    /// Up to `limit` distinct source languages.
    func sourceLanguages(limit: Int) throws -> [String]
    /// Index chunks written so far.
    func chunkCount() throws -> Int
    /// Says which candidates (postings: unit id × 2 + side) a search is about to verify, so that a
    /// server store fetches their units in one round trip rather than one per `side` or `unit`.
    func prefetch(postings: [UInt32]) throws
    /// Whether a few candidates can be verified in the middle of the filter at little cost (so
    /// that their scores may raise its minimum): true for a local file, not for a server store,
    /// where they would take a request of their own.
    var verifiesCheaply: Bool { get }
}

extension MemoryReading {
    /// By default a store cannot tell the counts cheaply: the search then reads every list at once.
    public func postingCounts(grams: [UInt64], buckets: ClosedRange<Int>) throws -> [UInt64: Int]? { nil }
    /// A file store reads each unit when asked, as cheaply as from a batch.
    public func prefetch(postings: [UInt32]) throws {}
    public var verifiesCheaply: Bool { false }
}

/// Changes a memory inside one `MemoryStore.write` transaction.
public protocol MemoryWriting: MemoryReading {
    /// Every stored pair hash (for the duplicate check of bulk imports).
    func forEachPairHash(_ body: (Int64) -> Void) throws
    /// The units stored under one pair hash (to tell a duplicate from a collision).
    func units(withPairHash hash: Int64) throws -> [StoredUnit]
    /// Stores a unit (its `id` is ignored) and returns its new id.
    func insert(_ unit: StoredUnit) throws -> Int64
    /// Stores the buffered postings of one chunk: one row per key.
    func insertPostings(_ rows: [PostingRow], chunk: Int64) throws
    /// The number the next index chunk takes; `claimChunk` moves it on.
    func claimChunk() throws -> Int64
    /// A folder where an import may keep the index runs its buffer cannot hold, to hand them
    /// over merged as one chunk (`PostingSpill`); nil: each run is a chunk of its own.
    var spillFolder: String? { get }
    /// Joins every key's index rows (one per import or `add`) into one, and returns how many rows
    /// there were and are; nil when the store does not compact.
    func compactIndex() throws -> (before: Int, after: Int)?
}

extension MemoryWriting {
    /// By default each run is written as it comes (PostgreSQL merges the runs of a transaction
    /// itself, in memory, before it sends them).
    public var spillFolder: String? { nil }
    public func compactIndex() throws -> (before: Int, after: Int)? { nil }
}
