import ArgumentParser
import TsuzuriCheck
import TsuzuriDocuments
import TsuzuriText

/// `tsuzuri check FILE…`: finds names and terms spelled against the glossary or inconsistently.
struct Check: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Flag spellings that disagree with the glossary or with each other.",
        discussion: """
            Reports glossary variants (ヘグゼス for ヘグセス), deprecated forms (キエフ for キーウ), \
            spellings that look like a glossary entry, and names the text spells several ways even \
            when the glossary does not know them. Exit status: 0 no findings, 1 findings, 2 usage or input error.
            """)

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case text, gcc, json, sarif
    }

    @Argument(help: ArgumentHelp("Files to check (UTF-8: text, Markdown, HTML, XLIFF, PO); '-' reads stdin.", valueName: "file"))
    var files: [String]

    @OptionGroup var input: InputFormatOption

    @OptionGroup var glossaryOptions: GlossaryOptions
    @OptionGroup var tolerance: ToleranceOption

    @Option(name: .long, help: "Output format: text, gcc (path:line:col: warning: … [rule]), json or sarif (SARIF 2.1.0, for code scanning).")
    var format: Format = .text

    func validate() throws {
        if files.filter({ $0 == "-" }).count > 1 { throw ValidationError("'-' (stdin) can be given only once.") }
    }

    func run() throws {
        let checker = Checker(glossary: try glossaryOptions.load(), engine: tolerance.engine)
        // A file that cannot be read is reported and the others are still checked (exit 2 at the end).
        var failed = 0
        for file in files {
            do {
                let source = try input.open(file)
                if source.format == .text {
                    try checker.check(source.input)
                } else {
                    try checker.check(document: source.input.displayName) { emit in try source.reader.read(source.input, emit) }
                }
            } catch {
                Diagnostics.error(Diagnostics.describe(error))
                failed += 1
            }
        }
        if failed == files.count { throw ExitCode(2) }
        let report = checker.report()
        var out = BufferedOutput()
        switch format {
        case .text:
            report.renderText(
                to: &out,
                palette: .init(
                    heading: { Style.bold($0) }, flagged: { Style.red($0) }, kept: { Style.green($0) },
                    dim: { Style.dim($0) }))
        case .gcc:
            report.renderGCC(to: &out)
        case .json:
            // Same document as `report.json`, streamed finding by finding.
            let json = report.json
            try JSONOutput.printObject([
                ("files", .value(json.files)), ("findings", .array(json.findings)),
                ("summary", .value(json.summary)), ("version", .value(json.version)),
            ])
        case .sarif:
            try JSONOutput.print(report.sarif(toolVersion: ToolVersion.current))
        }
        out.flush()
        if failed > 0 { throw ExitCode(2) }
        if !report.findings.isEmpty { throw ExitCode(1) }
    }
}
