/// The places of a report's spellings, left in the checker's tables (and their temporary file)
/// until a renderer asks for one finding's (`CheckReport.resolved`): a large input's report then
/// holds one finding's places at a time, not every place of every finding. The report's findings
/// carry each such spelling's count and least place, so their order, counts and messages are
/// those of the full report.
///
/// `@unchecked Sendable`: filled while the report is made, only read after, by one thread at a
/// time (the renderer), through the checker's tables, which reading does not change.
public final class DeferredPlaces: @unchecked Sendable {
    /// Where a spelling's places are kept: a katakana spelling's list or a glossary form's.
    enum Source: Hashable {
        case spelling(String)
        case hit(Checker.HitKey)
    }

    private struct Key: Hashable {
        var spelling: String
        var least: TextLocation
    }

    private let spellings: Occurrences<String>
    private let hits: Occurrences<Checker.HitKey>
    private let unpack: (Checker.Packed) -> TextLocation
    private var sources: [Key: Source] = [:]

    init(spellings: Occurrences<String>, hits: Occurrences<Checker.HitKey>, unpack: @escaping (Checker.Packed) -> TextLocation) {
        self.spellings = spellings
        self.hits = hits
        self.unpack = unpack
    }

    func count(_ source: Source) -> Int {
        switch source {
        case .spelling(let spelling): spellings.count(spelling)
        case .hit(let key): hits.count(key)
        }
    }

    /// The least place (by file name, line, column: the order findings sort by), read a block at a time.
    func least(_ source: Source) -> TextLocation? {
        var least: TextLocation?
        forEachBlock(source) { block in
            for place in block {
                let location = unpack(place)
                if least == nil || location < least! { least = location }
            }
        }
        return least
    }

    /// Every place, sorted as a finding lists them (in place, and read a block at a time: the
    /// largest finding of a large input is most of what its report holds at once).
    func locations(_ source: Source) -> [TextLocation] {
        var locations: [TextLocation] = []
        locations.reserveCapacity(count(source))
        forEachBlock(source) { block in
            for place in block { locations.append(unpack(place)) }
        }
        locations.sort()
        return locations
    }

    private func forEachBlock(_ source: Source, _ body: ([Checker.Packed]) -> Void) {
        switch source {
        case .spelling(let spelling): spellings.forEachBlock(of: spelling, body)
        case .hit(let key): hits.forEachBlock(of: key, body)
        }
    }

    /// Calls `body` with every place of a deferred spelling `use`, sorted as `locations` sorts
    /// them, and returns true; false when `use` is not deferred. Places come in input order,
    /// which is the sorted order whenever each file's places come in order and files in name
    /// order (one file, or files given by name): they are then read a block at a time, twice
    /// (to see that, then to give them), and never held together. Otherwise they are sorted.
    func forEachLocation(of use: SpellingUse, _ body: (TextLocation) -> Void) -> Bool {
        guard use.locations.count == 1, let source = sources[Key(spelling: use.spelling, least: use.locations[0])] else {
            return false
        }
        var inOrder = true
        var previous: TextLocation?
        forEachBlock(source) { block in
            for place in block where inOrder {
                let location = unpack(place)
                if let previous, location < previous { inOrder = false }
                previous = location
            }
        }
        if !inOrder {
            locations(source).forEach(body)
            return true
        }
        forEachBlock(source) { block in
            for place in block { body(unpack(place)) }
        }
        return true
    }

    func register(_ source: Source, spelling: String, least: TextLocation) {
        sources[Key(spelling: spelling, least: least)] = source
    }

    /// The finding with the places of its deferred spellings read back (of its flagged ones only,
    /// with `flaggedOnly`).
    func resolve(_ finding: Finding, flaggedOnly: Bool = false) -> Finding {
        var finding = finding
        for index in finding.spellings.indices {
            let use = finding.spellings[index]
            guard !flaggedOnly || use.rule != nil else { continue }
            guard use.locations.count == 1, let source = sources[Key(spelling: use.spelling, least: use.locations[0])] else { continue }
            finding.spellings[index].locations = locations(source)
        }
        return finding
    }
}

extension CheckReport {
    /// The finding with all its places: a large input's report leaves them with the checker until
    /// they are rendered (see `DeferredPlaces`); renderers call this for each finding they write.
    public func resolved(_ finding: Finding) -> Finding {
        deferredPlaces?.resolve(finding) ?? finding
    }

    /// The finding with all the places of its flagged spellings; a kept spelling (the preferred
    /// one, often the most frequent of a large input) may still hold only its first place. For
    /// what needs only the flagged places, as the snippets do.
    public func resolvedFlagged(_ finding: Finding) -> Finding {
        deferredPlaces?.resolve(finding, flaggedOnly: true) ?? finding
    }

    /// Calls `body` with every place of one spelling of a finding, in the finding's order: a
    /// large input's places are read back as they are given, where they can be (see
    /// `DeferredPlaces.forEachLocation`), so that its largest finding is not held at once.
    public func forEachLocation(of use: SpellingUse, _ body: (TextLocation) -> Void) {
        if let deferredPlaces, deferredPlaces.forEachLocation(of: use, body) { return }
        use.locations.forEach(body)
    }
}
