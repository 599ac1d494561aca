import Foundation
import GRDB
import TsuzuriExchange

/// A translation memory in one SQLite file: units, their fuzzy index, and the schema's migrations.
///
/// One value owns one database connection; a writable memory migrates in `init`, a read-only one
/// only checks that it can read the schema. WAL mode lets searches run while another process imports.
public final class TranslationMemory: Sendable {
    /// The schema this build writes; a file with a higher `user_version` is refused, never migrated away.
    public static let schemaVersion = 1

    /// How long a command waits for another process's lock by default (`--wait`): long enough
    /// for a large import to finish, short enough that a stuck process is reported.
    public static let defaultWait: TimeInterval = 60

    public let path: String
    let dbQueue: DatabaseQueue
    /// How long SQLite waits for another process's lock before an operation fails.
    let busyTimeout: TimeInterval

    /// Opens (and for writing, creates and migrates) the memory at `path`, waiting up to
    /// `defaultWait` for another process's lock.
    public convenience init(path: String, readOnly: Bool = false) throws {
        try self.init(path: path, readOnly: readOnly, busyTimeout: Self.defaultWait)
    }

    /// Opens the memory at `path`; `busyTimeout` is how long to wait for another process's lock
    /// (while opening, and in every later read or write).
    public init(path: String, readOnly: Bool, busyTimeout: TimeInterval) throws {
        self.path = path
        self.busyTimeout = busyTimeout
        let fileManager = FileManager.default
        var isDirectory: ObjCBool = false
        let exists = fileManager.fileExists(atPath: path, isDirectory: &isDirectory)
        if isDirectory.boolValue {
            throw MemoryError.database(path: path, message: "is a directory, not a memory file")
        }
        if readOnly && !exists { throw MemoryError.missing(path: path) }
        if !readOnly && !exists {
            let folder = (path as NSString).deletingLastPathComponent
            if !folder.isEmpty {
                do {
                    try fileManager.createDirectory(atPath: folder, withIntermediateDirectories: true)
                } catch {
                    throw MemoryError.database(path: path, message: "cannot create folder \(folder): \(error.localizedDescription)")
                }
            }
        }
        if exists && !fileManager.isReadableFile(atPath: path) {
            throw MemoryError.database(path: path, message: "permission denied (cannot read the memory)")
        }
        var configuration = Configuration()
        configuration.readonly = readOnly
        configuration.busyMode = .timeout(busyTimeout)
        configuration.label = "tsuzuri.memory"
        configuration.prepareDatabase { db in
            try db.execute(sql: "PRAGMA cache_size = -32768")
            if !readOnly {
                // WAL: readers keep reading while one process imports.
                _ = try String.fetchOne(db, sql: "PRAGMA journal_mode = WAL")
                try db.execute(sql: "PRAGMA synchronous = NORMAL")
            }
        }
        do {
            dbQueue = try DatabaseQueue(path: path, configuration: configuration)
            try dbQueue.read { db in try Self.checkSchema(db, path: path) }
            if !readOnly {
                try Self.migrator.migrate(dbQueue)
            } else if try dbQueue.read({ db in try !Self.migrator.hasCompletedMigrations(db) }) {
                throw MemoryError.database(path: path, message: "not a tsuzuri memory, or one from an older tsuzuri; open it once with `tsuzuri tm import` or `tm add` to upgrade it")
            }
        } catch let error as MemoryError {
            throw error
        } catch {
            throw MemoryError.wrap(error, path: path, waited: busyTimeout)
        }
    }

    /// Refuses a file written by a newer schema before anything is written to it.
    private static func checkSchema(_ db: Database, path: String) throws {
        let version = try Int.fetchOne(db, sql: "PRAGMA user_version") ?? 0
        let superseded = try migrator.hasBeenSuperseded(db)
        if version > schemaVersion || superseded {
            throw MemoryError.newerSchema(path: path, found: version, supported: schemaVersion)
        }
        if version == 0, try !Self.isEmptyOrOurs(db) {
            throw MemoryError.database(path: path, message: "an SQLite database, but not a tsuzuri memory; refusing to change it")
        }
    }

    private static func isEmptyOrOurs(_ db: Database) throws -> Bool {
        let tables = try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
        return tables.allSatisfy { $0.hasPrefix("tm_") || $0 == "grdb_migrations" }
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

    /// The default location: `$TSUZURI_MEMORY`, else `$XDG_DATA_HOME/tsuzuri/memory.sqlite`, else
    /// `~/.local/share/tsuzuri/memory.sqlite`.
    public static func defaultPath(environment: [String: String], home: String) -> String {
        if let explicit = environment["TSUZURI_MEMORY"], !explicit.isEmpty { return explicit }
        if let xdg = environment["XDG_DATA_HOME"], xdg.hasPrefix("/") {
            return (xdg as NSString).appendingPathComponent("tsuzuri/memory.sqlite")
        }
        return (home as NSString).appendingPathComponent(".local/share/tsuzuri/memory.sqlite")
    }

    /// Lets SQLite map the file instead of copying pages through read(2): index lookups touch many
    /// scattered pages. Only searches ask for it, so that exports and imports do not show the
    /// whole mapped file in their resident memory.
    func mapFile() {
        try? dbQueue.inDatabase { db in _ = try String.fetchOne(db, sql: "PRAGMA mmap_size = 4294967296") }
    }

    /// Runs a read inside one transaction, turning SQLite's errors into `MemoryError`s.
    func reading<T>(_ body: (Database) throws -> T) throws -> T {
        do {
            return try dbQueue.read(body)
        } catch let error as MemoryError {
            throw error
        } catch let error as DatabaseError {
            throw MemoryError.wrap(error, path: path, waited: busyTimeout)
        }
    }

    /// Runs a write inside one transaction: on any error nothing of it stays.
    func writing<T>(_ body: (Database) throws -> T) throws -> T {
        do {
            return try dbQueue.write(body)
        } catch let error as DatabaseError {
            throw MemoryError.wrap(error, path: path, waited: busyTimeout)
        }
    }
}
