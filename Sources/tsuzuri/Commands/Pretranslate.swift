import ArgumentParser
import TsuzuriMemory
import TsuzuriPretranslate
import TsuzuriText

/// `tsuzuri pretranslate FILE`: each sentence with its best memory match and its glossary terms.
struct Pretranslate: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "pretranslate",
        abstract: "Split an article into sentences; give each its best memory match and glossary terms.",
        discussion: """
            Exit status: 0 when at least one sentence has a memory match or a glossary term, \
            1 when nothing was found, 2 on a usage or input error.
            """)

    @Argument(help: ArgumentHelp("The article (UTF-8); '-' reads stdin.", valueName: "file"))
    var file: String

    @Option(name: .long, parsing: .unconditional, help: "Lowest match percentage to show (0–100).")
    var min: Int = 70

    @OptionGroup var memoryOptions: MemoryOptions
    @OptionGroup var glossaryOptions: GlossaryOptions
    @OptionGroup var output: FormatOption

    func validate() throws {
        if !(0...100).contains(min) { throw ValidationError("--min must be a percentage from 0 to 100, not \(min).") }
    }

    func run() throws {
        let glossary = try glossaryOptions.load()
        let store: TranslationMemory?
        do {
            store = try memoryOptions.open(readOnly: true)
        } catch MemoryError.missing(let path) {
            // No memory yet is normal for a new user: the glossary terms are still worth having.
            Diagnostics.warning("no translation memory at \(path); showing glossary terms only (create one with `tsuzuri tm import`)")
            store = nil
        }
        let pretranslator = try Pretranslator(glossary: glossary, memory: store, minScore: min)
        var sentences: [PretranslatedSentence] = []
        var out = BufferedOutput()
        var found = false
        try TextInput(path: file).forEachLine { number, line in
            for sentence in try pretranslator.pretranslate(line: line, number: number) {
                if let note = sentence.memoryNote { Diagnostics.warning("\(TextInput(path: file).displayName):\(sentence.line):\(sentence.column): sentence \(note)") }
                if sentence.match != nil || !sentence.terms.isEmpty { found = true }
                if output.format == .json {
                    sentences.append(sentence)
                } else {
                    Self.render(sentence, to: &out)
                }
            }
        }
        if output.format == .json { try JSONOutput.print(sentences) }
        out.flush()
        if !found { throw ExitCode(1) }
    }

    static func render(_ sentence: PretranslatedSentence, to out: inout BufferedOutput) {
        out.write(Style.bold("\(sentence.line):\(sentence.column)") + "  \(sentence.text)\n")
        if let match = sentence.match {
            let label = match.exact ? "TM 100% exact" : "TM \(match.score)%"
            out.write("    " + Style.green(label) + "  \(match.target)\n")
            if !match.exact { out.write(Style.dim("      for: \(match.source)") + "\n") }
        }
        if !sentence.terms.isEmpty {
            let terms = sentence.terms.map { term in
                term.role == .variant || term.role == .deprecated
                    ? "\(term.surface) (\(term.role.rawValue) of \(term.ja)) → \(term.en)"
                    : "\(term.surface) → \(term.en)"
            }
            out.write("    " + Style.cyan("terms") + "  " + terms.joined(separator: "; ") + "\n")
        }
    }
}
