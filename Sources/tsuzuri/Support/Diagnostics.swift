import Foundation

/// Writes diagnostics (errors, warnings, progress) to stderr, never to stdout, so that results stay
/// machine-readable when piped.
enum Diagnostics {
    /// Whether stderr is a terminal (progress bars and colour only then).
    static let stderrIsTerminal = isatty(STDERR_FILENO) == 1

    static func error(_ message: String) {
        write("tsuzuri: error: \(message)\n")
    }

    static func warning(_ message: String) {
        write("tsuzuri: warning: \(message)\n")
    }

    static func note(_ message: String) {
        write("\(message)\n")
    }

    /// Writes raw text to stderr (used by progress bars, which redraw with "\r").
    static func write(_ text: String) {
        FileHandle.standardError.write(Data(text.utf8))
    }

    /// The user-facing sentence for an error: `LocalizedError` messages as written, others as described.
    static func describe(_ error: Error) -> String {
        if let localized = error as? LocalizedError, let description = localized.errorDescription {
            return description
        }
        return String(describing: error)
    }
}
