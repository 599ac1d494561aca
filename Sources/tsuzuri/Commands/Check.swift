import ArgumentParser
import Foundation
import TsuzuriCheck
import TsuzuriEvidence
import TsuzuriMemory
import TsuzuriConfig
import TsuzuriGlossary
import TsuzuriDocuments
import TsuzuriText
import TsuzuriVariants

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
    @OptionGroup var configOptions: ConfigOptions

    @Option(name: .long, help: ArgumentHelp("A translation memory to use as evidence (default: the configured memory, when it exists).", valueName: "path"))
    var memory: String?

    @OptionGroup var dictionaryOptions: DictionaryOptions

    @Flag(name: .customLong("no-evidence"), help: "Judge on spelling and the document alone: ask no memory and no dictionary.")
    var noEvidence = false

    @Option(name: .long, help: "Output format: text, gcc (path:line:col: warning: … [rule]), json or sarif (SARIF 2.1.0, for code scanning).")
    var format: Format = .text

    @Option(name: .long, help: "Check on this many cores (default: all of them); 1 checks on one, in order. The report is the same either way.")
    var jobs: Int = ProcessInfo.processInfo.activeProcessorCount

    /// Plain text is checked in chunks of about this many bytes: each chunk in flight (one per
    /// job, plus the one being read) holds its bytes and its collector, so memory grows with the
    /// chunk. Since collectors share the glossary's matcher (each built its own trie before),
    /// 1 MB costs about as much CPU as 2 MB and keeps the peak of `--jobs 2` on 106 MB 2–3 MB
    /// lower (46 against 48–51 MB). Hidden: tests set it small to run the chunked path on small
    /// files.
    @Option(name: .customLong("chunk-size"), help: .hidden)
    var chunkSize: Int = 1 << 20

    /// Term places kept in memory before they go to a temporary file: 64 Ki places are 1.3 MB, and
    /// an article never reaches it. Hidden: tests set it small to run the spilled path on small files.
    @Option(name: .customLong("places-in-memory"), help: .hidden)
    var placesInMemory: Int = 1 << 16

    @Flag(name: .long, help: "Rewrite glossary variants, deprecated forms and near misses to the preferred form, in place (atomic; only the replaced characters change).")
    var fix = false

    @Flag(name: .customLong("fix-unknown"), help: "With --fix or --diff: also rewrite in-text inconsistencies towards the text's most frequent spelling.")
    var fixUnknown = false

    @Flag(name: .long, help: "Print the changes --fix would make as a unified diff; write nothing.")
    var diff = false

    @Flag(name: .customLong("no-snippets"), help: "Text output: list the places of each flagged spelling without the text around them.")
    var noSnippets = false

    @Flag(name: .customLong("report-unused-suppressions"), help: "Warn about tsuzuri-disable comments that suppressed nothing (exit 1 if any).")
    var reportUnusedSuppressions = false

    func validate() throws {
        if jobs < 1 { throw ValidationError("--jobs must be at least 1 (got \(jobs)).") }
        if chunkSize < 1 { throw ValidationError("--chunk-size must be at least 1 byte.") }
        if placesInMemory < 1 { throw ValidationError("--places-in-memory must be at least 1.") }
        if files.filter({ $0 == "-" }).count > 1 { throw ValidationError("'-' (stdin) can be given only once.") }
        if fix && diff { throw ValidationError("--fix and --diff exclude each other: --diff shows what --fix would write.") }
        if fixUnknown && !(fix || diff) { throw ValidationError("--fix-unknown goes with --fix or --diff.") }
        if (fix || diff) && files.contains("-") {
            throw ValidationError("--fix and --diff rewrite files; stdin ('-') cannot be fixed. Give the file's path.")
        }
        if (fix || diff), let pipe = files.first(where: TextInput.readsOnce) {
            throw ValidationError("--fix and --diff rewrite files; \(pipe) is a pipe or a device, which cannot be fixed. Give the file's path.")
        }
    }

    /// What one pass over the inputs gives: the report, how many inputs failed, each file's format.
    private struct Pass {
        var report: CheckReport
        var failed: Int
        var formats: [String: DocumentFormat]
        var stamps: [String: AtomicFile.Stamp]
        /// The suppression directives' warnings (unknown rules) and those that suppressed nothing.
        var suppressionWarnings: [String] = []
        var unusedSuppressions: [Suppressions.Origin] = []
        /// Per plain-text file checked in chunks: the line and byte offset each chunk began at,
        /// where its snippets can be read from in parallel.
        var lineStarts: [String: [(line: Int, offset: Int)]] = [:]
    }

    private func checkFiles(
        _ files: [String], _ glossary: Glossary, _ settings: Settings, evidence: [any TranslationEvidence]
    ) -> Pass {
        let checker = Checker(glossary: glossary, engine: VariantEngine(tolerance: settings.tolerance.value))
        checker.evidenceSources = evidence
        checker.cores = jobs
        checker.keepPlaces(inMemoryUpTo: placesInMemory)
        // stdin or a pipe can be read only once, and its suppression comments are read with it: serially.
        if jobs > 1 && !files.contains(where: TextInput.readsOnce) { return checkInParallel(files, checker, settings) }
        // A file that cannot be read is reported and the others are still checked (exit 2 at the end).
        var pass = Pass(report: CheckReport(files: [], findings: []), failed: 0, formats: [:], stamps: [:])
        var suppressions = Suppressions()
        for file in files {
            do {
                pass.stamps[file] = AtomicFile.Stamp(path: file)
                let source = try input.open(file, configured: settings.format(for: file))
                let name = source.input.displayName
                pass.formats[name] = source.format
                // Every format through its reader (plain text too): readers hand on suppression directives.
                try checker.check(document: name) { emit in
                    try source.reader.read(source.input) { part in
                        if case .directive(let directive) = part { suppressions.record(directive, file: name) }
                        try emit(part)
                    }
                }
            } catch {
                Diagnostics.error(Diagnostics.describe(error))
                pass.failed += 1
            }
        }
        // Rules switched off, levels and allowed spellings: the project's policy, before any fix.
        // Then the files' own suppressions, so that --fix never touches a suppressed occurrence.
        checker.defersPlaces = defersPlaces(suppressions)
        let outcome = suppressions.apply(to: checker.report().applying(settings.checkPolicy))
        pass.report = outcome.report
        pass.suppressionWarnings = suppressions.warnings
        pass.unusedSuppressions = outcome.unused
        return pass
    }

    /// Whether the report may leave its places with the checker until they are printed (one
    /// finding's at a time): not when suppressions or fixes edit them first.
    private func defersPlaces(_ suppressions: Suppressions) -> Bool {
        !(fix || diff) && suppressions.origins.isEmpty
    }

    /// `checkFiles` on `jobs` cores: files in parallel, large plain-text files in chunks of
    /// whole lines; the pool merges in input order, so the report and the error messages are
    /// those of the serial run.
    private func checkInParallel(_ files: [String], _ checker: Checker, _ settings: Settings) -> Pass {
        var pass = Pass(report: CheckReport(files: [], findings: []), failed: 0, formats: [:], stamps: [:])
        MemoryTrim.prepareForWorkers(jobs)
        let pool = CheckPool(into: checker, jobs: jobs) { _, error in
            Diagnostics.error(Diagnostics.describe(error))
            pass.failed += 1
        }
        // Plain-text files read whole in chunks: whether they mention `tsuzuri-` at all.
        var mayHoldDirectives: [String: Bool] = [:]
        for (index, file) in files.enumerated() {
            do {
                pass.stamps[file] = AtomicFile.Stamp(path: file)
                let source = try input.open(file, configured: settings.format(for: file))
                pass.formats[source.input.displayName] = source.format
                if source.format == .text {
                    guard let chunks = try? TextInput.ChunkReader(source.input, size: chunkSize) else {
                        // The serial run names a file it cannot open in the report, then fails: run that.
                        pool.submit(input: index) { try $0.check(source.input) }
                        continue
                    }
                    do {
                        var mentions = false
                        var starts: [(line: Int, offset: Int)] = []
                        while let chunk = try chunks.next() {
                            mentions = mentions || chunk.contains(Self.directiveMark)
                            starts.append((chunk.firstLine, chunk.offset))
                            pool.submit(input: index, chunk: true) { try $0.check(chunk) }
                        }
                        // Read whole: its suppressions are known to be there or not (no second scan).
                        mayHoldDirectives[file] = mentions
                        pass.lineStarts[file] = starts
                    } catch {
                        // A read error mid-file comes after the lines before it, as in the serial run.
                        pool.fail(input: index, error)
                    }
                } else {
                    pool.submit(input: index) { collector in
                        try collector.check(document: source.input.displayName) { emit in try source.reader.read(source.input, emit) }
                    }
                }
            } catch {
                pool.fail(input: index, error)
            }
        }
        pool.finish()
        MemoryTrim.releaseFreedMemory()
        // Suppression comments: read again, through the reader, from the files that mention
        // `tsuzuri-` at all (most files do not, and are not read twice).
        var suppressions = Suppressions()
        for file in files where mayHoldDirectives[file] ?? Self.mayHoldDirectives(file) {
            guard let source = try? input.open(file, configured: settings.format(for: file)) else { continue }
            let name = source.input.displayName
            try? source.reader.read(source.input) { part in
                if case .directive(let directive) = part { suppressions.record(directive, file: name) }
            }
        }
        checker.defersPlaces = defersPlaces(suppressions)
        let outcome = suppressions.apply(to: checker.report().applying(settings.checkPolicy))
        pass.report = outcome.report
        pass.suppressionWarnings = suppressions.warnings
        pass.unusedSuppressions = outcome.unused
        return pass
    }

    /// After a text report, what a translator can do next: the command that replaces the flagged
    /// spellings with the glossary's (on stderr: a hint, not a result). Not for stdin or a pipe,
    /// which cannot be fixed.
    static func suggestFix(_ report: CheckReport, files: [String]) {
        let known = report.fixableOccurrences(CheckRule.fixable)
        let inText = report.fixableOccurrences(CheckRule.fixableUnknown) - known
        guard known + inText > 0, !files.contains(where: TextInput.readsOnce) else { return }
        let named = files.count <= 3 ? files.map { $0.contains(" ") ? "'\($0)'" : $0 }.joined(separator: " ") : "FILE…"
        let total = report.flaggedOccurrences
        func occurrences(_ n: Int) -> String {
            n == total ? (n == 1 ? "the flagged occurrence" : "all \(n) flagged occurrences") : "\(n) of the \(total) flagged occurrences"
        }
        let spellings = "\(inText) occurrence\(inText == 1 ? "" : "s") of a less frequent spelling"
        if known > 0 {
            var hint = "To write the glossary's spelling in \(occurrences(known)): tsuzuri check --fix \(named)  (--diff shows the changes first)"
            if inText > 0 { hint += "; add --fix-unknown to also turn \(spellings) into the text's most frequent one" }
            Diagnostics.note(hint)
        } else {
            Diagnostics.note("To turn \(spellings) into the text's most frequent one: tsuzuri check --fix --fix-unknown \(named)  (--diff --fix-unknown shows the changes first)")
        }
    }

    /// The text around each flagged place, read again from the files (stdin or a pipe cannot be
    /// read again, so its places are listed without snippets). A file checked in chunks is read
    /// in `parts` pieces at once, each from the start of a chunk (`lineStarts`).
    static func snippets(
        _ report: CheckReport, files: [String], lineStarts: [String: [(line: Int, offset: Int)]] = [:], parts: Int = 1
    ) -> [TextLocation: Snippet] {
        var flagged: [String: [TextLocation]] = [:]
        // A finding of a large input holds only its first place until resolved; the flagged
        // spellings of each are resolved here and let go, keeping only the places that get a snippet.
        for finding in report.findings.lazy.map(report.resolvedFlagged) {
            for use in finding.flagged {
                for location in use.locations.prefix(CheckReport.snippetsPerSpelling) { flagged[location.file, default: []].append(location) }
            }
        }
        var snippets: [TextLocation: Snippet] = [:]
        for file in Set(files) where !TextInput.readsOnce(file) {
            guard let locations = flagged[file] else { continue }
            let read = Snippet.read(locations, from: TextInput(path: file), starts: lineStarts[file] ?? [], parts: parts)
            snippets.merge(read) { a, _ in a }
        }
        return snippets
    }

    /// Whether a file holds the bytes `tsuzuri-` anywhere (read in blocks, never whole).
    static func mayHoldDirectives(_ path: String) -> Bool {
        guard let handle = FileHandle(forReadingAtPath: path) else { return false }
        defer { try? handle.close() }
        var carry: [UInt8] = []
        while let block = try? handle.read(upToCount: 1 << 20), !block.isEmpty {
            let bytes = carry + [UInt8](block)
            if bytes.withUnsafeBytes({ ByteSearch.contains(directiveMark, in: $0) }) { return true }
            carry = Array(bytes.suffix(directiveMark.count - 1))
        }
        return false
    }

    /// What every suppression comment holds.
    static let directiveMark = Array("tsuzuri-".utf8)

    func run() throws {
        let settings = try configOptions.settings(
            CommandLineSettings(
                glossary: glossaryOptions.glossary, memory: memory, tolerance: tolerance.tolerance, inputFormat: input.format))
        let glossary = try GlossaryLayers.load(settings.glossary)
        let files = files.filter { file in
            guard let pattern = settings.ignorePattern(for: file) else { return true }
            Diagnostics.note("\(file): skipped (ignore pattern `\(pattern)` at \(settings.ignore.origin))")
            return false
        }
        // Every file ignored still prints an (empty) report: CI uploads the SARIF file either way.
        let evidence = noEvidence ? [] : openEvidence(settings)
        var pass = checkFiles(files, glossary, settings, evidence: evidence)
        if !files.isEmpty && pass.failed == files.count { throw ExitCode(2) }
        if fix || diff {
            let changed = try applyFixes(pass, files: files)
            if diff { throw ExitCode(changed ? 1 : 0) }
            // What remains after the fixes is what the user still has to look at.
            if changed { pass = checkFiles(files, glossary, settings, evidence: evidence) }
        }
        let report = pass.report
        let failed = pass.failed
        for warning in pass.suppressionWarnings { Diagnostics.warning(warning) }
        if reportUnusedSuppressions {
            for unused in pass.unusedSuppressions {
                Diagnostics.warning("\(unused.file):\(unused.line): unused suppression `\(unused.text)`: it suppressed nothing; remove it")
            }
        }
        var out = BufferedOutput()
        switch format {
        case .text:
            report.renderText(
                to: &out,
                palette: .init(
                    heading: { Style.bold($0) }, flagged: { Style.red($0) }, kept: { Style.green($0) },
                    dim: { Style.dim($0) }, dimCodes: Style.dimCodes),
                snippets: noSnippets ? [:] : Self.snippets(report, files: files, lineStarts: pass.lineStarts, parts: jobs))
        case .gcc:
            report.renderGCC(to: &out)
        case .json:
            // Same document as `report.json`, streamed finding by finding (each one's places read
            // only when it is written).
            let json = report.json
            try JSONOutput.printObject([
                ("files", .value(json.files)), ("findings", .array(json.findings.map { ResolvedFinding(report: report, finding: $0) })),
                ("summary", .value(json.summary)), ("version", .value(json.version)),
            ])
        case .sarif:
            try JSONOutput.print(report.sarif(toolVersion: ToolVersion.current))
        }
        out.flush()
        if format == .text, !(fix || diff) { Self.suggestFix(report, files: files) }
        if failed > 0 { throw ExitCode(2) }
        if !report.findings.isEmpty || (reportUnusedSuppressions && !pass.unusedSuppressions.isEmpty) { throw ExitCode(1) }
    }

    /// The memory and the dictionary, when there are any: a memory or dictionary that was named
    /// but cannot be opened is a warning, and the check runs on spelling and the document alone.
    private func openEvidence(_ settings: Settings) -> [any TranslationEvidence] {
        var sources: [any TranslationEvidence] = []
        let path = settings.memory.value
        let named = settings.memory.origin != .defaultValue
        if named || FileManager.default.fileExists(atPath: path) || PostgresAddress.isAddress(path) {
            do {
                sources.append(MemoryEvidence(memory: try TranslationMemory.open(location: path, readOnly: true)))
            } catch {
                Diagnostics.warning("\(Diagnostics.describe(error)); the memory's evidence is not used")
            }
        }
        do {
            if let dictionary = try dictionaryOptions.openIfPresent() { sources.append(DictionaryEvidence(dictionary: dictionary)) }
        } catch {
            Diagnostics.warning("\(Diagnostics.describe(error)); the dictionary's evidence is not used")
        }
        return sources
    }

    /// Writes (or, with --diff, prints) the fixes; true when any file changed (would change).
    private func applyFixes(_ pass: Pass, files: [String]) throws -> Bool {
        let edits = pass.report.edits(fixing: fixUnknown ? CheckRule.fixableUnknown : CheckRule.fixable)
        var changed = false
        var out = BufferedOutput()
        defer { out.flush() }
        for file in files {
            guard let fileEdits = edits[file], !fileEdits.isEmpty else { continue }
            guard let stamp = pass.stamps[file], AtomicFile.Stamp(path: file) == stamp else {
                throw CheckFixError.changed(path: file)
            }
            let old = try TextInput(path: file).readAll()
            let result = TextEditor.apply(fileEdits, to: old, escape: Self.escaper(for: pass.formats[file] ?? .text))
            for (edit, reason) in result.skipped { Diagnostics.warning("\(file):\(edit.line):\(edit.column): not fixed: \(reason)") }
            guard !result.applied.isEmpty else { continue }
            changed = true
            if diff {
                out.write(TextEditor.unifiedDiff(old: old, new: result.bytes, path: file))
                continue
            }
            // Refuse a file that changed while it was being fixed, rather than lose that change.
            guard AtomicFile.Stamp(path: file) == stamp else { throw CheckFixError.changed(path: file) }
            try AtomicFile.replace(path: file, bytes: result.bytes)
            let noun = result.applied.count == 1 ? "occurrence" : "occurrences"
            Diagnostics.note("\(file): fixed \(result.applied.count) \(noun)")
        }
        return changed
    }

    /// How a replacement is written in each format (katakana needs nothing, but a preferred form
    /// may hold & or a quote).
    static func escaper(for format: DocumentFormat) -> (String) -> String {
        switch format {
        case .text, .markdown: { $0 }
        case .html, .xliff:
            { $0.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;").replacingOccurrences(of: ">", with: "&gt;") }
        case .po:
            { $0.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") }
        }
    }
}

/// Why `check --fix` refused to write.
enum CheckFixError: Error, LocalizedError {
    case changed(path: String)

    var errorDescription: String? {
        switch self {
        case .changed(let path): "\(path): the file changed since it was checked; nothing was written. Run check --fix again."
        }
    }
}


/// A finding encoded with its places read back just then (see `CheckReport.resolved`).
private struct ResolvedFinding: Encodable {
    let report: CheckReport
    let finding: Finding

    func encode(to encoder: any Encoder) throws {
        try report.resolved(finding).encode(to: encoder)
    }
}
