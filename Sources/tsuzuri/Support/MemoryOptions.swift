import ArgumentParser
import Foundation
import TsuzuriConfig
import TsuzuriMemory

/// `--memory PATH|URL`, shared by every `tm` command, and the rule for where the memory lives when
/// the option is not given.
struct MemoryOptions: ParsableArguments {
    @Option(
        name: .long,
        help: ArgumentHelp(
            "The translation memory: a file, or a PostgreSQL server as postgresql://user@host/db. Default: $TSUZURI_MEMORY, else `memory` in .tsuzuri.toml, else $XDG_DATA_HOME/tsuzuri/memory.sqlite, else ~/.local/share/tsuzuri/memory.sqlite.",
            valueName: "path-or-url"))
    var memory: String?

    @Option(
        name: .long, parsing: .unconditional,
        help: ArgumentHelp("How long to wait for another process that is writing the memory (an import), in seconds.", valueName: "seconds"))
    var wait: Double = TranslationMemory.defaultWait

    func validate() throws {
        guard wait.isFinite, wait >= 0 else { throw ValidationError("--wait must be a number of seconds, 0 or more, not \(wait).") }
    }

    /// The memory file this run uses: --memory, else $TSUZURI_MEMORY, else `memory` in the config
    /// file, else the default under the data folder (`Settings.resolve`).
    func path(config: ConfigOptions) throws -> String {
        try config.settings(CommandLineSettings(memory: memory)).memory.value
    }

    /// Opens the memory; commands that only read never create or migrate it.
    func open(readOnly: Bool, config: ConfigOptions) throws -> TranslationMemory {
        try TranslationMemory.open(location: path(config: config), readOnly: readOnly, wait: wait)
    }
}

/// Marks spans (code-point offsets) of a text with `Style.mark`.
enum SpanMarking {
    /// Line breaks and tabs inside a unit are shown as ⏎ and → so that each hit stays on its line
    /// (one code point each, so the spans still fit).
    static func mark(_ text: String, _ spans: [TextSpan]) -> String {
        let scalars = text.unicodeScalars.map { $0 == "\n" ? "⏎" : $0 == "\t" ? "→" : $0 == "\r" ? "␍" : $0 }
        var out = ""
        var position = 0
        for span in spans.sorted(by: { $0.start < $1.start }) where span.start >= position && span.end <= scalars.count {
            out += String(String.UnicodeScalarView(scalars[position..<span.start]))
            out += Style.mark(String(String.UnicodeScalarView(scalars[span.start..<span.end])))
            position = span.end
        }
        out += String(String.UnicodeScalarView(scalars[position...]))
        return out
    }

    /// `2024-01-31T09:05:00Z`, as `Date.ISO8601FormatStyle` writes it, but by hand: the format
    /// style sets up Foundation's calendar and time-zone machinery on first use, a measurable part
    /// of a `tm search` process that prints one date per hit.
    static func isoDate(_ date: Date) -> String {
        var seconds = time_t(date.timeIntervalSince1970.rounded(.down))
        var parts = tm()
        gmtime_r(&seconds, &parts)
        func padded(_ value: Int32, _ width: Int) -> String {
            let digits = String(value)
            return String(repeating: "0", count: max(0, width - digits.count)) + digits
        }
        return "\(padded(parts.tm_year + 1900, 4))-\(padded(parts.tm_mon + 1, 2))-\(padded(parts.tm_mday, 2))"
            + "T\(padded(parts.tm_hour, 2)):\(padded(parts.tm_min, 2)):\(padded(parts.tm_sec, 2))Z"
    }
}
