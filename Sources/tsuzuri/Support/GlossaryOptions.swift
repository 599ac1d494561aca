import ArgumentParser
import Foundation
import TsuzuriConfig
import TsuzuriGlossary

/// `--glossary PATH…`, shared by every command that reads the glossary. Which layers are read
/// when the option is not given is `Settings.resolve`'s to decide (config, environment, default).
struct GlossaryOptions: ParsableArguments {
    @Option(
        name: .long,
        help: ArgumentHelp(
            "A glossary layer: a .tsv file, a folder of them, or 'builtin' (repeatable; later layers override earlier ones). Default: $TSUZURI_GLOSSARY (':'-separated), else `glossary` in .tsuzuri.toml, else the built-in glossary plus ./glossary/ if present.",
            valueName: "path"))
    var glossary: [String] = []

    /// The name of the environment variable that names the glossary when `--glossary` is not given.
    static let environmentVariable = Settings.glossaryVariable

    /// The layers this run reads: --glossary, else the environment, the config file or the default.
    func layers(config: ConfigOptions) throws -> Sourced<[GlossaryLayer]> {
        try config.settings(CommandLineSettings(glossary: glossary)).glossary
    }

    /// Reads and stacks the layers this run uses.
    func load(config: ConfigOptions) throws -> Glossary {
        try GlossaryLayers.load(layers(config: config))
    }
}

/// Reads glossary layers and stacks them, one place for every command.
enum GlossaryLayers {
    /// Reads each layer and stacks them (`Glossary.layered`). A form that two layers give to
    /// different entries is reported on stderr with both lines; the later layer keeps it. A
    /// missing path, a folder without .tsv files or a malformed file throws (exit 2).
    ///
    /// The one exception: ./glossary/ taken by default (no option, variable or config named it)
    /// that holds no .tsv file yet is left out with a warning, so that `mkdir glossary` alone
    /// does not stop every command.
    ///
    /// The stacked glossary comes from the compiled cache when it holds these files' bytes
    /// (`GlossaryCache`; `TSUZURI_NO_CACHE=1` reads the files every time).
    static func load(
        _ layers: Sourced<[GlossaryLayer]>,
        cache: GlossaryCache = .standard(environment: ProcessInfo.processInfo.environment)
    ) throws -> Glossary {
        var inputs: [GlossaryCache.Layer] = []
        for layer in layers.value {
            switch layer {
            case .builtIn:
                inputs.append(DefaultGlossary.layer)
            case .path(let path):
                do {
                    inputs.append(try Glossary.files(for: [path]).map { ($0, try Glossary.readBytes($0)) })
                } catch let error as GlossaryError where layers.origin == .defaultValue && error == .noGlossaryFiles(path: path) {
                    Diagnostics.warning("\(Diagnostics.describe(error)); reading the built-in glossary alone")
                }
            }
        }
        let loaded = try cache.load(layers: inputs)
        for conflict in loaded.conflicts { Diagnostics.warning("glossary layers disagree: \(conflict)") }
        return loaded.glossary
    }

    /// The file and folder layers (the built-in one has no path).
    static func paths(_ layers: [GlossaryLayer]) -> [String] {
        layers.compactMap { if case .path(let path) = $0 { path } else { nil } }
    }
}

/// The default glossary (glossary/*.tsv in the repository), compiled into the binary so that
/// tsuzuri works from any folder. Its entries name their source as `<built-in>/people.tsv:12`.
enum DefaultGlossary {
    /// Each embedded file: name and bytes. Every file in Sources/tsuzuri/DefaultGlossary must be
    /// listed here (an end-to-end test checks that glossary/*.tsv and the built-in glossary agree).
    static let files: [(name: String, bytes: [UInt8])] = [
        ("organisations.tsv", PackageResources.organisations_tsv),
        ("people.tsv", PackageResources.people_tsv),
        ("places.tsv", PackageResources.places_tsv),
        ("terms.tsv", PackageResources.terms_tsv),
    ]

    static func load() throws -> Glossary {
        try Glossary.load(files: layer)
    }

    /// The embedded files as a glossary layer, named as their entries' sources name them.
    static var layer: GlossaryCache.Layer {
        files.map { (GlossarySource.builtInPrefix + $0.name, $0.bytes) }
    }
}
