import Foundation
import GRDB
import GRDBSQLite
import TsuzuriSQLite

/// A memory in one SQLite file (through GRDB): the default store.
///
/// One value owns one database connection; a writable memory migrates in `init`, a read-only one
/// only checks that it can read the schema. WAL mode lets searches run while another process imports.
public final class SQLiteStore: MemoryStore {
    public let path: String
    let dbQueue: DatabaseQueue
    /// How long SQLite waits for another process's lock before an operation fails.
    let busyTimeout: TimeInterval

    public var location: String { path }

    /// Opens the memory at `path`; `busyTimeout` is how long to wait for another process's lock
    /// (while opening, and in every later read or write).
    public init(path: String, readOnly: Bool, busyTimeout: TimeInterval) throws {
        self.path = path
        self.busyTimeout = busyTimeout
        do {
            dbQueue = try SQLiteFile.open(path, as: Self.kind, readOnly: readOnly, busyTimeout: busyTimeout)
        } catch {
            throw Self.error(error, path: path, waited: busyTimeout)
        }
    }

    /// 16 KiB pages for a new memory (an existing file keeps its own: SQLite sets the size when
    /// it creates the file): a posting list spans a quarter as many overflow pages, and an
    /// index row's key takes fewer levels of interior pages to reach. A fresh process's search
    /// touches fewer pages; at a million units 4 KiB → 16 KiB measured about 4 % less CPU per
    /// search in one process and 1 ms less for a whole `tm search`.
    static let kind = SQLiteFile.Kind(
        label: "tsuzuri.memory", tablePrefix: "tm_", schemaVersion: TranslationMemory.schemaVersion, migrator: migrator,
        pragmas: ["PRAGMA page_size = 16384", "PRAGMA cache_size = -32768"])

    /// The opener's problem in the memory's words.
    private static func error(_ problem: SQLiteFile.Problem, path: String, waited: Double) -> Error {
        switch problem {
        case .isDirectory: return MemoryError.database(path: path, message: "is a directory, not a memory file")
        case .missing: return MemoryError.missing(path: path)
        case .cannotCreateFolder(let folder, let underlying):
            return MemoryError.database(path: path, message: "cannot create folder \(folder): \(underlying)")
        case .unreadable: return MemoryError.database(path: path, message: "permission denied (cannot read the memory)")
        case .newerSchema(let found, let supported): return MemoryError.newerSchema(path: path, found: found, supported: supported)
        case .notOurs: return MemoryError.database(path: path, message: "an SQLite database, but not a tsuzuri memory; refusing to change it")
        case .notMigrated:
            return MemoryError.database(path: path, message: "not a tsuzuri memory, or one from an older tsuzuri; open it once with `tsuzuri tm import` or `tm add` to upgrade it")
        case .sqlite(let error): return MemoryError.wrap(error, path: path, waited: waited)
        case .other(let error): return MemoryError.wrap(error, path: path, waited: waited)
        }
    }

    /// Migrations: a migration is never edited once released; a new schema is a new migration
    /// that also raises `user_version`.
    static let migrator: DatabaseMigrator = {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1") { db in
            try db.execute(sql: """
                CREATE TABLE tm_unit (
                    id INTEGER PRIMARY KEY,
                    source_lang TEXT NOT NULL,
                    target_lang TEXT NOT NULL,
                    source TEXT NOT NULL,
                    target TEXT NOT NULL,
                    source_markup TEXT,
                    target_markup TEXT,
                    origin TEXT,
                    created REAL NOT NULL,
                    changed REAL NOT NULL,
                    notes TEXT,
                    properties TEXT,
                    pair_hash INTEGER NOT NULL
                );
                CREATE INDEX tm_unit_pair_hash ON tm_unit(pair_hash);
                CREATE TABLE tm_gram (
                    key INTEGER NOT NULL,
                    chunk INTEGER NOT NULL,
                    postings BLOB NOT NULL,
                    PRIMARY KEY (key, chunk)
                ) WITHOUT ROWID;
                CREATE TABLE tm_meta (name TEXT PRIMARY KEY NOT NULL, value INTEGER NOT NULL);
                INSERT INTO tm_meta(name, value) VALUES ('next_chunk', 1);
                PRAGMA user_version = 1;
                """)
        }
        return migrator
    }()

    /// Lets SQLite map the file instead of copying pages through read(2): index lookups touch many
    /// scattered pages. Only searches ask for it, so that exports and imports do not show the
    /// whole mapped file in their resident memory.
    public func prepareForSearch() {
        try? dbQueue.inDatabase { db in _ = try String.fetchOne(db, sql: "PRAGMA mmap_size = 4294967296") }
    }

    /// VACUUM: the file is rewritten without its free pages (a compacted index leaves the old
    /// one's pages free: a million units' memory grew from 665 to 989 MB, and is 589 MB after).
    /// Atomic like a transaction; it needs free disk space about the size of the file.
    public func reclaimSpace() throws {
        do {
            try dbQueue.writeWithoutTransaction { db in
                try db.execute(sql: "VACUUM")
                // The rewritten file went through the WAL: copy it back and empty the WAL now
                // (a reader still open elsewhere may keep it; the next checkpoint does it then).
                _ = try Row.fetchOne(db, sql: "PRAGMA wal_checkpoint(TRUNCATE)")
            }
        } catch let error as DatabaseError {
            throw MemoryError.wrap(error, path: path, waited: busyTimeout)
        }
    }

    public func read<T>(_ body: (any MemoryReading) throws -> T) throws -> T {
        do {
            return try dbQueue.read { db in try body(SQLiteAccess(db: db)) }
        } catch let error as DatabaseError {
            throw MemoryError.wrap(error, path: path, waited: busyTimeout)
        }
    }

    public func write<T>(_ body: (any MemoryWriting) throws -> T) throws -> T {
        do {
            return try dbQueue.write { db in try body(SQLiteAccess(db: db)) }
        } catch let error as DatabaseError {
            throw MemoryError.wrap(error, path: path, waited: busyTimeout)
        }
    }

    /// The database file with its WAL and shared-memory files.
    public func bytesOnDisk() -> Int64 {
        var bytes: Int64 = 0
        for suffix in ["", "-wal", "-shm"] {
            if let size = try? FileManager.default.attributesOfItem(atPath: path + suffix)[.size] as? NSNumber {
                bytes += size.int64Value
            }
        }
        return bytes
    }
}

/// The SQLite side of `MemoryReading` and `MemoryWriting`, on the connection of one transaction.
/// Statements run once per unit or per gram are cached.
struct SQLiteAccess: MemoryWriting {
    let db: Database

    enum Columns {
        static let unit = "id, source_lang, target_lang, source, target, source_markup, target_markup, origin, created, changed, notes, properties, pair_hash"
    }

    static func unit(_ row: Row) -> StoredUnit {
        StoredUnit(
            id: row["id"], sourceLanguage: row["source_lang"], targetLanguage: row["target_lang"], source: row["source"], target: row["target"],
            sourceMarkup: row["source_markup"], targetMarkup: row["target_markup"], origin: row["origin"], created: row["created"],
            changed: row["changed"], notes: row["notes"], properties: row["properties"], pairHash: row["pair_hash"])
    }

    var verifiesCheaply: Bool { true }

    func maxUnitID() throws -> Int64 {
        try Int64.fetchOne(db, sql: "SELECT max(id) FROM tm_unit") ?? 0
    }

    func postingRows(grams: [UInt64], buckets: ClosedRange<Int>) throws -> [UInt64: [PostingRow]] {
        // Read through the C API: a search reads thousands of rows, and a GRDB Row and a Data
        // per row cost more than SQLite's own work. The rows of one key (one per import batch,
        // batches holding ascending unit ids) are joined into one sorted list; rows that would
        // not join sorted stay apart.
        let statement = try db.cachedStatement(sql: "SELECT key, postings FROM tm_gram WHERE key >= ?")
        let handle = statement.sqliteStatement
        var result: [UInt64: [PostingRow]] = [:]
        for gram in grams where result[gram] == nil {
            var rows: [PostingRow] = []
            // The run being joined, appended to straight from SQLite's buffer: each byte is
            // copied once more than SQLite does, not twice (the long lists are megabytes).
            var run = Data()
            var runKey: Int64 = 0
            var runLast: UInt32 = 0
            try step(handle, from: GramIndex.key(gram, bucket: buckets.lowerBound), to: GramIndex.key(gram, bucket: buckets.upperBound)) {
                let key = sqlite3_column_int64(handle, 0)
                guard let bytes = sqlite3_column_blob(handle, 1) else { return }
                let blob = UnsafeRawBufferPointer(start: bytes, count: Int(sqlite3_column_bytes(handle, 1)))
                let count = PostingCodec.count(blob)
                guard count > 0 else { return }
                if run.isEmpty || key != runKey || PostingCodec.at(blob, 0) <= runLast {
                    if !run.isEmpty { rows.append(PostingRow(key: runKey, postings: run)) }
                    run = Data()
                    runKey = key
                }
                run.append(bytes.assumingMemoryBound(to: UInt8.self), count: count * 4)
                runLast = PostingCodec.at(blob, count - 1)
            }
            if !run.isEmpty { rows.append(PostingRow(key: runKey, postings: run)) }
            result[gram] = rows
        }
        return result
    }

    func postingCounts(grams: [UInt64], buckets: ClosedRange<Int>) throws -> [UInt64: Int]? {
        // Estimated from the middle bucket of the range (the query's own length, for the
        // geometric buckets), scaled to the range: stepping through every row of every bucket
        // (a row per import batch) took a fifth of a search. Lists of neighbouring lengths are
        // about equally rare, and the search uses the counts only to order the lists and to
        // decide when reading more of them stops paying. length() of a blob comes from the
        // record header: the overflow pages holding a long posting list are not read.
        let statement = try db.cachedStatement(sql: "SELECT key, length(postings) FROM tm_gram WHERE key >= ?")
        let handle = statement.sqliteStatement
        let middle = (buckets.lowerBound + buckets.upperBound) / 2
        var result: [UInt64: Int] = [:]
        for gram in grams where result[gram] == nil {
            var bytes = 0
            try step(handle, from: GramIndex.key(gram, bucket: middle), to: GramIndex.key(gram, bucket: middle)) {
                bytes += Int(sqlite3_column_int64(handle, 1))
            }
            result[gram] = bytes / 4 * buckets.count
        }
        return result
    }

    /// Runs a cached `key >= ?` statement (the key in column 0) up to the key `high`, calling
    /// `row` on each row (read it with the `sqlite3_column_` functions: the values live until the
    /// next step). The end is checked here, not in SQL: a `BETWEEN` makes SQLite compare each
    /// row's whole record with the bound, reading a spilled row's overflow pages.
    private func step(_ handle: SQLiteStatement, from low: Int64, to high: Int64, row: () throws -> Void) throws {
        sqlite3_reset(handle)
        sqlite3_bind_int64(handle, 1, low)
        defer { sqlite3_reset(handle) }
        while true {
            let code = sqlite3_step(handle)
            if code == SQLITE_DONE { return }
            guard code == SQLITE_ROW else {
                throw DatabaseError(resultCode: ResultCode(rawValue: code), message: String(cString: sqlite3_errmsg(db.sqliteConnection)))
            }
            if sqlite3_column_int64(handle, 0) > high { return }
            try row()
        }
    }

    func side(_ side: Int, ofUnit id: Int64) throws -> StoredSide? {
        // Through the C API, like the index rows: a search verifies hundreds of candidates, and a
        // GRDB Row per candidate cost more than the lookup itself.
        let statement = side == 0
            ? try db.cachedStatement(sql: "SELECT source, source_lang, changed FROM tm_unit WHERE id = ?")
            : try db.cachedStatement(sql: "SELECT target, target_lang, changed FROM tm_unit WHERE id = ?")
        let handle = statement.sqliteStatement
        sqlite3_reset(handle)
        sqlite3_bind_int64(handle, 1, id)
        defer { sqlite3_reset(handle) }
        let code = sqlite3_step(handle)
        if code == SQLITE_DONE { return nil }
        guard code == SQLITE_ROW else {
            throw DatabaseError(resultCode: ResultCode(rawValue: code), message: String(cString: sqlite3_errmsg(db.sqliteConnection)))
        }
        return StoredSide(text: Self.text(handle, 0), language: Self.text(handle, 1), changed: sqlite3_column_double(handle, 2))
    }

    /// A text column of the current row ("" for NULL, which the schema does not allow).
    private static func text(_ handle: SQLiteStatement, _ column: Int32) -> String {
        guard let bytes = sqlite3_column_text(handle, column) else { return "" }
        return String(decoding: UnsafeBufferPointer(start: bytes, count: Int(sqlite3_column_bytes(handle, column))), as: UTF8.self)
    }

    func unit(_ id: Int64) throws -> StoredUnit? {
        let statement = try db.cachedStatement(sql: "SELECT \(Columns.unit) FROM tm_unit WHERE id = ?")
        return try Row.fetchOne(statement, arguments: [id]).map(Self.unit)
    }

    func forEachTexts(_ body: (StoredTexts) throws -> Void) throws {
        let rows = try Row.fetchCursor(db, sql: "SELECT id, source, source_lang, target, target_lang, changed FROM tm_unit ORDER BY id")
        while let row = try rows.next() {
            try body(StoredTexts(id: row["id"], source: row["source"], sourceLanguage: row["source_lang"], target: row["target"],
                                 targetLanguage: row["target_lang"], changed: row["changed"]))
        }
    }

    func forEachUnit(_ body: (StoredUnit) throws -> Void) throws {
        let rows = try Row.fetchCursor(db, sql: "SELECT \(Columns.unit) FROM tm_unit ORDER BY id")
        while let row = try rows.next() { try body(Self.unit(row)) }
    }

    func unitCount() throws -> Int {
        try Int.fetchOne(db, sql: "SELECT count(*) FROM tm_unit") ?? 0
    }

    func languagePairs() throws -> [(source: String, target: String, units: Int)] {
        try Row.fetchAll(db, sql: "SELECT source_lang, target_lang, count(*) AS units FROM tm_unit GROUP BY 1, 2 ORDER BY 3 DESC")
            .map { ($0["source_lang"], $0["target_lang"], $0["units"]) }
    }

    func origins() throws -> [(origin: String, units: Int)] {
        try Row.fetchAll(db, sql: "SELECT coalesce(origin, '') AS origin, count(*) AS units FROM tm_unit GROUP BY 1 ORDER BY 2 DESC, 1")
            .map { ($0["origin"], $0["units"]) }
    }

    func sourceLanguages(limit: Int) throws -> [String] {
        try String.fetchAll(db, sql: "SELECT DISTINCT source_lang FROM tm_unit LIMIT ?", arguments: [limit])
    }

    func chunkCount() throws -> Int {
        // Chunks written so far (counting index rows would read the whole index).
        (try Int.fetchOne(db, sql: "SELECT value FROM tm_meta WHERE name = 'next_chunk'") ?? 1) - 1
    }

    func forEachPairHash(_ body: (Int64) -> Void) throws {
        let hashes = try Int64.fetchCursor(db, sql: "SELECT pair_hash FROM tm_unit")
        while let hash = try hashes.next() { body(hash) }
    }

    func units(withPairHash hash: Int64) throws -> [StoredUnit] {
        let statement = try db.cachedStatement(sql: "SELECT \(Columns.unit) FROM tm_unit WHERE pair_hash = ?")
        return try Row.fetchAll(statement, arguments: [hash]).map(Self.unit)
    }

    func insert(_ unit: StoredUnit) throws -> Int64 {
        let statement = try db.cachedStatement(sql: """
            INSERT INTO tm_unit(source_lang, target_lang, source, target, source_markup, target_markup, origin,
                                created, changed, notes, properties, pair_hash)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """)
        try statement.execute(arguments: [
            unit.sourceLanguage, unit.targetLanguage, unit.source, unit.target, unit.sourceMarkup, unit.targetMarkup, unit.origin,
            unit.created, unit.changed, unit.notes, unit.properties, unit.pairHash,
        ])
        return db.lastInsertedRowID
    }

    func insertPostings(_ rows: [PostingRow], chunk: Int64) throws {
        let statement = try db.cachedStatement(sql: "INSERT INTO tm_gram(key, chunk, postings) VALUES (?, ?, ?)")
        for row in rows { try statement.execute(arguments: [row.key, chunk, row.postings]) }
    }

    /// Beside the memory file (an in-memory database: the temporary folder). Each run as a chunk
    /// of its own gave every key a row per run, and a search pays per row it steps through.
    var spillFolder: String? {
        let path = sqlite3_db_filename(db.sqliteConnection, "main").map { String(cString: $0) } ?? ""
        if path.isEmpty { return NSTemporaryDirectory() }
        let folder = (path as NSString).deletingLastPathComponent
        return folder.isEmpty ? "." : folder
    }

    /// Into a new table, key by key in key order, which then takes the old one's place: far
    /// cheaper than deleting millions of rows between the ones kept. All in the caller's
    /// transaction, so an error or a crash leaves the index as it was. A key's joined row keeps
    /// the number of its first chunk.
    func compactIndex() throws -> (before: Int, after: Int)? {
        try db.execute(sql: """
            CREATE TABLE tm_gram_joined (
                key INTEGER NOT NULL,
                chunk INTEGER NOT NULL,
                postings BLOB NOT NULL,
                PRIMARY KEY (key, chunk)
            ) WITHOUT ROWID
            """)
        let rows = try db.makeStatement(sql: "SELECT key, chunk, postings FROM tm_gram ORDER BY key, chunk")
        let insert = try db.makeStatement(sql: "INSERT INTO tm_gram_joined(key, chunk, postings) VALUES (?, ?, ?)")
        var before = 0, after = 0
        var key: Int64 = 0, chunk: Int64 = 0
        var postings = Data()
        func write() throws {
            guard !postings.isEmpty else { return }
            try insert.execute(arguments: [key, chunk, postings])
            after += 1
        }
        let handle = rows.sqliteStatement
        while true {
            let code = sqlite3_step(handle)
            if code == SQLITE_DONE { break }
            guard code == SQLITE_ROW else {
                throw DatabaseError(resultCode: ResultCode(rawValue: code), message: String(cString: sqlite3_errmsg(db.sqliteConnection)))
            }
            before += 1
            let rowKey = sqlite3_column_int64(handle, 0)
            let blob = sqlite3_column_blob(handle, 2).map { UnsafeRawBufferPointer(start: $0, count: Int(sqlite3_column_bytes(handle, 2))) }
                ?? UnsafeRawBufferPointer(start: nil, count: 0)
            if rowKey != key || postings.isEmpty {
                try write()
                key = rowKey
                chunk = sqlite3_column_int64(handle, 1)
                postings = blob.baseAddress.map { Data(bytes: $0, count: blob.count) } ?? Data()
            } else {
                PostingCodec.append(blob, to: &postings)
            }
        }
        try write()
        try db.execute(sql: "DROP TABLE tm_gram")
        try db.execute(sql: "ALTER TABLE tm_gram_joined RENAME TO tm_gram")
        return (before, after)
    }

    func claimChunk() throws -> Int64 {
        let chunk = try Int64.fetchOne(db, sql: "SELECT value FROM tm_meta WHERE name = 'next_chunk'") ?? 1
        try db.execute(sql: "UPDATE tm_meta SET value = ? WHERE name = 'next_chunk'", arguments: [chunk + 1])
        return chunk
    }
}

extension MemoryError {
    /// Turns SQLite's errors into messages a user can act on; `waited` is how long SQLite waited
    /// for another process's lock before giving up.
    static func wrap(_ error: Error, path: String, waited: Double) -> Error {
        if let error = error as? DatabaseError {
            switch error.resultCode {
            case .SQLITE_BUSY, .SQLITE_LOCKED:
                return MemoryError.locked(path: path, waited: waited)
            case .SQLITE_NOTADB:
                return MemoryError.database(path: path, message: "not a tsuzuri memory (not an SQLite database)")
            case .SQLITE_CANTOPEN:
                return MemoryError.database(path: path, message: "cannot open the memory (missing folder or no permission)")
            case .SQLITE_READONLY:
                return MemoryError.database(path: path, message: "the memory is read-only (no write permission)")
            case .SQLITE_PERM, .SQLITE_AUTH:
                return MemoryError.database(path: path, message: "permission denied")
            case .SQLITE_CORRUPT:
                return MemoryError.database(path: path, message: "the memory file is damaged")
            default:
                return MemoryError.database(path: path, message: error.message ?? "\(error.resultCode)")
            }
        }
        return error
    }
}
