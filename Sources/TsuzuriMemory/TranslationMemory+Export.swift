import Foundation
import GRDB
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
    /// Bytes on disk: the database file with its WAL and shared-memory files.
    public var bytesOnDisk: Int64
    public var indexChunks: Int
    public var schemaVersion: Int
}

extension TranslationMemory {
    /// Every unit as an exchange unit, in insertion order.
    public func forEachUnit(_ body: (ExchangeUnit) throws -> Void) throws {
        try reading { db in
            let rows = try Row.fetchCursor(db, sql: """
                SELECT source_lang, target_lang, source, target, source_markup, target_markup, created, changed, notes, properties, origin
                FROM tm_unit ORDER BY id
                """)
            while let row = try rows.next() {
                var properties: [ExchangeProperty] = []
                if let json: String = row[9], let pairs = try? JSONDecoder().decode([[String]].self, from: Data(json.utf8)) {
                    properties = pairs.filter { $0.count == 2 }.map { ExchangeProperty(type: $0[0], value: $0[1]) }
                }
                let unit = ExchangeUnit(
                    segments: [
                        ExchangeSegment(language: row[0], text: row[2], markup: row[4]),
                        ExchangeSegment(language: row[1], text: row[3], markup: row[5]),
                    ],
                    sourceLanguage: row[0], notes: Self.decodeNotes(row[8]), properties: properties,
                    creationDate: Date(timeIntervalSince1970: row[6]), changeDate: Date(timeIntervalSince1970: row[7]))
                try body(unit)
            }
        }
    }

    /// Writes the whole memory as TMX 1.4b.
    @discardableResult
    public func exportTMX(into out: inout some TextOutputStream, toolVersion: String) throws -> Int {
        let languages = try reading { db in try String.fetchAll(db, sql: "SELECT DISTINCT source_lang FROM tm_unit LIMIT 2") }
        let header = TMXHeader(creationToolVersion: toolVersion, sourceLanguage: languages.count == 1 ? languages[0] : "*all*", creationDate: Date())
        let writer = TMXWriter(header: header)
        writer.begin(into: &out)
        var count = 0
        try forEachUnit { writer.write($0, into: &out); count += 1 }
        writer.end(into: &out)
        return count
    }

    public func statistics() throws -> MemoryStatistics {
        try reading { db in
            let units = try Int.fetchOne(db, sql: "SELECT count(*) FROM tm_unit") ?? 0
            let pairs = try Row.fetchAll(db, sql: "SELECT source_lang, target_lang, count(*) FROM tm_unit GROUP BY 1, 2 ORDER BY 3 DESC")
                .map { MemoryStatistics.LanguagePair(source: $0[0], target: $0[1], units: $0[2]) }
            let origins = try Row.fetchAll(db, sql: "SELECT coalesce(origin, ''), count(*) FROM tm_unit GROUP BY 1 ORDER BY 2 DESC, 1")
                .map { MemoryStatistics.Origin(origin: $0[0], units: $0[1]) }
            // Chunks written so far (counting index rows would read the whole index).
            let chunks = (try Int.fetchOne(db, sql: "SELECT value FROM tm_meta WHERE name = 'next_chunk'") ?? 1) - 1
            var bytes: Int64 = 0
            for suffix in ["", "-wal", "-shm"] {
                if let size = try? FileManager.default.attributesOfItem(atPath: path + suffix)[.size] as? NSNumber {
                    bytes += size.int64Value
                }
            }
            return MemoryStatistics(path: path, units: units, languagePairs: pairs, origins: origins, bytesOnDisk: bytes,
                                    indexChunks: chunks, schemaVersion: Self.schemaVersion)
        }
    }
}
