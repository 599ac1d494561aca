import TsuzuriGlossary
import TsuzuriText
import TsuzuriVariants

/// Checks texts against a glossary and against themselves. Feed it texts one line at a time
/// (`add(line:…)`) or whole inputs (`check(_:)`); it keeps only the term occurrences, never the
/// text, so memory grows with the number of terms, not with the size of the input.
public final class Checker {
    public let glossary: Glossary
    private let engine: VariantEngine
    private let matcher: GlossaryMatcher
    private let owners: [String: FormOwner]
    private let distinct: [[String]]
    private let preferred: Set<String>
    private var files: [String] = []

    /// A location packed into 16 bytes: a large input holds millions of term occurrences.
    private struct Packed {
        var file: Int32
        var line: Int32
        var column: Int32
        var length: Int32
    }

    /// Katakana spellings seen in the text, in first-seen order, with their occurrences.
    private var spellingOrder: [String] = []
    private var spellings: [String: [Packed]] = [:]
    /// Glossary forms found in the text: (entry, role, form) → occurrences.
    private var hits: [HitKey: [Packed]] = [:]
    private var hitOrder: [HitKey] = []

    private struct HitKey: Hashable {
        var entryIndex: Int
        var role: FormRole
        var form: String
    }

    public init(glossary: Glossary, engine: VariantEngine = VariantEngine()) {
        self.glossary = glossary
        self.engine = engine
        self.matcher = GlossaryMatcher(glossary: glossary)
        (owners, distinct, preferred) = Self.katakanaForms(glossary)
    }

    /// Reads and checks one input (a path or "-" for stdin).
    public func check(_ input: TextInput) throws {
        let file = beginFile(input.displayName)
        try input.forEachLine { number, line in
            add(line: line, number: number, file: file)
        }
    }

    /// Checks a text held in memory (for tests and for callers that already have the text).
    public func check(text: String, name: String) {
        let file = beginFile(name)
        var number = 0
        // Split on the LF byte, not on Characters: "\r\n" is one Character, so a Character split
        // never separated CRLF lines, and grapheme breaking was the slowest part of a check.
        for bytes in text.utf8.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false) {
            number += 1
            let line = Substring(bytes)
            add(line: line.utf8.last == UInt8(ascii: "\r") ? line.dropLast() : line, number: number, file: file)
        }
    }

    private func beginFile(_ name: String) -> Int32 {
        files.append(name)
        return Int32(files.count - 1)
    }

    private func add(line: Substring, number: Int, file: Int32) {
        if line.isEmpty { return }
        let scanned = ScannedLine(line)
        for candidate in TermCandidates.find(in: scanned) where candidate.kind == .katakana {
            let packed = Packed(file: file, line: Int32(number), column: Int32(candidate.column), length: Int32(candidate.length))
            if spellings[candidate.term, default: []].isEmpty { spellingOrder.append(candidate.term) }
            spellings[candidate.term, default: []].append(packed)
        }
        for hit in matcher.matches(in: scanned) {
            let key = HitKey(entryIndex: hit.entryIndex, role: hit.role, form: hit.form)
            let packed = Packed(file: file, line: Int32(number), column: Int32(hit.column), length: Int32(hit.length))
            if hits[key, default: []].isEmpty { hitOrder.append(key) }
            hits[key, default: []].append(packed)
        }
    }

    /// The findings so far, ordered by where each entity first appears.
    public func report() -> CheckReport {
        var builders: [Int: FindingBuilder] = [:]  // by glossary entry
        var anonymous: [FindingBuilder] = []

        // 1. Glossary forms used in the text: variants and deprecated forms are flagged outright.
        for key in hitOrder {
            let entry = glossary.entries[key.entryIndex]
            let builder = builders[key.entryIndex] ?? FindingBuilder(entry: entry)
            let rule: CheckRule? =
                switch key.role {
                case .variant: .glossaryVariant
                case .deprecated: .deprecated
                case .preferred, .alias: nil
                }
            builder.add(spelling: key.form, role: key.role, rule: rule, locations: unpack(hits[key]!))
            builders[key.entryIndex] = builder
        }

        // 2. Spellings of one name that differ, in the text or from the glossary, found by the
        //    variant engine. Forms of different glossary entries are never merged.
        let owners = self.owners
        var terms = spellingOrder
        var seen = Set(terms)
        for form in distinct.joined() where seen.insert(form).inserted { terms.append(form) }
        let counts = spellings.mapValues(\.count)
        for group in engine.cluster(terms, counts: counts, preferred: preferred, distinct: distinct) {
            let inText = group.filter { counts[$0] != nil }
            if let owner = group.lazy.compactMap({ owners[$0] }).first {
                // Spellings the glossary does not know but that look like this entry.
                let unknown = inText.filter { owners[$0] == nil }
                if unknown.isEmpty { continue }
                let entry = glossary.entries[owner.entryIndex]
                let builder = builders[owner.entryIndex] ?? FindingBuilder(entry: entry)
                for spelling in unknown {
                    builder.add(spelling: spelling, role: nil, rule: .nearMiss, locations: unpack(spellings[spelling]!))
                }
                builders[owner.entryIndex] = builder
            } else if inText.count >= 2 {
                // The most frequent spelling (the earliest on a tie) is taken as the one meant.
                let ranked = inText.sorted { a, b in
                    let (ca, cb) = (counts[a]!, counts[b]!)
                    if ca != cb { return ca > cb }
                    return firstLocation(a) < firstLocation(b)
                }
                let builder = FindingBuilder(preferred: ranked[0])
                builder.add(spelling: ranked[0], role: nil, rule: nil, locations: unpack(spellings[ranked[0]]!))
                for spelling in ranked.dropFirst() {
                    builder.add(spelling: spelling, role: nil, rule: .inconsistent, locations: unpack(spellings[spelling]!))
                }
                anonymous.append(builder)
            }
        }

        var findings: [Finding] = []
        for builder in Array(builders.values) + anonymous {
            guard let finding = builder.build(engine: engine) else { continue }
            findings.append(finding)
        }
        findings.sort { a, b in
            let (la, lb) = (a.firstLocation, b.firstLocation)
            if la != lb, let la, let lb { return la < lb }
            return a.preferred < b.preferred
        }
        return CheckReport(files: files, findings: findings)
    }

    /// Which entry owns each katakana glossary form (the form the variant engine can compare),
    /// each entry's owned forms, and the preferred ones.
    private static func katakanaForms(_ glossary: Glossary) -> (owners: [String: FormOwner], distinct: [[String]], preferred: Set<String>) {
        var owners: [String: FormOwner] = [:]
        var byEntry: [Int: [String]] = [:]
        var preferred = Set<String>()
        for reference in glossary.forms {
            let key = reference.key
            guard !key.isEmpty, key.unicodeScalars.allSatisfy({ Script.isKatakana($0.value) }) else { continue }
            if owners[key] == nil { owners[key] = FormOwner(entryIndex: reference.entryIndex, role: reference.role) }
        }
        for reference in glossary.forms where owners[reference.key]?.entryIndex == reference.entryIndex {
            byEntry[reference.entryIndex, default: []].append(reference.key)
        }
        for (index, _) in byEntry { preferred.insert(Glossary.japaneseKey(glossary.entries[index].ja)) }
        return (owners, byEntry.keys.sorted().map { byEntry[$0]! }, preferred)
    }

    private func firstLocation(_ spelling: String) -> TextLocation {
        unpack(spellings[spelling]![0])
    }

    private func unpack(_ packed: [Packed]) -> [TextLocation] {
        packed.map(unpack)
    }

    private func unpack(_ p: Packed) -> TextLocation {
        TextLocation(file: files[Int(p.file)], line: Int(p.line), column: Int(p.column), length: Int(p.length))
    }
}

/// Collects the spellings of one entity before they become a `Finding`.
private final class FindingBuilder {
    let preferred: String
    let entry: GlossaryEntry?
    private var uses: [String: SpellingUse] = [:]

    init(entry: GlossaryEntry) {
        self.entry = entry
        self.preferred = entry.ja
    }

    init(preferred: String) {
        self.entry = nil
        self.preferred = preferred
    }

    func add(spelling: String, role: FormRole?, rule: CheckRule?, locations: [TextLocation]) {
        if var use = uses[spelling] {
            let merged = Set(use.locations).union(locations).sorted()
            use.locations = merged
            use.count = merged.count
            use.rule = use.rule ?? rule
            uses[spelling] = use
        } else {
            uses[spelling] = SpellingUse(
                spelling: spelling, role: role, rule: rule, similarity: nil, edits: nil, count: locations.count,
                locations: locations.sorted())
        }
    }

    /// The finding, or nil when no spelling breaks a rule (the entity is used as the glossary says).
    func build(engine: VariantEngine) -> Finding? {
        guard uses.values.contains(where: { $0.rule != nil }) else { return nil }
        var list = Array(uses.values)
        for index in list.indices where list[index].rule != nil {
            let comparison = engine.compare(preferred, list[index].spelling)
            list[index].similarity = (comparison.score * 1000).rounded() / 1000
            list[index].edits = comparison.edits.map(\.description)
        }
        list.sort { a, b in
            if (a.spelling == preferred) != (b.spelling == preferred) { return a.spelling == preferred }
            if (a.rule == nil) != (b.rule == nil) { return a.rule == nil }
            if a.count != b.count { return a.count > b.count }
            return a.spelling < b.spelling
        }
        var rules: [CheckRule] = []
        for use in list { if let rule = use.rule, !rules.contains(rule) { rules.append(rule) } }
        return Finding(
            preferred: preferred, english: entry?.en, kind: entry?.kind.rawValue,
            glossarySource: entry?.source?.description, rules: rules, spellings: list)
    }
}
