import Foundation
import GRDB
import Testing
@testable import TsuzuriMemory

/// An import larger than the writer's buffer reaches SQLite as one chunk, one row per key: the
/// runs the buffer fills go to a temporary file and are merged (a search pays per row it steps
/// through; a million units made seven rows per key).
@Suite struct ImportChunkTests {
    /// 2,000 units of short Japanese and English texts.
    static func units() -> [NewUnit] {
        var generator = SeededGenerator(seed: 5)
        let kana = Array("あいうえおかきくけこさしすアイウ語").map(String.init)
        let words = ["open", "the", "file", "cannot", "save", "settings", "were", "not", "found"]
        return (0..<2_000).map { i in
            let ja = (0..<Int.random(in: 6...30, using: &generator)).map { _ in kana.randomElement(using: &generator)! }.joined()
            let en = (0..<Int.random(in: 3...12, using: &generator)).map { _ in words.randomElement(using: &generator)! }.joined(separator: " ")
            return NewUnit(source: ja, target: "\(en) \(i)", sourceLanguage: "ja", targetLanguage: "en")
        }
    }

    /// Inserts `units` through one writer whose buffer holds `flushThreshold` postings.
    static func write(_ units: [NewUnit], into tm: TemporaryMemory, flushThreshold: Int) throws {
        try write(units, into: tm.memory, flushThreshold: flushThreshold)
    }

    static func write(_ units: [NewUnit], into memory: TranslationMemory, flushThreshold: Int) throws {
        try memory.writing { access in
            let writer = try UnitWriter(access, path: memory.path, bulk: true, flushThreshold: flushThreshold)
            for unit in units { _ = try writer.insert(unit) }
            try writer.finish()
        }
    }

    /// Every index row as (key, chunk, postings), in key order.
    static func rows(_ tm: TemporaryMemory) throws -> [(key: Int64, chunk: Int64, postings: [UInt8])] {
        try DatabaseQueue(path: tm.location).read { db in
            try Row.fetchAll(db, sql: "SELECT key, chunk, postings FROM tm_gram ORDER BY key, chunk").map { ($0["key"], $0["chunk"], [UInt8]($0["postings"] as Data)) }
        }
    }

    @Test func anImportThatFillsTheBufferManyTimesIsWrittenAsOneChunk() throws {
        let units = Self.units()
        let spilled = try TemporaryMemory(.sqlite), whole = try TemporaryMemory(.sqlite)
        // About 60,000 postings: 30 runs through the temporary file, against one buffer for all.
        try Self.write(units, into: spilled, flushThreshold: 2_000)
        try Self.write(units, into: whole, flushThreshold: 10_000_000)
        let spilledRows = try Self.rows(spilled), wholeRows = try Self.rows(whole)
        #expect(Set(spilledRows.map(\.chunk)) == [1])
        #expect(Set(spilledRows.map(\.key)).count == spilledRows.count, "one row per key")
        // The same keys with the same postings, byte for byte, as if the buffer had held them all.
        #expect(spilledRows.map(\.key) == wholeRows.map(\.key))
        #expect(spilledRows.map(\.postings) == wholeRows.map(\.postings))
        #expect(try spilled.memory.reading { try $0.chunkCount() } == 1)
        // Nothing of the temporary file is left beside the memory.
        let left = try FileManager.default.contentsOfDirectory(atPath: spilled.folder.path).filter { $0.hasPrefix(".tsuzuri-import") }
        #expect(left.isEmpty)
        // And the search finds what the exhaustive scan finds.
        var generator = SeededGenerator(seed: 6)
        for unit in units.prefix(60) {
            var query = Array(unit.source).map(String.init)
            query[Int.random(in: 0..<query.count, using: &generator)] = "ー"
            for text in [query.joined(), unit.target.replacingOccurrences(of: "the", with: "a")] {
                let scanned = try spilled.memory.exhaustiveSearch(text, minScore: 70, limit: 5)
                let indexed = try spilled.memory.search(text, minScore: 70, limit: 5)
                #expect(indexed.map(\.unitID) == scanned.map(\.unitID), "\(text)")
                #expect(indexed.map(\.score) == scanned.map(\.score), "\(text)")
            }
        }
    }

    /// A second import adds a chunk of its own: the first import's rows are not rewritten.
    @Test func aLaterImportAddsOneChunk() throws {
        let units = Self.units()
        let tm = try TemporaryMemory(.sqlite)
        try Self.write(Array(units.prefix(1_000)), into: tm, flushThreshold: 2_000)
        try Self.write(Array(units.suffix(1_000)), into: tm, flushThreshold: 2_000)
        let rows = try Self.rows(tm)
        #expect(Set(rows.map(\.chunk)) == [1, 2])
        for chunk: Int64 in [1, 2] {
            let keys = rows.filter { $0.chunk == chunk }.map(\.key)
            #expect(Set(keys).count == keys.count, "one row per key in chunk \(chunk)")
        }
        #expect(try tm.memory.reading { try $0.chunkCount() } == 2)
    }
}

/// New memories get 16 KiB pages; a memory of 4 KiB pages (every memory written before) keeps
/// them, takes new imports and searches as the scan does.
@Suite struct PageSizeTests {
    static func pageSize(_ path: String) throws -> Int {
        try DatabaseQueue(path: path).read { db in try Int.fetchOne(db, sql: "PRAGMA page_size") ?? 0 }
    }

    @Test func aNewMemoryHasSixteenKilobytePages() throws {
        let tm = try TemporaryMemory(.sqlite)
        try ImportChunkTests.write(Array(ImportChunkTests.units().prefix(10)), into: tm, flushThreshold: 1_000)
        #expect(try Self.pageSize(tm.location) == 16_384)
    }

    @Test func aMemoryOfFourKilobytePagesKeepsThemAndSearchesRight() throws {
        let units = ImportChunkTests.units()
        let tm = try TemporaryMemory(.sqlite)
        // A file begun with 4 KiB pages, as an older tsuzuri made them (SQLite's default).
        let path = tm.folder.appendingPathComponent("old.sqlite").path
        try DatabaseQueue(path: path).writeWithoutTransaction { db in
            try db.execute(sql: "PRAGMA page_size = 4096")
            _ = try String.fetchOne(db, sql: "PRAGMA journal_mode = WAL")
        }
        let memory = try TranslationMemory.open(location: path, readOnly: false)
        try ImportChunkTests.write(Array(units.prefix(1_000)), into: memory, flushThreshold: 2_000)
        try ImportChunkTests.write(Array(units.suffix(1_000)), into: memory, flushThreshold: 2_000)
        #expect(try Self.pageSize(path) == 4_096)
        for unit in units.prefix(20) + units.suffix(20) {
            let query = String(unit.source.dropLast())
            let scanned = try memory.exhaustiveSearch(query, minScore: 70, limit: 5)
            let indexed = try memory.search(query, minScore: 70, limit: 5)
            #expect(indexed.map(\.unitID) == scanned.map(\.unitID), "\(query)")
            #expect(indexed.map(\.score) == scanned.map(\.score), "\(query)")
        }
    }
}

/// The temporary file of runs on its own: keys in order, each key's postings joined.
@Suite struct PostingSpillTests {
    /// Writes each run (keys ascending, postings ascending) and returns the merged rows.
    static func merged(_ runs: [[(Int64, [UInt32])]]) throws -> [(key: Int64, postings: [UInt32])] {
        let spill = try PostingSpill(folder: NSTemporaryDirectory())
        for run in runs {
            try spill.write { body in
                for (key, postings) in run { try postings.withUnsafeBufferPointer { try body(key, $0) } }
            }
        }
        #expect(spill.runCount == runs.count)
        var rows: [(key: Int64, postings: [UInt32])] = []
        try spill.merge { key, data in
            rows.append((key, data.withUnsafeBytes { bytes in (0..<PostingCodec.count(bytes)).map { PostingCodec.at(bytes, $0) } }))
        }
        return rows
    }

    @Test func runsAreMergedKeyByKeyInTheOrderWritten() throws {
        let rows = try Self.merged([
            [(10, [1, 2]), (30, [3])],
            [(20, [5]), (30, [6, 7])],
            [(10, [9]), (40, [10])],
        ])
        #expect(rows.map(\.key) == [10, 20, 30, 40])
        #expect(rows.map(\.postings) == [[1, 2, 9], [5], [3, 6, 7], [10]])
    }

    /// Ids ascend through an import, so a later run's postings follow the earlier ones; if they
    /// ever did not, the key's row is still sorted (a search binary-searches it) and holds each once.
    @Test func overlappingRunsStillMakeASortedRow() throws {
        let rows = try Self.merged([[(7, [5, 9])], [(7, [3, 9, 12])]])
        #expect(rows.map(\.postings) == [[3, 5, 9, 12]])
    }

    /// A run longer than the write buffer and a list longer than the read buffer.
    @Test func longRunsAndListsCrossTheBuffers() throws {
        let long = (0..<300_000).map { UInt32($0 * 2) }
        let keys = (1...20_000).map { (Int64($0), [UInt32($0)]) }
        let rows = try Self.merged([keys + [(1_000_000, long)], [(1_000_000, [700_000])]])
        #expect(rows.count == 20_001)
        #expect(rows.last?.postings == long + [700_000])
        #expect(rows.prefix(20_000).map(\.postings) == keys.map(\.1))
    }
}

/// `compactIndex` joins the rows that many imports and adds leave, into what one import of the
/// same units would have written.
@Suite struct CompactIndexTests {
    @Test func rowsOfManyImportsAndAddsBecomeOneRowPerKeyAndSearchesStayTheSame() throws {
        let units = ImportChunkTests.units()
        let many = try TemporaryMemory(.sqlite), once = try TemporaryMemory(.sqlite)
        for part in 0..<4 { try ImportChunkTests.write(Array(units[part * 400..<(part + 1) * 400]), into: many, flushThreshold: 2_000) }
        for unit in units[1_600...] { _ = try many.memory.add(unit) }
        try ImportChunkTests.write(units, into: once, flushThreshold: 10_000_000)
        let rowsBefore = try ImportChunkTests.rows(many)
        #expect(Set(rowsBefore.map(\.key)).count < rowsBefore.count / 2, "many rows per key before")

        var generator = SeededGenerator(seed: 9)
        let queries = units.shuffled(using: &generator).prefix(40).map { String($0.source.dropFirst()) }
        let before = try queries.map { try many.memory.search($0, minScore: 70, limit: 5) }

        let result = try #require(try many.memory.compactIndex())
        let rowsAfter = try ImportChunkTests.rows(many)
        #expect(result.rowsBefore == rowsBefore.count && result.rowsAfter == rowsAfter.count)
        #expect(result.bytesOnDisk == many.memory.store.bytesOnDisk())
        #expect(Set(rowsAfter.map(\.key)).count == rowsAfter.count, "one row per key")
        // Key for key, the postings one import writes.
        let whole = try ImportChunkTests.rows(once)
        #expect(rowsAfter.map(\.key) == whole.map(\.key))
        #expect(rowsAfter.map(\.postings) == whole.map(\.postings))
        for (query, hits) in zip(queries, before) {
            let scanned = try many.memory.exhaustiveSearch(query, minScore: 70, limit: 5)
            let indexed = try many.memory.search(query, minScore: 70, limit: 5)
            #expect(indexed == hits, "\(query)")
            #expect(indexed.map(\.unitID) == scanned.map(\.unitID), "\(query)")
            #expect(indexed.map(\.score) == scanned.map(\.score), "\(query)")
        }
        // Adding after compacting starts a new chunk; compacting again joins it too.
        _ = try many.memory.add(NewUnit(source: "あいうえおかきくけこ", target: "new", sourceLanguage: "ja", targetLanguage: "en"))
        let again = try #require(try many.memory.compactIndex())
        #expect(again.rowsAfter <= again.rowsBefore)
        #expect(try many.memory.search("あいうえおかきくけ", minScore: 70, limit: 1).first?.target == "new")
    }
}
