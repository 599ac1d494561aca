import Foundation
import GRDB
import TsuzuriText

/// What kind of dictionary a file is.
public enum DictionaryKind: String, Sendable, Codable {
    /// EDICT/EDICT2: general words, with part-of-speech tags and `(P)` for common words.
    case words = "edict"
    /// ENAMDICT: proper names, each with its name types (surname, place, company…).
    case names = "enamdict"
}

/// One imported file, as `dict stats` lists it.
public struct DictionarySource: Codable, Sendable, Hashable, FetchableRecord, MutablePersistableRecord {
    public static let databaseTableName = "dict_source"

    public var id: Int64?
    /// The file's name without folder and `.gz` (`edict`, `enamdict`): importing a file of the
    /// same name again replaces its entries.
    public var name: String
    public var path: String
    public var kind: DictionaryKind
    public var encoding: DictionaryFile.Encoding
    public var compressed: Bool
    /// Size of the file on disk, in bytes.
    public var size: Int
    public var entries: Int
    /// Lines without an entry (no gloss), left out.
    public var skipped: Int
    public var imported: Date

    public enum Columns {
        static let name = Column(CodingKeys.name)
    }

    public mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
}

/// What one import did.
public struct DictionaryImportSummary: Codable, Sendable {
    public var source: DictionarySource
    /// Entries of an earlier import of the same file that this one replaced (0 on a first import).
    public var replaced: Int
}

extension DictionaryStore {
    /// The name under which `path` is stored: its file name without `.gz`.
    public static func sourceName(for path: String) -> String {
        var name = (path as NSString).lastPathComponent
        if name.lowercased().hasSuffix(".gz") { name.removeLast(3) }
        return name
    }

    /// Imports one decoded dictionary file in one transaction: an earlier import of the same file
    /// is replaced, and a file that turns out to be malformed leaves the store as it was.
    @discardableResult
    public func importFile(_ file: DictionaryFile) throws -> DictionaryImportSummary {
        let name = Self.sourceName(for: file.path)
        return try writing { db in
            var replaced = 0
            if let old = try DictionarySource.filter(DictionarySource.Columns.name == name).fetchOne(db), let oldID = old.id {
                replaced = old.entries
                try Self.deleteEntries(of: oldID, db)
                try old.delete(db)
            }
            var source = DictionarySource(
                id: nil, name: name, path: file.path, kind: .words, encoding: file.encoding, compressed: file.compressed,
                size: file.size, entries: 0, skipped: 0, imported: Date())
            try source.insert(db)
            guard let sourceID = source.id else { throw DictionaryError.database(path: path, message: "no id for the new source") }

            let insertEntry = try db.cachedStatement(sql: """
                INSERT INTO dict_entry (source, line, headwords, readings, glosses, name_types, priority)
                VALUES (?, ?, ?, ?, ?, ?, ?)
                """)
            let insertForm = try db.cachedStatement(sql: "INSERT OR IGNORE INTO dict_form (key, entry, role) VALUES (?, ?, ?)")
            let insertEnglish = try db.cachedStatement(sql: "INSERT OR IGNORE INTO dict_english (key, entry) VALUES (?, ?)")

            var kind: DictionaryKind?
            var number = 0
            for line in file.text.split(separator: "\n", omittingEmptySubsequences: false) {
                number += 1
                let parsed: EDICTLine.Parsed
                do {
                    parsed = try EDICTLine.parse(line)
                } catch let reason as EDICTLine.FormatReason {
                    throw DictionaryError.unknownFormat(path: file.path, line: number, reason: reason.text)
                }
                switch parsed {
                case .header(let title):
                    if kind == nil { kind = title.uppercased().contains("ENAMDICT") ? .names : .words }
                case .skipped:
                    if !line.isEmpty { source.skipped += 1 }
                case .entry(let entry):
                    // Without a header, a file whose first entry carries only name tags is ENAMDICT.
                    if kind == nil {
                        kind = !entry.tags.isEmpty && NameType.filter(entry.tags).count == entry.tags.count ? .names : .words
                    }
                    let nameTypes = kind == .names ? NameType.filter(entry.tags) : []
                    try insertEntry.execute(arguments: [
                        sourceID, number, entry.headwords.joined(separator: ";"), entry.readings.joined(separator: ";"),
                        entry.glosses.joined(separator: "/"), nameTypes.joined(separator: ","), entry.priority,
                    ])
                    let entryID = db.lastInsertedRowID
                    for (forms, role) in [(entry.headwords, FormRole.headword), (entry.readings, FormRole.reading)] {
                        for form in forms {
                            let term = Normalizer.normalize(form, .term)
                            try insertForm.execute(arguments: [term, entryID, role.rawValue])
                            let spelling = Normalizer.normalize(form, .spelling)
                            if spelling != term, !spelling.isEmpty {
                                try insertForm.execute(arguments: [spelling, entryID, role.rawValue + 2])
                            }
                        }
                    }
                    for gloss in entry.glosses {
                        let key = Self.englishKey(gloss)
                        if !key.isEmpty, key.count <= Self.longestEnglishKey {
                            try insertEnglish.execute(arguments: [key, entryID])
                        }
                    }
                    source.entries += 1
                }
            }
            if source.entries == 0 { throw DictionaryError.empty(path: file.path) }
            source.kind = kind ?? .words
            try source.update(db)
            return DictionaryImportSummary(source: source, replaced: replaced)
        }
    }

    /// English glosses longer than this (as keys) are phrases nobody looks up; leaving them out
    /// of the index keeps the file smaller.
    static let longestEnglishKey = 48

    /// How forms are indexed: the `term` key of headwords and readings, and their `spelling` key
    /// (hiragana as katakana, separators dropped) when it differs.
    enum FormRole: Int {
        case headword = 0, reading = 1, headwordSpelling = 2, readingSpelling = 3
    }

    /// The English index key of a gloss: notes in parentheses left out ("Vilnius (Lithuania)" →
    /// "vilnius"), then the `english` profile of the normaliser.
    static func englishKey(_ gloss: String) -> String {
        Normalizer.normalize(DictionaryGloss.withoutNotes(gloss), .english)
    }

    /// Removes the entries of a source. Entries of one import have consecutive ids (one
    /// transaction), so the index rows go by id range.
    private static func deleteEntries(of sourceID: Int64, _ db: Database) throws {
        let row = try Row.fetchOne(db, sql: "SELECT min(id), max(id) FROM dict_entry WHERE source = ?", arguments: [sourceID])
        guard let low: Int64 = row?[0], let high: Int64 = row?[1] else { return }
        try db.execute(sql: "DELETE FROM dict_form WHERE entry BETWEEN ? AND ?", arguments: [low, high])
        try db.execute(sql: "DELETE FROM dict_english WHERE entry BETWEEN ? AND ?", arguments: [low, high])
        try db.execute(sql: "DELETE FROM dict_entry WHERE source = ?", arguments: [sourceID])
    }

    /// Every imported file, in import order.
    public func sources() throws -> [DictionarySource] {
        try reading { db in try DictionarySource.order(Column("id")).fetchAll(db) }
    }
}
