import Foundation
import TsuzuriExchange

/// Inserts units and their index postings inside one store transaction: the duplicate rule
/// (identical languages, texts and markup), dates to the second, and index chunks.
final class UnitWriter {
    let access: any MemoryWriting
    let path: String
    private var buffer = PostingBuffer()
    /// Dates are kept to the second, as TMX writes them, so that a round trip keeps them equal.
    private let now = Date(timeIntervalSince1970: Date().timeIntervalSince1970.rounded(.down))
    private var languages: [String: String] = [:]
    /// The pair hashes already stored, loaded once per import.
    private var knownHashes = KeyTable()
    private let bulk: Bool
    /// About 64 MB of buffered postings before a chunk is written: peak import memory stays near
    /// 240 MB (measured on a million units), and fewer, larger chunks make a smaller, faster index.
    static let flushThreshold = 8_000_000
    private let flushThreshold: Int
    /// The runs of an import too large for the buffer, when the store wants them as one chunk.
    private var spill: PostingSpill?
    /// Index rows handed to the store at a time while a chunk is written.
    private static let rowsPerBatch = 2_000

    /// `bulk` loads the stored pair hashes once, so that most inserts skip the duplicate lookup
    /// (imports); otherwise every insert asks the store (single adds).
    /// `flushThreshold` is how many postings the buffer holds (tests make it small).
    init(_ access: any MemoryWriting, path: String, bulk: Bool = false, flushThreshold: Int = UnitWriter.flushThreshold) throws {
        self.access = access
        self.flushThreshold = flushThreshold
        self.path = path
        self.bulk = bulk
        if bulk {
            var known = KeyTable()
            try access.forEachPairHash { hash in _ = known.slot(for: hash == 0 ? 1 : hash, next: 0) }
            knownHashes = known
        }
    }

    /// The id of the new unit, or nil for a pair already stored.
    func insert(_ unit: NewUnit) throws -> Int64? {
        try insert(unit, grams: (IndexGrams(MatchText(unit.source, keepRanges: false)), IndexGrams(MatchText(unit.target, keepRanges: false))))
    }

    /// `insert` with the index grams already computed (by the reading thread).
    func insert(_ unit: NewUnit, grams: (source: IndexGrams, target: IndexGrams)) throws -> Int64? {
        let sourceLanguage = canonical(unit.sourceLanguage)
        let targetLanguage = canonical(unit.targetLanguage)
        let hash = Self.pairHash(sourceLanguage, targetLanguage, unit.sourceMarkup ?? unit.source, unit.targetMarkup ?? unit.target)
        // Only a hash seen before needs the database to tell a duplicate from a collision.
        if !bulk || knownHashes.contains(hash == 0 ? 1 : hash) {
            for stored in try access.units(withPairHash: hash) {
                if stored.sourceLanguage == sourceLanguage, stored.targetLanguage == targetLanguage, stored.source == unit.source,
                   stored.target == unit.target, stored.sourceMarkup == unit.sourceMarkup, stored.targetMarkup == unit.targetMarkup {
                    return nil
                }
            }
        }
        let created = unit.created.map { Date(timeIntervalSince1970: $0.timeIntervalSince1970.rounded(.down)) } ?? now
        let changed = unit.changed.map { Date(timeIntervalSince1970: $0.timeIntervalSince1970.rounded(.down)) } ?? created
        let id = try access.insert(StoredUnit(
            id: 0, sourceLanguage: sourceLanguage, targetLanguage: targetLanguage, source: unit.source, target: unit.target,
            sourceMarkup: unit.sourceMarkup, targetMarkup: unit.targetMarkup, origin: unit.origin,
            created: created.timeIntervalSince1970, changed: changed.timeIntervalSince1970,
            notes: unit.notes.isEmpty ? nil : JSONText.array(unit.notes.map(JSONText.string)),
            properties: unit.properties.isEmpty ? nil : JSONText.array(unit.properties.map { JSONText.array([JSONText.string($0.type), JSONText.string($0.value)]) }),
            pairHash: hash))
        if bulk { _ = knownHashes.slot(for: hash == 0 ? 1 : hash, next: 0) }
        guard id < Int64(Int32.max) else { throw MemoryError.tooManyUnits(path: path) }
        buffer.add(grams.source, posting: GramIndex.posting(unit: id, side: 0))
        buffer.add(grams.target, posting: GramIndex.posting(unit: id, side: 1))
        if buffer.count >= flushThreshold { try flush() }
        return id
    }

    private func canonical(_ code: String) -> String {
        if let known = languages[code] { return known }
        let value = LanguageCode.canonical(code)
        languages[code] = value
        return value
    }

    /// Makes room in the buffer: its postings go to the import's temporary file when the store
    /// wants an import as one chunk (`PostingSpill`), or to the store as a chunk of their own.
    private func flush() throws {
        guard !buffer.isEmpty else { return }
        if let folder = access.spillFolder {
            if spill == nil { spill = try PostingSpill(folder: folder) }
            try spill!.write { try buffer.drain($0) }
        } else {
            try writeBuffer()
        }
    }

    /// Writes what is left: the buffer as one chunk, or, when runs went to the temporary file,
    /// the buffer as one more run and then all of them merged into one chunk.
    func finish() throws {
        guard let spill else { return try writeBuffer() }
        if !buffer.isEmpty { try spill.write { try buffer.drain($0) } }
        try writeChunk { body in try spill.merge(body) }
        self.spill = nil
    }

    private func writeBuffer() throws {
        guard !buffer.isEmpty else { return }
        try writeChunk { body in try buffer.drain { key, postings in try body(key, PostingCodec.encode(postings)) } }
    }

    /// Writes one new chunk: `rows` hands every key with its postings, in key order.
    private func writeChunk(_ rows: ((Int64, Data) throws -> Void) throws -> Void) throws {
        let chunk = try access.claimChunk()
        var batch: [PostingRow] = []
        batch.reserveCapacity(Self.rowsPerBatch)
        try rows { key, postings in
            batch.append(PostingRow(key: key, postings: postings))
            if batch.count == Self.rowsPerBatch {
                try access.insertPostings(batch, chunk: chunk)
                batch.removeAll(keepingCapacity: true)
            }
        }
        if !batch.isEmpty { try access.insertPostings(batch, chunk: chunk) }
    }

    static func pairHash(_ parts: String...) -> Int64 {
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        for part in parts {
            for byte in part.utf8 { hash = (hash ^ UInt64(byte)) &* 0x0100_0000_01B3 }
            hash = (hash ^ 0xFF) &* 0x0100_0000_01B3
        }
        return Int64(bitPattern: hash)
    }

}

/// Minimal JSON writing for the notes and properties columns (JSONEncoder costs more than the
/// rest of an insert).
enum JSONText {
    static func string(_ s: String) -> String {
        var out = "\""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if scalar.value < 0x20 {
                    let hex = String(scalar.value, radix: 16)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }

    static func array(_ items: [String]) -> String { "[" + items.joined(separator: ",") + "]" }
}

