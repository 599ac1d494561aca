import TsuzuriGlossary
import TsuzuriText
import TsuzuriVariants

/// A group of spellings of one thing, with what the document said to decide it when spelling
/// alone did not.
struct SpellingGroup {
    var members: [String]
    /// Descriptions of the evidence that joined spellings spelling alone kept apart
    /// ("same title 総裁 at 8:52, 9:1").
    var evidence: [String] = []
}

/// What `Checker.contextPools(counts:)` finds.
struct ContextPools {
    var candidates: [String]
    var pools: [[String]]
}

extension Checker {
    /// Up to this many spellings with evidence, every pair of them is compared.
    static let allPairsLimit = 400

    /// The spellings the document's evidence may join (`candidates`: those the document's facts,
    /// or with outside sources any source, can say something about) and the pools of them whose
    /// pairs are compared: all of them when there are few (an article has tens), else the pairs
    /// the stretched engine's index proposes (its blocking key keeps some close pairs apart,
    /// ウォーシュ/ワーシュ). They do not depend on the engine's strict groups.
    func contextPools(counts: [String: Int]) -> ContextPools {
        let candidates = spellingOrder.filter { spelling in
            guard counts[spelling] != nil else { return false }
            if !evidenceSources.isEmpty { return true }
            guard let facts = context.facts(of: spelling) else { return false }
            return facts.hasPersonTitle || !facts.english.isEmpty || facts.introduction != nil
        }
        guard candidates.count >= 2 else { return ContextPools(candidates: candidates, pools: []) }
        let pools = candidates.count <= Self.allPairsLimit ? [candidates] : contextEngine.cluster(candidates, counts: counts)
        return ContextPools(candidates: candidates, pools: pools)
    }

    /// The spelling groups after the document has had its say: the variant engine's groups,
    /// split where the document contradicts them (two given names, two English forms, a person
    /// and a place), then joined with spellings the engine finds close but not close enough
    /// (within `contextEngine`) when the document gives evidence (the same title, a full-name
    /// introduction, the same English in parentheses) and nothing contradicts it (both in one
    /// sentence, different given names, different English forms, different glossary entries).
    func contextGroups(
        _ strict: [[String]], counts: [String: Int], owners: [String: FormOwner], pools found: ContextPools
    ) -> [SpellingGroup] {
        // 1. Split the engine's groups that the document contradicts (glossary groups stay whole:
        //    the glossary decides there).
        var groups: [SpellingGroup] = []
        for group in strict {
            if group.contains(where: { owners[$0] != nil }) {
                groups.append(SpellingGroup(members: group))
                continue
            }
            for part in split(group, counts: counts) { groups.append(SpellingGroup(members: part)) }
        }

        // 2. Join across groups (and spellings in no group) where the document gives evidence.
        var unitOf: [String: Int] = [:]
        for (index, group) in groups.enumerated() { for member in group.members { unitOf[member] = index } }
        let candidates = found.candidates
        guard candidates.count >= 2 else { return groups.filter { $0.members.count >= 2 } }
        var parent = Array(0..<groups.count)
        func root(_ i: Int) -> Int {
            var i = i
            while parent[i] != i { i = parent[i] }
            return i
        }
        for spelling in candidates where unitOf[spelling] == nil {
            unitOf[spelling] = groups.count
            groups.append(SpellingGroup(members: [spelling]))
            parent.append(parent.count)
        }
        for pool in found.pools {
            for (i, a) in pool.enumerated() {
                for b in pool[(i + 1)...] {
                    let (ua, ub) = (root(unitOf[a]!), root(unitOf[b]!))
                    guard ua != ub, let reason = evidence(a, b), contextEngine.compare(a, b).isVariant else { continue }
                    let left = groups.indices.filter { root($0) == ua }.flatMap { groups[$0].members }
                    let right = groups.indices.filter { root($0) == ub }.flatMap { groups[$0].members }
                    // Different glossary entries, or anything the document says against any pair across.
                    let entries = Set((left + right).compactMap { owners[$0]?.entryIndex })
                    guard entries.count <= 1,
                        !left.contains(where: { x in right.contains { y in contradiction(x, y, joining: true) != nil } })
                    else { continue }
                    parent[ub] = ua
                    groups[ua].evidence.append(reason)
                }
            }
        }
        var joined: [Int: SpellingGroup] = [:]
        var order: [Int] = []
        for index in groups.indices {
            let r = root(index)
            if joined[r] == nil {
                joined[r] = SpellingGroup(members: [])
                order.append(r)
            }
            joined[r]!.members += groups[index].members
            joined[r]!.evidence += groups[index].evidence
        }
        return order.map { joined[$0]! }.filter { $0.members.count >= 2 }
    }

    /// An engine group cut where the document says two members name different things: each
    /// spelling, most frequent first, joins the first part it contradicts nothing in.
    private func split(_ group: [String], counts: [String: Int]) -> [[String]] {
        var parts: [[String]] = []
        let ranked = group.sorted { (counts[$0] ?? 0) > (counts[$1] ?? 0) }
        for spelling in ranked {
            if let index = parts.firstIndex(where: { part in
                part.allSatisfy { contradiction($0, spelling, joining: false) == nil }
            }) {
                parts[index].append(spelling)
            } else {
                parts.append([spelling])
            }
        }
        return parts.filter { $0.count >= 2 }
    }

    /// What the document (or an outside source) says for `a` and `b` being one thing, if anything.
    func evidence(_ a: String, _ b: String) -> String? {
        guard let fa = context.facts(of: a), let fb = context.facts(of: b) else { return externalEvidence(a, b) }
        // The earliest shared title (by its first place, then by name): one answer whatever the
        // order of the dictionaries, so serial and parallel runs agree.
        let sharedTitles = Set(fa.titles.keys).intersection(fb.titles.keys)
        if let title = sharedTitles.min(by: { x, y in
            let (px, py) = (fa.titles[x]![0], fa.titles[y]![0])
            return (px.file, px.line, px.column, x) < (py.file, py.line, py.column, y)
        }) {
            let places = [fa.titles[title]![0], fb.titles[title]![0]].map(unpack).sorted()
            return "same title \(title) after \(a) and \(b) at " + places.map(\.shortDescription).joined(separator: ", ")
        }
        if let key = Set(fa.english.keys).intersection(fb.english.keys).min() {
            let places = [fa.english[key]!.place, fb.english[key]!.place].map(unpack).sorted()
            return "same English \(fa.english[key]!.text) in parentheses at " + places.map(\.shortDescription).joined(separator: ", ")
        }
        for (named, other, facts, otherFacts) in [(a, b, fa, fb), (b, a, fb, fa)] {
            // A person introduced by full name, then named by a spelling used with a title and
            // never in a full name of its own.
            if let introduction = facts.introduction, otherFacts.givenNames.isEmpty, otherFacts.hasPersonTitle {
                let place = unpack(introduction.place)
                return "\(named) is introduced as \(introduction.name) at \(place.shortDescription); \(other) is never given another first name"
            }
        }
        return externalEvidence(a, b)
    }

    /// What the document says against `a` and `b` being one thing, if anything. `joining` adds
    /// the test that only counts against joining spellings spelling alone kept apart: both in
    /// one sentence (ショルツ首相とシュルツ氏 are two people).
    func contradiction(_ a: String, _ b: String, joining: Bool) -> String? {
        if let external = externalContradiction(a, b) { return external }
        guard let fa = context.facts(of: a), let fb = context.facts(of: b) else { return nil }
        if joining, context.shareSentence(fa, fb) { return "both in one sentence" }
        func related(_ x: Set<String>, _ y: Set<String>) -> Bool {
            x.contains { p in y.contains { q in p == q || engine.compare(p, q).isVariant } }
        }
        if !fa.givenNames.isEmpty, !fb.givenNames.isEmpty, !related(fa.givenNames, fb.givenNames) {
            return "different first names"
        }
        if !fa.surnames.isEmpty, !fb.surnames.isEmpty, !related(fa.surnames, fb.surnames) {
            return "first names of different people"
        }
        if !fa.english.isEmpty, !fb.english.isEmpty, fa.english.keys.allSatisfy({ fb.english[$0] == nil }) {
            return "different English forms"
        }
        let aPerson = fa.hasPersonTitle, bPerson = fb.hasPersonTitle
        if aPerson != bPerson, (aPerson ? !fb.placeWords.isEmpty : !fa.placeWords.isEmpty) {
            return "a person and a place"
        }
        return nil
    }

    /// Whether a spelling's context says it is not the kind of thing a glossary entry names (a
    /// person's title after a place's spelling, a place word after a person's).
    func contradictsKind(_ spelling: String, of entry: GlossaryEntry) -> Bool {
        guard let facts = context.facts(of: spelling) else { return false }
        switch entry.kind {
        case .place: return facts.hasPersonTitle && facts.placeWords.isEmpty
        case .person: return !facts.placeWords.isEmpty && !facts.hasPersonTitle
        default: return false
        }
    }

    /// Whether the document introduces the spelling as a name (by full name or with its English),
    /// which makes it the better choice when counts tie.
    func isIntroduced(_ spelling: String) -> Bool {
        if let facts = context.facts(of: spelling), facts.introduction != nil || !facts.english.isEmpty { return true }
        return !evidenceSources.isEmpty && !externalTranslations(of: spelling).isEmpty
    }
}

extension TextLocation {
    /// `line:column`, or `file:line:column` when several files are checked — kept short for evidence.
    var shortDescription: String { "\(line):\(column)" }
}
