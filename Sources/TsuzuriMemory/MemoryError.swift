import Foundation
import GRDB

/// Why a translation memory could not be opened, read or changed; messages name the file.
public enum MemoryError: Error, LocalizedError, Sendable {
    case missing(path: String)
    case newerSchema(path: String, found: Int, supported: Int)
    case database(path: String, message: String)
    case locked(path: String, waited: Double)
    case nothingImported(path: String, reasons: String)
    case strictSkip(path: String, line: Int, reason: String)
    case unknownFormat(path: String)
    case tooManyUnits(path: String)
    case emptySegment(what: String)
    case queryTooLong(length: Int, limit: Int)

    public var errorDescription: String? {
        switch self {
        case .missing(let path):
            return "\(path): no translation memory here yet; add units with `tsuzuri tm import FILE` or `tsuzuri tm add`"
        case .newerSchema(let path, let found, let supported):
            return "\(path): written by a newer tsuzuri (schema \(found), this one knows up to \(supported)); upgrade tsuzuri — the memory was left untouched"
        case .database(let path, let message):
            return "\(path): \(message)"
        case .locked(let path, let waited):
            return "\(path): the memory is still locked by another process (an import?) after waiting \(Self.seconds(waited)); try again when it has finished, or wait longer with --wait SECONDS"
        case .nothingImported(let path, let reasons):
            return "\(path): no unit could be imported (\(reasons)); nothing was added"
        case .strictSkip(let path, let line, let reason):
            return "\(path):\(line): \(reason) (--strict); nothing was imported from this file (check --source-lang/--target-lang, or drop --strict to import the other units and list the skipped ones)"
        case .unknownFormat(let path):
            return "\(path): unknown format; name the file .tmx, .po or .tsv, or pass --input-format"
        case .tooManyUnits(let path):
            return "\(path): the memory is full (2^31 units)"
        case .emptySegment(let what):
            return "empty \(what): a unit needs both texts"
        case .queryTooLong(let length, let limit):
            return "the query is \(length) characters long; the memory is searched with at most \(limit) characters at a time — search for one sentence or paragraph"
        }
    }

    private static func seconds(_ value: Double) -> String {
        value == value.rounded() ? "\(Int(value)) s" : "\(value) s"
    }

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
