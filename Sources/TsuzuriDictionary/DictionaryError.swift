import Foundation
import GRDB

/// Why a dictionary file could not be imported or the dictionary store opened; messages name the
/// file (and line) and say what to do.
public enum DictionaryError: Error, LocalizedError, Sendable, Equatable {
    /// No dictionary store at `path` yet.
    case missing(path: String)
    case newerSchema(path: String, found: Int, supported: Int)
    case database(path: String, message: String)
    case locked(path: String)
    /// The file could not be read at all.
    case unreadable(path: String, reason: String)
    /// A gzip file that ends early or is damaged.
    case badGzip(path: String, reason: String)
    /// Neither UTF-8 nor EUC-JP: `line` is the first line that is valid in neither.
    case unknownEncoding(path: String, line: Int)
    /// A line that is not `HEADWORD [READING] /gloss/…/`.
    case unknownFormat(path: String, line: Int, reason: String)
    /// A file with no entry at all.
    case empty(path: String)

    public var errorDescription: String? {
        switch self {
        case .missing(let path):
            "\(path): no dictionary here yet; import one with `tsuzuri dict import /usr/share/edict/edict /usr/share/edict/enamdict` (Debian packages edict, enamdict)"
        case .newerSchema(let path, let found, let supported):
            "\(path): written by a newer tsuzuri (schema \(found), this one knows up to \(supported)); upgrade tsuzuri — the dictionary was left untouched"
        case .database(let path, let message):
            "\(path): \(message)"
        case .locked(let path):
            "\(path): the dictionary is locked by another process (an import?); try again when it has finished"
        case .unreadable(let path, let reason):
            "\(path): cannot read: \(reason)"
        case .badGzip(let path, let reason):
            "\(path): \(reason); download or copy the file again (nothing was imported from it)"
        case .unknownEncoding(let path, let line):
            "\(path):\(line): neither UTF-8 nor EUC-JP; convert the file to UTF-8 (e.g. iconv -f SHIFT_JIS -t UTF-8) — nothing was imported from it"
        case .unknownFormat(let path, let line, let reason):
            "\(path):\(line): not an EDICT or ENAMDICT line (\(reason)); expected `HEADWORD [READING] /gloss/gloss/…/` — nothing was imported from this file"
        case .empty(let path):
            "\(path): no dictionary entries in this file; nothing was imported"
        }
    }

    /// Turns SQLite's errors into messages a user can act on.
    static func wrap(_ error: Error, path: String) -> Error {
        guard let error = error as? DatabaseError else { return error }
        switch error.resultCode {
        case .SQLITE_BUSY, .SQLITE_LOCKED:
            return DictionaryError.locked(path: path)
        case .SQLITE_NOTADB:
            return DictionaryError.database(path: path, message: "not a tsuzuri dictionary (not an SQLite database)")
        case .SQLITE_CANTOPEN:
            return DictionaryError.database(path: path, message: "cannot open the dictionary (missing folder or no permission)")
        case .SQLITE_READONLY:
            return DictionaryError.database(path: path, message: "the dictionary is read-only (no write permission)")
        case .SQLITE_CORRUPT:
            return DictionaryError.database(path: path, message: "the dictionary file is damaged; import the dictionaries again into a new file")
        default:
            return DictionaryError.database(path: path, message: error.message ?? "\(error.resultCode)")
        }
    }
}
