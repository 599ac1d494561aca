import ArgumentParser
import Foundation
import TsuzuriMemory

/// `tsuzuri tm search TEXT`
struct TMSearch: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "search",
        abstract: "Fuzzy search: the stored units closest to TEXT, in either language.",
        discussion: """
            Match % = 100 × (1 − edit distance / longer length), rounded down: over characters when the text \
            holds kana or kanji (NFKC, case-folded, spaces ignored), over words otherwise. Exact matches first, \
            then the most recently changed. Exit 1 when nothing reaches --min.
            """)

    @OptionGroup var memoryOptions: MemoryOptions
    @OptionGroup var configOptions: ConfigOptions
    @OptionGroup var output: FormatOption

    @Option(parsing: .unconditional, help: "The lowest match percentage to show (0–100).")
    var min = 70

    @Option(parsing: .unconditional, help: "The most hits to show (1 or more).")
    var limit = 5

    @Option(name: .customLong("lang"), help: "Only compare with texts in this language (en matches en-US; en-US does not match en-GB).")
    var language: String?

    @Argument(help: "The text to look up ('-' reads it from stdin).")
    var text: String

    func validate() throws {
        guard (0...100).contains(min) else { throw ValidationError("--min must be between 0 and 100, not \(min).") }
        try LimitOption.validate(limit)
        try LanguageOption.validate(language, flag: "--lang")
    }

    func run() throws {
        let query = text == "-" ? (readLine(strippingNewline: true) ?? "") : text
        guard !query.allSatisfy(\.isWhitespace) else { throw ValidationError("The search text is empty.") }
        let memory = try memoryOptions.open(readOnly: true, config: configOptions)
        let matches = try memory.search(query, minScore: min, limit: limit, language: language)
        switch output.format {
        case .json:
            try JSONOutput.print(SearchReport(query: query, minScore: min, matches: matches))
        case .text:
            var out = StandardOutput()
            if matches.isEmpty { Diagnostics.note("no match at or above \(min)%") }
            for match in matches {
                let score = match.exact ? "exact" : "\(match.score)%"
                out.write("\(Style.bold(score.padding(toLength: 6, withPad: " ", startingAt: 0))) \(SpanMarking.mark(match.source, match.differences))  \(Style.dim("(\(match.sourceLanguage))"))\n")
                out.write("       \(Style.green(SpanMarking.mark(match.target, [])))  \(Style.dim("(\(match.targetLanguage))"))\n")
                var details = ["#\(match.unitID)", SpanMarking.isoDate(match.changed)]
                if let origin = match.origin, !origin.isEmpty { details.insert(origin, at: 1) }
                out.write("       \(Style.dim(details.joined(separator: " · ")))\n")
            }
        }
        if matches.isEmpty { throw ExitCode(1) }
    }
}

/// The one check of the `--limit` options (`tm search`, `tm concordance`): a limit of 0 would
/// only ever answer "nothing found".
enum LimitOption {
    static func validate(_ limit: Int) throws {
        guard limit >= 1 else { throw ValidationError("--limit must be 1 or more, not \(limit).") }
    }
}

/// `tm search --format json`.
struct SearchReport: Encodable {
    var query: String
    var minScore: Int
    var matches: [MemoryMatch]
}

/// `tsuzuri tm concordance TERM`
struct TMConcordance: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "concordance",
        abstract: "Every unit that contains TERM, in either language, with the term marked. Exit 1 when none.")

    @OptionGroup var memoryOptions: MemoryOptions
    @OptionGroup var configOptions: ConfigOptions
    @OptionGroup var output: FormatOption

    @Option(parsing: .unconditional, help: "The most units to show, newest first (1 or more).")
    var limit = 100

    @Argument(help: "The term to look for.")
    var term: String

    func validate() throws {
        try LimitOption.validate(limit)
    }

    func run() throws {
        guard !term.allSatisfy(\.isWhitespace) else { throw ValidationError("The term is empty.") }
        let memory = try memoryOptions.open(readOnly: true, config: configOptions)
        let hits = try memory.concordance(term, limit: limit)
        switch output.format {
        case .json:
            struct Report: Encodable { var term: String; var units: [ConcordanceHit] }
            try JSONOutput.print(Report(term: term, units: hits))
        case .text:
            var out = StandardOutput()
            if hits.isEmpty { Diagnostics.note("no unit contains \"\(term)\"") }
            for hit in hits {
                out.write("\(SpanMarking.mark(hit.source, hit.sourceSpans))  \(Style.dim("(\(hit.sourceLanguage))"))\n")
                out.write("  \(SpanMarking.mark(hit.target, hit.targetSpans))  \(Style.dim("(\(hit.targetLanguage)) #\(hit.unitID)"))\n")
            }
        }
        if hits.isEmpty { throw ExitCode(1) }
    }
}

/// `tsuzuri tm add SRC TGT`
struct TMAdd: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "add",
        abstract: "Add one unit (an identical pair already stored is not added twice).")

    @OptionGroup var memoryOptions: MemoryOptions
    @OptionGroup var configOptions: ConfigOptions
    @OptionGroup var output: FormatOption

    @Option(name: .customLong("source-lang"), help: "The source text's language.")
    var sourceLanguage = "ja"

    @Option(name: .customLong("target-lang"), help: "The target text's language.")
    var targetLanguage = "en"

    @Option(help: "A note stored with the unit.")
    var note: String?

    @Argument(help: "The source text.")
    var source: String

    @Argument(help: "The target text.")
    var target: String

    func validate() throws {
        if source.allSatisfy(\.isWhitespace) { throw ValidationError("The source text is empty.") }
        if target.allSatisfy(\.isWhitespace) { throw ValidationError("The target text is empty.") }
        try LanguageOption.validate(sourceLanguage, flag: "--source-lang")
        try LanguageOption.validate(targetLanguage, flag: "--target-lang")
    }

    func run() throws {
        let memory = try memoryOptions.open(readOnly: false, config: configOptions)
        let id = try memory.add(NewUnit(
            source: source, target: target, sourceLanguage: sourceLanguage, targetLanguage: targetLanguage,
            origin: "tm add", notes: note.map { [$0] } ?? []))
        switch output.format {
        case .json:
            struct Report: Encodable { var added: Bool; var unitID: Int64? }
            try JSONOutput.print(Report(added: id != nil, unitID: id))
        case .text:
            var out = StandardOutput()
            out.write(id.map { "added unit #\($0)\n" } ?? "already stored: nothing added\n")
        }
    }
}

/// `tsuzuri tm stats`
struct TMStats: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "stats",
        abstract: "Units, language pairs, origins and size on disk.")

    @OptionGroup var memoryOptions: MemoryOptions
    @OptionGroup var configOptions: ConfigOptions
    @OptionGroup var output: FormatOption

    func run() throws {
        let memory = try memoryOptions.open(readOnly: true, config: configOptions)
        let stats = try memory.statistics()
        switch output.format {
        case .json:
            try JSONOutput.print(stats)
        case .text:
            var out = StandardOutput()
            out.write("memory: \(stats.path)\n")
            out.write("units: \(stats.units)\n")
            out.write("size on disk: \(ByteCountFormatter.string(fromByteCount: stats.bytesOnDisk, countStyle: .file)) (\(stats.bytesOnDisk) bytes)\n")
            out.write("languages:\n")
            for pair in stats.languagePairs { out.write("  \(pair.source) → \(pair.target): \(pair.units)\n") }
            out.write("origins:\n")
            for origin in stats.origins.prefix(20) { out.write("  \(origin.origin.isEmpty ? "(none)" : origin.origin): \(origin.units)\n") }
            if stats.origins.count > 20 { out.write("  … \(stats.origins.count - 20) more\n") }
        }
    }
}

/// `tsuzuri tm compact`
struct TMCompact: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "compact",
        abstract: "Join the fuzzy index's rows, one per gram: faster searches in a memory built by many imports or adds.",
        discussion: """
            Each import (and each add) writes index rows of its own, and a search pays for every row it reads; \
            a memory imported by a tsuzuri before 2026-11-30 has a row per 150,000 units or so. One transaction: \
            interrupted, the memory stays as it was. SQLite memories only.
            """)

    @OptionGroup var memoryOptions: MemoryOptions
    @OptionGroup var configOptions: ConfigOptions
    @OptionGroup var output: FormatOption

    func run() throws {
        let memory = try memoryOptions.open(readOnly: false, config: configOptions)
        guard let result = try memory.compactIndex() else {
            Diagnostics.note("\(memory.path): a PostgreSQL memory merges each import's rows itself; nothing to compact")
            return
        }
        switch output.format {
        case .json:
            try JSONOutput.print(result)
        case .text:
            var out = StandardOutput()
            out.write("\(memory.path): \(result.rowsBefore) index rows joined into \(result.rowsAfter); \(ByteCountFormatter.string(fromByteCount: result.bytesOnDisk, countStyle: .file)) on disk\n")
        }
    }
}
