import TsuzuriGlossary

/// A place in a checked text: file, 1-based line, 1-based column (in Unicode scalars) and length.
public struct TextLocation: Hashable, Sendable, Codable, Comparable {
    public var file: String
    public var line: Int
    public var column: Int
    public var length: Int
    /// The translation unit the place is in (XLIFF `id`, PO `msgctxt` or `msgid`), in bilingual files.
    public var unit: String?

    public init(file: String, line: Int, column: Int, length: Int, unit: String? = nil) {
        self.file = file
        self.line = line
        self.column = column
        self.length = length
        self.unit = unit
    }

    public static func < (a: TextLocation, b: TextLocation) -> Bool {
        (a.file, a.line, a.column) < (b.file, b.line, b.column)
    }
}

/// The rule a flagged spelling breaks.
public enum CheckRule: String, Sendable, Codable, CaseIterable {
    /// The glossary lists the spelling as a variant of its preferred form.
    case glossaryVariant = "glossary-variant"
    /// The glossary lists the spelling as deprecated (officially replaced).
    case deprecated
    /// The glossary does not know the spelling, but it looks like one of its entries.
    case nearMiss = "near-miss"
    /// The text spells one name several ways, and the glossary does not know the name.
    case inconsistent = "inconsistent-spelling"
    /// A bilingual unit's source holds a glossary term whose agreed translation the target lacks.
    case missingTerm = "missing-term"
    /// The same source text is translated differently in two units.
    case inconsistentTranslation = "inconsistent-translation"
    /// A hiragana, kanji or dash that looks like a katakana letter inside a katakana word (へグセス).
    case mixedScript = "mixed-script"

    /// A short phrase for people.
    public var summary: String {
        switch self {
        case .glossaryVariant: "glossary variant"
        case .deprecated: "deprecated form"
        case .nearMiss: "looks like a glossary entry"
        case .inconsistent: "spelled several ways in the text"
        case .missingTerm: "source term without its agreed translation"
        case .inconsistentTranslation: "same source translated differently"
        case .mixedScript: "a look-alike character in a katakana word"
        }
    }

    /// Whether the rule compares Japanese spellings (so the variant engine's score explains it).
    public var comparesSpellings: Bool {
        switch self {
        case .glossaryVariant, .deprecated, .nearMiss, .inconsistent: true
        case .missingTerm, .inconsistentTranslation, .mixedScript: false
        }
    }
}

/// How one spelling of an entity is used in the text(s).
public struct SpellingUse: Sendable, Codable, Hashable {
    public var spelling: String
    /// The spelling's standing in the glossary; nil when the glossary does not list it.
    public var role: FormRole?
    /// The rule it breaks, or nil for the spelling to keep.
    public var rule: CheckRule?
    /// Similarity to the preferred spelling (0...1), when the variant engine compared them.
    public var similarity: Double?
    /// The edits that turn the preferred spelling into this one (e.g. "セ→ゼ voiced"); nil when
    /// the spelling was not compared.
    public var edits: [String]?
    public var count: Int
    public var locations: [TextLocation]
    /// How a flagged spelling is reported (gcc and SARIF level); set by `CheckReport.applying(_:)`.
    public var level: RuleLevel?
}

/// One thing (a person, place, term) written more than one way, or written a way the glossary flags.
public struct Finding: Sendable, Codable, Hashable {
    /// The spelling to use: the glossary's preferred form, or the most frequent spelling in the text.
    public var preferred: String
    /// The canonical English form, when the glossary knows the entity.
    public var english: String?
    public var kind: String?
    /// The glossary line that defines the entity (`file:line`).
    public var glossarySource: String?
    /// The glossary entry's note (why キーウ, not キエフ), when it has one.
    public var note: String?
    /// For `inconsistent-translation`: the source text that is translated several ways.
    public var sourceText: String?
    /// The rules the flagged spellings break, each once, in the order of `spellings`.
    public var rules: [CheckRule]
    /// Every spelling seen, the preferred one first, each with its count and locations.
    public var spellings: [SpellingUse]
    /// What the document said to join spellings that spelling alone kept apart
    /// ("same title 総裁 after ラガルド and ラガード at 8:52, 9:1"); nil when spelling decided.
    public var evidence: [String]?

    /// The spellings that break a rule.
    public var flagged: [SpellingUse] { spellings.filter { $0.rule != nil } }
    /// The first place the entity appears (findings are ordered by it).
    public var firstLocation: TextLocation? { spellings.compactMap { $0.locations.first }.min() }
}

/// The result of checking one or more texts.
public struct CheckReport: Sendable, Codable {
    /// How many translation units the bilingual files held, and how many had no translation.
    public struct Units: Sendable, Codable, Hashable {
        public var checked: Int
        public var untranslated: Int
    }

    public var files: [String]
    public var findings: [Finding]
    /// Present when bilingual files were checked.
    public var units: Units?
    /// Flagged occurrences left out by suppression directives (see `Suppressions`).
    public var suppressedOccurrences = 0
    /// The places left with the checker until rendering, for a large input (see `resolved`).
    public var deferredPlaces: DeferredPlaces?

    enum CodingKeys: String, CodingKey {
        case files, findings, units, suppressedOccurrences
    }

    public init(files: [String], findings: [Finding], units: Units? = nil) {
        self.files = files
        self.findings = findings
        self.units = units
    }
    /// Occurrences of flagged spellings, over all findings.
    public var flaggedOccurrences: Int { findings.reduce(0) { $0 + $1.flagged.reduce(0) { $0 + $1.count } } }
}
