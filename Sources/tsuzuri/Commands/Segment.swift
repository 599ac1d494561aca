import ArgumentParser
import TsuzuriDocuments
import TsuzuriText

/// `tsuzuri segment FILE`: shows how tsuzuri cuts a text, to explain why a term was (not) found.
struct Segment: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "segment",
        abstract: "Show the text pieces, sentences, words and term candidates tsuzuri sees in a document.",
        discussion: """
            For Markdown, HTML, XLIFF and PO, the pieces are the text the document reader extracted \
            (code, markup and untranslatable parts left out), each with its line:column in the file.
            """)

    enum Layer: String, ExpressibleByArgument, CaseIterable {
        case pieces, sentences, words, terms, all
    }

    @Argument(help: ArgumentHelp("A document (UTF-8: text, Markdown, HTML, XLIFF, PO); '-' reads stdin.", valueName: "file"))
    var file: String

    @Option(name: .long, help: "What to show: pieces, sentences, words, terms or all.")
    var show: Layer = .all

    @OptionGroup var input: InputFormatOption
    @OptionGroup var output: FormatOption

    /// One piece's analysis, as printed in JSON. Columns are the file's own (1-based, scalars).
    struct LineAnalysis: Encodable {
        var line: Int
        /// For documents other than plain text: the piece as extracted, its unit and side.
        var text: String?
        var unit: String?
        var side: String?
        var language: String?
        var sentences: [LineSpan]?
        var words: [Word]?
        var terms: [TermCandidate]?
    }

    func run() throws {
        let segmenter = try Segmenter()
        let source = try input.open(file)
        var analyses: [LineAnalysis] = []
        var out = BufferedOutput()
        let json = output.format == .json
        func emit(_ analysis: LineAnalysis) {
            if json {
                analyses.append(analysis)
            } else {
                Self.render(analysis, to: &out)
            }
        }
        if source.format == .text {
            try source.input.forEachLine { number, text in
                emit(try analyse(TextPiece(text: String(text), line: number, column: 1), segmenter: segmenter, plain: true))
            }
        } else {
            try source.reader.read(source.input) { part in
                switch part {
                case .text(let piece, let language):
                    var analysis = try analyse(piece, segmenter: segmenter, plain: false)
                    analysis.language = language
                    emit(analysis)
                case .unit(let unit):
                    for (side, text) in [("source", unit.source), ("target", unit.target)] {
                        guard let text else { continue }
                        for piece in text.pieces {
                            var analysis = try analyse(piece, segmenter: segmenter, plain: false)
                            (analysis.unit, analysis.side, analysis.language) = (unit.id, side, text.language)
                            emit(analysis)
                        }
                    }
                case .directive: break  // suppressions concern check only
                }
            }
        }
        if json { try JSONOutput.print(analyses) }
        out.flush()
    }

    /// The layers asked for, with every column moved from the piece to the file.
    private func analyse(_ piece: TextPiece, segmenter: Segmenter, plain: Bool) throws -> LineAnalysis {
        let line = ScannedLine(piece.text)
        func place(_ column: Int, _ length: Int) -> (column: Int, length: Int) {
            let located = piece.locate((column - 1)..<(column - 1 + length))
            return (located.start.column, located.length)
        }
        func moved(_ span: LineSpan) -> LineSpan {
            let (column, length) = place(span.column, span.length)
            return LineSpan(column: column, length: length, text: span.text)
        }
        let wants = { (layer: Layer) in show == layer || show == .all }
        return LineAnalysis(
            line: piece.start.line,
            text: plain ? nil : piece.text,
            sentences: wants(.sentences) ? try segmenter.sentences(in: line).map(moved) : nil,
            words: wants(.words) ? try segmenter.words(in: line).map { Word(span: moved($0.span), kind: $0.kind) } : nil,
            terms: wants(.terms)
                ? TermCandidates.find(in: line).map { term in
                    var term = term
                    (term.column, term.length) = place(term.column, term.length)
                    return term
                } : nil)
    }

    static func render(_ analysis: LineAnalysis, to out: inout BufferedOutput) {
        let n = analysis.line
        if let text = analysis.text {
            var label = "piece"
            if let unit = analysis.unit { label += " [\(unit) \(analysis.side ?? "")]" }
            if let language = analysis.language { label += " (\(language))" }
            out.write("\(n)\t\(label)\t\(text)\n")
        }
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
