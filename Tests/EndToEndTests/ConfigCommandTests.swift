import Foundation
import Testing

/// `.tsuzuri.toml`, `tsuzuri config`, glossary layers and `glossary export`, end to end.
@Suite("config, layers and installation, end to end")
struct ConfigCommandTests {
    static let header = "ja\ten\tkind\tvariants\taliases\tnote\n"
    static let article = "キエフで会談した。ヘグゼス長官とヘグセス長官。\n"

    /// A project folder with an article and, when given, a config file.
    func project(_ config: String? = nil) throws -> URL {
        let cwd = try makeTemporaryDirectory()
        try Self.article.write(to: cwd.appendingPathComponent("a.txt"), atomically: true, encoding: .utf8)
        if let config { try config.write(to: cwd.appendingPathComponent(".tsuzuri.toml"), atomically: true, encoding: .utf8) }
        return cwd
    }

    @Test("without a config: both built-in findings as warnings")
    func noConfig() throws {
        let cwd = try project()
        defer { try? FileManager.default.removeItem(at: cwd) }
        let result = try runTsuzuri(["check", "a.txt", "--format", "gcc"], currentDirectory: cwd)
        #expect(result.status == 1)
        #expect(result.stdout.contains("a.txt:1:1: warning: キエフ is deprecated"))
        #expect(result.stdout.contains("a.txt:1:10: warning: ヘグゼス is a variant"))
    }

    @Test("rules off and at error level, in gcc, SARIF and JSON; found from a subfolder")
    func rules() throws {
        let cwd = try project("[rules]\ndeprecated = \"error\"\nglossary-variant = \"off\"\n")
        defer { try? FileManager.default.removeItem(at: cwd) }
        let sub = cwd.appendingPathComponent("sub")
        try FileManager.default.createDirectory(at: sub, withIntermediateDirectories: true)
        let gcc = try runTsuzuri(["check", "../a.txt", "--format", "gcc"], currentDirectory: sub)
        #expect(gcc.status == 1)
        #expect(gcc.stdout == "../a.txt:1:1: error: キエフ is deprecated; write キーウ (Kyiv) (listed at <built-in>/places.tsv:4) [deprecated]\n")
        let sarif = try runTsuzuri(["check", "a.txt", "--format", "sarif"], currentDirectory: cwd)
        #expect(sarif.stdout.contains("\"level\" : \"error\""))
        #expect(!sarif.stdout.contains("\"ruleId\" : \"glossary-variant\""))
        let json = try runTsuzuri(["check", "a.txt", "--format", "json"], currentDirectory: cwd)
        let object = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any]
        let findings = try #require(object?["findings"] as? [[String: Any]])
        #expect(findings.count == 1)
        let spellings = try #require(findings[0]["spellings"] as? [[String: Any]])
        #expect(spellings.compactMap { $0["level"] as? String } == ["error"])
    }

    @Test("allow, tolerance, ignore (with a note on stderr) and formats per pattern")
    func otherKeys() throws {
        let cwd = try project("""
            allow = ["ヘグゼス"]
            tolerance = 0.5
            ignore = ["vendor/**"]
            [formats]
            "*.html" = "text"
            """)
        defer { try? FileManager.default.removeItem(at: cwd) }
        try FileManager.default.createDirectory(at: cwd.appendingPathComponent("vendor"), withIntermediateDirectories: true)
        try Self.article.write(to: cwd.appendingPathComponent("vendor/b.txt"), atomically: true, encoding: .utf8)
        try "<p>キエフ</p>\n".write(to: cwd.appendingPathComponent("page.html"), atomically: true, encoding: .utf8)

        let result = try runTsuzuri(["check", "a.txt", "vendor/b.txt", "--format", "gcc"], currentDirectory: cwd)
        #expect(result.status == 1)
        #expect(result.stdout == "a.txt:1:1: warning: キエフ is deprecated; write キーウ (Kyiv) (listed at <built-in>/places.tsv:4) [deprecated]\n")
        #expect(result.stderr == "vendor/b.txt: skipped (ignore pattern `vendor/**` at .tsuzuri.toml:3)\n")
        // Every file ignored: nothing checked, nothing found.
        let none = try runTsuzuri(["check", "vendor/b.txt", "--format", "sarif"], currentDirectory: cwd)
        #expect(none.status == 0)
        #expect(none.stdout.contains("\"results\" : []"), "\(none.stdout)")
        #expect(try runTsuzuri(["check", "vendor/b.txt"], currentDirectory: cwd).stdout == "No files checked.\n")
        // The pattern's format reaches the reader: page.html is read as plain text.
        let page = try runTsuzuri(["check", "page.html", "--format", "gcc"], currentDirectory: cwd)
        #expect(page.stdout.contains("page.html:1:4: warning: キエフ is deprecated"), "\(page.stderr)")

        let config = try runTsuzuri(["config"], currentDirectory: cwd)
        #expect(config.stdout.contains("tolerance"))
        #expect(config.stdout.range(of: #"tolerance +0\.5 +\.tsuzuri\.toml:2"#, options: .regularExpression) != nil, "\(config.stdout)")
    }

    @Test("the command line overrides the config file, and `tsuzuri config` says where each setting came from")
    func sources() throws {
        let cwd = try project("tolerance = 2\nmemory = \"tm/memory.sqlite\"\n[rules]\nnear-miss = \"off\"\n")
        defer { try? FileManager.default.removeItem(at: cwd) }
        let json = try runTsuzuri(
            ["config", "--tolerance", "0.5", "--format", "json"], environment: ["TSUZURI_GLOSSARY": "builtin"], currentDirectory: cwd)
        #expect(json.status == 0, "\(json.stderr)")
        let object = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any]
        #expect(object?["configFile"] as? String == ".tsuzuri.toml")
        let rows = try #require(object?["settings"] as? [[String: Any]])
        func row(_ key: String) -> [String: Any]? { rows.first { $0["key"] as? String == key } }
        #expect(row("tolerance")?["value"] as? Double == 0.5)
        #expect(row("tolerance")?["source"] as? String == "command line --tolerance")
        #expect(row("glossary")?["source"] as? String == "environment TSUZURI_GLOSSARY")
        #expect(row("memory")?["value"] as? String == "tm/memory.sqlite")
        #expect(row("memory")?["source"] as? String == ".tsuzuri.toml:2")
        #expect(row("rules.near-miss")?["value"] as? String == "off")
        #expect(row("rules.near-miss")?["sourceKind"] as? String == "config")
        #expect(row("rules.deprecated")?["source"] as? String == "default")

        // --no-config reads nothing; --config names another file; TSUZURI_CONFIG too.
        let none = try runTsuzuri(["config", "--no-config"], currentDirectory: cwd)
        #expect(none.stdout.hasPrefix("config file: none\n"))
        try "tolerance = 3\n".write(to: cwd.appendingPathComponent("other.toml"), atomically: true, encoding: .utf8)
        let other = try runTsuzuri(["config", "--config", "other.toml"], currentDirectory: cwd)
        #expect(other.stdout.range(of: #"tolerance +3\.0 +other\.toml:1"#, options: .regularExpression) != nil, "\(other.stdout)")
        let environment = try runTsuzuri(["config"], environment: ["TSUZURI_CONFIG": "other.toml"], currentDirectory: cwd)
        #expect(environment.stdout.hasPrefix("config file: other.toml\n"))
        let missing = try runTsuzuri(["config", "--config", "nope.toml"], currentDirectory: cwd)
        #expect(missing.status == 2)
        #expect(missing.stderr.contains("nope.toml: no such config file (named by --config)"))

        // The memory path from the config reaches the tm commands.
        let add = try runTsuzuri(["tm", "add", "キーウ", "Kyiv"], currentDirectory: cwd)
        #expect(add.status == 0, "\(add.stderr)")
        #expect(FileManager.default.fileExists(atPath: cwd.appendingPathComponent("tm/memory.sqlite").path))
    }

    @Test("a wrong key or type is exit 2 naming file, line and key, with the closest valid key")
    func errors() throws {
        let cwd = try project("# settings\ntolerence = 2\n")
        defer { try? FileManager.default.removeItem(at: cwd) }
        let check = try runTsuzuri(["check", "a.txt"], currentDirectory: cwd)
        #expect(check.status == 2)
        #expect(check.stderr == "tsuzuri: error: .tsuzuri.toml:2: unknown key `tolerence`; did you mean `tolerance`?\n")
        #expect(check.stdout == "")
        let lookup = try runTsuzuri(["lookup", "キーウ"], currentDirectory: cwd)
        #expect(lookup.status == 2)
        // --no-config runs as if there were no file.
        #expect(try runTsuzuri(["lookup", "キーウ", "--no-config"], currentDirectory: cwd).status == 0)
        try "[rules]\nnear-miss = 1\n".write(to: cwd.appendingPathComponent(".tsuzuri.toml"), atomically: true, encoding: .utf8)
        let type = try runTsuzuri(["check", "a.txt"], currentDirectory: cwd)
        #expect(type.status == 2)
        #expect(type.stderr.contains(".tsuzuri.toml:2: `rules.near-miss` must be \"off\", \"warning\" or \"error\", not the integer 1"))
    }

    @Test("glossary layers from the config, relative to it: a project entry overrides the built-in one; conflicts are reported")
    func layers() throws {
        let cwd = try project("glossary = [\"builtin\", \"terms\"]\n")
        defer { try? FileManager.default.removeItem(at: cwd) }
        try FileManager.default.createDirectory(at: cwd.appendingPathComponent("terms"), withIntermediateDirectories: true)
        try (Self.header + "キーウ\tKyiv (project)\tplace\t!キエフ\t\t\nヘグゼス\tHegzeth\tperson\t\t\t\n").write(
            to: cwd.appendingPathComponent("terms/places.tsv"), atomically: true, encoding: .utf8)
        let sub = cwd.appendingPathComponent("sub")
        try FileManager.default.createDirectory(at: sub, withIntermediateDirectories: true)
        let lookup = try runTsuzuri(["lookup", "キーウ", "ヘグゼス"], currentDirectory: sub)
        #expect(lookup.status == 0, "\(lookup.stderr)")
        #expect(lookup.stdout.contains("キーウ = Kyiv (project)"))
        #expect(lookup.stdout.contains("ヘグゼス = Hegzeth"))
        #expect(lookup.stderr.contains("warning: glossary layers disagree: ヘグゼス belongs to ヘグセス (<built-in>/people.tsv:"))
        #expect(lookup.stderr.contains("and to ヘグゼス (../terms/places.tsv:3)"))

        // A named folder with no .tsv file is an error naming it.
        try "glossary = [\"builtin\", \"empty\"]\n".write(to: cwd.appendingPathComponent(".tsuzuri.toml"), atomically: true, encoding: .utf8)
        try FileManager.default.createDirectory(at: cwd.appendingPathComponent("empty"), withIntermediateDirectories: true)
        let empty = try runTsuzuri(["lookup", "キーウ"], currentDirectory: cwd)
        #expect(empty.status == 2)
        #expect(empty.stderr.contains("empty: a glossary folder with no .tsv file"))
        // --glossary builtin names the built-in layer alone.
        let builtIn = try runTsuzuri(["lookup", "キーウ", "--glossary", "builtin"], currentDirectory: cwd)
        #expect(builtIn.stdout.contains("キーウ = Kyiv (place)"))
    }

    @Test("mkdir glossary; tsuzuri add …: the built-in entries stay, and check still flags キエフ")
    func newProjectGlossary() throws {
        let cwd = try project()
        defer { try? FileManager.default.removeItem(at: cwd) }
        try FileManager.default.createDirectory(at: cwd.appendingPathComponent("glossary"), withIntermediateDirectories: true)
        // Before the first add, the empty default folder is left out with a warning.
        let before = try runTsuzuri(["check", "a.txt", "--format", "gcc"], currentDirectory: cwd)
        #expect(before.status == 1)
        #expect(before.stderr.contains("glossary: a glossary folder with no .tsv file"))
        let add = try runTsuzuri(["add", "ザンプル", "Zample", "--kind", "person"], currentDirectory: cwd)
        #expect(add.status == 0, "\(add.stderr)")
        #expect(add.stdout == "added ザンプル = Zample (person) at glossary/custom.tsv:2\n")
        #expect(add.stderr == "")
        let check = try runTsuzuri(["check", "a.txt", "--format", "gcc"], currentDirectory: cwd)
        #expect(check.stdout.contains("キエフ is deprecated"))
        #expect(check.stderr == "")
        let lookup = try runTsuzuri(["lookup", "ザンプル", "ヘグセス"], currentDirectory: cwd)
        #expect(lookup.status == 0)
        #expect(lookup.stdout.contains("ヘグセス = Hegseth"))
    }

    @Test("glossary export --builtin writes the built-in files, refuses to overwrite without --force")
    func export() throws {
        let cwd = try project()
        defer { try? FileManager.default.removeItem(at: cwd) }
        let result = try runTsuzuri(["glossary", "export", "--builtin", "team"], currentDirectory: cwd)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout == "wrote team/organisations.tsv\nwrote team/people.tsv\nwrote team/places.tsv\nwrote team/terms.tsv\n")
        let people = try String(contentsOf: cwd.appendingPathComponent("team/people.tsv"), encoding: .utf8)
        #expect(people.contains("ヘグセス\tHegseth"))
        let again = try runTsuzuri(["glossary", "export", "--builtin", "team"], currentDirectory: cwd)
        #expect(again.status == 2)
        #expect(again.stderr.contains("team/organisations.tsv already exists; nothing was written"))
        #expect(try runTsuzuri(["glossary", "export", "--builtin", "--force", "team"], currentDirectory: cwd).status == 0)
        // The exported files read back as the same glossary.
        let lookup = try runTsuzuri(["lookup", "キエフ", "--glossary", "team"], currentDirectory: cwd)
        #expect(lookup.stdout.contains("team/places.tsv:"))
    }

    @Test("shell completions and the man page are generated from the command definitions")
    func completionsAndManual() throws {
        for shell in ["bash", "zsh", "fish"] {
            let result = try runTsuzuri(["--generate-completion-script", shell])
            #expect(result.status == 0)
            #expect(result.stdout.contains("check"), "\(shell)")
            #expect(result.stdout.contains("config"), "\(shell)")
        }
        // What the generate-manual plugin reads (scripts/install runs it): every command is there.
        let dump = try runTsuzuri(["--experimental-dump-help"])
        #expect(dump.status == 0)
        let help = try JSONSerialization.jsonObject(with: Data(dump.stdout.utf8)) as? [String: Any]
        let command = help?["command"] as? [String: Any]
        let names = (command?["subcommands"] as? [[String: Any]])?.compactMap { $0["commandName"] as? String } ?? []
        #expect(Set(["check", "lookup", "add", "config", "glossary", "tm"]).isSubset(of: Set(names)), "\(names)")
        let install = TsuzuriBinary.repositoryRoot.appendingPathComponent("scripts/install")
        #expect(FileManager.default.isExecutableFile(atPath: install.path))
        let hooks = try String(contentsOf: TsuzuriBinary.repositoryRoot.appendingPathComponent(".pre-commit-hooks.yaml"), encoding: .utf8)
        #expect(hooks.contains("id: tsuzuri-check"))
        #expect(hooks.contains("entry: tsuzuri check"))
    }
}
