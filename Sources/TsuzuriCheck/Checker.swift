import Dispatch
import TsuzuriGlossary
import TsuzuriText
import TsuzuriVariants

/// Checks texts against a glossary and against themselves. Feed it texts one line at a time
/// (`add(line:…)`) or whole inputs (`check(_:)`); it keeps only the term occurrences, never the
/// text, so memory grows with the number of terms, not with the size of the input.
public final class Checker {
    public let glossary: Glossary
    /// The glossary's indexes, shared with the checks before and after this one.
    let prepared: PreparedGlossary
    let engine: VariantEngine
    /// The engine stretched to find pairs that only the document's evidence may join.
    let contextEngine: VariantEngine
    /// What the text around each spelling says (titles, full names, English in parentheses).
    var context = DocumentContext()
    /// Sources outside the document that know spellings' English (the memory, a dictionary).
    public var evidenceSources: [any TranslationEvidence] = []
    var externalCache: [String: [(source: String, translation: EvidenceTranslation)]] = [:]
    /// Built on first use: a checker that only receives collectors' results (`CheckPool`) never
    /// reads a text itself, and only bilingual units look for English forms.
    lazy var matcher = prepared.matcher
    lazy var englishTerms = prepared.englishTerms
    /// The glossary's katakana forms, indexed when a report first needs them (a collector that
    /// only gathers spellings for another checker never does).
    private lazy var katakana = prepared.katakana
    var files: [String] = []

    /// A location packed into 20 bytes: a large input holds millions of term occurrences.
    struct Packed {
        var file: Int32
        var line: Int32
        var column: Int32
        var length: Int32
        /// Index into `units`, or -1 outside bilingual units.
        var unit: Int32
    }

    /// Whether `report()` leaves the places of its findings' spellings with the checker until they
    /// are rendered (`CheckReport.resolved`), for a large input. Not for a report whose places are
    /// edited afterwards (suppressions, fixes).
    public var defersPlaces = false

    /// How many threads `report()` may use at once (`check --jobs`).
    public var cores = 1

    /// Lines longer than this many scalars are checked in windows (`addWindows`).
    var lineWindow = Checker.window

    /// Bilingual bookkeeping: unit names, term checks waiting for the report, translations by source.
    var bilingual = BilingualState()

    /// How far spelling may stretch when the document gives evidence: pairs within 4× the
    /// engine's tolerance are joined on evidence (measured on the development articles: 3× misses
    /// ストゥブ/スタッブ, and nothing at 4× is joined without evidence).
    static let contextStretch = 4.0

    /// Katakana words with a look-alike character in them, as they could be repaired (checked
    /// against the glossary and the text's own spellings when the report is made).
    var lookAlikes = LookAlikeLog()

    /// Katakana spellings seen in the text, in first-seen order, with their occurrences.
    var spellings = Occurrences<String>()
    var spellingOrder: [String] { spellings.order }
    /// Glossary forms found in the text: (entry, role, form) → occurrences.
    var hits = Occurrences<HitKey>()
    var hitOrder: [HitKey] { hits.order }

    struct HitKey: Hashable {
        var entryIndex: Int
        var role: FormRole
        var form: String
    }

    public convenience init(glossary: Glossary, engine: VariantEngine = VariantEngine()) {
        self.init(prepared: PreparedGlossary(glossary), engine: engine)
    }

    /// A checker on a glossary whose indexes earlier checks may have built already.
    public init(prepared: PreparedGlossary, engine: VariantEngine = VariantEngine()) {
        self.prepared = prepared
        self.glossary = prepared.glossary
        self.engine = engine
        self.contextEngine = VariantEngine(tolerance: engine.tolerance * Self.contextStretch)
    }

    /// Reads and checks one plain-text input (a path or "-" for stdin).
    public func check(_ input: TextInput) throws {
        let file = beginFile(input.displayName)
        try input.forEachLine { number, line in
            add(line: line, number: number, file: file)
        }
    }

    /// Checks a text held in memory (for tests and for callers that already have the text).
    /// A leading BOM is skipped, as `TextInput` skips it and as `--fix` skips it when it applies
    /// edits: columns on line 1 then mean the same thing whichever way the text arrived.
    public func check(text: String, name: String) {
        let file = beginFile(name)
        var number = 0
        let body = text.unicodeScalars.first == "\u{FEFF}" ? Substring(text.unicodeScalars.dropFirst()) : Substring(text)
        // Split on the LF byte, not on Characters: "\r\n" is one Character, so a Character split
        // never separated CRLF lines, and grapheme breaking was the slowest part of a check.
        for bytes in body.utf8.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false) {
            number += 1
            let line = Substring(bytes)
            add(line: line.utf8.last == UInt8(ascii: "\r") ? line.dropLast() : line, number: number, file: file)
        }
    }

    /// Checks a document of any format: `read` hands each part a reader extracted (running text,
    /// translation units) to the function it is given, in document order.
    public func check(document name: String, read: ((DocumentPart) throws -> Void) throws -> Void) rethrows {
        let file = beginFile(name)
        try read { part in
            switch part {
            case .text(let piece, let language):
                if DocumentPart.isJapanese(language) { add(piece: piece, file: file, unit: -1) }
            case .unit(let unit):
                add(unit: unit, file: file)
            case .directive: break  // applied to the report by `Suppressions`
            }
        }
    }

    func beginFile(_ name: String) -> Int32 {
        files.append(name)
        return Int32(files.count - 1)
    }

    func add(line: Substring, number: Int, file: Int32) {
        if line.isEmpty { return }
        func place(_ range: Range<Int>) -> (start: FilePosition, length: Int) {
            (FilePosition(line: number, column: range.lowerBound + 1), range.count)
        }
        if line.utf8.count > lineWindow, line.unicodeScalars.count > lineWindow {
            addWindows(of: line, file: file, place: place)
            return
        }
        add(scanned: ScannedLine(line), file: file, unit: -1, place: place)
    }

    /// Adds one piece of Japanese text; `unit` is the index in `units` of the bilingual unit it
    /// belongs to, or -1. Returns the glossary hits found in it.
    @discardableResult
    func add(piece: TextPiece, file: Int32, unit: Int32) -> [GlossaryHit] {
        if piece.text.isEmpty { return [] }
        // Outside bilingual units (whose hits the caller places in the unit): long text in windows.
        if unit < 0, piece.text.utf8.count > lineWindow, piece.text.unicodeScalars.count > lineWindow {
            addWindows(of: piece.text[...], file: file, place: piece.locate)
            return []
        }
        if case .run(let line, let column) = piece.placement {
            // Text written as it reads (every line of plain text): placed from two numbers, as
            // `locate` places it, without copying the piece's placement for every term.
            return add(scanned: ScannedLine(piece.text), file: file, unit: unit) { range in
                (FilePosition(line: line, column: column + range.lowerBound), range.count)
            }
        }
        return add(scanned: ScannedLine(piece.text), file: file, unit: unit) { range in
            piece.locate(range)
        }
    }

    /// Records the katakana spellings and glossary forms of one scanned piece of text. `place`
    /// turns a range of source scalars (0-based) into a file position and length.
    @discardableResult
    func add(
        scanned: ScannedLine, file: Int32, unit: Int32, sentenceBase: Int32 = 0,
        place: (Range<Int>) -> (start: FilePosition, length: Int)
    ) -> [GlossaryHit] {
        func pack(column: Int, length: Int) -> Packed {
            let (start, fileLength) = place((column - 1)..<(column - 1 + length))
            return Packed(file: file, line: Int32(start.line), column: Int32(start.column), length: Int32(fileLength), unit: unit)
        }
        let candidates = TermCandidates.find(in: scanned)
        context.record(scanned, candidates: candidates, file: file, sentenceBase: sentenceBase, pack: pack)
        for candidate in LookAlikes.candidates(in: scanned) {
            lookAlikes.append(
                candidate, place: pack(column: candidate.range.lowerBound + 1, length: candidate.range.count),
                anchor: pack(column: candidate.anchor + 1, length: 1))
        }
        for candidate in candidates where candidate.kind == .katakana {
            spellings.append(pack(column: candidate.column, length: candidate.length), to: candidate.term)
        }
        let found = matcher.matches(in: scanned)
        for hit in found {
            hits.append(pack(column: hit.column, length: hit.length), to: HitKey(entryIndex: hit.entryIndex, role: hit.role, form: hit.form))
        }
        return found
    }

    /// The findings so far, ordered by where each entity first appears.
    public func report() -> CheckReport {
        var builders: [Int: FindingBuilder] = [:]  // by glossary entry
        var anonymous: [FindingBuilder] = []
        // 0. Look-alike characters: a repair that gives a known spelling replaces the fragments
        //    the word was read as (グセス for へグセス).
        let repairs = confirmedLookAlikes()
        var spellings = self.spellings
        for repair in repairs {
            for fragment in repair.candidate.fragments {
                spellings.removeAll(fragment) { $0.file == repair.place.file && $0.line == repair.place.line
                    && $0.column >= repair.place.column && $0.column < repair.place.column + repair.place.length }
            }
        }

        // A finding's spelling gets its places read now, or left with the checker until rendered.
        let deferred = defersPlaces ? DeferredPlaces(spellings: spellings, hits: hits, unpack: unpack) : nil
        func places(_ source: DeferredPlaces.Source) -> FindingBuilder.Places {
            if let deferred { return .deferred(source, deferred) }
            switch source {
            case .spelling(let spelling): return .read(unpack(spellings.places(spelling)))
            case .hit(let key): return .read(unpack(hits.places(key)))
            }
        }

        // 1. Glossary forms used in the text: variants and deprecated forms are flagged outright.
        for key in hitOrder {
            let entry = glossary.entry(at: key.entryIndex)
            let builder = builders[key.entryIndex] ?? FindingBuilder(entry: entry)
            let rule: CheckRule? =
                switch key.role {
                case .variant: .glossaryVariant
                case .deprecated: .deprecated
                case .preferred, .alias: nil
                }
            builder.add(spelling: key.form, role: key.role, rule: rule, places: places(.hit(key)))
            builders[key.entryIndex] = builder
        }

        // 2. Spellings of one name that differ, in the text or from the glossary, found by the
        //    variant engine. Forms of different glossary entries are never merged.
        //    Only the glossary forms that can join a group with a spelling of the text are
        //    compared (`cluster(_:among:)`): the groups are those of clustering them all.
        let terms = spellingOrder.filter { spellings.contains($0) }
        let katakana = terms.isEmpty ? nil : self.katakana
        let counts = spellings.counts
        var nearMisses: [String: Int] = [:]  // spelling → entry it was judged a near miss of
        // The engine's groups and the pools the document's evidence is weighed in do not depend
        // on each other: with more than one core they are found side by side (each is a
        // clustering of the text's spellings, the larger part of a large input's report).
        nonisolated(unsafe) var strict: [[String]] = []
        nonisolated(unsafe) var pools: ContextPools?
        nonisolated(unsafe) let checker = self
        DispatchQueue.concurrentPerform(iterations: cores > 1 ? 2 : 1) { task in
            if task == 0 {
                strict = katakana?.cluster(terms, counts: counts, engine: checker.engine, glossary: checker.glossary) ?? []
            } else {
                pools = checker.contextPools(counts: counts)
            }
        }
        // The owners of the spellings the groups below hold: the text's and the groups' own.
        var owners: [String: FormOwner] = [:]
        if let katakana {
            for spelling in terms + strict.joined() where owners[spelling] == nil {
                if let owner = katakana.owner(of: spelling, in: glossary) { owners[spelling] = owner }
            }
        }
        for group in contextGroups(strict, counts: counts, owners: owners, pools: pools ?? contextPools(counts: counts)) {
            let inText = group.members.filter { counts[$0] != nil }
            if let owner = group.members.lazy.compactMap({ owners[$0] }).first {
                // Spellings the glossary does not know but that look like this entry, unless the
                // document says they name another kind of thing (ウェルズ氏 is no ウェールズ).
                let entry = glossary.entry(at: owner.entryIndex)
                let unknown = inText.filter { owners[$0] == nil && !contradictsKind($0, of: entry) }
                if unknown.isEmpty { continue }
                let builder = builders[owner.entryIndex] ?? FindingBuilder(entry: entry)
                builder.evidence += group.evidence
                for spelling in unknown {
                    nearMisses[spelling] = owner.entryIndex
                    builder.add(spelling: spelling, role: nil, rule: .nearMiss, places: places(.spelling(spelling)))
                }
                builders[owner.entryIndex] = builder
            } else if inText.count >= 2 {
                // The most frequent spelling is taken as the one meant; on a tie, the one the
                // document introduces as a name (full name, English), then the earliest.
                let ranked = inText.sorted { a, b in
                    let (ca, cb) = (counts[a]!, counts[b]!)
                    if ca != cb { return ca > cb }
                    let (ia, ib) = (isIntroduced(a), isIntroduced(b))
                    if ia != ib { return ia }
                    return firstLocation(a) < firstLocation(b)
                }
                let builder = FindingBuilder(preferred: ranked[0])
                builder.evidence = group.evidence
                builder.add(spelling: ranked[0], role: nil, rule: nil, places: places(.spelling(ranked[0])))
                for spelling in ranked.dropFirst() {
                    builder.add(spelling: spelling, role: nil, rule: .inconsistent, places: places(.spelling(spelling)))
                }
                anonymous.append(builder)
            }
        }

        // 3. Bilingual units: glossary terms of the source missing from the translation, and one
        //    source translated several ways.
        addMissingTerms(to: &builders, nearMisses: nearMisses)
        anonymous += inconsistentTranslations()
        addLookAlikes(repairs, to: &builders, anonymous: &anonymous, places: places)

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
        var report = CheckReport(
            files: files, findings: findings,
            units: bilingual.unitIDs.isEmpty ? nil : .init(checked: bilingual.unitIDs.count, untranslated: bilingual.untranslated))
        report.deferredPlaces = deferred
        return report
    }

    /// Which entry owns each katakana glossary form (the form the variant engine can compare),
    /// each entry's owned forms as the spellings the engine keeps apart, and the preferred ones.
    /// For a glossary from the cache, the index is kept in a companion file and read from there.
    struct KatakanaForms {
        /// Every katakana key's owner, for a glossary whose keys repeat (built in code: the
        /// first entry wins); nil when every form is its own entry's, as in a loaded glossary.
        private var owners: [String: FormOwner]?
        var known: KnownSpellings
        /// The preferred katakana keys, for a glossary whose keys repeat; a loaded glossary is
        /// asked instead (`isPreferred`), so that a large one need not list them.
        private var preferred = Set<String>()

        init(_ glossary: Glossary) {
            if glossary.keysAreUnique, let cache = glossary.cacheFile {
                let (name, kind, version) = ("katakana", KnownSpellings.fileKind, KnownSpellings.fileVersion)
                if let file = cache.openCompanion(name, kind: kind, version: version), let known = KnownSpellings(file: file) {
                    self.known = known
                    return
                }
                let (sets, preferred) = Self.sets(glossary)
                let sections = KnownSpellings.sections(sets: sets, preferred: preferred)
                cache.writeCompanion(name, kind: kind, version: version, sections: sections)
                known = KnownSpellings(file: CompiledSections(copying: sections))!
            } else if glossary.keysAreUnique {
                let (sets, preferred) = Self.sets(glossary)
                known = KnownSpellings(sets: sets, preferred: preferred)
            } else {
                var owners: [String: FormOwner] = [:]
                var byEntry: [Int: [String]] = [:]
                for reference in glossary.forms where Self.isKatakana(reference.key) && owners[reference.key] == nil {
                    owners[reference.key] = FormOwner(entryIndex: reference.entryIndex, role: reference.role)
                }
                for reference in glossary.forms where owners[reference.key]?.entryIndex == reference.entryIndex {
                    byEntry[reference.entryIndex, default: []].append(reference.key)
                }
                for (index, _) in byEntry { preferred.insert(Glossary.japaneseKey(glossary.entry(at: index).ja)) }
                known = KnownSpellings(sets: byEntry.keys.sorted().map { byEntry[$0]! })
                self.owners = owners
            }
        }

        static func isKatakana(_ key: String) -> Bool {
            !key.isEmpty && key.unicodeScalars.allSatisfy { Script.isKatakana($0.value) }
        }

        /// Each entry's katakana keys, entries in order, and which of them is the entry's `ja`
        /// (-1: none), for a glossary whose keys are unique (forms come entry by entry: each
        /// entry's katakana forms are one run).
        static func sets(_ glossary: Glossary) -> (sets: [[String]], preferred: [Int32]) {
            var sets: [[String]] = []
            var preferred: [Int32] = []
            var setEntry = -1
            for reference in glossary.forms where isKatakana(reference.key) {
                if reference.entryIndex != setEntry {
                    sets.append([])
                    preferred.append(-1)
                    setEntry = reference.entryIndex
                }
                if reference.role == .preferred { preferred[sets.count - 1] = Int32(sets[sets.count - 1].count) }
                sets[sets.count - 1].append(reference.key)
            }
            return (sets, preferred)
        }

        /// The groups of the text's spellings among the glossary's (`cluster(_:among:)`).
        func cluster(_ terms: [String], counts: [String: Int], engine: VariantEngine, glossary: Glossary) -> [[String]] {
            if owners != nil { return engine.cluster(terms, counts: counts, preferred: preferred, among: known) }
            return engine.cluster(terms, counts: counts, isPreferred: { isPreferred($0, in: glossary) }, among: known)
        }

        /// Whether `spelling` (of the text) is the preferred key of an entry with katakana forms.
        /// For unique keys: the key's own form is an entry's `ja` (`japaneseKey` gives a key back
        /// unchanged). The glossary's own spellings are told by `known`'s sets.
        func isPreferred(_ spelling: String, in glossary: Glossary) -> Bool {
            guard let reference = glossary.reference(forJapanese: spelling), reference.key == spelling, reference.role == .preferred
            else { return false }
            return Self.isKatakana(spelling)
                || glossary.entry(at: reference.entryIndex).japaneseForms.contains { Self.isKatakana(Glossary.japaneseKey($0)) }
        }

        /// The entry that owns a katakana glossary key, and the key's role there.
        func owner(of spelling: String, in glossary: Glossary) -> FormOwner? {
            if let owners { return owners[spelling] }
            guard !spelling.isEmpty, spelling.unicodeScalars.allSatisfy({ Script.isKatakana($0.value) }),
                  let reference = glossary.reference(forJapanese: spelling), reference.key == spelling
            else { return nil }
            return FormOwner(entryIndex: reference.entryIndex, role: reference.role)
        }
    }

    private func firstLocation(_ spelling: String) -> TextLocation {
        unpack(spellings.first(spelling)!)
    }

    func unpack(_ packed: [Packed]) -> [TextLocation] {
        packed.map(unpack)
    }

    func unpack(_ p: Packed) -> TextLocation {
        TextLocation(
            file: files[Int(p.file)], line: Int(p.line), column: Int(p.column), length: Int(p.length),
            unit: p.unit >= 0 ? bilingual.unitIDs[Int(p.unit)] : nil)
    }
}

/// Collects the spellings of one entity before they become a `Finding`.
final class FindingBuilder {
    let preferred: String
    let entry: GlossaryEntry?
    /// Whether the builder holds `spelling` (a look-alike repair joins the finding of its word).
    func holds(_ spelling: String) -> Bool { uses[spelling] != nil }
    /// For a translation finding: the source text translated several ways.
    var sourceText: String?
    /// What the document said to join spellings that spelling alone kept apart.
    var evidence: [String] = []
    private var uses: [String: SpellingUse] = [:]
    /// Spellings whose places are still with the checker: `uses` holds their count and least place.
    private var deferred: [String: (source: DeferredPlaces.Source, places: DeferredPlaces)] = [:]

    /// A spelling's places: read, or left with the checker until the finding is rendered.
    enum Places {
        case read([TextLocation])
        case deferred(DeferredPlaces.Source, DeferredPlaces)
    }

    init(entry: GlossaryEntry) {
        self.entry = entry
        self.preferred = entry.ja
    }

    init(preferred: String) {
        self.entry = nil
        self.preferred = preferred
    }

    func add(spelling: String, role: FormRole?, rule: CheckRule?, places: Places) {
        switch places {
        case .read(let locations):
            add(spelling: spelling, role: role, rule: rule, locations: locations)
        case .deferred(let source, let store):
            // A second list for a spelling already held (rare): both are read and joined.
            if uses[spelling] != nil {
                add(spelling: spelling, role: role, rule: rule, locations: store.locations(source))
            } else if let least = store.least(source) {
                uses[spelling] = SpellingUse(
                    spelling: spelling, role: role, rule: rule, similarity: nil, edits: nil, count: store.count(source),
                    locations: [least])
                deferred[spelling] = (source, store)
            } else {
                add(spelling: spelling, role: role, rule: rule, locations: [])
            }
        }
    }

    func add(spelling: String, role: FormRole?, rule: CheckRule?, locations: [TextLocation], edits: [String]? = nil) {
        if let (source, store) = deferred.removeValue(forKey: spelling) { uses[spelling]!.locations = store.locations(source) }
        if var use = uses[spelling] {
            let merged = Set(use.locations).union(locations).sorted()
            use.locations = merged
            use.count = merged.count
            use.rule = use.rule ?? rule
            uses[spelling] = use
        } else {
            uses[spelling] = SpellingUse(
                spelling: spelling, role: role, rule: rule, similarity: nil, edits: edits, count: locations.count,
                locations: locations.sorted())
        }
    }

    /// The finding, or nil when no spelling breaks a rule (the entity is used as the glossary says).
    func build(engine: VariantEngine) -> Finding? {
        guard uses.values.contains(where: { $0.rule != nil }) else { return nil }
        var list = Array(uses.values)
        for index in list.indices where list[index].rule?.comparesSpellings == true {
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
        for (spelling, (source, store)) in deferred { store.register(source, spelling: spelling, least: uses[spelling]!.locations[0]) }
        return Finding(
            preferred: preferred, english: entry?.en, kind: entry?.kind.rawValue,
            glossarySource: entry?.source?.description, note: entry.flatMap { $0.note.isEmpty ? nil : $0.note },
            sourceText: sourceText, rules: rules, spellings: list,
            evidence: evidence.isEmpty ? nil : evidence)
    }
}
