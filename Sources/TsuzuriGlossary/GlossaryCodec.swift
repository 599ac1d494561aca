/// Something a reader noticed and skipped while the rest of the file was read (a prh regular
/// expression, a TBX term in a third language): where it is and what was done about it.
public struct GlossaryWarning: Error, Hashable, Sendable, Codable, CustomStringConvertible {
    /// The file and line of the skipped item.
    public var source: GlossarySource
    /// What was skipped and why, in words.
    public var message: String

    public init(source: GlossarySource, message: String) {
        self.source = source
        self.message = message
    }

    public var description: String { "\(source): \(message)" }
}

/// What a codec read from one file: the entries, each with the file and line it came from, and
/// what it skipped.
public struct DecodedGlossary: Sendable {
    public var entries: [GlossaryEntry]
    public var warnings: [GlossaryWarning]

    public init(entries: [GlossaryEntry], warnings: [GlossaryWarning] = []) {
        self.entries = entries
        self.warnings = warnings
    }
}

/// One glossary file format: reads entries with their source positions and writes entries. The
/// team's own files are TSV (`TSVGlossaryCodec`); exchange formats (TBX, CSV, OmegaT, prh) live in
/// TsuzuriGlossaryExchange behind the same seam, so this module never sees XML or YAML.
public protocol GlossaryCodec: Sendable {
    /// The format's name as the command line spells it (`tsv`, `tbx`, `csv` …).
    var name: String { get }
    /// Reads a whole file; `file` is the name used in sources and messages. Throws an error naming
    /// the file and line when nothing could be read.
    func decode(_ bytes: [UInt8], file: String) throws -> DecodedGlossary
    /// Writes entries as a whole file in this format.
    func encode(_ entries: [GlossaryEntry]) throws -> [UInt8]
}

/// tsuzuri's own glossary format: the header line, then one tab-separated entry per line (see
/// `GlossaryFormat`). Reading keeps every entry's line; the writer (`GlossaryWriter`) edits such
/// files in place, byte for byte, and does not go through `encode`.
public struct TSVGlossaryCodec: GlossaryCodec {
    public init() {}

    public var name: String { "tsv" }

    public func decode(_ bytes: [UInt8], file: String) throws -> DecodedGlossary {
        DecodedGlossary(entries: try GlossaryFileContents.parse(bytes: bytes, file: file, requireHeader: true).entries)
    }

    /// The header line and one line per entry, LF line ends. Throws `invalidField` for a field
    /// that one TSV cell cannot hold (a tab or a line break, `|` inside a form).
    public func encode(_ entries: [GlossaryEntry]) throws -> [UInt8] {
        var text = GlossaryFormat.headerLine + "\n"
        for entry in entries {
            let checked = try GlossaryWriter.validated(GlossaryAddition(entry))
            text += GlossaryFormat.line(for: GlossaryEntry(checked)) + "\n"
        }
        return Array(text.utf8)
    }
}

extension GlossaryAddition {
    /// The addition that would write `entry` (its source is not part of it).
    public init(_ entry: GlossaryEntry) {
        self.init(
            ja: entry.ja, en: entry.en, kind: entry.kind, variants: entry.variants, deprecated: entry.deprecated,
            aliases: entry.aliases, note: entry.note)
    }
}

extension GlossaryEntry {
    /// The entry an addition describes, not yet placed in a file.
    init(_ addition: GlossaryAddition) {
        self.init(
            ja: addition.ja, en: addition.en, kind: addition.kind ?? .term, variants: addition.variants,
            deprecated: addition.deprecated, aliases: addition.aliases, note: addition.note ?? "")
    }
}
