import Foundation
import Testing
import TsuzuriText
@testable import TsuzuriGlossary

@Suite("Glossary cache")
struct GlossaryCacheTests {
    static let header = "ja\ten\tkind\tvariants\taliases\tnote\n"

    /// A bottom layer like the built-in glossary and a team layer over it that replaces one
    /// entry, claims a form of another (a conflict) and adds entries of every kind of form.
    static func layers(teamEnglish: String = "Hegseth") -> [GlossaryCache.Layer] {
        let bottom = header + """
            ヘグセス\tHegseth\tperson\tヘグゼス\t\t
            キーウ\tKyiv\tplace\t!キエフ\t\t
            ゼレンスキー\tZelensky\tperson\t\t\t
            NATO\tNATO\torg\t\t北大西洋条約機構\talliance
            国防長官\tSecretary of Defense\ttitle\t\t\t

            """
        var team = header + """
            # a comment line
            ヘグセス\t\(teamEnglish)\tperson\tヘグゼス|ヘグセズ\t\tUS Secretary of Defense
            ゼレンスキ\tZelenskyy\tperson\tゼレンスキー\t\t
            ピート\tPete\tperson\t\t\t
            ＥＵ\tEuropean Union\torg\t\tEU連合\t
            第5条\tArticle 5\tterm\t\t第五条\t

            """
        // Enough katakana names that the cache's tables have many slots and collisions.
        let syllables = Array("アイウエオカキクケコサシスセソタチツテトナニヌネノ")
        for n in 0..<600 {
            let name = String([syllables[n % 25], syllables[(n / 25) % 25], syllables[(n / 7) % 25], "ル"])
            team += "\(name)ン\tName \(n)\tperson\t\(name)ヌ\t\t\n"
        }
        return [
            [("<built-in>/people.tsv", Array(bottom.utf8))],
            [("team/a.tsv", Array(team.utf8))],
        ]
    }

    static let terms = [
        "ヘグセス", "ヘグゼス", "ﾍｸﾞｾｽ", "Hegseth", "hegseth", "キエフ", "NATO", "nato", "ＮＡＴＯ", "北大西洋条約機構", "EU", "ｅｕ",
        "European Union", "ゼレンスキー", "Zelensky", "ピート・ヘグセス", "第５条", "アイウルン", "Name 17", "ソソソルヌ", "unknown", "アアアア",
    ]

    static let text = "ピート・ヘグセス国防長官はＮＡＴＯとキエフで第５条を語った。ゼレンスキー氏とアイウルン、ヘグセズ、EUも。"

    func temporaryFolder() throws -> String {
        let path = NSTemporaryDirectory() + "tsuzuri-cache-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    /// Everything a command can ask of a glossary, as text, for comparing two glossaries.
    func answers(_ loaded: GlossaryCache.Loaded) -> [String] {
        let glossary = loaded.glossary
        var result = loaded.conflicts.map(\.description)
        result.append("count \(glossary.entryCount) unique \(glossary.keysAreUnique) empty \(glossary.isEmpty)")
        result += glossary.entries.map { "\($0) \(GlossaryFormat.line(for: $0))" }
        result += glossary.forms.map { "\($0)" }
        result += (0..<glossary.entryCount).map { "\(glossary.entry(at: $0))" }
        for term in Self.terms {
            result.append("lookup \(term): \(glossary.lookup(term))")
            result.append("reference \(term): \(String(describing: glossary.reference(forJapanese: term)))")
            result.append("english \(term): \(glossary.entries(forEnglish: term))")
            result.append("closest \(term): \(glossary.closest(to: term) { $0 == $1 ? 1 : ($0.first == $1.first ? 0.6 : 0) })")
        }
        let matcher = GlossaryMatcher(glossary: glossary)
        result += matcher.matches(in: ScannedLine(Self.text)).map { "\($0)" }
        result.append("unique forms: \((try? glossary.checkUniqueForms()) != nil)")
        return result
    }

    @Test("a glossary read from the cache answers every question as the glossary read from its files")
    func hitIsIdentical() throws {
        let folder = try temporaryFolder()
        let cache = GlossaryCache(directory: folder, minimumBytes: 0)
        let uncached = try GlossaryCache(directory: nil).load(layers: Self.layers())
        let built = try cache.load(layers: Self.layers())
        let hit = try cache.load(layers: Self.layers())
        #expect(uncached.status == .uncached)
        #expect(built.status == .built)
        #expect(hit.status == .hit)
        #expect(hit.glossary.compiled != nil)
        #expect(!hit.conflicts.isEmpty)
        let expected = answers(uncached)
        #expect(answers(built) == expected)
        #expect(answers(hit) == expected)
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder).filter { $0.hasSuffix(".cache") }.count == 1)
    }

    @Test("matchers sharing a cache file's trie, on two threads at once and after the first is gone, find its forms")
    func sharedMatcherOfCacheFile() throws {
        let cache = GlossaryCache(directory: try temporaryFolder(), minimumBytes: 0)
        _ = try cache.load(layers: Self.layers())
        let hit = try cache.load(layers: Self.layers())
        #expect(hit.glossary.compiled != nil)
        let lines = [Self.text, "アイウルンとヘグゼス", "北大西洋条約機構", ""].map(ScannedLine.init)
        var original: GlossaryMatcher? = GlossaryMatcher(glossary: hit.glossary)
        let expected = lines.map { original!.matches(in: $0) }
        for found in matchesOnTwoThreads(sharing: &original, lines, rounds: 100) { #expect(found == expected) }
        #expect(expected[0].count >= 5)
    }

    @Test("a changed layer file gives another cache file, and the new answer")
    func changedLayerRebuilds() throws {
        let cache = GlossaryCache(directory: try temporaryFolder(), minimumBytes: 0)
        #expect(try cache.load(layers: Self.layers()).status == .built)
        #expect(try cache.load(layers: Self.layers()).status == .hit)
        let changed = try cache.load(layers: Self.layers(teamEnglish: "Pete Hegseth"))
        #expect(changed.status == .built)
        #expect(changed.glossary.lookup("ヘグゼス").first?.entry.en == "Pete Hegseth")
        let again = try cache.load(layers: Self.layers(teamEnglish: "Pete Hegseth"))
        #expect(again.status == .hit)
        #expect(answers(again) == answers(try GlossaryCache(directory: nil).load(layers: Self.layers(teamEnglish: "Pete Hegseth"))))
        // A file renamed (entries name their source) is another glossary too.
        var renamed = Self.layers(teamEnglish: "Pete Hegseth")
        renamed[1][0].name = "team/b.tsv"
        let moved = try cache.load(layers: renamed)
        #expect(moved.status == .built)
        #expect(moved.glossary.lookup("ヘグゼス").first?.entry.source?.description == "team/b.tsv:3")
    }

    enum Damage: String, CaseIterable {
        case flippedByte, truncated, otherVersion, empty, garbage
    }

    @Test("a damaged, truncated or other-version cache file is rebuilt and the answer is right", arguments: Damage.allCases)
    func damagedFileIsRebuilt(_ damage: Damage) throws {
        let folder = try temporaryFolder()
        let cache = GlossaryCache(directory: folder, minimumBytes: 0)
        let expected = answers(try GlossaryCache(directory: nil).load(layers: Self.layers()))
        #expect(try cache.load(layers: Self.layers()).status == .built)
        let name = try #require(try FileManager.default.contentsOfDirectory(atPath: folder).first { $0.hasSuffix(".cache") })
        let path = folder + "/" + name
        var bytes = Array(try Data(contentsOf: URL(fileURLWithPath: path)))
        switch damage {
        case .flippedByte: bytes[bytes.count / 2] ^= 0x01
        case .truncated: bytes.removeLast(bytes.count / 3)
        case .otherVersion: bytes[12] &+= 1
        case .empty: bytes = []
        case .garbage: bytes = Array(repeating: 0x41, count: bytes.count)
        }
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        let loaded = try cache.load(layers: Self.layers())
        #expect(loaded.status == .built)
        #expect(answers(loaded) == expected)
        let hit = try cache.load(layers: Self.layers())
        #expect(hit.status == .hit)
        #expect(answers(hit) == expected)
    }

    @Test("a cache folder that cannot be created or written only makes the run slower")
    func unwritableFolder() throws {
        let folder = try temporaryFolder()
        let file = folder + "/not-a-folder"
        try Data("x".utf8).write(to: URL(fileURLWithPath: file))
        let cache = GlossaryCache(directory: file + "/tsuzuri", minimumBytes: 0)
        let loaded = try cache.load(layers: Self.layers())
        #expect(loaded.status == .unwritable)
        #expect(loaded.problem != nil)
        #expect(answers(loaded) == answers(try GlossaryCache(directory: nil).load(layers: Self.layers())))
    }

    @Test("a glossary below the size worth caching is read from its files and writes nothing")
    func smallGlossaryIsNotCached() throws {
        let folder = try temporaryFolder()
        let loaded = try GlossaryCache(directory: folder).load(layers: Self.layers())
        #expect(loaded.status == .uncached)
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder).isEmpty)
    }

    @Test("malformed layers throw as they do without the cache, and are not cached")
    func malformedLayerThrows() throws {
        let folder = try temporaryFolder()
        let bad: [GlossaryCache.Layer] = [[("bad.tsv", Array((Self.header + "ア\tA\tterm\t\t\t\nア\tB\tterm\t\t\t\n").utf8))]]
        #expect(throws: GlossaryError.self) { try GlossaryCache(directory: folder, minimumBytes: 0).load(layers: bad) }
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder).isEmpty)
    }

    @Test("the cache folder: TSUZURI_NO_CACHE turns it off, else XDG_CACHE_HOME, else ~/.cache")
    func folder() {
        #expect(GlossaryCache.standard(environment: ["HOME": "/home/ann"]).directory == "/home/ann/.cache/tsuzuri")
        #expect(GlossaryCache.standard(environment: ["HOME": "/home/ann", "XDG_CACHE_HOME": "/var/cache/ann"]).directory == "/var/cache/ann/tsuzuri")
        #expect(GlossaryCache.standard(environment: ["HOME": "/home/ann", "XDG_CACHE_HOME": "relative"]).directory == "/home/ann/.cache/tsuzuri")
        #expect(GlossaryCache.standard(environment: ["HOME": "/home/ann", "TSUZURI_NO_CACHE": "1"]).directory == nil)
        #expect(GlossaryCache.standard(environment: ["HOME": "/home/ann", "TSUZURI_NO_CACHE": "0"]).directory == "/home/ann/.cache/tsuzuri")
        #expect(GlossaryCache.standard(environment: [:]).directory == nil)
    }

    @Test("the content hash does not depend on how the bytes are split, and sees every byte")
    func contentHash() {
        let bytes = (0..<1000).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ 7) }
        var whole = ContentHash()
        whole.update(bytes)
        for split in [1, 7, 15, 16, 17, 500, 999] {
            var pieces = ContentHash()
            pieces.update(Array(bytes[..<split]))
            pieces.update(Array(bytes[split...]))
            #expect(pieces.hex == whole.hex)
        }
        for index in [0, 15, 16, 500, 999] {
            var changed = bytes
            changed[index] ^= 0x80
            var other = ContentHash()
            other.update(changed)
            #expect(other.hex != whole.hex)
        }
        var shorter = ContentHash()
        shorter.update(Array(bytes.dropLast()))
        #expect(shorter.hex != whole.hex)
    }
}
