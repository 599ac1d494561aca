import ArgumentParser
import Foundation
import TsuzuriCheck
import TsuzuriDictionary
import TsuzuriGlossary

/// `tsuzuri lookup TERM…`: Japanese → English and English → Japanese, through variants,
/// deprecated forms and aliases, with the closest entries for a term the glossary does not know.
struct Lookup: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lookup",
        abstract: "Look terms up in the glossary, in Japanese or English.",
        discussion: """
            A Japanese term is found through its preferred form, variants, deprecated forms and aliases \
            (NFKC-normalised: half-width ﾍｸﾞｾｽ works); an English term through the English form, ignoring \
            case, punctuation and spaces. For a term with no entry, the closest entries are shown with \
            their similarity (0–1), and, when a dictionary has been imported (tsuzuri dict import), the \
            dictionary's English for it.
            Exit status: 0 every term has an entry, 1 some term has none (suggestions do not count), 2 usage or input error.
            """
    )

    @Argument(help: "Japanese or English terms to look up.")
    var terms: [String] = []

    @Option(name: .long, parsing: .unconditional, help: "How many close entries to show for an unknown term (0 or more).")
    var suggestions: Int = 3

    @OptionGroup var glossaryOptions: GlossaryOptions
    @OptionGroup var formatOption: FormatOption
    @OptionGroup var dictionaryOptions: DictionaryOptions

    func validate() throws {
        if terms.isEmpty { throw ValidationError("give at least one term to look up, e.g. tsuzuri lookup ヘグセス") }
        if terms.contains(where: { $0.trimmingCharacters(in: .whitespaces).isEmpty }) {
            throw ValidationError("a term is empty; give the Japanese or English form to look up")
        }
        if suggestions < 0 { throw ValidationError("--suggestions must be 0 or more, not \(suggestions)") }
    }

    func run() throws {
        let glossary = try glossaryOptions.load()
        var results = terms.map { LookupResult(term: $0, in: glossary, suggestionLimit: suggestions) }
        // Terms the glossary does not know get the dictionary's English, when there is a dictionary.
        let unknown = results.filter { !$0.found }.map(\.term)
        if !unknown.isEmpty, let dictionary = try dictionaryOptions.openIfPresent() {
            let english = try dictionary.english(for: unknown)
            for index in results.indices where !results[index].found {
                let glosses = english[results[index].term] ?? []
                results[index].dictionary = Array((glosses.isEmpty ? try dictionary.japanese(for: results[index].term) : glosses).prefix(LookupResult.dictionaryLimit))
            }
        }
        switch formatOption.format {
        case .json:
            try JSONOutput.print(LookupReport(results: results))
        case .text:
            var out = StandardOutput()
            for (index, result) in results.enumerated() {
                if index > 0 { out.write("\n") }
                result.render(to: &out)
            }
        }
        if results.contains(where: { !$0.found }) { throw ExitCode(1) }
    }
}

/// `--format json` output of `lookup` (schema in docs/glossary.md).
struct LookupReport: Encodable {
    var results: [LookupResult]
}

/// What one term found: its entries, or the closest entries when it has none.
struct LookupResult: Encodable {
    struct Match: Encodable {
        /// The glossary form the term matched.
        var matchedForm: String
        var role: FormRole
        /// "ja" or "en": which side of the entry matched.
        var side: GlossaryMatch.Side
        var entry: GlossaryEntry
    }

    var term: String
    var found: Bool
    var matches: [Match]
    var suggestions: [GlossarySuggestion]
    /// The imported dictionary's entries for a term the glossary does not know (absent when
    /// there is no dictionary or the glossary knows the term).
    var dictionary: [DictionaryGloss]?

    /// How many dictionary entries to show for one term.
    static let dictionaryLimit = 5

    init(term: String, in glossary: Glossary, suggestionLimit: Int) {
        self.term = term
        matches = glossary.lookup(term).map { Match(matchedForm: $0.form, role: $0.role, side: $0.side, entry: $0.entry) }
        found = !matches.isEmpty
        if found || suggestionLimit == 0 {
            suggestions = []
        } else {
            suggestions = glossary.suggestions(for: term, limit: suggestionLimit)
        }
    }

    func render(to out: inout some TextOutputStream) {
        if matches.isEmpty {
            if let dictionary, let first = dictionary.first {
                // English → Japanese gives the Japanese headword, Japanese → English the English.
                let gives = first.match == .english ? first.headwords.joined(separator: ", ") : first.english
                out.write("\(Style.bold(term))  not in the glossary; the dictionary gives \(gives)\n")
                for gloss in dictionary { out.write("  \(DictionaryRendering.line(gloss))\n") }
                if !suggestions.isEmpty { out.write("  closest in the glossary:\n") }
            } else if suggestions.isEmpty {
                out.write("\(Style.bold(term))  not in the glossary, nothing close\n")
                return
            } else {
                out.write("\(Style.bold(term))  not in the glossary; closest:\n")
            }
            for suggestion in suggestions {
                let score = String(format: "%.2f", suggestion.score)
                var line = "  \(score)  \(Self.headline(suggestion.entry))"
                if suggestion.form != suggestion.entry.ja && suggestion.form != suggestion.entry.en {
                    line += "  (\(suggestion.role.rawValue) \(suggestion.form))"
                }
                out.write(line + "  " + Style.dim(suggestion.entry.source?.description ?? "") + "\n")
            }
            return
        }
        for match in matches {
            let entry = match.entry
            let how: String
            switch (match.side, match.role) {
            case (.english, _): how = "English form of \(entry.ja)"
            case (_, .preferred): how = "preferred form"
            case (_, .variant): how = Style.yellow("variant of \(entry.ja)")
            case (_, .deprecated): how = Style.red("deprecated form of \(entry.ja)")
            case (_, .alias): how = "alias of \(entry.ja)"
            }
            // A full name found through its parts (ピート・ヘグセス) says which part matched.
            let isPart = match.side == .japanese && Glossary.japaneseKey(term) != Glossary.japaneseKey(match.matchedForm)
                && Glossary.englishKey(term) != Glossary.englishKey(match.matchedForm)
            out.write("\(Style.bold(term))  \(isPart ? "part \(match.matchedForm): " : "")\(how)\n")
            out.write("  \(Self.headline(entry))  \(Style.dim(entry.source?.description ?? ""))\n")
            if !entry.variants.isEmpty { out.write("  variants: \(entry.variants.joined(separator: ", "))\n") }
            if !entry.deprecated.isEmpty { out.write("  deprecated: \(entry.deprecated.joined(separator: ", "))\n") }
            if !entry.aliases.isEmpty { out.write("  aliases: \(entry.aliases.joined(separator: ", "))\n") }
            if !entry.note.isEmpty { out.write("  note: \(entry.note)\n") }
        }
    }

    static func headline(_ entry: GlossaryEntry) -> String {
        "\(entry.ja) = \(entry.en) (\(entry.kind))"
    }
}
