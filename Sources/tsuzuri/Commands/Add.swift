import ArgumentParser
import Foundation
import TsuzuriConfig
import TsuzuriGlossary

/// `tsuzuri add JA EN …`: appends an entry to a glossary file (or, with --merge, adds forms to an
/// existing entry), refusing duplicates, atomically and under a lock.
struct Add: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "add",
        abstract: "Add an entry to a glossary file.",
        discussion: """
            Writes to --to FILE; without it, to the one glossary file in use, or to custom.tsv in the one \
            glossary folder in use (./glossary/custom.tsv by default); --merge without --to writes the file \
            that holds the entry. The built-in glossary cannot be \
            written: give --to. A file that does not exist yet is created with the header line.
            Refused (exit 2, nothing written): a Japanese form that already has an entry (unless --merge), \
            a variant, deprecated form or alias that belongs to another entry, a field with a tab or line break.
            """
    )

    @Argument(help: "The preferred Japanese form.")
    var ja: String

    @Argument(help: "The canonical English form.")
    var en: String

    @Option(name: .long, help: "person, place, org, title, term (default) or your own kind.")
    var kind: String?

    @Option(name: .customLong("variant"), help: ArgumentHelp("A spelling the checker flags (repeatable).", valueName: "form"))
    var variants: [String] = []

    @Option(name: .customLong("deprecated"), help: ArgumentHelp("An officially replaced spelling, e.g. キエフ (repeatable).", valueName: "form"))
    var deprecated: [String] = []

    @Option(name: .customLong("alias"), help: ArgumentHelp("An accepted alternative that is not flagged (repeatable).", valueName: "form"))
    var aliases: [String] = []

    @Option(name: .long, help: "Free text: full name, role, sources.")
    var note: String?

    @Option(name: .long, help: ArgumentHelp("The glossary file to write.", valueName: "file"))
    var to: String?

    @Flag(name: .long, help: "If JA already has an entry, add the new variants and aliases to it.")
    var merge = false

    @OptionGroup var glossaryOptions: GlossaryOptions
    @OptionGroup var configOptions: ConfigOptions
    @OptionGroup var formatOption: FormatOption

    func validate() throws {
        if let to, to == "-" { throw ValidationError("--to needs a file; add cannot write to stdout") }
    }

    func run() throws {
        let layers = try glossaryOptions.layers(config: configOptions)
        let location = layers.value
        let target: String
        let glossary: Glossary
        if let to {
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: to, isDirectory: &isDirectory), isDirectory.boolValue {
                throw ValidationError("--to \(to) is a folder; name a .tsv file, e.g. --to \(to)/custom.tsv")
            }
            target = to
            glossary = try GlossaryLayers.load(Sourced(Self.skippingNewFile(to, in: location), layers.origin))
        } else {
            let fallback = Result { try Self.defaultTarget(for: location) }
            glossary = try GlossaryLayers.load(Sourced((try? fallback.get()).map { Self.skippingNewFile($0, in: location) } ?? location, layers.origin))
            // --merge without --to writes the file that holds the entry.
            if merge, let source = glossary.entry(forJapanese: ja)?.entry.source, !source.isBuiltIn {
                target = source.file
            } else {
                target = try fallback.get()
            }
        }
        let addition = GlossaryAddition(
            ja: ja, en: en, kind: kind.map { EntryKind(rawValue: $0) }, variants: variants, deprecated: deprecated,
            aliases: aliases, note: note)
        let outcome = try GlossaryWriter(path: target).add(addition, merge: merge, checkingAgainst: glossary)

        if !Self.isRead(target, by: location) {
            Diagnostics.warning(
                "\(target) is not part of the glossary read here; use --glossary \(target) or \(GlossaryOptions.environmentVariable)=\(target) to use it")
        }
        switch formatOption.format {
        case .json:
            try JSONOutput.print(AddReport(outcome))
        case .text:
            var out = StandardOutput()
            let entry = outcome.entry
            let place = entry.source?.description ?? target
            switch outcome {
            case .added:
                out.write("added \(entry.ja) = \(entry.en) (\(entry.kind)) at \(place)\n")
            case .merged(_, let newForms):
                let what = newForms.isEmpty ? "the note" : newForms.joined(separator: ", ")
                out.write("merged \(what) into \(entry.ja) = \(entry.en) at \(place)\n")
            case .unchanged:
                out.write("nothing to add: \(entry.ja) at \(place) already has every form given\n")
            }
        }
    }

    /// The file `add` writes when --to is not given: the one file layer, or custom.tsv in the one
    /// folder layer (the built-in layer cannot be written).
    static func defaultTarget(for layers: [GlossaryLayer]) throws -> String {
        let paths = GlossaryLayers.paths(layers)
        guard !paths.isEmpty else {
            throw ValidationError(
                "the glossary in use is the built-in one, which cannot be changed; give --to FILE (e.g. --to glossary/custom.tsv) or create ./glossary/")
        }
        guard paths.count == 1, let path = paths.first else {
            throw ValidationError(
                "the glossary comes from several paths (\(paths.joined(separator: ", "))); say which file to write with --to FILE")
        }
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue {
            return path.hasSuffix("/") ? path + "custom.tsv" : path + "/custom.tsv"
        }
        return path
    }

    /// `layers` without what `target` will create: the file itself when it does not exist yet (so
    /// that `add … --glossary new.tsv` creates new.tsv instead of failing to read it), and the
    /// folder it goes in when that folder holds no .tsv file yet (`mkdir glossary; tsuzuri add …`).
    static func skippingNewFile(_ target: String, in layers: [GlossaryLayer]) -> [GlossaryLayer] {
        guard !FileManager.default.fileExists(atPath: target) else { return layers }
        let canonical = Glossary.canonicalPath(target)
        let folder = Glossary.canonicalPath((target as NSString).deletingLastPathComponent.isEmpty ? "." : (target as NSString).deletingLastPathComponent)
        return layers.filter { layer in
            guard case .path(let path) = layer else { return true }
            let candidate = Glossary.canonicalPath(path)
            if candidate == canonical { return false }
            if candidate == folder, (try? Glossary.files(for: [path])) == nil { return false }
            return true
        }
    }

    /// Whether `layers` include `file` (a new custom.tsv in a glossary folder does).
    static func isRead(_ file: String, by layers: [GlossaryLayer]) -> Bool {
        let target = Glossary.canonicalPath(file)
        return ((try? Glossary.files(for: GlossaryLayers.paths(layers))) ?? []).contains { Glossary.canonicalPath($0) == target }
    }
}

/// `--format json` output of `add` (schema in docs/glossary.md).
struct AddReport: Encodable {
    /// "added", "merged" or "unchanged".
    var action: String
    /// The forms added by a merge.
    var newForms: [String]
    /// The entry as it now stands in the file, with its source.
    var entry: GlossaryEntry

    init(_ outcome: GlossaryWriteOutcome) {
        switch outcome {
        case .added(let entry): (action, newForms, self.entry) = ("added", [], entry)
        case .merged(let entry, let forms): (action, newForms, self.entry) = ("merged", forms, entry)
        case .unchanged(let entry): (action, newForms, self.entry) = ("unchanged", [], entry)
        }
    }
}
