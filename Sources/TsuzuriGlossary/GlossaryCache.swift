import Foundation
import TsuzuriText

/// Where stacked glossaries are kept compiled (`CompiledGlossary`), so that a run over a large
/// glossary reads what it needs from one file instead of parsing and indexing every entry again.
///
/// A cache file is named by a hash of everything the glossary is built from: the format version
/// and, layer by layer, each file's name (entries name their source) and bytes. A changed,
/// added or removed file (an edit, `tsuzuri add`, `glossary import`) gives another name, so a
/// stale file is never read; a file that fails its checks (another version, truncated, damaged)
/// is rebuilt. A folder that cannot be written only makes the run slower.
public struct GlossaryCache: Sendable {
    /// The folder of the cache files; nil reads every glossary from its files.
    public var directory: String?
    /// Glossaries smaller than this many bytes (all layers together) are parsed directly: for
    /// the built-in glossary and a few thousand entries that is as fast as opening the cache.
    public var minimumBytes: Int

    /// How many compiled glossaries a folder keeps (the most recently built); older ones go.
    public static let keptFiles = 16
    public static let defaultMinimumBytes = 256 * 1024
    /// Set to 1 (or any value but 0 or empty) to read glossaries without the cache.
    public static let disableVariable = "TSUZURI_NO_CACHE"

    public init(directory: String?, minimumBytes: Int = GlossaryCache.defaultMinimumBytes) {
        self.directory = directory
        self.minimumBytes = minimumBytes
    }

    /// The user's cache: `$XDG_CACHE_HOME/tsuzuri`, else `~/.cache/tsuzuri`; none when
    /// `TSUZURI_NO_CACHE` is set or no home folder is known.
    public static func standard(environment: [String: String]) -> GlossaryCache {
        if let value = environment[disableVariable], !value.isEmpty, value != "0" { return GlossaryCache(directory: nil) }
        if let xdg = environment["XDG_CACHE_HOME"], xdg.hasPrefix("/") { return GlossaryCache(directory: xdg + "/tsuzuri") }
        if let home = environment["HOME"], home.hasPrefix("/") { return GlossaryCache(directory: home + "/.cache/tsuzuri") }
        return GlossaryCache(directory: nil)
    }

    /// How a glossary was obtained.
    public enum Status: String, Sendable {
        /// Read from its files: no cache folder, or a glossary below `minimumBytes`.
        case uncached
        /// Read from a cache file built by an earlier run.
        case hit
        /// Read from its files and compiled into a new cache file.
        case built
        /// Read from its files; the cache file could not be written (the reason is given).
        case unwritable
    }

    /// A stacked glossary, the forms its layers disagreed on, and how it was obtained.
    public struct Loaded: Sendable {
        public var glossary: Glossary
        public var conflicts: [GlossaryConflict]
        public var status: Status
        /// Why the cache file could not be written (status `.unwritable`).
        public var problem: String?
    }

    /// One layer: its glossary files' names (as entries will name their source) and bytes.
    public typealias Layer = [(name: String, bytes: [UInt8])]

    /// Stacks `layers` (`Glossary.layered`, each layer read with `Glossary.load(files:)`), from
    /// the cache when it holds them. Malformed files throw as they do without the cache (they
    /// are never compiled, so a cache file always stands for files that read without error).
    public func load(layers: [Layer]) throws -> Loaded {
        let total = layers.reduce(0) { $0 + $1.reduce(0) { $0 + $1.bytes.count } }
        guard let directory, total >= minimumBytes else {
            let (glossary, conflicts) = try Self.read(layers)
            return Loaded(glossary: glossary, conflicts: conflicts, status: .uncached)
        }
        let key = Self.key(layers)
        let path = directory + "/" + Self.fileName(key)
        if let sections = CompiledFile.open(path: path, kind: CompiledGlossary.kind, version: CompiledGlossary.version, key: key.finalize()),
           let compiled = CompiledGlossary(sections) {
            var glossary = Glossary(compiled: compiled)
            glossary.cacheFile = GlossaryCacheFile(directory: directory, key: key)
            return Loaded(glossary: glossary, conflicts: compiled.conflicts, status: .hit)
        }
        var (glossary, conflicts) = try Self.read(layers)
        let bytes = CompiledFile.encode(
            kind: CompiledGlossary.kind, version: CompiledGlossary.version, key: key.finalize(),
            sections: CompiledGlossary.sections(of: glossary, conflicts: conflicts))
        do {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            try AtomicFile.replace(path: path, bytes: bytes)
        } catch {
            return Loaded(glossary: glossary, conflicts: conflicts, status: .unwritable, problem: "\(error.localizedDescription)")
        }
        Self.prune(directory, keeping: path)
        glossary.cacheFile = GlossaryCacheFile(directory: directory, key: key)
        return Loaded(glossary: glossary, conflicts: conflicts, status: .built)
    }

    /// The name of the cache file for the layers that hash to `key`.
    static func fileName(_ key: ContentHash) -> String { "glossary-\(key.hex).cache" }

    static func read(_ layers: [Layer]) throws -> (Glossary, [GlossaryConflict]) {
        Glossary.layered(try layers.map { try Glossary.load(files: $0) })
    }

    static func key(_ layers: [Layer]) -> ContentHash {
        var hash = ContentHash()
        hash.update(field: "tsuzuri glossary \(CompiledGlossary.kind) \(CompiledGlossary.version)")
        hash.update(integer: UInt64(layers.count))
        for layer in layers {
            hash.update(integer: UInt64(layer.count))
            for file in layer {
                hash.update(field: file.name)
                hash.update(integer: UInt64(file.bytes.count))
                hash.update(file.bytes)
            }
        }
        return hash
    }

    /// Removes all but the `keptFiles` most recently written glossary cache files and companions
    /// (each edit of a large glossary leaves some behind), never the one just written.
    static func prune(_ directory: String, keeping path: String) {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: directory) else { return }
        var files: [(path: String, time: Int)] = []
        for name in names where name.hasPrefix("glossary-") && name.hasSuffix(".cache") {
            var status = stat()
            let file = directory + "/" + name
            if stat(file, &status) == 0 { files.append((file, status.st_mtim.tv_sec)) }
        }
        guard files.count > keptFiles else { return }
        for file in files.sorted(by: { $0.time > $1.time }).dropFirst(keptFiles) where file.path != path {
            unlink(file.path)
        }
    }
}

/// The cache file a glossary was compiled into, so that other modules can keep their own
/// compiled data for that glossary beside it (the checker's katakana index), under the same key:
/// what is rebuilt when the glossary changes is rebuilt with it.
public struct GlossaryCacheFile: Sendable {
    public let directory: String
    let key: ContentHash

    init(directory: String, key: ContentHash) {
        self.directory = directory
        self.key = key
    }

    /// The path of the companion file `name`.
    public func companionPath(_ name: String) -> String {
        directory + "/glossary-\(key.hex)-\(name).cache"
    }

    /// The sections of companion `name`, if a sound file of this kind, version and glossary is there.
    public func openCompanion(_ name: String, kind: String, version: UInt32) -> CompiledSections? {
        CompiledFile.open(path: companionPath(name), kind: kind, version: version, key: key.finalize())
    }

    /// Writes companion `name` (atomically); a folder that cannot be written is ignored, since a
    /// companion only saves time.
    public func writeCompanion(_ name: String, kind: String, version: UInt32, sections: [[UInt8]]) {
        let bytes = CompiledFile.encode(kind: kind, version: version, key: key.finalize(), sections: sections)
        try? AtomicFile.replace(path: companionPath(name), bytes: bytes)
    }
}
