import Foundation
import TsuzuriExchange

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
    /// Two threads share the work: `ImportPipeline` reads the file, applies `ImportPolicy` and
    /// cuts the texts into index grams; this one writes units and postings to the store.
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
        let channel = ImportPipeline.start(url: url, displayPath: shown, format: format, options: options, origin: origin)
        defer { channel.cancel() }
        do {
            try importUnits(from: channel, into: &summary, shown: shown, options: options, progress: progress)
        } catch MemoryError.connectionLost(let address, let writing, let committing, nil) {
            throw MemoryError.connectionLost(address: address, writing: writing, committing: committing, file: shown)
        }
        return summary
    }

    /// The writing half of `importFile`: one store transaction for the whole file.
    private func importUnits(from channel: UnitChannel, into summary: inout ImportSummary, shown: String, options: ImportOptions,
                             progress: ((ImportProgress) -> Void)?) throws {
        try writing { access in
            let writer = try UnitWriter(access, path: path, bulk: true)
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
    }

    /// Adds one unit; returns its id, or nil when the identical pair is already stored.
    @discardableResult
    public func add(_ unit: NewUnit) throws -> Int64? {
        if unit.source.allSatisfy(\.isWhitespace) { throw MemoryError.emptySegment(what: "source text") }
        if unit.target.allSatisfy(\.isWhitespace) { throw MemoryError.emptySegment(what: "target text") }
        return try writing { access in
            let writer = try UnitWriter(access, path: path)
            let id = try writer.insert(unit)
            try writer.finish()
            return id
        }
    }
}

