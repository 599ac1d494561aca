import Foundation
import Testing
import TsuzuriCheck
import TsuzuriConfig
import TsuzuriText

@Suite("Reading .tsuzuri.toml")
struct ConfigFileTests {
    static let full = """
        # A project's settings.
        glossary = ["builtin", "../team", "glossary"]
        memory = "tm/memory.sqlite"
        tolerance = 1.5
        allow = ["ヘグゼス", "ｷｴﾌ"]
        ignore = ["vendor/**", "*.min.html"]

        [rules]
        near-miss = "off"
        "deprecated" = "error"
        mixed-script = "warning"

        [formats]
        "notes/*.txt" = "markdown"
        "*.xlf.txt" = "xliff"
        """

    func parse(_ text: String, directory: String = "/project") throws -> ConfigFile {
        try ConfigFile.parse(text, path: "p/.tsuzuri.toml", directory: directory)
    }

    @Test("every key, with its value and its line; paths relative to the config file's folder")
    func everyKey() throws {
        let config = try parse(Self.full)
        #expect(config.glossary?.value == [.builtIn, .path("/project/../team"), .path("/project/glossary")])
        #expect(config.glossary?.line == 2)
        #expect(config.memory?.value == "/project/tm/memory.sqlite")
        #expect(config.memory?.line == 3)
        #expect(config.tolerance?.value == 1.5)
        #expect(config.tolerance?.line == 4)
        #expect(config.allow?.value == ["ヘグゼス", "ｷｴﾌ"])
        #expect(config.ignore?.value.map(\.pattern) == ["vendor/**", "*.min.html"])
        #expect(config.ignore?.line == 6)
        #expect(config.rules[.nearMiss]?.value == .off)
        #expect(config.rules[.nearMiss]?.line == 9)
        #expect(config.rules[.deprecated]?.value == .error)
        #expect(config.rules[.deprecated]?.line == 10)
        #expect(config.rules[.mixedScript]?.line == 11)
        #expect(config.rules[.glossaryVariant] == nil)
        #expect(config.formats.map(\.glob.pattern) == ["notes/*.txt", "*.xlf.txt"])
        #expect(config.formats.map(\.format) == [.markdown, .xliff])
        #expect(config.formats.map(\.line) == [14, 15])
    }

    @Test("a single string where a list is expected, an integer tolerance, an absolute path, a dotted key")
    func shorthand() throws {
        let config = try parse("glossary = \"/abs/g.tsv\"\ntolerance = 2\nignore = \"x.txt\"\nrules.near-miss = \"error\"\n", directory: "")
        #expect(config.glossary?.value == [.path("/abs/g.tsv")])
        #expect(config.tolerance?.value == 2)
        #expect(config.ignore?.value.map(\.pattern) == ["x.txt"])
        #expect(config.rules[.nearMiss]?.value == .error)
        #expect(config.rules[.nearMiss]?.line == 4)
        // A config in the current folder keeps relative paths as written.
        #expect(try parse("glossary = [\"glossary\"]\n", directory: "").glossary?.value == [.path("glossary")])
    }

    @Test("an empty file sets nothing")
    func empty() throws {
        let config = try parse("# nothing yet\n")
        #expect(config.glossary == nil && config.memory == nil && config.tolerance == nil && config.rules.isEmpty && config.formats.isEmpty)
    }

    static let unknownKeys: [(String, String)] = [
        ("tolerence = 2\n", "p/.tsuzuri.toml:1: unknown key `tolerence`; did you mean `tolerance`?"),
        ("\n\nglosary = []\n", "p/.tsuzuri.toml:3: unknown key `glosary`; did you mean `glossary`?"),
        ("ignores = []\n", "p/.tsuzuri.toml:1: unknown key `ignores`; did you mean `ignore`?"),
        ("colour = \"red\"\n", "p/.tsuzuri.toml:1: unknown key `colour`; see the Configuration table in the README for the keys"),
        ("[rules]\nnear-mis = \"off\"\n", "p/.tsuzuri.toml:2: unknown key `rules.near-mis`; did you mean `rules.near-miss`?"),
        ("[rule]\nnear-miss = \"off\"\n", "p/.tsuzuri.toml:1: unknown key `rule`; did you mean `rules`?"),
    ]

    @Test("an unknown key names the file, the line and the closest valid key", arguments: unknownKeys)
    func unknownKey(_ text: String, _ message: String) {
        #expect { try parse(text) } throws: { ($0 as? LocalizedError)?.errorDescription == message }
    }

    static let wrongTypes: [(String, String)] = [
        ("glossary = 3\n", "p/.tsuzuri.toml:1: `glossary` must be a string or an array of strings, not the integer 3"),
        ("glossary = [\"a\", 1]\n", "p/.tsuzuri.toml:1: `glossary` must be an array of strings, not the integer 1"),
        ("memory = [\"a\"]\n", "p/.tsuzuri.toml:1: `memory` must be a string (a file path), not an array"),
        ("tolerance = \"high\"\n", "p/.tsuzuri.toml:1: `tolerance` must be a number, not the string \"high\""),
        ("allow = true\n", "p/.tsuzuri.toml:1: `allow` must be a string or an array of strings, not true (a boolean)"),
        ("ignore = 3\n", "p/.tsuzuri.toml:1: `ignore` must be a string or an array of strings, not the integer 3"),
        ("rules = \"off\"\n", "p/.tsuzuri.toml:1: `rules` must be a table ([rules]), not the string \"off\""),
        ("[rules]\nnear-miss = false\n", "p/.tsuzuri.toml:2: `rules.near-miss` must be \"off\", \"warning\" or \"error\", not false (a boolean)"),
        ("formats = []\n", "p/.tsuzuri.toml:1: `formats` must be a table ([formats]), not an array"),
        ("[formats]\n\"*.txt\" = 1\n", "p/.tsuzuri.toml:2: `formats.*.txt` must be a format name (text, markdown, html, xliff, po), not the integer 1"),
    ]

    @Test("a value of the wrong type names the file, line and key, and says what is expected", arguments: wrongTypes)
    func wrongType(_ text: String, _ message: String) {
        #expect { try parse(text) } throws: { ($0 as? LocalizedError)?.errorDescription == message }
    }

    static let badValues: [(String, String)] = [
        ("tolerance = 9\n", "p/.tsuzuri.toml:1: `tolerance` = 9.0: give a number from 0.25 to 4.0 (1 is the tuned default)"),
        ("[rules]\ndeprecated = \"fatal\"\n", "p/.tsuzuri.toml:2: `rules.deprecated` = \"fatal\": write \"off\", \"warning\" or \"error\""),
        ("[formats]\n\"*.txt\" = \"markdwn\"\n", "p/.tsuzuri.toml:2: `formats.*.txt` = \"markdwn\": did you mean \"markdown\"? the formats are text, markdown, html, xliff, po"),
    ]

    @Test("a value of the right type that tsuzuri cannot use", arguments: badValues)
    func badValue(_ text: String, _ message: String) {
        #expect { try parse(text) } throws: { ($0 as? LocalizedError)?.errorDescription == message }
    }

    @Test("TOML syntax errors name the line and column")
    func syntax() {
        #expect { try parse("tolerance = 1\nignore = [\n") } throws: { error in
            guard case .syntax(let file, let line, _, _) = error as? ConfigError else { return false }
            return file == "p/.tsuzuri.toml" && line == 2
        }
        #expect { try parse("tolerance = 1\ntolerance = 2\n") } throws: { error in
            guard case .syntax(_, let line, _, _) = error as? ConfigError else { return false }
            return line == 2
        }
    }

    @Test("the config file is found in the folder or the nearest parent, up to the root")
    func find() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("tsuzuri-config-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        let deep = root.appendingPathComponent("a/b/c")
        try FileManager.default.createDirectory(at: deep, withIntermediateDirectories: true)
        #expect(ConfigFile.find(from: deep.path) == nil || !ConfigFile.find(from: deep.path)!.hasPrefix(root.path))
        try "tolerance = 2\n".write(to: root.appendingPathComponent("a/.tsuzuri.toml"), atomically: true, encoding: .utf8)
        #expect(ConfigFile.find(from: deep.path) == root.appendingPathComponent("a/.tsuzuri.toml").standardizedFileURL.path)
        try "tolerance = 3\n".write(to: root.appendingPathComponent("a/b/.tsuzuri.toml"), atomically: true, encoding: .utf8)
        #expect(ConfigFile.find(from: deep.path) == root.appendingPathComponent("a/b/.tsuzuri.toml").standardizedFileURL.path)
        let loaded = try ConfigFile.load(path: root.appendingPathComponent("a/b/.tsuzuri.toml").path)
        #expect(loaded.tolerance?.value == 3)
    }
}

@Suite("File patterns")
struct GlobTests {
    static let cases: [(String, String, Bool)] = [
        ("*.md", "README.md", true),
        ("*.md", "docs/guide/intro.md", true),
        ("*.md", "README.markdown", false),
        ("vendor/**", "vendor/a.txt", true),
        ("vendor/**", "vendor/x/y/z.txt", true),
        ("vendor/**", "src/vendor/a.txt", false),
        ("vendor/", "vendor/a.txt", true),
        ("docs/*.txt", "docs/a.txt", true),
        ("docs/*.txt", "docs/sub/a.txt", false),
        ("docs/**/*.txt", "docs/a.txt", true),
        ("docs/**/*.txt", "docs/sub/deep/a.txt", true),
        ("**/draft-*", "a/b/draft-1.md", true),
        ("**/draft-*", "final.md", false),
        ("a?.txt", "ab.txt", true),
        ("a?.txt", "a/.txt", false),
        ("./notes/*.txt", "notes/x.txt", true),
        ("/notes/*.txt", "notes/x.txt", true),
        ("*", "anything", true),
    ]

    @Test("* and ? stay within a segment, ** spans segments, a name pattern matches in any folder", arguments: cases)
    func matches(_ pattern: String, _ path: String, _ expected: Bool) {
        #expect(Glob(pattern).matches(path) == expected)
    }
}

@Suite("Effective settings")
struct SettingsTests {
    func folder() throws -> String {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("tsuzuri-settings-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url.path
    }

    @Test("defaults: the built-in glossary, plus ./glossary/ when the folder exists")
    func defaults() throws {
        let cwd = try folder()
        defer { try? FileManager.default.removeItem(atPath: cwd) }
        let none = Settings.resolve(config: nil, commandLine: .init(), environment: [:], workingDirectory: cwd, defaultMemory: "/m.sqlite")
        #expect(none.glossary.value == [.builtIn])
        #expect(none.glossary.origin == .defaultValue)
        #expect(none.memory.value == "/m.sqlite")
        #expect(none.tolerance.value == 1)
        #expect(none.rules.values.allSatisfy { $0.value == .warning && $0.origin == .defaultValue })
        try FileManager.default.createDirectory(atPath: cwd + "/glossary", withIntermediateDirectories: true)
        let local = Settings.resolve(config: nil, commandLine: .init(), environment: [:], workingDirectory: cwd, defaultMemory: "/m.sqlite")
        #expect(local.glossary.value == [.builtIn, .path("glossary")])
    }

    @Test("the config file overrides defaults, the environment the config file, the command line everything")
    func precedence() throws {
        let config = try ConfigFile.parse(
            "glossary = [\"team\"]\nmemory = \"tm.sqlite\"\ntolerance = 2\n[rules]\nnear-miss = \"off\"\n", path: ".tsuzuri.toml", directory: "")
        let fromFile = Settings.resolve(config: config, commandLine: .init(), environment: [:], workingDirectory: "/w", defaultMemory: "/m")
        #expect(fromFile.glossary.value == [.path("team")])
        #expect(fromFile.glossary.origin == .configFile(path: ".tsuzuri.toml", line: 1))
        #expect(fromFile.memory.value == "tm.sqlite")
        #expect(fromFile.tolerance.origin.description == ".tsuzuri.toml:3")
        #expect(fromFile.rules[.nearMiss]?.origin.description == ".tsuzuri.toml:5")
        #expect(fromFile.checkPolicy.level(of: .nearMiss) == .off)

        let environment = ["TSUZURI_GLOSSARY": "builtin:env.tsv", "TSUZURI_MEMORY": "/env.sqlite"]
        let fromEnvironment = Settings.resolve(config: config, commandLine: .init(), environment: environment, workingDirectory: "/w", defaultMemory: "/m")
        #expect(fromEnvironment.glossary.value == [.builtIn, .path("env.tsv")])
        #expect(fromEnvironment.glossary.origin.description == "environment TSUZURI_GLOSSARY")
        #expect(fromEnvironment.memory.value == "/env.sqlite")

        let fromCommandLine = Settings.resolve(
            config: config, commandLine: .init(glossary: ["builtin", "x.tsv"], memory: "/cli.sqlite", tolerance: 0.5, inputFormat: .html),
            environment: environment, workingDirectory: "/w", defaultMemory: "/m")
        #expect(fromCommandLine.glossary.value == [.builtIn, .path("x.tsv")])
        #expect(fromCommandLine.glossary.origin.description == "command line --glossary")
        #expect(fromCommandLine.memory.value == "/cli.sqlite")
        #expect(fromCommandLine.tolerance.value == 0.5)
        #expect(fromCommandLine.format(for: "a.md") == .html)
    }

    @Test("ignore and formats match paths relative to the config file's folder")
    func patterns() throws {
        let config = try ConfigFile.parse(
            "ignore = [\"vendor/**\", \"*.bak\"]\n[formats]\n\"notes/*.txt\" = \"markdown\"\n\"*.txt\" = \"text\"\n",
            path: "/proj/.tsuzuri.toml", directory: "/proj")
        let settings = Settings.resolve(config: config, commandLine: .init(), environment: [:], workingDirectory: "/proj/sub", defaultMemory: "/m")
        #expect(settings.ignorePattern(for: "/proj/vendor/lib/a.txt")?.pattern == "vendor/**")
        #expect(settings.ignorePattern(for: "/proj/sub/vendor/a.txt") == nil)
        #expect(settings.ignorePattern(for: "/elsewhere/x.bak")?.pattern == "*.bak")
        #expect(settings.ignorePattern(for: "-") == nil)
        #expect(settings.format(for: "/proj/notes/a.txt") == .markdown)
        #expect(settings.format(for: "/proj/a.txt") == .text)
        #expect(settings.format(for: "/proj/a.html") == nil)
    }

    @Test("rows show every setting with its source, for `tsuzuri config`")
    func rows() throws {
        let config = try ConfigFile.parse("tolerance = 2\n[formats]\n\"*.txt\" = \"markdown\"\n", path: ".tsuzuri.toml", directory: "")
        let settings = Settings.resolve(config: config, commandLine: .init(glossary: ["g.tsv"]), environment: [:], workingDirectory: "/w", defaultMemory: "/m")
        let rows = Dictionary(uniqueKeysWithValues: settings.rows.map { ($0.key, $0) })
        #expect(rows["tolerance"]?.source == ".tsuzuri.toml:1")
        #expect(rows["tolerance"]?.sourceKind == "config")
        #expect(rows["glossary"]?.source == "command line --glossary")
        #expect(rows["memory"]?.source == "default")
        #expect(rows["rules.near-miss"]?.value.description == "warning")
        #expect(rows["formats.\"*.txt\""]?.source == ".tsuzuri.toml:3")
        #expect(settings.rows.count == 5 + CheckRule.allCases.count + 1)
    }
}
