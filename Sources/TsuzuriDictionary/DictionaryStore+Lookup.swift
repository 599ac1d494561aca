import Foundation
import GRDB
import TsuzuriText

extension DictionaryStore {
    /// The dictionary's English for a Japanese spelling, best first: entries where it is written
    /// as it is (NFKC) before those found only through its spelling form; among them common
    /// (`(P)`) words, then, for a kana spelling, names before other words (a katakana word that
    /// is not common is most often a foreign name), then headwords before readings.
    public func english(for spelling: String) throws -> [DictionaryGloss] {
        try reading { db in try Self.english(for: spelling, db) }
    }

    /// `lookup` for many spellings in one read transaction (`terms`, `check`).
    public func english(for spellings: [String]) throws -> [String: [DictionaryGloss]] {
        try reading { db in
            var result: [String: [DictionaryGloss]] = [:]
            for spelling in spellings where result[spelling] == nil {
                result[spelling] = try Self.english(for: spelling, db)
            }
            return result
        }
    }

    /// Japanese entries whose English gloss is `english` (ignoring case, accents, punctuation and
    /// notes in parentheses), common words first, then names, in file order.
    public func japanese(for english: String) throws -> [DictionaryGloss] {
        let key = Self.englishKey(english)
        if key.isEmpty { return [] }
        return try reading { db in
            let ids = try Int64.fetchAll(db.cachedStatement(sql: "SELECT entry FROM dict_english WHERE key = ? LIMIT 200"), arguments: [key])
            // Common words first; otherwise file order (stable: the offset decides ties).
            return try Self.entries(ids.map { ($0, .english, 0) }, db).map(\.gloss).enumerated().sorted { x, y in
                if x.element.priority != y.element.priority { return x.element.priority }
                return x.offset < y.offset
            }.map(\.element)
        }
    }

    /// `english(for:)` first, then English → Japanese when the term is Latin.
    public func lookup(_ term: String) throws -> [DictionaryGloss] {
        let fromJapanese = try english(for: term)
        if !fromJapanese.isEmpty { return fromJapanese }
        return try japanese(for: term)
    }

    /// Whether the dictionary shows that `a` and `b` name the same thing: forms of one entry, or
    /// kana names (ENAMDICT) that give the same English. Nil when it says nothing.
    public func sameThing(_ a: String, _ b: String) throws -> DictionaryEvidence? {
        try reading { db in
            let left = try Self.english(for: a, db), right = try Self.english(for: b, db)
            if left.isEmpty || right.isEmpty { return nil }
            let rightLines = Set(right.map { EntryKey(source: $0.source, line: $0.line) })
            if let shared = left.first(where: { rightLines.contains(EntryKey(source: $0.source, line: $0.line)) }) {
                let how = shared.readings.isEmpty ? "forms of" : "written forms or readings of"
                return DictionaryEvidence(
                    kind: .sameEntry,
                    description: "both are \(how) \(shared.headline) (\(shared.english)) in \(shared.source)",
                    entries: [shared])
            }
            // Kana names only: two kanji names romanised alike (佐藤, 左藤: Satou) are different names.
            func kanaNames(_ glosses: [DictionaryGloss]) -> [String: DictionaryGloss] {
                var byKey: [String: DictionaryGloss] = [:]
                for gloss in glosses where !gloss.nameTypes.isEmpty && gloss.headwords.allSatisfy(Self.isKana) {
                    let key = Self.englishKey(gloss.english)
                    if !key.isEmpty, byKey[key] == nil { byKey[key] = gloss }
                }
                return byKey
            }
            let leftNames = kanaNames(left), rightNames = kanaNames(right)
            for gloss in left {
                let key = Self.englishKey(gloss.english)
                guard let l = leftNames[key], let r = rightNames[key] else { continue }
                return DictionaryEvidence(
                    kind: .sameName,
                    description: "both are \(l.source) names for \(l.english) (\(l.headline): \(l.nameTypeDescription); \(r.headline): \(r.nameTypeDescription))",
                    entries: [l, r])
            }
            return nil
        }
    }

    /// Entries per imported file and the size of the store, for `dict stats`.
    public struct Statistics: Codable, Sendable {
        public var path: String
        public var sources: [DictionarySource]
        public var entries: Int
        /// Bytes of the SQLite file (and its write-ahead log).
        public var bytes: Int
    }

    public func statistics() throws -> Statistics {
        let sources = try self.sources()
        var bytes = 0
        for suffix in ["", "-wal"] {
            let attributes = try? FileManager.default.attributesOfItem(atPath: path + suffix)
            bytes += (attributes?[.size] as? NSNumber)?.intValue ?? 0
        }
        return Statistics(path: path, sources: sources, entries: sources.reduce(0) { $0 + $1.entries }, bytes: bytes)
    }

    // MARK: Queries

    private struct EntryKey: Hashable {
        var source: String
        var line: Int
    }

    static func english(for spelling: String, _ db: Database) throws -> [DictionaryGloss] {
        let term = Normalizer.normalize(spelling, .term)
        if term.isEmpty { return [] }
        let exact = try db.cachedStatement(sql: "SELECT entry, role FROM dict_form WHERE key = ? AND role < 2 LIMIT 200")
        var found: [(Int64, DictionaryGloss.Match, Int)] = try Row.fetchAll(exact, arguments: [term]).map { row in
            (row[0] as Int64, .exact, row[1] as Int)
        }
        if found.isEmpty {
            let key = Normalizer.normalize(spelling, .spelling)
            if key.isEmpty { return [] }
            let any = try db.cachedStatement(sql: "SELECT entry, role FROM dict_form WHERE key = ? LIMIT 200")
            found = try Row.fetchAll(any, arguments: [key]).map { row in (row[0] as Int64, .normalized, (row[1] as Int) % 2) }
        }
        let kana = isKana(term)
        let ranked = try entries(found, db).enumerated().sorted { x, y in
            let (a, b) = (x.element.gloss, y.element.gloss)
            if a.priority != b.priority { return a.priority }
            if kana, a.nameTypes.isEmpty != b.nameTypes.isEmpty { return !a.nameTypes.isEmpty }
            if x.element.role != y.element.role { return x.element.role < y.element.role }
            return x.offset < y.offset
        }
        return ranked.map(\.element.gloss)
    }

    /// The entries `found` names (each once, at its first place), as glosses with the role
    /// (0 headword, 1 reading) the spelling matched.
    private static func entries(_ found: [(Int64, DictionaryGloss.Match, Int)], _ db: Database) throws -> [(gloss: DictionaryGloss, role: Int)] {
        let statement = try db.cachedStatement(sql: """
            SELECT e.headwords, e.readings, e.glosses, e.name_types, e.priority, s.name, e.line
            FROM dict_entry e JOIN dict_source s ON s.id = e.source WHERE e.id = ?
            """)
        var result: [(gloss: DictionaryGloss, role: Int)] = []
        var seen = Set<Int64>()
        for (id, match, role) in found where seen.insert(id).inserted {
            guard let row = try Row.fetchOne(statement, arguments: [id]) else { continue }
            let glosses = (row[2] as String).split(separator: "/").map(String.init)
            let gloss = DictionaryGloss(
                english: DictionaryGloss.withoutNotes(glosses.first ?? ""), glosses: glosses,
                headwords: split(row[0], ";"), readings: split(row[1], ";"), nameTypes: split(row[3], ","),
                priority: row[4], source: row[5], line: row[6], match: match)
            result.append((gloss, role))
        }
        return result
    }

    private static func split(_ text: String, _ separator: Character) -> [String] {
        text.split(separator: separator).map(String.init)
    }

    /// Kana (and ー, ・) only: the spellings whose dictionary English is a foreign original.
    static func isKana(_ text: String) -> Bool {
        !text.isEmpty && text.unicodeScalars.allSatisfy { Script.isKatakana($0.value) || Script.isHiragana($0.value) || Script.isNameJoiner($0.value) }
    }
}
