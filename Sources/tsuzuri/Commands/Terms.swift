import ArgumentParser
import Foundation
import TsuzuriCheck
import TsuzuriDictionary
import TsuzuriGlossary
import TsuzuriText

/// `tsuzuri terms FILE…`: the glossary-growth loop — terms of a text the glossary does not know,
/// with their spellings, a line of context and the dictionary's English, as text, JSON or
/// glossary lines to review and append.
struct Terms: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "terms",
        abstract: "List the terms of a text that the glossary does not know, with counts, context and suggested English.",
        discussion: """
            Term candidates are katakana words, full names joined by ・ or ＝, and acronyms (NATO). Spellings the \
            variant engine takes for one name (ヘグセス, ヘグゼス) are one term. The English comes from the \
            imported dictionary (tsuzuri dict import), for a full name from its parts (glossary first).
            --format tsv writes glossary lines (ja, en, kind, variants, aliases, note) to review and append to a \
            glossary file; terms without English are written as comments to fill in.
            Exit status: 0 terms found, 1 none, 2 usage or input error.
            """)

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case text, json, tsv
    }

    @Argument(help: ArgumentHelp("Files to read (UTF-8: text, Markdown, HTML, XLIFF, PO); '-' reads stdin.", valueName: "file"))
    var files: [String]

    @OptionGroup var input: InputFormatOption
    @OptionGroup var glossaryOptions: GlossaryOptions
    @OptionGroup var dictionaryOptions: DictionaryOptions
    @OptionGroup var tolerance: ToleranceOption

    @Option(name: .long, help: "Output format: text, json or tsv (glossary lines).")
    var format: Format = .text

    @Option(name: .long, help: "List only terms used at least this many times (all spellings together).")
    var minCount: Int = 1

    func validate() throws {
        if files.isEmpty { throw ValidationError("give at least one file, e.g. tsuzuri terms article.txt") }
        if files.filter({ $0 == "-" }).count > 1 { throw ValidationError("'-' (stdin) can be given only once.") }
        if minCount < 1 { throw ValidationError("--min-count must be 1 or more, not \(minCount)") }
    }

    /// `--format json`: the files read and the terms.
    struct Report: Encodable {
        var files: [String]
        var terms: [Item]
    }

    /// One line of the report: a harvested term and what the dictionary says about it.
    struct Item: Encodable {
        var term: HarvestedTerm
        /// The English to suggest, if the dictionary (or for a full name, the glossary and the
        /// dictionary for its parts) gives one.
        var english: String?
        /// The glossary kind the dictionary's name types suggest (person, place, org), else term.
        var kind: String
        /// The dictionary entries the English came from (at most three).
        var dictionary: [DictionaryGloss]
        /// For each other spelling the dictionary also ties to the term: why.
        var sameThing: [SameThing] = []

        struct SameThing: Encodable {
            var spelling: String
            var evidence: DictionaryEvidence
        }

        func encode(to encoder: Encoder) throws {
            enum Keys: String, CodingKey { case term, kind, candidateKind, count, total, location, context, variants, parts, english, glossaryKind, dictionary, sameThing }
            var container = encoder.container(keyedBy: Keys.self)
            try container.encode(term.term, forKey: .term)
            try container.encode(term.kind, forKey: .candidateKind)
            try container.encode(term.count, forKey: .count)
            try container.encode(total, forKey: .total)
            try container.encode(term.location, forKey: .location)
            try container.encode(term.context, forKey: .context)
            try container.encode(term.variants, forKey: .variants)
            if !term.parts.isEmpty { try container.encode(term.parts, forKey: .parts) }
            try container.encodeIfPresent(english, forKey: .english)
            try container.encode(kind, forKey: .glossaryKind)
            try container.encode(dictionary, forKey: .dictionary)
            try container.encode(sameThing, forKey: .sameThing)
        }

        var total: Int { term.count + term.variants.reduce(0) { $0 + $1.count } }
    }

    func run() throws {
        let glossary = try glossaryOptions.load()
        let harvester = try TermHarvester(glossary: glossary, engine: tolerance.engine)
        var failed = 0
        for file in files {
            do {
                let source = try input.open(file)
                try harvester.harvest(document: source.input.displayName) { emit in try source.reader.read(source.input, emit) }
            } catch {
                Diagnostics.error(Diagnostics.describe(error))
                failed += 1
            }
        }
        if failed == files.count { throw ExitCode(2) }
        let terms = harvester.terms().filter { $0.count + $0.variants.reduce(0) { $0 + $1.count } >= minCount }
        let items = try Self.items(terms, glossary: glossary, dictionary: try dictionaryOptions.openIfPresent())
        var out = BufferedOutput()
        switch format {
        case .json:
            try JSONOutput.print(Report(files: files.map { $0 == "-" ? "<stdin>" : $0 }, terms: items))
        case .text:
            for item in items { Self.renderText(item, to: &out) }
        case .tsv:
            out.write("# tsuzuri terms \(files.joined(separator: " ")): review, then append to a glossary file (ja, en, kind, variants, aliases, note)\n")
            for item in items { out.write(Self.glossaryLine(item) + "\n") }
        }
        out.flush()
        if failed > 0 { throw ExitCode(2) }
        if items.isEmpty { throw ExitCode(1) }
    }

    /// Attaches the dictionary's English to each term; a full name the dictionary does not list
    /// gets its parts' English (the glossary's for a part it knows), when every part has one.
    static func items(_ terms: [HarvestedTerm], glossary: Glossary, dictionary: DictionaryStore?) throws -> [Item] {
        let spellings = terms.flatMap { [$0.term] + $0.parts }
        let english = try dictionary?.english(for: spellings) ?? [:]
        return try terms.map { term in
            let glosses = Array((english[term.term] ?? []).prefix(3))
            var suggestion = glosses.first?.english
            if suggestion == nil, !term.parts.isEmpty {
                let parts = term.parts.map { part in
                    glossary.lookup(part).first(where: { $0.side == .japanese })?.entry.en ?? english[part]?.first?.english
                }
                if parts.allSatisfy({ $0 != nil }) { suggestion = parts.map { $0! }.joined(separator: " ") }
            }
            let kind = glosses.first.flatMap { NameType.glossaryKind(for: $0.nameTypes) }
                ?? (term.kind == .fullName ? "person" : "term")
            // The variant engine grouped the spellings; say when the dictionary agrees.
            let evidence = try term.variants.compactMap { variant in
                try dictionary?.sameThing(term.term, variant.term).map { Item.SameThing(spelling: variant.term, evidence: $0) }
            }
            return Item(term: term, english: suggestion, kind: kind, dictionary: glosses, sameThing: evidence)
        }
    }

    static func renderText(_ item: Item, to out: inout some TextOutputStream) {
        let term = item.term
        var head = "\(Style.bold(term.term))  \(term.count)×"
        if !term.variants.isEmpty {
            head += "  " + Style.yellow("also " + term.variants.map { "\($0.term) \($0.count)×" }.joined(separator: ", "))
        }
        if let english = item.english { head += "  → \(english)" }
        out.write(head + "\n")
        out.write("  \(term.location.file):\(term.location.line):\(term.location.column)  \(term.context)\n")
        for same in item.sameThing { out.write("  same thing: \(same.spelling): \(same.evidence.description)\n") }
        for gloss in item.dictionary { out.write("  dictionary: \(DictionaryRendering.line(gloss))\n") }
    }

    /// A glossary line (ja, en, kind, variants, aliases, note); commented out when there is no English.
    static func glossaryLine(_ item: Item) -> String {
        let term = item.term
        let clean = { (text: String) in text.map { $0 == "\t" || $0 == "\n" || $0 == "\r" || $0 == "|" ? " " : $0 }.reduce(into: "") { $0.append($1) } }
        var note = "\(term.count + term.variants.reduce(0) { $0 + $1.count })× in \(term.location.file):\(term.location.line): \(term.context)"
        if let gloss = item.dictionary.first { note += " [dictionary: \(gloss.source):\(gloss.line)]" }
        let entry = GlossaryEntry(
            ja: term.term, en: item.english ?? "", kind: EntryKind(rawValue: item.kind),
            variants: term.variants.map(\.term), note: clean(note))
        let line = GlossaryFormat.line(for: entry)
        return item.english == nil ? "# no English found, fill in en: " + line : line
    }
}
