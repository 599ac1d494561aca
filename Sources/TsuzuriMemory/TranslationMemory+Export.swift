import Foundation
import TsuzuriExchange

/// What a memory holds: `tsuzuri tm stats`.
public struct MemoryStatistics: Sendable, Codable {
    public struct LanguagePair: Sendable, Codable {
        public var source: String
        public var target: String
        public var units: Int
    }

    public struct Origin: Sendable, Codable {
        public var origin: String
        public var units: Int
    }

    public var path: String
    public var units: Int
    public var languagePairs: [LanguagePair]
    public var origins: [Origin]
    /// Bytes on disk: the SQLite file with its WAL and shared-memory files, or the PostgreSQL tables.
    public var bytesOnDisk: Int64
    public var indexChunks: Int
    public var schemaVersion: Int
}

extension TranslationMemory {
    /// Every unit as an exchange unit, in insertion order.
    public func forEachUnit(_ body: (ExchangeUnit) throws -> Void) throws {
        try reading { access in
            try access.forEachUnit { stored in
                var properties: [ExchangeProperty] = []
                if let json = stored.properties, let pairs = try? JSONDecoder().decode([[String]].self, from: Data(json.utf8)) {
                    properties = pairs.filter { $0.count == 2 }.map { ExchangeProperty(type: $0[0], value: $0[1]) }
                }
                let unit = ExchangeUnit(
                    segments: [
                        ExchangeSegment(language: stored.sourceLanguage, text: stored.source, markup: stored.sourceMarkup),
                        ExchangeSegment(language: stored.targetLanguage, text: stored.target, markup: stored.targetMarkup),
                    ],
                    sourceLanguage: stored.sourceLanguage, notes: Self.decodeNotes(stored.notes), properties: properties,
                    creationDate: Date(timeIntervalSince1970: stored.created), changeDate: Date(timeIntervalSince1970: stored.changed))
                try body(unit)
            }
        }
    }

    /// Writes the whole memory as TMX 1.4b.
    @discardableResult
    public func exportTMX(into out: inout some TextOutputStream, toolVersion: String) throws -> Int {
        let languages = try reading { try $0.sourceLanguages(limit: 2) }
        let header = TMXHeader(creationToolVersion: toolVersion, sourceLanguage: languages.count == 1 ? languages[0] : "*all*", creationDate: Date())
        let writer = TMXWriter(header: header)
        writer.begin(into: &out)
        var count = 0
        try forEachUnit { writer.write($0, into: &out); count += 1 }
        writer.end(into: &out)
        return count
    }

    public func statistics() throws -> MemoryStatistics {
        try reading { access in
            let pairs = try access.languagePairs().map { MemoryStatistics.LanguagePair(source: $0.source, target: $0.target, units: $0.units) }
            let origins = try access.origins().map { MemoryStatistics.Origin(origin: $0.origin, units: $0.units) }
            return MemoryStatistics(path: path, units: try access.unitCount(), languagePairs: pairs, origins: origins,
                                    bytesOnDisk: store.bytesOnDisk(), indexChunks: try access.chunkCount(), schemaVersion: Self.schemaVersion)
        }
    }
}

/// What `compactIndex` did.
public struct IndexCompaction: Sendable, Codable, Equatable {
    /// Index rows before and after (one per gram, length bucket and import or `add` before; one
    /// per gram and length bucket after).
    public var rowsBefore: Int
    public var rowsAfter: Int
    /// The memory's size on disk afterwards (the space the old rows took given back).
    public var bytesOnDisk: Int64
}

extension TranslationMemory {
    /// Joins the fuzzy index's rows so that each gram has one per length bucket, as a single
    /// import writes them: a memory built by many imports or `add`s (each makes rows of its own),
    /// or by a tsuzuri before imports were merged (a row per 150,000 units or so), searches
    /// faster. nil when the store does not compact (PostgreSQL). One transaction: on an error
    /// nothing changes. Then the store gives back the space the old rows took.
    public func compactIndex() throws -> IndexCompaction? {
        guard let rows = try writing({ access in try access.compactIndex() }) else { return nil }
        try store.reclaimSpace()
        return IndexCompaction(rowsBefore: rows.before, rowsAfter: rows.after, bytesOnDisk: store.bytesOnDisk())
    }
}
