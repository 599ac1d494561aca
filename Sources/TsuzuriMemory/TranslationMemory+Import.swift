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
    /// Refuse the whole file when any unit has to be skipped: a unit that cannot make a memory
    /// entry (a TMX `<tu>` without the requested language, a blank `<seg>`) or an unfinished one
    /// (a fuzzy or untranslated gettext entry). Off by default: such units are skipped and listed
    /// in the summary with their lines, and the rest is imported, because one bad unit in a
    /// real-world file (a `<seg>` holding a single space) must not stop the import of thousands.
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

    /// Each reason: `3 × empty <seg> (lines 4, 9, 12)`, sorted by reason.
    public var reasonDescriptions: [String] {
        skipped.keys.sorted().map { reason in
            let lines = skippedLines[reason, default: []].map(String.init).joined(separator: ", ")
            let more = skipped[reason, default: 0] > skippedLines[reason, default: []].count ? ", …" : ""
            return "\(skipped[reason]!) × \(reason) (line\(skipped[reason]! > 1 ? "s" : "") \(lines)\(more))"
        }
    }

    /// The reasons as one line, joined by "; ".
    public var reasonsDescription: String { reasonDescriptions.joined(separator: "; ") }
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
    ///
    /// Two threads share the work: one reads the file, picks the language pairs and cuts the
    /// texts into index grams; this one writes units and postings to the database.
    public func importFile(_ url: URL, displayPath: String? = nil, options: ImportOptions = ImportOptions(),
                           progress: ((ImportProgress) -> Void)? = nil) throws -> ImportSummary {
        let shown = displayPath ?? url.path
        // Before the write transaction opens and the pair hashes load.
        try ExchangeFile.checkReadable(url, displayPath: shown)
        guard let format = options.format ?? ExchangeFormat(fileName: url.path) else {
            throw MemoryError.unknownFormat(path: shown)
        }
        let origin = options.origin ?? url.lastPathComponent
        var summary = ImportSummary(file: shown)
        let channel = UnitChannel()
        let reader = Thread {
            do {
                var batch: [PreparedUnit] = []
                batch.reserveCapacity(256)
                let take: (ExchangeUnit) throws -> Void = { unit in
                    batch.append(Self.prepare(unit, format: format, options: options, origin: origin))
                    if batch.count == 256 {
                        try channel.put(batch)
                        batch.removeAll(keepingCapacity: true)
                    }
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
                if !batch.isEmpty { try channel.put(batch) }
                channel.finish(error: nil)
            } catch {
                channel.finish(error: error)
            }
        }
        reader.stackSize = 8 << 20
        reader.start()
        defer { channel.cancel() }
        try writing { db in
            let writer = try UnitWriter(db: db, path: path, bulk: true)
            var seen = 0
            while let batch = try channel.take() {
                for prepared in batch {
                    seen += 1
                    for event in prepared.events {
                        switch event {
                        case .skip(let reason):
                            if options.strict { throw MemoryError.strictSkip(path: shown, line: prepared.line, reason: reason) }
                            summary.skip(reason, line: prepared.line)
                        case .unit(let unit, let sourceGrams, let targetGrams):
                            if try writer.insert(unit, grams: (sourceGrams, targetGrams)) != nil { summary.added += 1 } else { summary.duplicates += 1 }
                        }
                    }
                    if let progress, seen % 2048 == 0 { progress(ImportProgress(units: seen, line: prepared.line)) }
                }
            }
            if summary.added == 0 && summary.duplicates == 0 && summary.skippedCount > 0 {
                throw MemoryError.nothingImported(path: shown, reasons: summary.reasonsDescription)
            }
            try writer.finish()
        }
        return summary
    }

    /// What one exchange unit becomes: new units (with their index grams) and skips, in order.
    static func prepare(_ unit: ExchangeUnit, format: ExchangeFormat, options: ImportOptions, origin: String) -> PreparedUnit {
        var prepared = PreparedUnit(line: unit.line)
        func skip(_ reason: String) -> PreparedUnit {
            prepared.events.append(.skip(reason))
            return prepared
        }
        if unit.isFuzzy { return skip("fuzzy translation") }
        // Which segment is the source.
        let sourceIndex: Int?
        if format == .tmx, let wanted = options.sourceLanguage ?? unit.sourceLanguage {
            sourceIndex = unit.segments.firstIndex { LanguageCode.matches($0.language, requested: wanted) }
            if sourceIndex == nil { return skip("no <tuv> in \(wanted)") }
        } else {
            sourceIndex = unit.segments.isEmpty ? nil : 0
        }
        guard let sourceIndex else { return skip("no <tuv>") }
        let source = unit.segments[sourceIndex]
        var targets: [ExchangeSegment]
        if format == .tmx, let wanted = options.targetLanguage {
            targets = unit.segments.filter { LanguageCode.matches($0.language, requested: wanted) }.prefix(1).map { $0 }
            if targets.isEmpty { return skip("no <tuv> in \(wanted)") }
        } else {
            targets = unit.segments.enumerated().filter {
                $0.offset != sourceIndex && LanguageCode.canonical($0.element.language) != LanguageCode.canonical(source.language)
            }.map(\.element)
            if targets.isEmpty { return skip("no translation (one language only)") }
        }
        if source.text.allSatisfy(\.isWhitespace) { return skip(format == .tmx ? "empty source <seg>" : "empty source") }
        let sourceGrams = IndexGrams(MatchText(source.text, keepRanges: false))
        for target in targets {
            if target.text.allSatisfy(\.isWhitespace) {
                prepared.events.append(
                    .skip(format == .po ? "untranslated" : format == .tmx ? "empty target <seg>" : "empty target"))
                continue
            }
            let new = NewUnit(
                source: source.text, target: target.text, sourceLanguage: source.language, targetLanguage: target.language,
                sourceMarkup: source.markup, targetMarkup: target.markup, origin: origin, notes: unit.notes,
                properties: unit.properties, created: unit.creationDate ?? unit.changeDate, changed: unit.changeDate ?? unit.creationDate)
            prepared.events.append(.unit(new, sourceGrams, IndexGrams(MatchText(target.text, keepRanges: false))))
        }
        return prepared
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
    /// About 64 MB of buffered postings before a chunk is written: peak import memory stays near
    /// 240 MB (measured on a million units), and fewer, larger chunks make a smaller, faster index.
    private static let flushThreshold = 8_000_000

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
        try insert(unit, grams: (IndexGrams(MatchText(unit.source, keepRanges: false)), IndexGrams(MatchText(unit.target, keepRanges: false))))
    }

    /// `insert` with the index grams already computed (by the reading thread).
    func insert(_ unit: NewUnit, grams: (source: IndexGrams, target: IndexGrams)) throws -> Int64? {
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
        buffer.add(grams.source, posting: GramIndex.posting(unit: id, side: 0))
        buffer.add(grams.target, posting: GramIndex.posting(unit: id, side: 1))
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

/// One exchange unit made ready for the database by the reading thread.
struct PreparedUnit: Sendable {
    enum Event: Sendable {
        case skip(String)
        case unit(NewUnit, IndexGrams, IndexGrams)
    }

    var line: Int
    var events: [Event] = []
}

/// A text's index grams with its length bucket.
struct IndexGrams: Sendable {
    var grams: [UInt64]
    var bucket: Int

    init(_ text: MatchText) {
        grams = GramIndex.grams(text)
        bucket = GramIndex.bucket(text.count)
    }
}

/// A bounded hand-off of prepared units from the reading thread to the writing one.
final class UnitChannel: @unchecked Sendable {  // every field is guarded by `condition`
    private let condition = NSCondition()
    private var batches: [[PreparedUnit]] = []
    private var head = 0
    private var finished = false
    private var failure: Error?
    private var cancelled = false
    private let capacity = 16

    struct Cancelled: Error {}

    /// Waits while the writer is behind; throws when the writer has given up.
    func put(_ batch: [PreparedUnit]) throws {
        condition.lock()
        defer { condition.unlock() }
        while batches.count - head >= capacity && !cancelled { condition.wait() }
        if cancelled { throw Cancelled() }
        batches.append(batch)
        condition.broadcast()
    }

    func finish(error: Error?) {
        condition.lock()
        finished = true
        failure = error
        condition.broadcast()
        condition.unlock()
    }

    /// The next batch; nil at the end of the file; the reader's error when it failed.
    func take() throws -> [PreparedUnit]? {
        condition.lock()
        defer { condition.unlock() }
        while head == batches.count && !finished { condition.wait() }
        if head < batches.count {
            let batch = batches[head]
            batches[head] = []
            head += 1
            if head > 64 {
                batches.removeFirst(head)
                head = 0
            }
            condition.broadcast()
            return batch
        }
        if let failure, !(failure is Cancelled) { throw failure }
        return nil
    }

    /// Tells the reader to stop (the writer failed or finished) and waits until it has.
    func cancel() {
        condition.lock()
        cancelled = true
        condition.broadcast()
        while !finished { condition.wait() }
        condition.unlock()
    }
}
