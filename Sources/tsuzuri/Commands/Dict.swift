import ArgumentParser
import Foundation
import TsuzuriDictionary

/// `tsuzuri dict`: imported dictionaries (EDICT, ENAMDICT) that `lookup` and `terms` ask for English.
struct Dict: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dict",
        abstract: "Imported dictionaries: import EDICT/ENAMDICT files, show statistics, look terms up.",
        discussion: """
            Every dict command takes --dictionary PATH (default $TSUZURI_DICTIONARY, else \
            $XDG_DATA_HOME/tsuzuri/dictionary.sqlite, else ~/.local/share/tsuzuri/dictionary.sqlite) and --format json.
            """,
        subcommands: [DictImport.self, DictStats.self, DictLookup.self]
    )
}

/// `tsuzuri dict import FILE…`
struct DictImport: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Import EDICT, EDICT2 or ENAMDICT files (EUC-JP or UTF-8, gzip or plain; one transaction per file).",
        discussion: """
            Debian's packages edict and enamdict install /usr/share/edict/edict and /usr/share/edict/enamdict. \
            Importing a file of the same name again (without .gz) replaces its entries.
            Exit status: 0 every file imported, 2 usage or input error (a file that fails leaves the dictionary as it was).
            """)

    @OptionGroup var dictionaryOptions: DictionaryOptions
    @OptionGroup var output: FormatOption

    @Argument(help: "The dictionary files to import.")
    var files: [String] = []

    func validate() throws {
        if files.isEmpty { throw ValidationError("give at least one file, e.g. tsuzuri dict import /usr/share/edict/edict /usr/share/edict/enamdict") }
    }

    func run() throws {
        let store = try dictionaryOptions.open(readOnly: false)
        var summaries: [DictionaryImportSummary] = []
        var failed = false
        for file in files {
            do {
                let summary = try store.importFile(DictionaryFile(path: file))
                summaries.append(summary)
                if output.format == .text {
                    let source = summary.source
                    var line = "\(file): \(source.entries) entries (\(source.kind.rawValue), \(source.encoding.rawValue)\(source.compressed ? ", gzip" : ""))"
                    if source.skipped > 0 { line += ", \(source.skipped) line\(source.skipped == 1 ? "" : "s") without a gloss skipped" }
                    if summary.replaced > 0 { line += "; replaced \(summary.replaced) entries of the earlier import" }
                    print(line)
                }
            } catch {
                Diagnostics.error(Diagnostics.describe(error))
                failed = true
            }
        }
        if output.format == .json { try JSONOutput.print(["imports": summaries]) }
        if failed { throw ExitCode(2) }
    }
}

/// `tsuzuri dict stats`
struct DictStats: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "stats",
        abstract: "Show the imported files, their entries and the size of the dictionary.")

    @OptionGroup var dictionaryOptions: DictionaryOptions
    @OptionGroup var output: FormatOption

    func run() throws {
        let stats = try dictionaryOptions.open(readOnly: true).statistics()
        switch output.format {
        case .json:
            try JSONOutput.print(stats)
        case .text:
            var out = BufferedOutput()
            out.write("\(stats.path): \(stats.entries) entries, \(ByteCountFormatter.string(fromByteCount: Int64(stats.bytes), countStyle: .file))\n")
            let width = stats.sources.map(\.name.count).max() ?? 0
            for source in stats.sources {
                let name = source.name.padding(toLength: width, withPad: " ", startingAt: 0)
                out.write("  \(name)  \(source.entries) entries  \(source.kind.rawValue), \(source.encoding.rawValue)\(source.compressed ? " gzip" : ""), from \(source.path), \(SpanMarking.isoDate(source.imported))\n")
            }
            out.flush()
        }
    }
}

/// `tsuzuri dict lookup TERM…`
struct DictLookup: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lookup",
        abstract: "Look terms up in the imported dictionaries, in Japanese or English.",
        discussion: """
            A Japanese term is found as written (NFKC: half-width kana work), else through its normalised spelling \
            (hiragana as katakana, ・ and ＝ dropped); an English term through the glosses, ignoring case, accents, \
            punctuation and notes in parentheses. Common words (P) come first, then, for kana, names.
            Exit status: 0 every term found, 1 some term not found, 2 usage or input error.
            """)

    @OptionGroup var dictionaryOptions: DictionaryOptions
    @OptionGroup var output: FormatOption

    @Option(name: .long, help: "Show at most this many entries per term.")
    var limit: Int = 10

    @Argument(help: "Japanese or English terms.")
    var terms: [String] = []

    func validate() throws {
        if terms.isEmpty { throw ValidationError("give at least one term, e.g. tsuzuri dict lookup ヴィリニュス") }
        if limit < 1 { throw ValidationError("--limit must be 1 or more, not \(limit)") }
    }

    struct Result: Encodable {
        var term: String
        var entries: [DictionaryGloss]
    }

    func run() throws {
        let store = try dictionaryOptions.open(readOnly: true)
        let results = try terms.map { Result(term: $0, entries: Array(try store.lookup($0).prefix(limit))) }
        switch output.format {
        case .json:
            try JSONOutput.print(["results": results])
        case .text:
            var out = BufferedOutput()
            for (index, result) in results.enumerated() {
                if index > 0 { out.write("\n") }
                if result.entries.isEmpty {
                    out.write("\(Style.bold(result.term))  not in the dictionary\n")
                    continue
                }
                out.write("\(Style.bold(result.term))\n")
                for gloss in result.entries { out.write("  \(DictionaryRendering.line(gloss))\n") }
            }
            out.flush()
        }
        if results.contains(where: { $0.entries.isEmpty }) { throw ExitCode(1) }
    }
}
