import ArgumentParser
import Foundation
import TsuzuriGlossary
import TsuzuriGlossaryExchange
import TsuzuriText

extension GlossaryExchangeFormat: ExpressibleByArgument {}
extension OmegaTGlossaryCodec.Direction: ExpressibleByArgument {}

/// The codec for a format, with the OmegaT project direction when one is given.
func codec(for format: GlossaryExchangeFormat, omegatSource: OmegaTGlossaryCodec.Direction?) -> any GlossaryCodec {
    format == .omegat ? OmegaTGlossaryCodec(direction: omegatSource) : format.codec
}

/// `tsuzuri glossary`: exchange the glossary with other tools.
struct GlossaryCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "glossary",
        abstract: "Import or export the glossary as TBX, CSV, OmegaT or prh.",
        subcommands: [GlossaryImport.self, GlossaryExport.self])
}

/// `tsuzuri glossary import FILE`: merges another tool's glossary into a glossary file.
struct GlossaryImport: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Merge a TBX, CSV, OmegaT, prh or TSV glossary into a glossary file.",
        discussion: """
            New entries are added; an entry whose Japanese form already has an entry with the same English \
            form gets the forms it lacks; an entry that would take a form from another entry, or change an \
            entry's English form or kind, is listed as a conflict and not written. The file is written once, \
            atomically, under the same lock as `add` (--to as for `add`). --dry-run lists what would change.
            Exit status: 0 imported (or nothing to do), 1 some entries were conflicts or skipped, 2 the file \
            could not be read or the glossary not written (nothing written).
            """)

    @Argument(help: ArgumentHelp("The glossary to import.", valueName: "file"))
    var file: String

    @Option(name: .long, help: ArgumentHelp("The glossary file to write (default as for `add`).", valueName: "file"))
    var to: String?

    @Option(name: .customLong("input-format"), help: "tbx (v2 or v3), csv, omegat, prh or tsv (default: from the extension).")
    var inputFormat: GlossaryExchangeFormat?

    @Flag(name: .customLong("dry-run"), help: "Show what would change; write nothing.")
    var dryRun = false

    @Option(name: .customLong("source-lang"), help: "OmegaT: the project's source language, ja or en (default: told from the file).")
    var sourceLanguage: OmegaTGlossaryCodec.Direction?

    @OptionGroup var glossaryOptions: GlossaryOptions
    @OptionGroup var output: FormatOption

    func validate() throws {
        if file == "-" { throw ValidationError("import reads a file; save the glossary to a file first") }
        if to == "-" { throw ValidationError("--to needs a file; import cannot write to stdout") }
        if inputFormat == nil && GlossaryExchangeFormat.forExtension(of: file) == nil {
            throw ValidationError("cannot tell the format of \(file) from its extension: add --input-format tbx, csv, omegat, prh or tsv")
        }
    }

    func run() throws {
        let bytes = try Glossary.readBytes(file)
        var format = inputFormat ?? GlossaryExchangeFormat.forExtension(of: file)!
        if inputFormat == nil { format = GlossaryExchangeFormat.refine(format, head: Array(bytes.prefix(4096))) }
        if sourceLanguage != nil && format != .omegat {
            throw ValidationError("--source-lang is for OmegaT glossaries; \(file) is read as \(format.rawValue)")
        }
        let decoded = try codec(for: format, omegatSource: sourceLanguage).decode(bytes, file: file)

        let location = glossaryOptions.location()
        let target: String
        let glossary: Glossary
        if let to {
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: to, isDirectory: &isDirectory), isDirectory.boolValue {
                throw ValidationError("--to \(to) is a folder; name a .tsv file, e.g. --to \(to)/custom.tsv")
            }
            target = to
            glossary = try GlossaryOptions.load(Add.skippingNewFile(to, in: location))
        } else {
            target = try Add.defaultTarget(for: location)
            glossary = try GlossaryOptions.load(Add.skippingNewFile(target, in: location))
        }
        let report = try GlossaryWriter(path: target).importEntries(decoded.entries, checkingAgainst: glossary, dryRun: dryRun)

        for warning in decoded.warnings { Diagnostics.warning(warning.description) }
        let conflicts = report.count { if case .conflict = $0 { true } else { false } }
        switch output.format {
        case .json:
            try JSONOutput.print(ImportJSON(file: file, to: target, format: format.rawValue, dryRun: dryRun, report: report, warnings: decoded.warnings))
        case .text:
            var out = BufferedOutput()
            let would = dryRun ? "would be " : ""
            for item in report.items {
                let from = item.imported.source?.description ?? file
                switch item.outcome {
                case .added:
                    out.write("\(from): \(would)added \(item.imported.ja) = \(item.result?.en ?? item.imported.en) at \(item.result?.source?.description ?? target)\n")
                case .merged(let forms):
                    let what = forms.isEmpty ? "the note" : forms.joined(separator: ", ")
                    out.write("\(from): \(would)merged \(what) into \(item.imported.ja) at \(item.result?.source?.description ?? target)\n")
                case .unchanged:
                    break
                case .conflict(let message):
                    out.write("\(from): conflict: \(message)\n")
                }
            }
            let added = report.count { $0 == .added }
            let merged = report.count { if case .merged = $0 { true } else { false } }
            let unchanged = report.count { $0 == .unchanged }
            var summary = "\(file): \(added) added, \(merged) merged, \(unchanged) unchanged, \(conflicts) conflicts, \(decoded.warnings.count) skipped"
            summary += dryRun ? " (dry run: \(target) not written)\n" : report.wrote ? " → \(target)\n" : " (\(target) unchanged)\n"
            out.write(summary)
            out.flush()
        }
        if conflicts > 0 || !decoded.warnings.isEmpty { throw ExitCode(1) }
    }
}

/// `--format json` output of `glossary import`.
struct ImportJSON: Encodable {
    struct Item: Encodable {
        /// "added", "merged", "unchanged" or "conflict".
        var action: String
        var imported: GlossaryEntry
        var entry: GlossaryEntry?
        var newForms: [String]?
        var message: String?
    }

    var file: String
    var to: String
    var format: String
    var dryRun: Bool
    var wrote: Bool
    var items: [Item]
    var skipped: [GlossaryWarning]

    init(file: String, to: String, format: String, dryRun: Bool, report: GlossaryImportReport, warnings: [GlossaryWarning]) {
        (self.file, self.to, self.format, self.dryRun, self.wrote, self.skipped) = (file, to, format, dryRun, report.wrote, warnings)
        items = report.items.map { item in
            switch item.outcome {
            case .added: Item(action: "added", imported: item.imported, entry: item.result)
            case .merged(let forms): Item(action: "merged", imported: item.imported, entry: item.result, newForms: forms)
            case .unchanged: Item(action: "unchanged", imported: item.imported, entry: item.result)
            case .conflict(let message): Item(action: "conflict", imported: item.imported, message: message)
            }
        }
    }
}

/// `tsuzuri glossary export --format F FILE`: writes the glossary in use in another tool's format.
struct GlossaryExport: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Write the glossary in use as TBX (v3 or v2), CSV, OmegaT or prh ('-' for stdout).",
        discussion: """
            The file is replaced whole or not at all. prh holds only entries with variants or deprecated \
            forms (the spellings it replaces); OmegaT holds the preferred form, English form and note.
            """)

    @Option(name: .long, help: "tbx (TBX-Basic v3), tbx2 (TBX v2, <martif>), csv, omegat or prh (default: from the extension).")
    var format: GlossaryExchangeFormat?

    @Argument(help: ArgumentHelp("The file to write ('-' for stdout).", valueName: "file"))
    var file: String

    @Option(name: .customLong("source-lang"), help: "OmegaT: the project's source language, ja (default) or en.")
    var sourceLanguage: OmegaTGlossaryCodec.Direction?

    @OptionGroup var glossaryOptions: GlossaryOptions

    func validate() throws {
        if format == .tsv { throw ValidationError("--format tsv: the glossary is already TSV; copy its files instead") }
        if format == nil {
            guard let guessed = GlossaryExchangeFormat.forExtension(of: file), guessed != .tsv else {
                throw ValidationError("cannot tell the format of \(file) from its extension: add --format tbx, tbx2, csv, omegat or prh")
            }
        }
    }

    func run() throws {
        let format = self.format ?? GlossaryExchangeFormat.forExtension(of: file)!
        let glossary = try glossaryOptions.load()
        if sourceLanguage != nil && format != .omegat {
            throw ValidationError("--source-lang is for OmegaT glossaries (--format omegat)")
        }
        let bytes = try codec(for: format, omegatSource: sourceLanguage).encode(glossary.entries)
        let written = format == .prh ? glossary.entries.filter { !($0.variants.isEmpty && $0.deprecated.isEmpty) }.count : glossary.entries.count
        if file == "-" {
            FileHandle.standardOutput.write(Data(bytes))
        } else {
            try AtomicFile.replace(path: file, bytes: bytes)
        }
        var note = "\(written) entries written to \(file == "-" ? "<stdout>" : file) (\(format.rawValue))"
        if written < glossary.entries.count {
            note += "; \(glossary.entries.count - written) without variants or deprecated forms have nothing for prh to replace"
        }
        Diagnostics.note(note)
    }
}
