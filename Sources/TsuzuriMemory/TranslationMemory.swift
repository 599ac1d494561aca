import Foundation
import TsuzuriExchange

/// A translation memory: units, their fuzzy index, and the rules for importing and searching
/// them, over a `MemoryStore` (an SQLite file by default, or a PostgreSQL database).
public final class TranslationMemory: Sendable {
    /// The schema this build writes; a memory with a higher version is refused, never migrated away.
    public static let schemaVersion = 1

    /// How long a command waits for another process's lock by default (`--wait`): long enough
    /// for a large import to finish, short enough that a stuck process is reported.
    public static let defaultWait: TimeInterval = 60

    public let store: any MemoryStore

    /// How messages name the memory: its file, or its server URL without the password.
    public var path: String { store.location }

    /// Opens (and for writing, creates and migrates) the SQLite memory at `path`, waiting up to
    /// `defaultWait` for another process's lock.
    public convenience init(path: String, readOnly: Bool = false) throws {
        try self.init(path: path, readOnly: readOnly, busyTimeout: Self.defaultWait)
    }

    /// Opens the SQLite memory at `path`; `busyTimeout` is how long to wait for another process's
    /// lock (while opening, and in every later read or write).
    public convenience init(path: String, readOnly: Bool, busyTimeout: TimeInterval) throws {
        try self.init(store: SQLiteStore(path: path, readOnly: readOnly, busyTimeout: busyTimeout))
    }

    /// Opens the memory `location` names: a `postgresql://` (or `postgres://`) URL selects a
    /// PostgreSQL server, anything else is an SQLite file. `wait` is how long a writer waits for
    /// another one.
    public static func open(location: String, readOnly: Bool, wait: TimeInterval = defaultWait) throws -> TranslationMemory {
        if PostgresAddress.isAddress(location) {
            return TranslationMemory(store: try PostgresStore(address: PostgresAddress(location), readOnly: readOnly, wait: wait))
        }
        return try TranslationMemory(path: location, readOnly: readOnly, busyTimeout: wait)
    }

    /// A memory over an already opened (and, for writing, migrated) store.
    public init(store: any MemoryStore) {
        self.store = store
    }

    /// The default location: `$TSUZURI_MEMORY`, else `$XDG_DATA_HOME/tsuzuri/memory.sqlite`, else
    /// `~/.local/share/tsuzuri/memory.sqlite`.
    public static func defaultPath(environment: [String: String], home: String) -> String {
        if let explicit = environment["TSUZURI_MEMORY"], !explicit.isEmpty { return explicit }
        if let xdg = environment["XDG_DATA_HOME"], xdg.hasPrefix("/") {
            return (xdg as NSString).appendingPathComponent("tsuzuri/memory.sqlite")
        }
        return (home as NSString).appendingPathComponent(".local/share/tsuzuri/memory.sqlite")
    }

    /// Runs a read on one snapshot; the store turns its errors into `MemoryError`s.
    func reading<T>(_ body: (any MemoryReading) throws -> T) throws -> T {
        try store.read(body)
    }

    /// Runs a write inside one transaction: on any error nothing of it stays.
    func writing<T>(_ body: (any MemoryWriting) throws -> T) throws -> T {
        try store.write(body)
    }
}
