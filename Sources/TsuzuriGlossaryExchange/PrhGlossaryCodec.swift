import Foundation
import TsuzuriGlossary
import Yams

/// prh's rule file (`prh.yml`, as textlint-rule-prh users keep it), read and written with Yams:
/// `version: 1` and `rules:`, each rule with `expected` (the preferred form), `patterns` or
/// `pattern` (spellings to replace: variants) and `prh` (a note). A regular-expression pattern
/// (`/…/`) says more than one spelling and is skipped with a warning naming its line, as is a rule
/// whose `expected` uses a capture (`$1`) and an `imports:` list; the rest is imported. prh holds
/// no English form, kind or alias: imported entries have an empty `en` (the importer fills it) and
/// kind term; an export writes entries that have variants or deprecated forms (both become
/// patterns), with their note and English form in `prh`.
public struct PrhGlossaryCodec: GlossaryCodec {
    public init() {}

    public var name: String { "prh" }

    public func decode(_ bytes: [UInt8], file: String) throws -> DecodedGlossary {
        guard let text = String(validating: bytes, as: UTF8.self) else {
            throw GlossaryExchangeError.notUTF8(file: file, line: CSVGlossaryCodec.firstInvalidLine(bytes[...]))
        }
        let root: Node?
        do {
            root = try Yams.compose(yaml: text)
        } catch let error as YamlError {
            throw GlossaryExchangeError.malformed(file: file, line: Self.line(of: error), reason: "not valid YAML (\(Self.problem(of: error))); fix the indentation or quoting there")
        }
        guard let root, root.mapping != nil else {
            throw GlossaryExchangeError.malformed(file: file, line: 1, reason: "not a prh rule file; it must be a mapping with `version: 1` and `rules:`")
        }
        func line(_ node: Node?) -> Int { node?.mark?.line ?? 1 }
        var warnings: [GlossaryWarning] = []
        if let version = root["version"], version.int != 1 {
            throw GlossaryExchangeError.malformed(file: file, line: line(version), reason: "prh version \(version.string ?? "?") is not read; tsuzuri reads `version: 1`")
        }
        if let imports = root["imports"] {
            warnings.append(GlossaryWarning(source: GlossarySource(file: file, line: line(imports)), message: "`imports:` skipped; import each listed file on its own"))
        }
        guard let rules = root["rules"]?.sequence else {
            throw GlossaryExchangeError.malformed(file: file, line: line(root["rules"] ?? root), reason: "no `rules:` list; each rule is `- expected: …` with `patterns: […]`")
        }
        var entries: [GlossaryEntry] = []
        for rule in rules {
            let source = GlossarySource(file: file, line: line(rule))
            guard rule.mapping != nil, let expectedNode = rule["expected"], let expected = expectedNode.string?.trimmingCharacters(in: .whitespaces), !expected.isEmpty
            else {
                throw GlossaryExchangeError.malformed(file: file, line: source.line, reason: "a rule without `expected:`; give the spelling to use")
            }
            if expected.contains("$") {
                warnings.append(GlossaryWarning(source: source, message: "rule for \"\(expected)\" skipped: its `expected` uses a capture of a regular expression, not one spelling"))
                continue
            }
            var patterns: [Node] = []
            for key in ["patterns", "pattern"] {
                guard let node = rule[key] else { continue }
                patterns += node.sequence.map(Array.init) ?? [node]
            }
            var variants: [String] = []
            for pattern in patterns {
                guard let value = pattern.string?.trimmingCharacters(in: .whitespaces), !value.isEmpty else { continue }
                if value.count > 1 && value.hasPrefix("/") && value.dropFirst().contains("/") {
                    warnings.append(
                        GlossaryWarning(
                            source: GlossarySource(file: file, line: line(pattern)),
                            message: "regular-expression pattern \(value) of \"\(expected)\" skipped; tsuzuri lists spellings: add each one it should catch as a variant"))
                    continue
                }
                if value != expected && !variants.contains(value) { variants.append(value) }
            }
            let note = rule["prh"]?.string.map(CSVGlossaryCodec.oneLine) ?? ""
            let (rest, english) = Self.splitEnglish(note)
            entries.append(GlossaryEntry(ja: expected, en: english, variants: variants, note: rest, source: source))
        }
        return DecodedGlossary(entries: entries, warnings: warnings)
    }

    /// An export writes the English form at the start of `prh` as `en: Kyiv.`; reading it back
    /// gives the English form and the note.
    static func splitEnglish(_ note: String) -> (note: String, english: String) {
        guard note.hasPrefix("en: "), let end = note.range(of: ".", options: [], range: note.index(note.startIndex, offsetBy: 4)..<note.endIndex)
        else { return (note, "") }
        let english = note[note.index(note.startIndex, offsetBy: 4)..<end.lowerBound].trimmingCharacters(in: .whitespaces)
        return (note[end.upperBound...].trimmingCharacters(in: .whitespaces), english)
    }

    public func encode(_ entries: [GlossaryEntry]) throws -> [UInt8] {
        var rules: [Node] = []
        for entry in entries where !(entry.variants.isEmpty && entry.deprecated.isEmpty) {
            var pairs: [(Node, Node)] = [
                (Node("expected"), Node(entry.ja)),
                (Node("patterns"), Node((entry.variants + entry.deprecated).map { Node($0) })),
            ]
            // "en: …." leads the note so that an import gives the English form back; an English
            // form with a full stop of its own (U.S.) is left to the note.
            let english = entry.en.contains(".") || entry.en == entry.ja ? "" : "en: \(entry.en)."
            let note = [english, entry.note].filter { !$0.isEmpty }.joined(separator: " ")
            if !note.isEmpty { pairs.append((Node("prh"), Node(note))) }
            rules.append(Node(pairs))
        }
        let document = Node([(Node("version"), Node("1", Tag(.int))), (Node("rules"), Node(rules))])
        return Array(try Yams.serialize(node: document, width: -1, allowUnicode: true).utf8)
    }

    static func line(of error: YamlError) -> Int {
        switch error {
        case .scanner(_, _, let mark, _), .parser(_, _, let mark, _), .composer(_, _, let mark, _): mark.line
        default: 1
        }
    }

    static func problem(of error: YamlError) -> String {
        switch error {
        case .scanner(_, let problem, _, _), .parser(_, let problem, _, _), .composer(_, let problem, _, _): problem
        default: "\(error)"
        }
    }
}
