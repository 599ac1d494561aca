import Foundation
import TsuzuriGlossary
import TsuzuriVariants

/// What a client may set in `initializationOptions` (or in `workspace/didChangeConfiguration`
/// under `tsuzuri`): `{"glossary": ["glossary/", "team.tsv"], "tolerance": 1.5}`. Unset values
/// fall back to the command line's.
public struct ServerSettings: Equatable, Sendable {
    /// Glossary files or folders; nil keeps the command line's glossary.
    public var glossary: [String]?
    /// The variant engine's tolerance; nil keeps the command line's.
    public var tolerance: Double?

    public init(glossary: [String]? = nil, tolerance: Double? = nil) {
        self.glossary = glossary
        self.tolerance = tolerance
    }

    /// Reads settings from a JSON object, either bare or under a `tsuzuri` key (the section name
    /// most clients use). Returns the settings and a message per value that was ignored.
    public static func parse(_ value: JSONValue) -> (settings: ServerSettings, problems: [String]) {
        let object = value["tsuzuri"].objectValue != nil ? value["tsuzuri"] : value
        var settings = ServerSettings()
        var problems: [String] = []
        switch object["glossary"] {
        case .null: break
        case .string(let path) where !path.isEmpty: settings.glossary = [path]
        case .array(let items) where items.allSatisfy({ $0.stringValue?.isEmpty == false }):
            settings.glossary = items.compactMap(\.stringValue)
        default:
            problems.append("the setting \"glossary\" must be a path or a list of paths; it was ignored")
        }
        switch object["tolerance"] {
        case .null: break
        case let number where number.doubleValue != nil:
            let tolerance = number.doubleValue!
            if VariantEngine.tolerances.contains(tolerance) {
                settings.tolerance = tolerance
            } else {
                problems.append(
                    "the setting \"tolerance\" is \(tolerance); give a number from \(VariantEngine.tolerances.lowerBound) to \(VariantEngine.tolerances.upperBound) (1 is the tuned default); it was ignored")
            }
        default:
            problems.append("the setting \"tolerance\" must be a number; it was ignored")
        }
        return (settings, problems)
    }
}

/// Where the server's glossary comes from when the settings name none: the command line's paths,
/// or the glossary built into the executable (which this library cannot see). Read through the
/// compiled cache, as the command line reads it, so that a large glossary opens in a moment.
public struct GlossaryLoader: Sendable {
    /// Paths from `--glossary`, `TSUZURI_GLOSSARY` or `./glossary/`; empty means built-in.
    public var defaultPaths: [String]
    /// The built-in glossary's files (names as its entries name their source, and bytes).
    public var builtIn: GlossaryCache.Layer

    /// Whether the built-in glossary lies under the default paths, each path a layer on top of it
    /// (the command line's default: built-in, then ./glossary/ or the config's layers).
    public var builtInUnderDefault: Bool
    public var cache: GlossaryCache

    public init(
        defaultPaths: [String], builtInUnderDefault: Bool = false, builtIn: GlossaryCache.Layer,
        cache: GlossaryCache = GlossaryCache(directory: nil)
    ) {
        self.defaultPaths = defaultPaths
        self.builtInUnderDefault = builtInUnderDefault
        self.builtIn = builtIn
        self.cache = cache
    }

    /// The glossary for `paths` (the default when nil) and the files and folders to watch.
    func load(_ paths: [String]?) throws -> (glossary: Glossary, watched: [String]) {
        let layered = paths == nil && builtInUnderDefault
        let paths = paths ?? defaultPaths
        func files(_ paths: [String]) throws -> GlossaryCache.Layer {
            try Glossary.files(for: paths).map { ($0, try Glossary.readBytes($0)) }
        }
        // Layered: each path on the built-in glossary, as the command line stacks them; otherwise
        // every file of every path makes one glossary (a form in two of them is an error).
        let layers =
            paths.isEmpty ? [builtIn]
            : layered ? [builtIn] + (try paths.map { try files([$0]) })
            : [try files(paths)]
        let glossary = try cache.load(layers: layers).glossary
        // Folders are watched too: a new .tsv file in a glossary folder changes the glossary.
        return (glossary, paths + (try Glossary.files(for: paths)))
    }
}

/// The identity of a file's contents as `stat` sees it; a change means the glossary must be read
/// again. The inode is part of it because the glossary writer renames a new file into place.
struct FileStamp: Equatable, Sendable {
    var inode: UInt64
    var seconds: Int
    var nanoseconds: Int
    var size: Int64

    /// nil for a file that cannot be stat'ed (deleted: also a change).
    init?(path: String) {
        var status = stat()
        guard stat(path, &status) == 0 else { return nil }
        inode = UInt64(status.st_ino)
        seconds = Int(status.st_mtim.tv_sec)
        nanoseconds = Int(status.st_mtim.tv_nsec)
        size = Int64(status.st_size)
    }
}
