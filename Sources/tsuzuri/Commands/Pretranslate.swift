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
            With --output, an XLIFF file (.xlf, .xliff, …) is pretranslated in place of a report: its \
            empty targets get the best memory match and are marked for review, written to --output. \
            Exit status: 0 when at least one sentence has a memory match or a glossary term (one \
            XLIFF target filled), 1 when nothing was found, 2 on a usage or input error.
            """)

    @Argument(help: ArgumentHelp("The article (UTF-8: text, Markdown, HTML, XLIFF, PO); '-' reads stdin.", valueName: "file"))
    var file: String

    @OptionGroup var input: InputFormatOption

    @Option(name: .customLong("output"), help: ArgumentHelp("For an XLIFF file: write it with its empty targets filled here ('-' for stdout).", valueName: "path"))
    var outputPath: String?

    @Option(name: .long, parsing: .unconditional, help: "Lowest match percentage to show (0–100).")
    var min: Int = 70

    @OptionGroup var memoryOptions: MemoryOptions
    @OptionGroup var glossaryOptions: GlossaryOptions
    @OptionGroup var output: FormatOption

    func validate() throws {
        if !(0...100).contains(min) { throw ValidationError("--min must be a percentage from 0 to 100, not \(min).") }
        if !isXLIFF && outputPath != nil {
            throw ValidationError("--output is for XLIFF files (.xlf, .xliff); \(file) is read as an article.")
        }
    }

    private var isXLIFF: Bool { (input.format ?? DocumentReaders.format(forExtensionOf: file)) == .xliff }

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
        let name = TextInput(path: file).displayName
        func emit(_ sentence: PretranslatedSentence) {
            if let note = sentence.memoryNote { Diagnostics.warning("\(name):\(sentence.line):\(sentence.column): sentence \(note)") }
            if sentence.match != nil || !sentence.terms.isEmpty { found = true }
            if output.format == .json {
                sentences.append(sentence)
            } else {
                Self.render(sentence, to: &out)
            }
        }
        /// A piece of a document: its sentences with columns moved from the piece to the file.
        func pretranslate(_ piece: TextPiece) throws {
            for var sentence in try pretranslator.pretranslate(line: Substring(piece.text), number: piece.start.line) {
                sentence.column = piece.locate((sentence.column - 1)..<sentence.column).start.column
                for index in sentence.terms.indices {
                    sentence.terms[index].column = piece.locate((sentence.terms[index].column - 1)..<sentence.terms[index].column).start.column
                }
                emit(sentence)
            }
        }
        let source = try input.open(file)
        if source.format == .text {
            try source.input.forEachLine { number, line in
                for sentence in try pretranslator.pretranslate(line: line, number: number) { emit(sentence) }
            }
        } else {
            // Running text, and the source side of translation units, sentence by sentence.
            try source.reader.read(source.input) { part in
                switch part {
                case .text(let piece, _): try pretranslate(piece)
                case .unit(let unit): for piece in unit.source.pieces { try pretranslate(piece) }
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
            try AtomicFile.replace(path: output, bytes: result.bytes)
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
