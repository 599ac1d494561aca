import ArgumentParser
import TsuzuriText

/// `tsuzuri segment FILE`: shows how tsuzuri cuts a text, to explain why a term was (not) found.
struct Segment: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "segment",
        abstract: "Show the sentences, words and term candidates tsuzuri sees in a text.")

    enum Layer: String, ExpressibleByArgument, CaseIterable {
        case sentences, words, terms, all
    }

    @Argument(help: ArgumentHelp("A text file (UTF-8); '-' reads stdin.", valueName: "file"))
    var file: String

    @Option(name: .long, help: "What to show: sentences, words, terms or all.")
    var show: Layer = .all

    @OptionGroup var output: FormatOption

    /// One line's analysis, as printed in JSON.
    struct LineAnalysis: Encodable {
        var line: Int
        var sentences: [LineSpan]?
        var words: [Word]?
        var terms: [TermCandidate]?
    }

    func run() throws {
        let segmenter = try Segmenter()
        var analyses: [LineAnalysis] = []
        var out = BufferedOutput()
        let json = output.format == .json
        try TextInput(path: file).forEachLine { number, text in
            let line = ScannedLine(text)
            let analysis = LineAnalysis(
                line: number,
                sentences: show == .sentences || show == .all ? try segmenter.sentences(in: line) : nil,
                words: show == .words || show == .all ? try segmenter.words(in: line) : nil,
                terms: show == .terms || show == .all ? TermCandidates.find(in: line) : nil)
            if json {
                analyses.append(analysis)
            } else {
                Self.render(analysis, to: &out)
            }
        }
        if json { try JSONOutput.print(analyses) }
        out.flush()
    }

    static func render(_ analysis: LineAnalysis, to out: inout BufferedOutput) {
        let n = analysis.line
        for sentence in analysis.sentences ?? [] {
            out.write("\(n):\(sentence.column)\tsentence\t\(sentence.text)\n")
        }
        if let words = analysis.words, !words.isEmpty {
            out.write("\(n):\(words[0].span.column)\twords\t" + words.map(\.span.text).joined(separator: " | ") + "\n")
        }
        for term in analysis.terms ?? [] {
            var line = "\(n):\(term.column)\t\(term.kind.rawValue)\t\(term.surface)"
            if term.term != term.surface { line += "\t→ \(term.term)" }
            if let english = term.english { line += "\t(\(english))" }
            out.write(line + "\n")
        }
    }
}
