import Foundation
import TsuzuriGlossary
import TsuzuriXML

/// TermBase eXchange: reads TBX v3 (ISO 30042:2019, `<tbx>` with `conceptEntry`/`langSec`/
/// `termSec`, DCA style `<termNote type="…">` or DCT style `<basic:administrativeStatus>`) and
/// TBX v2 (ISO 30042:2008, `<martif>` with `termEntry`/`langSet`/`tig` or `ntig`), through
/// libxml2 (TsuzuriXML); writes TBX-Basic v3 or v2. One concept is one entry:
///
/// | TBX | glossary |
/// |---|---|
/// | Japanese `preferredTerm-admn-sts` | `ja` (the first; further ones become aliases) |
/// | Japanese `admittedTerm-admn-sts` or no status | alias |
/// | Japanese `deprecatedTerm-admn-sts` | variant |
/// | Japanese `supersededTerm-admn-sts` | deprecated |
/// | English preferred (else first) term | `en`; further English terms go in the note as `[also en: …]` |
/// | concept `subjectField` | kind |
/// | `definition` and `note` | note |
public struct TBXCodec: GlossaryCodec {
    public enum Version: Sendable { case v2, v3 }

    /// The version `encode` writes; `decode` reads both.
    public var version: Version

    public init(version: Version = .v3) {
        self.version = version
    }

    public var name: String { version == .v3 ? "tbx" : "tbx2" }

    public func decode(_ bytes: [UInt8], file: String) throws -> DecodedGlossary {
        try TBXReader(file: file).read(bytes)
    }

    public func encode(_ entries: [GlossaryEntry]) throws -> [UInt8] {
        Array(TBXWriter(version: version).document(entries).utf8)
    }
}

/// The administrative statuses of TBX-Basic, in the order a glossary ranks them.
enum TermStatus: String {
    case preferred = "preferredTerm-admn-sts"
    case admitted = "admittedTerm-admn-sts"
    case deprecated = "deprecatedTerm-admn-sts"
    case superseded = "supersededTerm-admn-sts"

    /// Reads a status as TBX files write it; the ISO 12620 statuses that mean "use this"
    /// (standardized, legal, regulated) count as preferred. Unknown values count as admitted.
    init(tbx value: String) {
        let value = value.trimmingCharacters(in: .whitespacesAndNewlines)
        if let status = TermStatus(rawValue: value) {
            self = status
            return
        }
        switch value.lowercased() {
        case "preferredterm-admn-sts", "preferred", "standardizedterm-admn-sts", "legalterm-admn-sts", "regulatedterm-admn-sts":
            self = .preferred
        case "deprecatedterm-admn-sts", "deprecated", "forbidden": self = .deprecated
        case "supersededterm-admn-sts", "superseded", "obsolete": self = .superseded
        default: self = .admitted
        }
    }
}

/// The kind a TBX `subjectField` names, and back.
enum SubjectField {
    static func kind(_ value: String) -> EntryKind? {
        let key = value.trimmingCharacters(in: .whitespacesAndNewlines).lowercased()
        switch key {
        case "person", "people", "personal name", "person name", "name": return .person
        case "place", "places", "geography", "place name", "location", "toponym": return .place
        case "org", "organization", "organisation", "organizations", "organisations", "company": return .org
        case "title", "titles", "job title": return .title
        case "term", "": return .term
        default:
            // A team's own one-word kind passes through; a subject field in several words
            // ("International relations") is not a kind and stays in the note.
            return key.contains(where: \.isWhitespace) ? nil : EntryKind(rawValue: key)
        }
    }
}

/// Streams a TBX file's events into entries, one per concept.
struct TBXReader {
    var file: String

    /// A term as found, before the concept is turned into an entry.
    struct Term {
        var text = ""
        var status: TermStatus?
        var line: Int
    }

    struct Concept {
        var line: Int
        var japanese: [Term] = []
        var english: [Term] = []
        var subjectFields: [String] = []
        var definitions: [String] = []
        var notes: [String] = []
    }

    /// What the text being collected will become when its element ends.
    enum Capture {
        case term, status, subjectField, definition, note, ignored
    }

    func read(_ bytes: [UInt8]) throws -> DecodedGlossary {
        if case .other(let name) = XMLEncoding(head: Array(bytes.prefix(512))) {
            throw GlossaryExchangeError.malformed(file: file, line: 1, reason: "the file declares the encoding \(name); save it as UTF-8 and import it again")
        }
        var entries: [GlossaryEntry] = []
        var warnings: [GlossaryWarning] = []
        var rootChecked = false
        var concepts = 0
        var concept: Concept?
        var language: String?
        var term: Term?
        var capture: (kind: Capture, depth: Int, text: String)?
        var depth = 0
        let parser = XMLStreamParser()
        do {
            try bytes.withUnsafeBytes { buffer in
                try parser.feed(buffer, isLast: true) { event in
                    switch event.kind {
                    case .start:
                        depth += 1
                        if !rootChecked {
                            try checkRoot(event, bytes: bytes)
                            rootChecked = true
                        }
                        if capture != nil { return }
                        let name = event.localName
                        let type = event.attribute("type")
                        switch name {
                        case "conceptEntry", "termEntry":
                            concept = Concept(line: event.line)
                            concepts += 1
                        case "langSec", "langSet":
                            language = event.attribute("xml:lang") ?? event.attribute("lang")
                        case "termSec", "tig", "ntig":
                            term = Term(line: event.line)
                        case "term" where term != nil:
                            term?.line = event.line
                            capture = (.term, depth, "")
                        case "termNote" where type == "administrativeStatus" && term != nil, "administrativeStatus" where term != nil:
                            capture = (.status, depth, "")
                        case "descrip" where concept != nil && type == "subjectField", "subjectField" where concept != nil:
                            capture = (.subjectField, depth, "")
                        case "descrip" where concept != nil && type == "definition", "definition" where concept != nil:
                            capture = (.definition, depth, "")
                        case "note" where concept != nil:
                            capture = (.note, depth, "")
                        default:
                            break
                        }
                    case .text, .cdata:
                        if capture != nil { capture!.text += event.text }
                    case .end:
                        defer { depth -= 1 }
                        if let current = capture {
                            guard current.depth == depth else { return }
                            capture = nil
                            let text = current.text.trimmingCharacters(in: .whitespacesAndNewlines)
                            switch current.kind {
                            case .term: term?.text = text
                            case .status: term?.status = TermStatus(tbx: text)
                            case .subjectField: if !text.isEmpty { concept?.subjectFields.append(text) }
                            case .definition: if !text.isEmpty { concept?.definitions.append(text) }
                            case .note: if !text.isEmpty { concept?.notes.append(text) }
                            case .ignored: break
                            }
                            return
                        }
                        switch event.localName {
                        case "termSec", "tig", "ntig":
                            if let finished = term, !finished.text.isEmpty, let language {
                                if Self.isLanguage(language, "ja", "jpn") {
                                    concept?.japanese.append(finished)
                                } else if Self.isLanguage(language, "en", "eng") {
                                    concept?.english.append(finished)
                                }
                            }
                            term = nil
                        case "langSec", "langSet":
                            language = nil
                        case "conceptEntry", "termEntry":
                            if let finished = concept {
                                switch entry(for: finished) {
                                case .success(let entry): entries.append(entry)
                                case .failure(let warning): warnings.append(warning)
                                }
                            }
                            concept = nil
                        default:
                            break
                        }
                    }
                }
            }
        } catch let error as XMLError {
            let advice: String
            switch error.kind {
            case .entityDeclaration, .undeclaredEntity: advice = "tsuzuri refuses XML entities; remove the DOCTYPE's entity declarations"
            case .encoding: advice = "save the file as UTF-8"
            default: advice = "fix the XML there (an unclosed or mismatched tag, a bare &) and import again"
            }
            throw GlossaryExchangeError.malformed(file: file, line: error.line, reason: "not well-formed XML: \(error.message); \(advice)")
        }
        if !rootChecked {
            throw GlossaryExchangeError.malformed(file: file, line: 1, reason: "no root element; a TBX file starts with <tbx> (v3) or <martif> (v2)")
        }
        if entries.isEmpty && concepts > 0 {
            throw GlossaryExchangeError.noJapanese(file: file, concepts: concepts)
        }
        return DecodedGlossary(entries: entries, warnings: warnings)
    }

    /// Refuses a root that is not TBX v2 or v3, and TBX 1 (its DOCTYPE names the 2002 DTD).
    func checkRoot(_ event: XMLEvent, bytes: [UInt8]) throws {
        // Zero bytes dropped: the DOCTYPE of a UTF-16 file (as MultiTerm may write it) reads as ASCII.
        let prolog = String(decoding: bytes.prefix(4096).filter { $0 != 0 }, as: UTF8.self)
        switch event.localName {
        case "tbx":
            break
        case "martif":
            if prolog.range(of: "TBXcdv0", options: .caseInsensitive) != nil || event.attribute("type")?.lowercased() == "tbx-1" {
                throw GlossaryExchangeError.tbxVersion1(file: file, line: event.line)
            }
        default:
            throw GlossaryExchangeError.malformed(
                file: file, line: event.line,
                reason: "not a TBX file (root element <\(event.name)>, expected <tbx> for TBX v3 or <martif> for TBX v2)")
        }
    }

    /// The entry a concept makes, or why it makes none.
    func entry(for concept: Concept) -> Result<GlossaryEntry, GlossaryWarning> {
        let source = GlossarySource(file: file, line: concept.line)
        let usable = concept.japanese.filter { $0.status != .deprecated && $0.status != .superseded }
        guard let preferred = usable.first(where: { $0.status == .preferred }) ?? usable.first else {
            let reason = concept.japanese.isEmpty ? "has no Japanese term" : "has only deprecated Japanese terms, no form to prefer"
            return .failure(GlossaryWarning(source: source, message: "concept skipped: it \(reason)"))
        }
        var entry = GlossaryEntry(ja: preferred.text, en: "", source: source)
        for term in concept.japanese where term.line != preferred.line || term.text != preferred.text {
            switch term.status ?? .admitted {
            case .preferred, .admitted: entry.aliases.append(term.text)
            case .deprecated: entry.variants.append(term.text)
            case .superseded: entry.deprecated.append(term.text)
            }
        }
        let english = concept.english.first(where: { $0.status == .preferred })
            ?? concept.english.first(where: { $0.status != .deprecated && $0.status != .superseded }) ?? concept.english.first
        if let english { entry.en = english.text }
        let others = concept.english.filter { $0.line != english?.line || $0.text != english?.text }
            .map { (term: $0.text, deprecated: $0.status == .deprecated || $0.status == .superseded) }
        var notes = concept.definitions + concept.notes
        if let field = concept.subjectFields.first {
            if let kind = SubjectField.kind(field) { entry.kind = kind } else { notes.insert("subject field: \(field)", at: 0) }
        }
        entry.note = EnglishAlternatives.join(notes.map(CSVGlossaryCodec.oneLine).joined(separator: "; "), others)
        return .success(entry)
    }

    static func isLanguage(_ code: String, _ two: String, _ three: String) -> Bool {
        let primary = code.lowercased().split(whereSeparator: { $0 == "-" || $0 == "_" }).first.map(String.init) ?? ""
        return primary == two || primary == three
    }
}


/// Writes TBX-Basic documents: v3 in the DCA style (`<descrip type="…">`, `<termNote type="…">`)
/// or v2 (`<martif>` with `tig`).
struct TBXWriter {
    var version: TBXCodec.Version

    func document(_ entries: [GlossaryEntry]) -> String {
        var out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        let v3 = version == .v3
        if v3 {
            out += "<tbx type=\"TBX-Basic\" style=\"dca\" xml:lang=\"en\" xmlns=\"urn:iso:std:iso:30042:ed-2\">\n"
            out += "  <tbxHeader>\n    <fileDesc>\n      <sourceDesc>\n        <p>Exported by tsuzuri</p>\n      </sourceDesc>\n    </fileDesc>\n  </tbxHeader>\n"
        } else {
            out += "<martif type=\"TBX-Basic\" xml:lang=\"en\">\n"
            out += "  <martifHeader>\n    <fileDesc>\n      <sourceDesc>\n        <p>Exported by tsuzuri</p>\n      </sourceDesc>\n    </fileDesc>\n  </martifHeader>\n"
        }
        out += "  <text>\n    <body>\n"
        let (entryTag, langTag, termTag) = v3 ? ("conceptEntry", "langSec", "termSec") : ("termEntry", "langSet", "tig")
        for (index, entry) in entries.enumerated() {
            let (note, englishExtras) = EnglishAlternatives.split(entry.note)
            out += "      <\(entryTag) id=\"c\(index + 1)\">\n"
            out += "        <descrip type=\"subjectField\">\(Self.escape(entry.kind.rawValue))</descrip>\n"
            if !note.isEmpty { out += "        <note>\(Self.escape(note))</note>\n" }
            var japanese: [(String, TermStatus)] = [(entry.ja, .preferred)]
            japanese += entry.aliases.map { ($0, .admitted) }
            japanese += entry.variants.map { ($0, .deprecated) }
            japanese += entry.deprecated.map { ($0, .superseded) }
            var english: [(String, TermStatus)] = [(entry.en, .preferred)]
            english += englishExtras.map { ($0.term, $0.deprecated ? .deprecated : .admitted) }
            for (language, terms) in [("ja", japanese), ("en", english)] {
                out += "        <\(langTag) xml:lang=\"\(language)\">\n"
                for (text, status) in terms {
                    out += "          <\(termTag)>\n"
                    out += "            <term>\(Self.escape(text))</term>\n"
                    out += "            <termNote type=\"administrativeStatus\">\(status.rawValue)</termNote>\n"
                    out += "          </\(termTag)>\n"
                }
                out += "        </\(langTag)>\n"
            }
            out += "      </\(entryTag)>\n"
        }
        out += "    </body>\n  </text>\n"
        out += v3 ? "</tbx>\n" : "</martif>\n"
        return out
    }

    /// Text as XML character data: the markup characters as references, and characters XML 1.0
    /// cannot hold at all (C0 controls but tab and line breaks) dropped.
    static func escape(_ text: String) -> String {
        var result = ""
        result.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"": result += "&quot;"
            case "\t", "\n", "\r": result.unicodeScalars.append(scalar)
            default:
                if scalar.value < 0x20 || scalar.value == 0xFFFE || scalar.value == 0xFFFF { continue }
                result.unicodeScalars.append(scalar)
            }
        }
        return result
    }
}
