/// What importing one entry did (or, in a dry run, would do) to the glossary file.
public struct GlossaryImportItem: Sendable {
    public enum Outcome: Sendable, Equatable {
        /// Appended as a new entry.
        case added
        /// Its new forms (or note) were added to the entry of the same Japanese and English form.
        case merged(newForms: [String])
        /// The file already holds it: nothing to do.
        case unchanged
        /// Not imported: a form belongs to another entry, the English form or kind differs, or a
        /// field cannot be written. The message names the entry in the way and says what to do.
        case conflict(String)
    }

    /// The entry as the imported file has it (its source names that file and line).
    public var imported: GlossaryEntry
    public var outcome: Outcome
    /// The entry as it stands (or would stand) in the glossary file; nil for a conflict.
    public var result: GlossaryEntry?
}

/// What an import did: one item per imported entry, in the imported file's order.
public struct GlossaryImportReport: Sendable {
    public var items: [GlossaryImportItem]
    /// Whether the file was written (false for a dry run, or when nothing changed).
    public var wrote: Bool

    public func count(_ outcome: (GlossaryImportItem.Outcome) -> Bool) -> Int { items.filter { outcome($0.outcome) }.count }
}

extension GlossaryWriter {
    /// Merges entries read from an exchange file into this glossary file, under the same lock and
    /// with the same single atomic write as `add`: a new entry is appended; an entry whose Japanese
    /// form already has an entry with the same English form gets the forms it lacks (as
    /// `add --merge` would); anything that would take a form from another entry, or change an
    /// existing entry's English form or kind, is listed as a conflict and never written. With
    /// `dryRun` the report says what would change and nothing is written.
    ///
    /// An entry with an empty `en` (the format has no English: prh) takes the existing entry's
    /// English form, or its own Japanese form when it is new. Kind `term`, the default of formats
    /// without kinds, never conflicts with an existing kind. Line breaks and tabs in a note (which a
    /// TSV cell cannot hold) become spaces.
    public func importEntries(_ entries: [GlossaryEntry], checkingAgainst glossary: Glossary = .empty, dryRun: Bool = false) throws
        -> GlossaryImportReport
    {
        try withLockedFile(checkingAgainst: glossary) { original, combinedAtStart, firstLocal in
            let others = Array(combinedAtStart.entries[..<firstLocal])
            var contents = original
            var combined = combinedAtStart
            var items: [GlossaryImportItem] = []
            var changed = false
            for entry in entries {
                var addition = GlossaryAddition(entry)
                addition.note = Self.singleLine(entry.note)
                if entry.kind == .term { addition.kind = nil }
                if addition.en.isEmpty {
                    let owner = combined.entry(forJapanese: entry.ja)
                    addition.en = owner?.role == .preferred ? owner!.entry.en : entry.ja
                }
                do {
                    let checked = try Self.validated(addition)
                    let (outcome, bytes) = try plan(checked, merge: true, combined: combined, firstLocal: firstLocal, contents: contents)
                    switch outcome {
                    case .added(let placed): items.append(GlossaryImportItem(imported: entry, outcome: .added, result: placed))
                    case .merged(let placed, let forms):
                        items.append(GlossaryImportItem(imported: entry, outcome: .merged(newForms: forms), result: placed))
                    case .unchanged(let placed): items.append(GlossaryImportItem(imported: entry, outcome: .unchanged, result: placed))
                    }
                    if let bytes {
                        changed = true
                        if case .added(let placed) = outcome {
                            // Appended: extend what is known instead of reading the file again.
                            contents.appended(placed, bytes: bytes)
                            combined.append(placed)
                        } else {
                            contents = try GlossaryFileContents.parse(bytes: bytes, file: path, requireHeader: false)
                            combined = Glossary(entries: others + contents.entries)
                        }
                    }
                } catch GlossaryError.mergeInOtherFile(let ja, let existing, _) {
                    // The same entry, unchanged, in another file of the glossary is not a conflict.
                    if let owner = combined.entry(forJapanese: ja)?.entry, Self.holds(owner, everythingOf: checked(addition)) {
                        items.append(GlossaryImportItem(imported: entry, outcome: .unchanged, result: owner))
                    } else {
                        let message = GlossaryError.mergeInOtherFile(ja: ja, existing: existing, target: path).errorDescription ?? ""
                        items.append(GlossaryImportItem(imported: entry, outcome: .conflict(message), result: nil))
                    }
                } catch let error as GlossaryError {
                    items.append(GlossaryImportItem(imported: entry, outcome: .conflict(error.errorDescription ?? "\(error)"), result: nil))
                }
            }
            let write = changed && !dryRun
            return (GlossaryImportReport(items: items, wrote: write), write ? contents.bytes : nil)
        }
    }

    /// The addition as `validated` leaves it, or as given when it cannot be validated.
    private func checked(_ addition: GlossaryAddition) -> GlossaryAddition {
        (try? Self.validated(addition)) ?? addition
    }

    /// Whether `entry` already has the addition's English form and every one of its forms, each in
    /// the same role.
    static func holds(_ entry: GlossaryEntry, everythingOf addition: GlossaryAddition) -> Bool {
        guard Glossary.englishKey(entry.en) == Glossary.englishKey(addition.en) else { return false }
        let have = Set(entry.formsWithRoles.map { "\($0.role.rawValue):\(Glossary.japaneseKey($0.form))" })
        let want = [("preferred", addition.ja)] + addition.variants.map { ("variant", $0) } + addition.deprecated.map { ("deprecated", $0) }
            + addition.aliases.map { ("alias", $0) }
        return want.allSatisfy { have.contains("\($0.0):\(Glossary.japaneseKey($0.1))") }
    }

    /// A note on one line: each line break or tab, with the white space around it, becomes a space.
    static func singleLine(_ note: String) -> String {
        var result = ""
        var pendingSpace = false
        for line in note.split(whereSeparator: { $0 == "\n" || $0 == "\r" || $0 == "\r\n" || $0 == "\t" }) {
            let trimmed = line.trimmingWhitespace()
            if trimmed.isEmpty { continue }
            if pendingSpace { result += " " }
            result += trimmed
            pendingSpace = true
        }
        return result
    }
}

extension GlossaryFileContents {
    /// The contents after `GlossaryWriter.plan` appended `entry` (after a line ending the file
    /// lacked and the header line a new file lacked): `bytes` is the new file.
    mutating func appended(_ entry: GlossaryEntry, bytes newBytes: [UInt8]) {
        let ending = usesCRLF ? 2 : 1
        let entryEnd = newBytes.count - ending
        let entryStart = entryEnd - GlossaryFormat.line(for: entry).utf8.count
        if !hasHeader {
            let headerEnd = entryStart - ending
            lines.append((headerEnd - GlossaryFormat.headerLine.utf8.count)..<headerEnd)
            hasHeader = true
        }
        lines.append(entryStart..<entryEnd)
        entries.append(entry)
        bytes = newBytes
        endsWithNewline = true
    }
}
