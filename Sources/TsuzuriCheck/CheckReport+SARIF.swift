import Foundation
import TsuzuriGlossary

/// SARIF 2.1.0 for `check --format sarif`: the format code-scanning services (GitHub, Azure
/// DevOps, IDE viewers) read, so that a spelling finding shows up as an annotation on the line.
extension CheckReport {
    /// The SARIF log of this report: one run, one result per flagged occurrence, in input order
    /// (the files as given, then line and column), the same occurrences `renderGCC` prints.
    public func sarif(toolVersion: String) -> SARIF.Log {
        let rules = CheckRule.allCases
        var located: [(fileIndex: Int, location: TextLocation, result: SARIF.Result)] = []
        // Only flagged places become results: a kept spelling's places are not read back.
        for finding in findings.lazy.map(resolvedFlagged) {
            let glossary = finding.glossarySource.flatMap(GlossarySource.init).flatMap {
                SARIF.glossaryLocation($0, entry: finding.preferredWithEnglish)
            }
            for use in finding.spellings {
                guard let rule = use.rule, let message = finding.message(for: use) else { continue }
                // The n-th use of this spelling in a file keeps its fingerprint when lines are
                // added above it, so CI sees the same result, not a fixed one and a new one.
                var seen: [String: Int] = [:]
                for location in use.locations.sorted() {
                    let uri = SARIF.uri(forPath: location.file)
                    let region = SARIF.Region(
                        startLine: location.line, startColumn: location.column,
                        endColumn: location.column + location.length)
                    let nth = seen[location.file, default: 0]
                    seen[location.file] = nth + 1
                    var result = SARIF.Result(
                        ruleId: rule.rawValue, ruleIndex: rules.firstIndex(of: rule)!, message: .init(text: message),
                        locations: [.init(physicalLocation: .init(artifactLocation: .init(uri: uri), region: region))],
                        relatedLocations: glossary.map { [$0] },
                        fixes: rule.offersFix
                            ? [SARIF.Fix(
                                description: .init(text: "Write \(finding.preferred)"),
                                artifactChanges: [
                                    .init(
                                        artifactLocation: .init(uri: uri),
                                        replacements: [.init(deletedRegion: region, insertedContent: .init(text: finding.preferred))])
                                ])]
                            : nil,
                        partialFingerprints: [
                            SARIF.fingerprintKey: SARIF.fingerprint(
                                [rule.rawValue, location.file, use.spelling, finding.preferred, String(nth)])
                        ])
                    result.level = (use.level ?? .warning).rawValue
                    located.append((files.firstIndex(of: location.file) ?? files.count, location, result))
                }
            }
        }
        located.sort { ($0.fileIndex, $0.location.line, $0.location.column) < ($1.fileIndex, $1.location.line, $1.location.column) }
        let driver = SARIF.ToolComponent(
            name: "tsuzuri", version: toolVersion, semanticVersion: toolVersion,
            rules: rules.map(SARIF.ReportingDescriptor.init))
        return SARIF.Log(runs: [SARIF.Run(tool: .init(driver: driver), results: located.map(\.result))])
    }
}

extension CheckRule {
    /// Whether SARIF offers a fix that writes the preferred form. Not for an in-text inconsistency:
    /// there the preferred form is only the text's most frequent spelling, a guess that a viewer
    /// must not apply with one click.
    public var offersFix: Bool {
        switch self {
        case .glossaryVariant, .deprecated, .nearMiss, .mixedScript: true
        case .inconsistent, .missingTerm, .inconsistentTranslation: false
        }
    }

    /// The rule's name in SARIF (`GlossaryVariant`), beside its stable id (`glossary-variant`).
    public var sarifName: String {
        rawValue.split(separator: "-").map { $0.prefix(1).uppercased() + $0.dropFirst() }.joined()
    }

    /// One sentence for rule lists.
    public var shortDescription: String {
        switch self {
        case .glossaryVariant: "A spelling the glossary lists as a variant of its preferred form."
        case .deprecated: "A form the glossary marks deprecated (officially replaced)."
        case .nearMiss: "A spelling the glossary does not list but that looks like one of its entries."
        case .inconsistent: "A name the text spells several ways, unknown to the glossary."
        case .missingTerm: "A glossary term of a unit's source whose agreed translation the target lacks."
        case .inconsistentTranslation: "The same source text translated differently in two units."
        case .mixedScript: "A hiragana, kanji or dash that looks like a katakana letter inside a katakana word."
        }
    }

    /// What the rule checks and why, for a rule's detail page.
    public var fullDescription: String {
        switch self {
        case .glossaryVariant:
            "The text uses a spelling that the glossary lists in an entry's variants column (ヘグゼス for ヘグセス, Hegseth). The result names the glossary line of the entry."
        case .deprecated:
            "The text uses a form that the glossary marks with ! as deprecated (キエフ for キーウ, Kyiv): a spelling that was once usual and has been replaced."
        case .nearMiss:
            "The glossary does not list the spelling, but tsuzuri's variant engine judges it a spelling of a glossary entry (ヘスゲス looks like ヘグセス): a typo, or a variant the glossary should list."
        case .inconsistent:
            "The text spells one name several ways and the glossary does not know the name. The most frequent spelling is taken as the one meant; the others are flagged."
        case .missingTerm:
            "In a bilingual file (XLIFF, PO), the source contains a glossary entry's English form (on word boundaries, any case, possessive or plural) and the Japanese target contains none of the entry's accepted forms — or the other way round for a Japanese source. A variant or deprecated form in the target is reported under its own rule instead."
        case .inconsistentTranslation:
            "In bilingual files, two units with the same source text (white space folded) have different translations."
        case .mixedScript:
            "A character of another script that looks like a katakana letter (hiragana へ for ヘ, kanji 卜 for ト or 一 for ー, a full-width hyphen for ー) sits inside or at the edge of a katakana word, and the word with the letter replaced is a spelling the glossary or the text knows."
        }
    }

    /// What to do about a result of this rule.
    public var help: String {
        switch self {
        case .glossaryVariant, .deprecated:
            "Replace the spelling with the glossary's preferred form (the fix does this)."
        case .nearMiss:
            "Replace the spelling with the glossary's preferred form (the fix does this), or, if it is a different name, add it to the glossary with `tsuzuri add`."
        case .inconsistent:
            "Choose one spelling and use it throughout; add the name to the glossary with `tsuzuri add` so later texts are checked against it. No fix is offered: the spelling kept is only a guess."
        case .missingTerm:
            "Translate the term with the glossary's preferred form, or add the form used to the glossary as an alias if it is also correct."
        case .inconsistentTranslation:
            "Make the translations agree, or give the units different contexts if they mean different things."
        case .mixedScript:
            "Replace the look-alike with the katakana letter (the fix does this)."
        }
    }
}

/// The subset of SARIF 2.1.0 (https://docs.oasis-open.org/sarif/sarif/v2.1.0/) that `check` writes.
/// Optional members left nil are omitted from the JSON.
public enum SARIF {
    /// Where a result's fingerprint is kept in `partialFingerprints` (versioned, as SARIF asks).
    public static let fingerprintKey = "tsuzuriOccurrence/v1"

    /// The top-level object of a SARIF file.
    public struct Log: Codable, Sendable, Equatable {
        /// The OASIS schema's own id (the schema the tests validate against).
        public var schema = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
        public var version = "2.1.0"
        public var runs: [Run]

        enum CodingKeys: String, CodingKey {
            case schema = "$schema", version, runs
        }
    }

    /// One invocation of one tool.
    public struct Run: Codable, Sendable, Equatable {
        public var tool: Tool
        /// tsuzuri counts columns in Unicode scalars, never UTF-16 units.
        public var columnKind = "unicodeCodePoints"
        public var results: [Result]
    }

    public struct Tool: Codable, Sendable, Equatable {
        public var driver: ToolComponent
    }

    public struct ToolComponent: Codable, Sendable, Equatable {
        public var name: String
        public var version: String
        public var semanticVersion: String
        public var rules: [ReportingDescriptor]
    }

    /// A rule: a stable id, what it means, and its default level.
    public struct ReportingDescriptor: Codable, Sendable, Equatable {
        public var id: String
        public var name: String
        public var shortDescription: Message
        public var fullDescription: Message
        public var help: Message
        public var defaultConfiguration: Configuration

        public init(_ rule: CheckRule) {
            id = rule.rawValue
            name = rule.sarifName
            shortDescription = .init(text: rule.shortDescription)
            fullDescription = .init(text: rule.fullDescription)
            help = .init(text: rule.help)
            defaultConfiguration = .init(level: "warning")
        }
    }

    public struct Configuration: Codable, Sendable, Equatable {
        public var level: String
    }

    public struct Message: Codable, Sendable, Equatable {
        public var text: String
    }

    /// One flagged occurrence.
    public struct Result: Codable, Sendable, Equatable {
        public var ruleId: String
        public var ruleIndex: Int
        public var level = "warning"
        public var message: Message
        public var locations: [Location]
        /// The glossary entry's line, when the entry comes from a file the user has.
        public var relatedLocations: [Location]?
        public var fixes: [Fix]?
        public var partialFingerprints: [String: String]

        init(
            ruleId: String, ruleIndex: Int, message: Message, locations: [Location], relatedLocations: [Location]?,
            fixes: [Fix]?, partialFingerprints: [String: String]
        ) {
            self.ruleId = ruleId
            self.ruleIndex = ruleIndex
            self.message = message
            self.locations = locations
            self.relatedLocations = relatedLocations
            self.fixes = fixes
            self.partialFingerprints = partialFingerprints
        }
    }

    public struct Location: Codable, Sendable, Equatable {
        public var id: Int?
        public var physicalLocation: PhysicalLocation
        public var message: Message?
    }

    public struct PhysicalLocation: Codable, Sendable, Equatable {
        public var artifactLocation: ArtifactLocation
        public var region: Region
    }

    public struct ArtifactLocation: Codable, Sendable, Equatable {
        public var uri: String
    }

    /// Lines and columns are 1-based; `endColumn` is the column after the span's last character.
    public struct Region: Codable, Sendable, Equatable {
        public var startLine: Int
        public var startColumn: Int?
        public var endColumn: Int?

        public init(startLine: Int, startColumn: Int? = nil, endColumn: Int? = nil) {
            self.startLine = startLine
            self.startColumn = startColumn
            self.endColumn = endColumn
        }
    }

    /// A proposed edit: replace the flagged span with the preferred form.
    public struct Fix: Codable, Sendable, Equatable {
        public var description: Message
        public var artifactChanges: [ArtifactChange]
    }

    public struct ArtifactChange: Codable, Sendable, Equatable {
        public var artifactLocation: ArtifactLocation
        public var replacements: [Replacement]
    }

    public struct Replacement: Codable, Sendable, Equatable {
        public var deletedRegion: Region
        public var insertedContent: ArtifactContent
    }

    public struct ArtifactContent: Codable, Sendable, Equatable {
        public var text: String
    }

    /// The related location naming a glossary entry's line, or nil for the built-in glossary,
    /// which is compiled into tsuzuri and has no file a viewer could open.
    static func glossaryLocation(_ source: GlossarySource, entry: String) -> Location? {
        guard !source.isBuiltIn else { return nil }
        return Location(
            id: 1,
            physicalLocation: .init(artifactLocation: .init(uri: uri(forPath: source.file)), region: .init(startLine: source.line)),
            message: .init(text: "glossary entry \(entry)"))
    }

    /// A path as a URI reference: relative paths stay relative (as given), absolute ones become
    /// `file://` URIs; everything outside RFC 3986's path characters (kana, spaces, `<stdin>`'s
    /// brackets) is percent-encoded, as SARIF requires valid URIs. A colon is encoded too, so that
    /// `a:b.txt` cannot be read as a URI scheme.
    public static func uri(forPath path: String) -> String {
        let encoded = path.addingPercentEncoding(withAllowedCharacters: uriPathCharacters) ?? path
        return path.hasPrefix("/") ? "file://" + encoded : encoded
    }

    private static let uriPathCharacters = CharacterSet(
        charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~!$&'()*+,;=@/")

    /// A stable 64-bit hash (FNV-1a) in hex: Swift's `Hasher` is seeded per process, and a
    /// fingerprint must be the same in every run.
    static func fingerprint(_ parts: [String]) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for (index, part) in parts.enumerated() {
            if index > 0 { hash = (hash ^ 0x1F) &* 0x100_0000_01b3 }  // unit separator between parts
            for byte in part.utf8 { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
        }
        // FNV's last bytes barely reach the high bits (the 2nd and 3rd use of a spelling would get
        // near-identical hashes); a final avalanche (MurmurHash3's fmix64) spreads them.
        hash = (hash ^ (hash >> 33)) &* 0xff51_afd7_ed55_8ccd
        hash = (hash ^ (hash >> 33)) &* 0xc4ce_b9fe_1a85_ec53
        hash ^= hash >> 33
        let hex = String(hash, radix: 16)
        return String(repeating: "0", count: 16 - hex.count) + hex
    }
}
