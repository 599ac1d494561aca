import Foundation
import GRDB

/// One of tsuzuri's SQLite files (the translation memory, the dictionary): how it is opened,
/// checked and migrated, in one place, so that every store refuses the same wrong files with the
/// same care and its own words.
public enum SQLiteFile {
    /// What makes a file one kind of store.
    public struct Kind: Sendable {
        /// Names the connection in GRDB's diagnostics ("tsuzuri.memory").
        public var label: String
        /// Every table of the kind starts with it ("tm_"): a file with other tables is someone else's.
        public var tablePrefix: String
        /// The `user_version` this build writes; a file with a higher one is refused.
        public var schemaVersion: Int
        public var migrator: DatabaseMigrator
        /// Pragmas for every connection, before WAL (a page cache size, for instance).
        public var pragmas: [String]

        public init(label: String, tablePrefix: String, schemaVersion: Int, migrator: DatabaseMigrator, pragmas: [String] = []) {
            self.label = label
            self.tablePrefix = tablePrefix
            self.schemaVersion = schemaVersion
            self.migrator = migrator
            self.pragmas = pragmas
        }
    }

    /// Why a file could not be opened as its kind; each store says it in its own words.
    public enum Problem: Error {
        case isDirectory
        /// Opened read-only, and there is no file.
        case missing
        case cannotCreateFolder(String, underlying: String)
        case unreadable
        case newerSchema(found: Int, supported: Int)
        /// An SQLite database with tables of something else: never changed.
        case notOurs
        /// Read-only, and the schema is absent or older: only a writer may migrate it.
        case notMigrated
        /// What SQLite said (a busy lock, a damaged file, …).
        case sqlite(DatabaseError)
        case other(any Error)
    }

    /// Opens `path` as `kind`. A writable file (and its folder) is created when missing, set to
    /// WAL (readers keep reading while one process writes) and migrated; a read-only one is only
    /// checked. Either way a file of a newer schema or with another program's tables is refused
    /// before anything is written to it. `busyTimeout` is how long to wait for another process's
    /// lock, now and in every later read or write.
    public static func open(_ path: String, as kind: Kind, readOnly: Bool, busyTimeout: TimeInterval) throws(Problem) -> DatabaseQueue {
        let fileManager = FileManager.default
        var isDirectory: ObjCBool = false
        let exists = fileManager.fileExists(atPath: path, isDirectory: &isDirectory)
        if isDirectory.boolValue { throw .isDirectory }
        if readOnly && !exists { throw .missing }
        if !readOnly && !exists {
            let folder = (path as NSString).deletingLastPathComponent
            if !folder.isEmpty {
                do {
                    try fileManager.createDirectory(atPath: folder, withIntermediateDirectories: true)
                } catch {
                    throw .cannotCreateFolder(folder, underlying: error.localizedDescription)
                }
            }
        }
        if exists && !fileManager.isReadableFile(atPath: path) { throw .unreadable }
        var configuration = Configuration()
        configuration.readonly = readOnly
        configuration.busyMode = .timeout(busyTimeout)
        configuration.label = kind.label
        let pragmas = kind.pragmas
        configuration.prepareDatabase { db in
            for pragma in pragmas { try db.execute(sql: pragma) }
            if !readOnly {
                _ = try String.fetchOne(db, sql: "PRAGMA journal_mode = WAL")
                try db.execute(sql: "PRAGMA synchronous = NORMAL")
            }
        }
        do {
            if exists && !readOnly {
                // Checked through a read-only connection first: the writable one switches the
                // file to WAL as it opens, and a file that is refused must be left as it was.
                var look = Configuration()
                look.readonly = true
                look.busyMode = .timeout(busyTimeout)
                let verdict = try DatabaseQueue(path: path, configuration: look).read { db in try check(db, as: kind) }
                if let verdict { throw verdict }
            }
            let queue = try DatabaseQueue(path: path, configuration: configuration)
            let verdict = try queue.read { db in try check(db, as: kind) }
            if let verdict { throw verdict }
            if !readOnly {
                try kind.migrator.migrate(queue)
            } else if try queue.read({ db in try !kind.migrator.hasCompletedMigrations(db) }) {
                throw Problem.notMigrated
            }
            return queue
        } catch let problem as Problem {
            throw problem
        } catch let error as DatabaseError {
            throw .sqlite(error)
        } catch {
            throw .other(error)
        }
    }

    /// Another program's tables (or another kind's: a memory given as the dictionary), or a
    /// newer schema. The tables are looked at first and whatever the version says, because
    /// the memory and the dictionary both count their versions from 1 and name their first
    /// migration alike: only the tables tell them apart.
    private static func check(_ db: Database, as kind: Kind) throws -> Problem? {
        let tables = try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
        if !tables.allSatisfy({ $0.hasPrefix(kind.tablePrefix) || $0 == "grdb_migrations" }) { return .notOurs }
        let version = try Int.fetchOne(db, sql: "PRAGMA user_version") ?? 0
        let superseded = try kind.migrator.hasBeenSuperseded(db)
        if version > kind.schemaVersion || superseded {
            return .newerSchema(found: version, supported: kind.schemaVersion)
        }
        return nil
    }
}
