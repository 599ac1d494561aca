import Foundation
import GRDB
import TsuzuriExchange

/// How `TranslationMemory.importFile` reads a file.
public struct ImportOptions: Sendable {
    /// The file's format; nil guesses from the extension.
    public var format: ExchangeFormat?
    /// The source language: which `<tuv>` is the source in TMX (default: the `srclang`), the
    /// first column of TSV (default `ja`), `msgid` of PO (default `en`).
    public var sourceLanguage: String?
    /// The target language: which `<tuv>` is the target in TMX (default: every other one), the
    /// second column of TSV (default `en`), `msgstr` of PO (default: the header's `Language`).
    public var targetLanguage: String?
    /// Refuse the whole file when any unit has to be skipped.
    public var strict = false
    /// The origin recorded with each unit; nil records the file name.
    public var origin: String?

    public init(format: ExchangeFormat? = nil, sourceLanguage: String? = nil, targetLanguage: String? = nil, strict: Bool = false, origin: String? = nil) {
        self.format = format
        self.sourceLanguage = sourceLanguage
        self.targetLanguage = targetLanguage
        self.strict = strict
        self.origin = origin
    }
}

/// What an import did with one file.
public struct ImportSummary: Sendable, Codable, Equatable {
    public var file: String
    public var added = 0
    public var duplicates = 0
    /// Skipped units by reason.
    public var skipped: [String: Int] = [:]
    /// The first few lines skipped for each reason.
    public var skippedLines: [String: [Int]] = [:]

    public var skippedCount: Int { skipped.values.reduce(0, +) }

    public init(file: String) { self.file = file }

    mutating func skip(_ reason: String, line: Int) {
        skipped[reason, default: 0] += 1
        if skippedLines[reason, default: []].count < 5 { skippedLines[reason, default: []].append(line) }
    }

    /// The reasons as one line: `3 × empty <seg> (lines 4, 9, 12)`.
    public var reasonsDescription: String {
        skipped.keys.sorted().map { reason in
            let lines = skippedLines[reason, default: []].map(String.init).joined(separator: ", ")
            let more = skipped[reason, default: 0] > skippedLines[reason, default: []].count ? ", …" : ""
            return "\(skipped[reason]!) × \(reason) (line\(skipped[reason]! > 1 ? "s" : "") \(lines)\(more))"
        }.joined(separator: "; ")
    }
}

/// Progress of an import, for a progress bar.
public struct ImportProgress: Sendable {
    public var units: Int
    public var line: Int
}

/// A new unit for `TranslationMemory.add`.
public struct NewUnit: Sendable {
    public var source: String
    public var target: String
    public var sourceLanguage: String
    public var targetLanguage: String
    public var sourceMarkup: String?
    public var targetMarkup: String?
    public var origin: String?
    public var notes: [String]
    public var properties: [ExchangeProperty]
    public var created: Date?
    public var changed: Date?

    public init(source: String, target: String, sourceLanguage: String, targetLanguage: String, sourceMarkup: String? = nil,
                targetMarkup: String? = nil, origin: String? = nil, notes: [String] = [], properties: [ExchangeProperty] = [],
                created: Date? = nil, changed: Date? = nil) {
        self.source = source
        self.target = target
        self.sourceLanguage = sourceLanguage
        self.targetLanguage = targetLanguage
        self.sourceMarkup = sourceMarkup
        self.targetMarkup = targetMarkup
        self.origin = origin
        self.notes = notes
        self.properties = properties
        self.created = created
        self.changed = changed
    }
}

extension TranslationMemory {
    /// Imports one file in one transaction: a file that fails to parse adds nothing.
    public func importFile(_ url: URL, displayPath: String? = nil, options: ImportOptions = ImportOptions(),
                           progress: ((ImportProgress) -> Void)? = nil) throws -> ImportSummary {
        let shown = displayPath ?? url.path
        guard let format = options.format ?? ExchangeFormat(fileName: url.path) else {
            throw MemoryError.unknownFormat(path: shown)
        }
        let origin = options.origin ?? url.lastPathComponent
        var summary = ImportSummary(file: shown)
        try writing { db in
            let writer = try UnitWriter(db: db, path: path, bulk: true)
            var seen = 0
            func take(_ unit: ExchangeUnit) throws {
                seen += 1
                try self.importUnit(unit, format: format, options: options, origin: origin, writer: writer, summary: &summary, path: shown)
                if let progress, seen % 2048 == 0 { progress(ImportProgress(units: seen, line: unit.line)) }
            }
            switch format {
            case .tmx:
                try TMXReader(url: url, displayPath: shown).read(take)
            case .po:
                try POReader(url: url, displayPath: shown, sourceLanguage: options.sourceLanguage ?? "en",
                             targetLanguage: options.targetLanguage).read(take)
            case .tsv:
                try TSVReader(url: url, displayPath: shown, sourceLanguage: options.sourceLanguage ?? "ja",
                              targetLanguage: options.targetLanguage ?? "en").read(take)
            }
            if summary.added == 0 && summary.duplicates == 0 && summary.skippedCount > 0 {
                throw MemoryError.nothingImported(path: shown, reasons: summary.reasonsDescription)
            }
            try writer.finish()
        }
        return summary
    }

    private func importUnit(_ unit: ExchangeUnit, format: ExchangeFormat, options: ImportOptions, origin: String,
                            writer: UnitWriter, summary: inout ImportSummary, path: String) throws {
        func skip(_ reason: String) throws {
            if options.strict { throw MemoryError.strictSkip(path: path, line: unit.line, reason: reason) }
            summary.skip(reason, line: unit.line)
        }
        if unit.isFuzzy { return try skip("fuzzy translation") }
        // Which segment is the source.
        let sourceIndex: Int?
        if format == .tmx, let wanted = options.sourceLanguage ?? unit.sourceLanguage {
            sourceIndex = unit.segments.firstIndex { LanguageCode.matches($0.language, requested: wanted) }
            if sourceIndex == nil { return try skip("no <tuv> in \(wanted)") }
        } else {
            sourceIndex = unit.segments.isEmpty ? nil : 0
        }
        guard let sourceIndex else { return try skip("no <tuv>") }
        let source = unit.segments[sourceIndex]
        var targets: [ExchangeSegment]
        if format == .tmx, let wanted = options.targetLanguage {
            targets = unit.segments.filter { LanguageCode.matches($0.language, requested: wanted) }.prefix(1).map { $0 }
            if targets.isEmpty { return try skip("no <tuv> in \(wanted)") }
        } else {
            targets = unit.segments.enumerated().filter {
                $0.offset != sourceIndex && LanguageCode.canonical($0.element.language) != LanguageCode.canonical(source.language)
            }.map(\.element)
            if targets.isEmpty { return try skip("no translation (one language only)") }
        }
        if source.text.allSatisfy(\.isWhitespace) { return try skip(format == .tmx ? "empty source <seg>" : "empty source") }
        for target in targets {
            if target.text.allSatisfy(\.isWhitespace) {
                try skip(format == .po ? "untranslated" : format == .tmx ? "empty target <seg>" : "empty target")
                continue
            }
            let new = NewUnit(
                source: source.text, target: target.text, sourceLanguage: source.language, targetLanguage: target.language,
                sourceMarkup: source.markup, targetMarkup: target.markup, origin: origin, notes: unit.notes,
                properties: unit.properties, created: unit.creationDate ?? unit.changeDate, changed: unit.changeDate ?? unit.creationDate)
            if try writer.insert(new) != nil { summary.added += 1 } else { summary.duplicates += 1 }
        }
    }

    /// Adds one unit; returns its id, or nil when the identical pair is already stored.
    @discardableResult
    public func add(_ unit: NewUnit) throws -> Int64? {
        if unit.source.allSatisfy(\.isWhitespace) { throw MemoryError.emptySegment(what: "source text") }
        if unit.target.allSatisfy(\.isWhitespace) { throw MemoryError.emptySegment(what: "target text") }
        return try writing { db in
            let writer = try UnitWriter(db: db, path: path)
            let id = try writer.insert(unit)
            try writer.finish()
            return id
        }
    }
}

/// Inserts units and their index postings inside one transaction. Uses prepared statements
/// rather than records because it runs once per unit on million-unit imports.
final class UnitWriter {
    let db: Database
    let path: String
    private let insertStatement: Statement
    private let findStatement: Statement
    private let insertGram: Statement
    private var buffer = PostingBuffer()
    /// Dates are kept to the second, as TMX writes them, so that a round trip keeps them equal.
    private let now = Date(timeIntervalSince1970: Date().timeIntervalSince1970.rounded(.down))
    private var languages: [String: String] = [:]
    /// The pair hashes already stored, loaded once per import.
    private var knownHashes = KeyTable()
    private let bulk: Bool
    /// About 50 MB of buffered postings before a chunk is written (peak import memory stays
    /// near 220 MB; fewer, larger chunks would make a smaller index).
    private static let flushThreshold = 6_000_000

    /// `bulk` loads the stored pair hashes once, so that most inserts skip the duplicate lookup
    /// (imports); otherwise every insert asks the database (single adds).
    init(db: Database, path: String, bulk: Bool = false) throws {
        self.db = db
        self.path = path
        self.bulk = bulk
        insertStatement = try db.makeStatement(sql: """
            INSERT INTO tm_unit(source_lang, target_lang, source, target, source_markup, target_markup, origin,
                                created, changed, notes, properties, pair_hash)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """)
        findStatement = try db.makeStatement(sql: """
            SELECT source_lang, target_lang, source, target, source_markup, target_markup FROM tm_unit WHERE pair_hash = ?
            """)
        insertGram = try db.makeStatement(sql: "INSERT INTO tm_gram(key, chunk, postings) VALUES (?, ?, ?)")
        if bulk {
            let hashes = try Int64.fetchCursor(db, sql: "SELECT pair_hash FROM tm_unit")
            while let hash = try hashes.next() { _ = knownHashes.slot(for: hash == 0 ? 1 : hash, next: 0) }
        }
    }

    /// The id of the new unit, or nil for a pair already stored.
    func insert(_ unit: NewUnit) throws -> Int64? {
        let sourceLanguage = canonical(unit.sourceLanguage)
        let targetLanguage = canonical(unit.targetLanguage)
        let hash = Self.pairHash(sourceLanguage, targetLanguage, unit.sourceMarkup ?? unit.source, unit.targetMarkup ?? unit.target)
        // Only a hash seen before needs the database to tell a duplicate from a collision.
        if !bulk || knownHashes.contains(hash == 0 ? 1 : hash) {
            let rows = try Row.fetchCursor(findStatement, arguments: [hash])
            while let row = try rows.next() {
                if row[0] == sourceLanguage, row[1] == targetLanguage, row[2] == unit.source, row[3] == unit.target,
                   row[4] as String? == unit.sourceMarkup, row[5] as String? == unit.targetMarkup {
                    return nil
                }
            }
        }
        let created = unit.created.map { Date(timeIntervalSince1970: $0.timeIntervalSince1970.rounded(.down)) } ?? now
        let changed = unit.changed.map { Date(timeIntervalSince1970: $0.timeIntervalSince1970.rounded(.down)) } ?? created
        try insertStatement.execute(arguments: [
            sourceLanguage, targetLanguage, unit.source, unit.target, unit.sourceMarkup, unit.targetMarkup, unit.origin,
            created.timeIntervalSince1970, changed.timeIntervalSince1970,
            unit.notes.isEmpty ? nil : JSONText.array(unit.notes.map(JSONText.string)),
            unit.properties.isEmpty ? nil : JSONText.array(unit.properties.map { JSONText.array([JSONText.string($0.type), JSONText.string($0.value)]) }),
            hash,
        ])
        let id = db.lastInsertedRowID
        if bulk { _ = knownHashes.slot(for: hash == 0 ? 1 : hash, next: 0) }
        guard id < Int64(Int32.max) else { throw MemoryError.tooManyUnits(path: path) }
        buffer.add(MatchText(unit.source, keepRanges: false), posting: GramIndex.posting(unit: id, side: 0))
        buffer.add(MatchText(unit.target, keepRanges: false), posting: GramIndex.posting(unit: id, side: 1))
        if buffer.count >= Self.flushThreshold { try flush() }
        return id
    }

    private func canonical(_ code: String) -> String {
        if let known = languages[code] { return known }
        let value = LanguageCode.canonical(code)
        languages[code] = value
        return value
    }

    /// Writes the buffered postings as one new chunk per key.
    func flush() throws {
        guard !buffer.isEmpty else { return }
        let chunk = try Int64.fetchOne(db, sql: "SELECT value FROM tm_meta WHERE name = 'next_chunk'") ?? 1
        let statement = insertGram
        try buffer.drain { key, postings in
            try statement.execute(arguments: [key, chunk, PostingCodec.encode(postings)])
        }
        try db.execute(sql: "UPDATE tm_meta SET value = ? WHERE name = 'next_chunk'", arguments: [chunk + 1])
    }

    func finish() throws { try flush() }

    static func pairHash(_ parts: String...) -> Int64 {
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        for part in parts {
            for byte in part.utf8 { hash = (hash ^ UInt64(byte)) &* 0x0100_0000_01B3 }
            hash = (hash ^ 0xFF) &* 0x0100_0000_01B3
        }
        return Int64(bitPattern: hash)
    }

}

/// Minimal JSON writing for the notes and properties columns (JSONEncoder costs more than the
/// rest of an insert).
enum JSONText {
    static func string(_ s: String) -> String {
        var out = "\""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if scalar.value < 0x20 {
                    let hex = String(scalar.value, radix: 16)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }

    static func array(_ items: [String]) -> String { "[" + items.joined(separator: ",") + "]" }
}
