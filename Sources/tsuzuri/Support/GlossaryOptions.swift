import ArgumentParser
import Foundation
import TsuzuriGlossary

/// `--glossary PATH…`, shared by every command that reads the glossary, and the rule for where
/// the glossary comes from when the option is not given.
struct GlossaryOptions: ParsableArguments {
    @Option(
        name: .long,
        help: ArgumentHelp(
            "A glossary .tsv file or a folder of them (repeatable). Default: $TSUZURI_GLOSSARY (':'-separated), else ./glossary/ if present, else the built-in glossary.",
            valueName: "path"))
    var glossary: [String] = []

    /// Where the glossary was found, in order of precedence.
    enum Location: Equatable {
        /// `--glossary` paths.
        case option([String])
        /// `TSUZURI_GLOSSARY` paths.
        case environment([String])
        /// `./glossary/` in the current folder.
        case workingDirectory(String)
        /// The default glossary compiled into the binary.
        case builtIn

        /// The files or folders to read; empty for the built-in glossary.
        var paths: [String] {
            switch self {
            case .option(let paths), .environment(let paths): paths
            case .workingDirectory(let path): [path]
            case .builtIn: []
            }
        }
    }

    /// The name of the environment variable that names the glossary when `--glossary` is not given.
    static let environmentVariable = "TSUZURI_GLOSSARY"

    /// Decides where the glossary comes from: `--glossary`, else `TSUZURI_GLOSSARY`, else
    /// `./glossary/`, else the built-in glossary.
    func location() -> Location {
        if !glossary.isEmpty { return .option(glossary) }
        if let value = ProcessInfo.processInfo.environment[Self.environmentVariable] {
            let paths = value.split(separator: ":").map(String.init).filter { !$0.isEmpty }
            if !paths.isEmpty { return .environment(paths) }
        }
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: "glossary", isDirectory: &isDirectory), isDirectory.boolValue {
            return .workingDirectory("glossary")
        }
        return .builtIn
    }

    /// Reads the glossary from wherever `location()` says it is. A missing or unreadable path, or a
    /// malformed file, throws a `GlossaryError` (exit 2).
    func load() throws -> Glossary {
        try Self.load(location())
    }

    static func load(_ location: Location) throws -> Glossary {
        switch location {
        case .builtIn: try DefaultGlossary.load()
        default: try Glossary.load(paths: location.paths)
        }
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
        try Glossary.load(files: files.map { (GlossarySource.builtInPrefix + $0.name, $0.bytes) })
    }
}
