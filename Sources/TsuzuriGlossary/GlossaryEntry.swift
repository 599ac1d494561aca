/// Where a glossary line came from, so that every message and finding can name `file:line`.
public struct GlossarySource: Hashable, Sendable, Codable, LosslessStringConvertible {
    /// The path as the user gave it (or `<built-in>/people.tsv` for the embedded default glossary).
    public var file: String
    /// 1-based line number in that file.
    public var line: Int

    public init(file: String, line: Int) {
        self.file = file
        self.line = line
    }

    public var description: String { "\(file):\(line)" }

    /// Reads `description` back (`glossary/people.tsv:9`), for reports that carry the source as
    /// text; the line is after the last colon, so a path may itself contain colons.
    public init?(_ description: String) {
        guard let colon = description.lastIndex(of: ":"), colon != description.startIndex,
            let line = Int(description[description.index(after: colon)...]), line > 0
        else { return nil }
        self.init(file: String(description[..<colon]), line: line)
    }

    /// The prefix of the embedded default glossary's file names (`<built-in>/people.tsv`).
    public static let builtInPrefix = "<built-in>/"

    /// Whether the entry comes from the embedded default glossary, which cannot be written.
    public var isBuiltIn: Bool { file.hasPrefix(Self.builtInPrefix) }
}

/// What kind of thing an entry names. The five standard kinds are listed; teams may use others.
public struct EntryKind: RawRepresentable, Hashable, Sendable, Codable, CustomStringConvertible {
    public var rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }

    public static let person = EntryKind(rawValue: "person")
    public static let place = EntryKind(rawValue: "place")
    public static let org = EntryKind(rawValue: "org")
    public static let title = EntryKind(rawValue: "title")
    public static let term = EntryKind(rawValue: "term")

    public var description: String { rawValue }
}

/// One glossary line: the preferred Japanese spelling of a thing and its canonical English form.
public struct GlossaryEntry: Hashable, Sendable, Codable {
    /// The preferred Japanese form (never empty).
    public var ja: String
    /// The canonical English form.
    public var en: String
    public var kind: EntryKind
    /// Other spellings of the same thing that the checker flags (e.g. ヘグゼス, or deprecated キエフ).
    public var variants: [String]
    /// Forms that were once standard and are now officially replaced (キエフ → キーウ). Written in the
    /// `variants` column with a leading `!` (`!キエフ`); flagged under their own rule.
    public var deprecated: [String]
    /// Accepted alternatives that are not flagged (e.g. 北大西洋条約機構 for NATO).
    public var aliases: [String]
    public var note: String
    /// The file and line this entry was read from; nil for an entry not yet written.
    public var source: GlossarySource?

    public init(
        ja: String, en: String, kind: EntryKind = .term, variants: [String] = [], deprecated: [String] = [], aliases: [String] = [],
        note: String = "", source: GlossarySource? = nil
    ) {
        self.ja = ja
        self.en = en
        self.kind = kind
        self.variants = variants
        self.deprecated = deprecated
        self.aliases = aliases
        self.note = note
        self.source = source
    }

    /// Every Japanese spelling this entry owns: the preferred form, variants, deprecated forms, aliases.
    public var japaneseForms: [String] { formsWithRoles.map(\.form) }
}
