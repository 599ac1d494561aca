import Foundation

/// Why a translation memory could not be opened, read or changed, whatever stores it; messages
/// name the file or the server (never its password) and say what to do.
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
    /// The PostgreSQL server did not answer or refused the connection for another reason than the login.
    case unreachable(address: String, reason: String)
    /// The PostgreSQL server refused the user or password.
    case authentication(address: String, reason: String)
    case server(address: String, message: String)
    /// The connection broke inside a transaction; `file` is the file being imported, if any.
    case connectionLost(address: String, writing: Bool, committing: Bool, file: String?)

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
        case .unreachable(let address, let reason):
            return "\(address): cannot reach the PostgreSQL server (\(reason)); check that it is running and that the host, port and database in the URL are right"
        case .authentication(let address, let reason):
            return "\(address): the PostgreSQL server refused the login (\(reason)); check the user name and the password (in the URL, ~/.pgpass or PGPASSWORD)"
        case .server(let address, let message):
            return "\(address): \(message)"
        case .connectionLost(let address, let writing, let committing, let file):
            let what = file.map { "the import of \($0)" } ?? (writing ? "a change to the memory" : "a read")
            if committing {
                return "\(address): the connection to the server was lost while committing \(what); it may or may not have been stored — check with `tsuzuri tm stats` before trying again"
            }
            if writing {
                return "\(address): the connection to the server was lost during \(what); the server rolled it back, nothing of it was stored — try again when the server is back"
            }
            return "\(address): the connection to the server was lost during \(what); try again when the server is back"
        case .queryTooLong(let length, let limit):
            return "the query is \(length) characters long; the memory is searched with at most \(limit) characters at a time — search for one sentence or paragraph"
        }
    }

    private static func seconds(_ value: Double) -> String {
        value == value.rounded() ? "\(Int(value)) s" : "\(value) s"
    }
}
