/// A Japanese form that two entries in different glossary layers claim; the later layer keeps it.
public struct GlossaryConflict: Hashable, Sendable, CustomStringConvertible {
    /// The form both entries list.
    public var form: String
    /// The entry of the earlier layer that loses the form (its `ja`), and where it is defined.
    public var earlier: String
    public var earlierSource: GlossarySource?
    /// The entry of the later layer that keeps the form.
    public var later: String
    public var laterSource: GlossarySource?

    public var description: String {
        "\(form) belongs to \(earlier) (\(earlierSource?.description ?? "?")) and to \(later) (\(laterSource?.description ?? "?")); the later layer's entry keeps it"
    }
}

extension Glossary {
    /// Stacks glossaries, the first at the bottom: an entry of a later layer replaces the entry
    /// with the same `ja` (in its place, so the order stays the bottom layer's), and a form that
    /// a later entry claims is taken from the earlier entry that listed it (an earlier entry
    /// whose own `ja` is claimed is dropped). Such claims are returned as conflicts; a replaced
    /// entry is not a conflict, it is what layers are for.
    public static func layered(_ layers: [Glossary]) -> (glossary: Glossary, conflicts: [GlossaryConflict]) {
        guard var entries = layers.first?.entries else { return (Glossary(), []) }
        if layers.count == 1 { return (layers[0], []) }
        var conflicts: [GlossaryConflict] = []
        var result: Glossary? = nil
        for (number, layer) in layers.enumerated().dropFirst() {
            // Replaced entries first, so that their old forms do not count as claimed.
            var position: [String: Int] = [:]
            for (index, entry) in entries.enumerated() { position[japaneseKey(entry.ja)] = index }
            var added: [GlossaryEntry] = []
            var replaced = Set<Int>()
            for entry in layer.entries {
                if let index = position[japaneseKey(entry.ja)] {
                    entries[index] = entry
                    replaced.insert(index)
                } else {
                    added.append(entry)
                }
            }
            var kept: [GlossaryEntry] = []
            for (index, var entry) in entries.enumerated() {
                if replaced.contains(index) { kept.append(entry); continue }
                var dropped = false
                // The layer's own index says who claims a form (the first of its entries to list
                // it): no second table of a large layer's keys.
                for (form, role) in entry.formsWithRoles {
                    guard let claim = layer.reference(forJapanese: form) else { continue }
                    let owner = layer.entry(at: claim.entryIndex)
                    conflicts.append(
                        GlossaryConflict(form: form, earlier: entry.ja, earlierSource: entry.source, later: owner.ja, laterSource: owner.source))
                    switch role {
                    case .preferred: dropped = true
                    case .variant: entry.variants.removeAll { japaneseKey($0) == japaneseKey(form) }
                    case .deprecated: entry.deprecated.removeAll { japaneseKey($0) == japaneseKey(form) }
                    case .alias: entry.aliases.removeAll { japaneseKey($0) == japaneseKey(form) }
                    }
                }
                if !dropped { kept.append(entry) }
            }
            entries = kept + added
            if number == layers.count - 1 && added.count == layer.entries.count {
                // The top layer only adds (a newsroom's name list over the built-in glossary):
                // its index is reused rather than built again.
                var glossary = Glossary(entries: kept)
                glossary.append(contentsOf: layer)
                result = glossary
            }
        }
        return (result ?? Glossary(entries: entries), conflicts)
    }
}
