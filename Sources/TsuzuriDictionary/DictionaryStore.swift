import Foundation
import GRDB
import TsuzuriSQLite

/// Imported dictionaries (EDICT, ENAMDICT) in one SQLite file: their entries, the index from
/// normalised spellings and English glosses to entries, and the schema's migrations.
///
/// One value owns one database connection; a writable store migrates in `init`, a read-only one
/// only checks that it can read the schema.
public final class DictionaryStore: Sendable {
    /// The schema this build writes; a file with a higher `user_version` is refused, never migrated away.
    public static let schemaVersion = 1

    public let path: String
    let dbQueue: DatabaseQueue

    /// Opens (and for writing, creates and migrates) the dictionary at `path`.
    public init(path: String, readOnly: Bool = false) throws {
        self.path = path
        do {
            dbQueue = try SQLiteFile.open(path, as: Self.kind, readOnly: readOnly, busyTimeout: 3)
        } catch {
            throw Self.error(error, path: path)
        }
    }

    static let kind = SQLiteFile.Kind(label: "tsuzuri.dictionary", tablePrefix: "dict_", schemaVersion: schemaVersion, migrator: migrator)

    /// The opener's problem in the dictionary's words.
    private static func error(_ problem: SQLiteFile.Problem, path: String) -> Error {
        switch problem {
        case .isDirectory: return DictionaryError.database(path: path, message: "is a directory, not a dictionary file")
        case .missing: return DictionaryError.missing(path: path)
        case .cannotCreateFolder(let folder, let underlying):
            return DictionaryError.database(path: path, message: "cannot create folder \(folder): \(underlying)")
        case .unreadable: return DictionaryError.database(path: path, message: "cannot open the dictionary (missing folder or no permission)")
        case .newerSchema(let found, let supported): return DictionaryError.newerSchema(path: path, found: found, supported: supported)
        case .notOurs: return DictionaryError.database(path: path, message: "an SQLite database, but not a tsuzuri dictionary; refusing to change it")
        case .notMigrated:
            return DictionaryError.database(path: path, message: "not a tsuzuri dictionary, or an empty one; import with `tsuzuri dict import FILE`")
        case .sqlite(let error): return DictionaryError.wrap(error, path: path)
        case .other(let error): return DictionaryError.wrap(error, path: path)
        }
    }

    /// A store in memory (for tests).
    public init(inMemory: Void = ()) throws {
        path = ":memory:"
        dbQueue = try DatabaseQueue()
        try Self.migrator.migrate(dbQueue)
    }

    /// Migrations: a migration is never edited once released; a new schema is a new migration
    /// that also raises `user_version`.
    static let migrator: DatabaseMigrator = {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1") { db in
            try db.execute(sql: """
                CREATE TABLE dict_source (
                    id INTEGER PRIMARY KEY,
                    name TEXT NOT NULL UNIQUE,
                    path TEXT NOT NULL,
                    kind TEXT NOT NULL,
                    encoding TEXT NOT NULL,
                    compressed INTEGER NOT NULL,
                    size INTEGER NOT NULL,
                    entries INTEGER NOT NULL,
                    skipped INTEGER NOT NULL,
                    imported REAL NOT NULL
                );
                CREATE TABLE dict_entry (
                    id INTEGER PRIMARY KEY,
                    source INTEGER NOT NULL REFERENCES dict_source(id),
                    line INTEGER NOT NULL,
                    headwords TEXT NOT NULL,
                    readings TEXT NOT NULL,
                    glosses TEXT NOT NULL,
                    name_types TEXT NOT NULL,
                    priority INTEGER NOT NULL
                );
                CREATE INDEX dict_entry_source ON dict_entry(source);
                CREATE TABLE dict_form (
                    key TEXT NOT NULL,
                    entry INTEGER NOT NULL,
                    role INTEGER NOT NULL,
                    PRIMARY KEY (key, entry, role)
                ) WITHOUT ROWID;
                CREATE TABLE dict_english (
                    key TEXT NOT NULL,
                    entry INTEGER NOT NULL,
                    PRIMARY KEY (key, entry)
                ) WITHOUT ROWID;
                PRAGMA user_version = 1;
                """)
        }
        return migrator
    }()

    /// The default location: `$TSUZURI_DICTIONARY`, else `$XDG_DATA_HOME/tsuzuri/dictionary.sqlite`,
    /// else `~/.local/share/tsuzuri/dictionary.sqlite`.
    public static func defaultPath(environment: [String: String], home: String) -> String {
        if let explicit = environment["TSUZURI_DICTIONARY"], !explicit.isEmpty { return explicit }
        if let xdg = environment["XDG_DATA_HOME"], xdg.hasPrefix("/") {
            return (xdg as NSString).appendingPathComponent("tsuzuri/dictionary.sqlite")
        }
        return (home as NSString).appendingPathComponent(".local/share/tsuzuri/dictionary.sqlite")
    }

    /// Runs a read inside one transaction, turning SQLite's errors into `DictionaryError`s.
    func reading<T>(_ body: (Database) throws -> T) throws -> T {
        do {
            return try dbQueue.read(body)
        } catch let error as DictionaryError {
            throw error
        } catch {
            throw DictionaryError.wrap(error, path: path)
        }
    }

    /// Runs a write inside one transaction: on any error nothing of it stays.
    func writing<T>(_ body: (Database) throws -> T) throws -> T {
        do {
            return try dbQueue.write(body)
        } catch let error as DictionaryError {
            throw error
        } catch {
            throw DictionaryError.wrap(error, path: path)
        }
    }
}
