import Foundation
import Testing

/// The compiled glossary cache, seen from the commands: the same output with and without it,
/// cold and warm, after a glossary edit, with a damaged cache file and with a folder that cannot
/// be written.
@Suite("glossary cache, end to end")
struct GlossaryCacheCommandTests {
    static let header = "ja\ten\tkind\tvariants\taliases\tnote\n"
    static let seed = TsuzuriBinary.repositoryRoot.appendingPathComponent("seeds/000_c8ac7e5ec8ea1ea5.txt").path

    /// A team layer large enough to be cached (4,000 generated katakana names over the built-in
    /// glossary), with an entry that claims a built-in variant (a conflict, warned on stderr).
    func teamGlossary(in folder: URL, english: String = "Hegzeth") throws -> String {
        let syllables = Array("アイウエオカキクケコサシスセソタチツテトナニヌネノハヒフヘホマミムメモラリルレロ")
        var text = Self.header + "ヘグゼス\t\(english)\tperson\t\t\t\n"
        for n in 0..<4000 {
            let name = String([syllables[n % 40], syllables[(n / 40) % 40], syllables[(n / 1600) % 40], "ッ", "ト"])
            text += "\(name)\tName \(n)\tperson\t\(name)ン\t\t\n"
        }
        let path = folder.appendingPathComponent("team.tsv").path
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        return path
    }

    func run(_ arguments: [String], cache: URL?, in folder: URL) throws -> RunResult {
        let environment = cache.map { ["XDG_CACHE_HOME": $0.path] } ?? ["TSUZURI_NO_CACHE": "1"]
        return try runTsuzuri(arguments, environment: environment, currentDirectory: folder)
    }

    func cacheFiles(_ cache: URL) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: cache.appendingPathComponent("tsuzuri").path)) ?? []).sorted()
    }

    static func commands(_ team: String) -> [[String]] {
        let layers = ["--glossary", "builtin", "--glossary", team]
        return [
            ["check"] + layers + ["--format", "json", seed],
            ["check"] + layers + [seed],
            ["lookup"] + layers + ["ヘグセス", "ヘグゼス", "Hegseth", "NATO", "ＮＡＴＯ", "Name 17", "ピート・ヘグセス", "ヘグセズ", "--format", "json"],
        ]
    }

    @Test("check and lookup print the same, cold and warm, as without the cache; the cache files are written once")
    func sameOutput() throws {
        let folder = try makeTemporaryDirectory(), cache = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder); try? FileManager.default.removeItem(at: cache) }
        let team = try teamGlossary(in: folder)
        for arguments in Self.commands(team) {
            let expected = try run(arguments, cache: nil, in: folder)
            #expect(expected.stderr.contains("glossary layers disagree: ヘグゼス"))
            #expect(!expected.stdout.isEmpty)
            for pass in ["cold", "warm", "warm again"] {
                let result = try run(arguments, cache: cache, in: folder)
                #expect(result.stdout == expected.stdout, "\(pass) \(arguments[0])")
                #expect(result.stderr == expected.stderr, "\(pass) \(arguments[0])")
                #expect(result.status == expected.status, "\(pass) \(arguments[0])")
            }
        }
        let files = cacheFiles(cache)
        #expect(files.count == 2)
        #expect(files.contains { $0.hasSuffix("-katakana.cache") })
    }

    @Test("an edited glossary file is read anew, not from the cache of its old content")
    func editedGlossary() throws {
        let folder = try makeTemporaryDirectory(), cache = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder); try? FileManager.default.removeItem(at: cache) }
        let team = try teamGlossary(in: folder)
        let lookup = ["lookup", "--glossary", "builtin", "--glossary", team, "ヘグゼス"]
        #expect(try run(lookup, cache: cache, in: folder).stdout.contains("Hegzeth"))
        #expect(try run(lookup, cache: cache, in: folder).stdout.contains("Hegzeth"))
        _ = try teamGlossary(in: folder, english: "Hegseth (team)")
        let edited = try run(lookup, cache: cache, in: folder)
        #expect(edited.stdout.contains("Hegseth (team)"))
        #expect(!edited.stdout.contains("Hegzeth"))
        #expect(edited.stdout == (try run(lookup, cache: nil, in: folder)).stdout)
    }

    @Test("a damaged cache file is rebuilt and the output is unchanged")
    func damagedCache() throws {
        let folder = try makeTemporaryDirectory(), cache = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder); try? FileManager.default.removeItem(at: cache) }
        let team = try teamGlossary(in: folder)
        let check = Self.commands(team)[0]
        let expected = try run(check, cache: nil, in: folder)
        _ = try run(check, cache: cache, in: folder)
        for name in cacheFiles(cache) {
            let url = cache.appendingPathComponent("tsuzuri/" + name)
            var bytes = Array(try Data(contentsOf: url))
            bytes[bytes.count / 2] ^= 0xFF
            bytes.removeLast(100)
            try Data(bytes).write(to: url)
        }
        for _ in 0..<2 {
            let result = try run(check, cache: cache, in: folder)
            #expect(result.stdout == expected.stdout)
            #expect(result.stderr == expected.stderr)
        }
    }

    @Test("TSUZURI_NO_CACHE=1 writes no cache; a cache folder that cannot be created changes nothing")
    func bypassedAndUnwritable() throws {
        let folder = try makeTemporaryDirectory(), cache = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder); try? FileManager.default.removeItem(at: cache) }
        let team = try teamGlossary(in: folder)
        let check = Self.commands(team)[0]
        let expected = try runTsuzuri(check, environment: ["XDG_CACHE_HOME": cache.path, "TSUZURI_NO_CACHE": "1"], currentDirectory: folder)
        #expect(cacheFiles(cache).isEmpty)
        let blocker = cache.appendingPathComponent("file")
        try Data("x".utf8).write(to: blocker)
        let unwritable = try runTsuzuri(check, environment: ["XDG_CACHE_HOME": blocker.path], currentDirectory: folder)
        #expect(unwritable.stdout == expected.stdout)
        #expect(unwritable.stderr == expected.stderr)
        #expect(unwritable.status == expected.status)
    }
}
