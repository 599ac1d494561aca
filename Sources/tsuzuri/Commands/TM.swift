import ArgumentParser
import Foundation
import TsuzuriExchange
import TsuzuriMemory
import TsuzuriText

/// `tsuzuri tm`: the translation memory.
struct TM: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tm",
        abstract: "Translation memory: import, export, fuzzy search and concordance.",
        discussion: """
            Every tm command takes --memory PATH (default $TSUZURI_MEMORY, else $XDG_DATA_HOME/tsuzuri/memory.sqlite, \
            else ~/.local/share/tsuzuri/memory.sqlite) and --format json.
            """,
        subcommands: [TMImport.self, TMExport.self, TMSearch.self, TMConcordance.self, TMAdd.self, TMStats.self, TMCompact.self, TMBench.self]
    )
}

/// `tsuzuri tm import FILE…`
struct TMImport: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Import TMX, gettext .po or TSV files (one transaction per file).")

    @OptionGroup var memoryOptions: MemoryOptions
    @OptionGroup var configOptions: ConfigOptions
    @OptionGroup var output: FormatOption

    @Option(name: .customLong("input-format"), help: "tmx, po or tsv (default: from the file extension).")
    var inputFormat: ExchangeFormatArgument?

    @Option(name: .customLong("source-lang"), help: "Source language (TMX: which <tuv> is the source; TSV default ja; PO default en).")
    var sourceLanguage: String?

    @Option(name: .customLong("target-lang"), help: "Target language (TMX: which <tuv> is the target; TSV default en; PO default: the header's Language).")
    var targetLanguage: String?

    @Flag(help: "Refuse a whole file when any unit in it would be skipped (a blank or missing segment, a fuzzy or untranslated gettext entry); by default such units are skipped and listed on stderr.")
    var strict = false

    // Skipping is the default now; the flag stays so that scripts written for it keep working.
    @Flag(name: .customLong("skip-invalid"), help: .hidden)
    var skipInvalid = false

    @Argument(help: "The files to import ('-' reads stdin; give --input-format with it).")
    var files: [String]

    func validate() throws {
        if files.isEmpty { throw ValidationError("Give at least one file to import.") }
        if strict && skipInvalid { throw ValidationError("--strict and --skip-invalid exclude each other (skipping is the default; --strict refuses).") }
        if files.contains("-") {
            if files.filter({ $0 == "-" }).count > 1 { throw ValidationError("'-' (stdin) can be imported only once.") }
            if inputFormat == nil {
                throw ValidationError("'-' reads stdin, which has no file extension to tell its format: add --input-format tmx, po or tsv.")
            }
        }
        try LanguageOption.validate(sourceLanguage, flag: "--source-lang")
        try LanguageOption.validate(targetLanguage, flag: "--target-lang")
    }

    func run() throws {
        let memory = try memoryOptions.open(readOnly: false, config: configOptions)
        var summaries: [ImportSummary] = []
        var failure: Error?
        for file in files {
            // stdin is read through its device file, like any file (the readers stream from a path).
            let isStdin = file == "-"
            let url = URL(fileURLWithPath: isStdin ? "/dev/stdin" : file)
            let shown = isStdin ? "<stdin>" : file
            // The bar counts the lines first: stdin or a pipe can be read only once (a count of a
            // named FIFO took the whole input, and the import then waited for a writer for ever).
            let progress = Diagnostics.stderrIsTerminal && !TextInput.readsOnce(file) ? ProgressBar(file: file, url: url) : nil
            do {
                let summary = try memory.importFile(
                    url, displayPath: shown,
                    options: ImportOptions(format: inputFormat?.format, sourceLanguage: sourceLanguage, targetLanguage: targetLanguage, strict: strict,
                                           origin: isStdin ? "stdin" : nil),
                    progress: progress.map { bar in { bar.update($0) } })
                progress?.finish()
                if summary.skippedCount > 0 {
                    let units = summary.skippedCount == 1 ? "unit" : "units"
                    Diagnostics.warning("\(shown): skipped \(summary.skippedCount) \(units) that cannot make a memory entry: \(summary.reasonsDescription)")
                }
                summaries.append(summary)
            } catch {
                progress?.finish()
                failure = error
                break
            }
        }
        try render(summaries, failed: failure != nil)
        if let failure { throw failure }
    }

    private func render(_ summaries: [ImportSummary], failed: Bool) throws {
        switch output.format {
        case .json:
            struct Report: Encodable {
                var files: [ImportSummary]
                var added: Int
                var duplicates: Int
                var skipped: Int
                var complete: Bool
            }
            try JSONOutput.print(Report(
                files: summaries, added: summaries.reduce(0) { $0 + $1.added }, duplicates: summaries.reduce(0) { $0 + $1.duplicates },
                skipped: summaries.reduce(0) { $0 + $1.skippedCount }, complete: !failed))
        case .text:
            var out = StandardOutput()
            for s in summaries {
                out.write("\(s.file): \(s.added) added, \(s.duplicates) duplicate\(s.duplicates == 1 ? "" : "s"), \(s.skippedCount) skipped\n")
                for reason in s.reasonDescriptions { out.write("  skipped \(reason)\n") }
            }
            if summaries.count > 1 {
                out.write("total: \(summaries.reduce(0) { $0 + $1.added }) added, \(summaries.reduce(0) { $0 + $1.duplicates }) duplicates, \(summaries.reduce(0) { $0 + $1.skippedCount }) skipped\n")
            }
        }
    }
}

/// The one check of every language option (`--source-lang`, `--target-lang`, `--lang`).
enum LanguageOption {
    static func validate(_ code: String?, flag: String) throws {
        guard let code, let problem = LanguageCode.problem(with: code) else { return }
        throw ValidationError("\(flag) '\(code)' is not a language code: \(problem) (e.g. ja, en, en-US, pt_BR).")
    }
}

/// The `--input-format` values.
struct ExchangeFormatArgument: ExpressibleByArgument {
    let format: ExchangeFormat
    init?(argument: String) {
        guard let format = ExchangeFormat(rawValue: argument.lowercased()) else { return nil }
        self.format = format
    }
    static var allValueStrings: [String] { ExchangeFormat.allCases.map(\.rawValue) }
}

/// A one-line progress bar on stderr (only built when stderr is a terminal).
final class ProgressBar {
    let file: String
    let totalLines: Int
    private var lastDraw = Date.distantPast

    init(file: String, url: URL) {
        self.file = file
        totalLines = Self.countLines(url)
    }

    func update(_ progress: ImportProgress) {
        let now = Date()
        guard now.timeIntervalSince(lastDraw) > 0.1 else { return }
        lastDraw = now
        let fraction = totalLines > 0 ? min(1, Double(progress.line) / Double(totalLines)) : 0
        let width = 30
        let filled = Int(fraction * Double(width))
        let bar = String(repeating: "#", count: filled) + String(repeating: " ", count: width - filled)
        Diagnostics.write("\r\(file) [\(bar)] \(Int(fraction * 100))% \(progress.units) units")
    }

    func finish() {
        if lastDraw != .distantPast { Diagnostics.write("\r\u{1B}[K") }
    }

    private static func countLines(_ url: URL) -> Int {
        guard let handle = try? FileHandle(forReadingFrom: url) else { return 0 }
        defer { try? handle.close() }
        var lines = 0
        while let chunk = try? handle.read(upToCount: 1 << 20), !chunk.isEmpty {
            lines += chunk.reduce(0) { $1 == 0x0A ? $0 + 1 : $0 }
        }
        return lines
    }
}
