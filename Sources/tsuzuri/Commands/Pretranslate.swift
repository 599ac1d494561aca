import ArgumentParser
import Foundation
import TsuzuriDocuments
import TsuzuriMemory
import TsuzuriPretranslate
import TsuzuriText

/// `tsuzuri pretranslate FILE`: each sentence with its best memory match and its glossary terms.
struct Pretranslate: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "pretranslate",
        abstract: "Split an article into sentences; give each its best memory match and glossary terms.",
        discussion: """
            An XLIFF file (.xlf, .xliff, …) is pretranslated in place of a report: its empty \
            targets get the best memory match and are marked for review, written to --output. \
            Exit status: 0 when at least one sentence has a memory match or a glossary term (one \
            XLIFF target filled), 1 when nothing was found, 2 on a usage or input error.
            """)

    @Argument(help: ArgumentHelp("The article (UTF-8) or XLIFF file; '-' reads stdin.", valueName: "file"))
    var file: String

    @Option(name: .customLong("output"), help: ArgumentHelp("For an XLIFF file: where to write it with the empty targets filled ('-' for stdout).", valueName: "path"))
    var outputPath: String?

    @Option(name: .long, help: "Lowest match percentage to show (0–100).")
    var min: Int = 70

    @OptionGroup var memoryOptions: MemoryOptions
    @OptionGroup var glossaryOptions: GlossaryOptions
    @OptionGroup var output: FormatOption

    func validate() throws {
        if !(0...100).contains(min) { throw ValidationError("--min must be a percentage from 0 to 100, not \(min).") }
        if isXLIFF && outputPath == nil {
            throw ValidationError("\(file) is XLIFF: give --output OUT.xlf for the file with its empty targets filled.")
        }
        if !isXLIFF && outputPath != nil {
            throw ValidationError("--output is for XLIFF files (.xlf, .xliff); \(file) is read as an article.")
        }
    }

    private var isXLIFF: Bool { DocumentReaders.format(forExtensionOf: file) == .xliff }

    func run() throws {
        if isXLIFF, let outputPath { return try pretranslateXLIFF(to: outputPath) }
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

    /// Fills the XLIFF file's empty targets from the memory and reports how many.
    private func pretranslateXLIFF(to output: String) throws {
        let memory = try memoryOptions.open(readOnly: true)
        let input = TextInput(path: file)
        let result = try XLIFFPretranslator.pretranslate(try input.readAll(), path: input.displayName, memory: memory, minScore: min)
        if output == "-" {
            FileHandle.standardOutput.write(Data(result.bytes))
        } else {
            do {
                try Data(result.bytes).write(to: URL(fileURLWithPath: output), options: .atomic)
            } catch {
                throw ValidationError("\(output): cannot write: \(error.localizedDescription)")
            }
        }
        let summary = "\(input.displayName): \(result.filled) of \(result.empty) empty targets filled from the memory (at or above \(min)%, marked for review), \(result.units) units → \(output == "-" ? "<stdout>" : output)"
        if self.output.format == .json {
            struct Report: Encodable { var file: String; var output: String; var units: Int; var empty: Int; var filled: Int }
            let report = Report(file: input.displayName, output: output, units: result.units, empty: result.empty, filled: result.filled)
            if output == "-" { Diagnostics.note(summary) } else { try JSONOutput.print(report) }
        } else if output == "-" {
            Diagnostics.note(summary)
        } else {
            var out = BufferedOutput()
            out.write(summary + "\n")
            out.flush()
        }
        if result.filled == 0 { throw ExitCode(1) }
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
