import TsuzuriText

/// A stacked glossary laid out flat for a cache file (`GlossaryCache`) and read in place: a pool
/// of UTF-8 strings, fixed-size entry and form records that name strings by number, and hashed
/// key tables for the Japanese keys, the English keys and the Latin-script Japanese forms. A run
/// builds a `GlossaryEntry` or a `FormReference` only for what a text or a query hits, instead of
/// 100,000 `String`s and their dictionaries on every run.
///
/// Integers are stored little-endian and read in place, which every platform tsuzuri builds for is.
/// `@unchecked Sendable`: the cache file is never written once open.
final class CompiledGlossary: @unchecked Sendable {
    /// The file's kind and layout version (`CompiledFile`); raise the version whenever a section
    /// or the meaning of a field changes, so that older files are rebuilt rather than misread.
    static let kind = "GLOS"
    static let version: UInt32 = 1

    /// Section numbers.
    enum Section: Int, CaseIterable {
        case pool, stringStart, entries, lists, forms
        case japaneseSlots, japaneseGroups, japaneseMembers
        case englishSlots, englishGroups, englishMembers
        case latinSlots, latinGroups, latinMembers
        case conflicts, meta
        case matcherNodes, matcherScalars, matcherChildren, matcherOwners, matcherOwnerStart, matcherForms
    }

    /// Per entry: ja, en, kind, note, source file (strings), source line, where its forms start
    /// in `lists`, how many variants, deprecated forms and aliases.
    static let entryFields = 10
    /// Per form: entry, role, form, key.
    static let formFields = 4
    /// Per conflict: form, earlier, earlier source, later, later source.
    static let conflictFields = 5
    /// Marks an absent string (an entry with no source).
    static let none = UInt32.max

    let file: CompiledSections
    private let pool: Column<UInt8>
    private let stringStart: Column<UInt32>
    private let entryRecords: Column<UInt32>
    private let lists: Column<UInt32>
    private let formRecords: Column<UInt32>
    private let japanese: KeyTable
    private let english: KeyTable
    private let latin: KeyTable
    private let conflictRecords: Column<UInt32>
    /// Whether every form had its own key when compiled, and how many keys there were.
    let keysAreUnique: Bool
    let japaneseKeyCount: Int

    init?(_ file: CompiledSections) {
        guard file.count == Section.allCases.count else { return nil }
        self.file = file
        pool = file.column(Section.pool.rawValue)
        stringStart = file.column(Section.stringStart.rawValue)
        entryRecords = file.column(Section.entries.rawValue)
        lists = file.column(Section.lists.rawValue)
        formRecords = file.column(Section.forms.rawValue)
        japanese = KeyTable(file, .japaneseSlots)
        english = KeyTable(file, .englishSlots)
        latin = KeyTable(file, .latinSlots)
        conflictRecords = file.column(Section.conflicts.rawValue)
        let meta = file.column(Section.meta.rawValue, of: UInt32.self).slice(0..<2)
        guard meta.count == 2, !stringStart.isEmpty else { return nil }
        keysAreUnique = meta[0] != 0
        japaneseKeyCount = Int(meta[1])
    }

    var entryCount: Int { entryRecords.count / Self.entryFields }
    var formCount: Int { formRecords.count / Self.formFields }

    func bytes(of id: UInt32) -> [UInt8] {
        let bounds = stringStart.slice(Int(id)..<Int(id) + 2)
        return pool.slice(Int(bounds[0])..<Int(bounds[1]))
    }

    func string(_ id: UInt32) -> String {
        String(decoding: bytes(of: id), as: UTF8.self)
    }

    func entry(at index: Int) -> GlossaryEntry {
        let r = entryRecords.slice(index * Self.entryFields..<(index + 1) * Self.entryFields)
        let start = Int(r[6])
        let (variants, deprecated, aliases) = (Int(r[7]), Int(r[8]), Int(r[9]))
        let forms = lists.slice(start..<start + variants + deprecated + aliases).map(string)
        return GlossaryEntry(
            ja: string(r[0]), en: string(r[1]), kind: EntryKind(rawValue: string(r[2])),
            variants: Array(forms[0..<variants]), deprecated: Array(forms[variants..<variants + deprecated]),
            aliases: Array(forms[(variants + deprecated)...]), note: string(r[3]),
            source: r[4] == Self.none ? nil : GlossarySource(file: string(r[4]), line: Int(r[5])))
    }

    func form(at index: Int) -> FormReference {
        let r = formRecords.slice(index * Self.formFields..<(index + 1) * Self.formFields)
        return FormReference(entryIndex: Int(r[0]), form: string(r[2]), key: string(r[3]), role: FormRole.allCases[Int(r[1])])
    }

    /// The first form filed under a Japanese key (the one that owns it).
    func reference(forKey key: String) -> FormReference? {
        japanese.members(of: key, in: self).first.map { form(at: Int($0)) }
    }

    /// The entries whose English key is `key`, in entry order.
    func entryIndices(forEnglishKey key: String) -> [Int] {
        english.members(of: key, in: self).map(Int.init)
    }

    /// The Latin-script Japanese forms whose English key is `key`, in form order.
    func latinForms(forEnglishKey key: String) -> [Int] {
        latin.members(of: key, in: self).map(Int.init)
    }

    var conflicts: [GlossaryConflict] {
        let records = conflictRecords.slice(0..<conflictRecords.count)
        return stride(from: 0, to: records.count, by: Self.conflictFields).map { r in
            func source(_ id: UInt32) -> GlossarySource? { id == Self.none ? nil : GlossarySource(string(id)) }
            return GlossaryConflict(
                form: string(records[r]), earlier: string(records[r + 1]), earlierSource: source(records[r + 2]),
                later: string(records[r + 3]), laterSource: source(records[r + 4]))
        }
    }

    /// A hashed table from string keys to lists of numbers, as three sections: slots
    /// (`HashedStrings`: a group number plus one), groups (key string, start, count) and members.
    struct KeyTable {
        let slots: Column<UInt32>
        let groups: Column<UInt32>
        let members: Column<UInt32>

        init(_ file: CompiledSections, _ first: Section) {
            slots = file.column(first.rawValue)
            groups = file.column(first.rawValue + 1)
            members = file.column(first.rawValue + 2)
        }

        func members(of key: String, in glossary: CompiledGlossary) -> [UInt32] {
            guard let g = HashedStrings.find(key, in: slots, bytes: { glossary.bytes(of: groups[$0 * 3]) }) else { return [] }
            let group = groups.slice(g * 3..<g * 3 + 3)
            return members.slice(Int(group[1])..<Int(group[1]) + Int(group[2]))
        }
    }
}

extension CompiledGlossary {
    /// The sections of a compiled file for `glossary` and the conflicts its layers had.
    static func sections(of glossary: Glossary, conflicts: [GlossaryConflict]) -> [[UInt8]] {
        var pool = StringPool()
        var entries = IntegerSection(), lists = IntegerSection()
        let allEntries = glossary.entries
        entries.reserveCapacity(allEntries.count * entryFields)
        var englishKeys = KeyTableBuilder()
        for (index, entry) in allEntries.enumerated() {
            entries.append(pool.id(entry.ja))
            entries.append(pool.id(entry.en))
            entries.append(pool.id(entry.kind.rawValue))
            entries.append(pool.id(entry.note))
            entries.append(entry.source.map { pool.id($0.file) } ?? none)
            entries.append(entry.source?.line ?? 0)
            entries.append(lists.count)
            entries.append(entry.variants.count)
            entries.append(entry.deprecated.count)
            entries.append(entry.aliases.count)
            for form in entry.variants + entry.deprecated + entry.aliases { lists.append(pool.id(form)) }
            let key = Glossary.englishKey(entry.en)
            if !key.isEmpty { englishKeys.add(pool.id(key), key: key, member: index) }
        }
        var forms = IntegerSection()
        var japaneseKeys = KeyTableBuilder(), latinKeys = KeyTableBuilder()
        for (index, reference) in glossary.forms.enumerated() {
            forms.append(reference.entryIndex)
            forms.append(FormRole.allCases.firstIndex(of: reference.role)!)
            forms.append(pool.id(reference.form))
            forms.append(pool.id(reference.key))
            japaneseKeys.add(pool.id(reference.key), key: reference.key, member: index)
            if Glossary.isLatin(reference.form) {
                let key = Glossary.englishKey(reference.form)
                if !key.isEmpty { latinKeys.add(pool.id(key), key: key, member: index) }
            }
        }
        var conflictRecords = IntegerSection()
        for conflict in conflicts {
            conflictRecords.append(pool.id(conflict.form))
            conflictRecords.append(pool.id(conflict.earlier))
            conflictRecords.append(conflict.earlierSource.map { pool.id($0.description) } ?? none)
            conflictRecords.append(pool.id(conflict.later))
            conflictRecords.append(conflict.laterSource.map { pool.id($0.description) } ?? none)
        }
        let meta = IntegerSection([glossary.keysAreUnique ? 1 : 0, UInt32(glossary.japaneseIndexCount)])
        let matcher = GlossaryMatcher.Trie(glossary: glossary).sections(pool: &pool)
        var result: [[UInt8]] = [pool.bytes, IntegerSection(pool.starts).bytes, entries.bytes, lists.bytes, forms.bytes]
        result += japaneseKeys.sections + englishKeys.sections + latinKeys.sections
        result += [conflictRecords.bytes, meta.bytes]
        result += matcher
        return result
    }

    /// Builds a `KeyTable`'s three sections: members grouped by key, groups in first-seen order.
    struct KeyTableBuilder {
        private var groupOf: [String: Int] = [:]
        private var keys: [(id: UInt32, key: String)] = []
        private var members: [[UInt32]] = []

        mutating func add(_ id: UInt32, key: String, member: Int) {
            if let group = groupOf[key] {
                members[group].append(UInt32(member))
            } else {
                groupOf[key] = keys.count
                keys.append((id, key))
                members.append([UInt32(member)])
            }
        }

        var sections: [[UInt8]] {
            var groups = IntegerSection(), flat = IntegerSection()
            for (group, entry) in keys.enumerated() {
                groups.append(entry.id)
                groups.append(flat.count)
                groups.append(members[group].count)
                for member in members[group] { flat.append(member) }
            }
            return [IntegerSection(HashedStrings.slots(for: keys.map(\.key))).bytes, groups.bytes, flat.bytes]
        }
    }
}
