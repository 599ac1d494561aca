import Foundation
import Testing

/// `tsuzuri glossary import` and `export`, run as a user would, in a folder of their own.
@Suite("glossary import and export, end to end")
struct GlossaryExchangeCommandTests {
    static let header = "ja\ten\tkind\tvariants\taliases\tnote\n"
    static let team = header + "キーウ\tKyiv\tplace\t!キエフ\t\tcapital of Ukraine\nヘグセス\tHegseth\tperson\tヘグゼス\t\tPete Hegseth\n"

    func write(_ text: String, _ name: String, in folder: URL) throws {
        try Data(text.utf8).write(to: folder.appendingPathComponent(name))
    }

    func read(_ name: String, in folder: URL) throws -> String {
        String(decoding: try Data(contentsOf: folder.appendingPathComponent(name)), as: UTF8.self)
    }

    @Test("export to TBX, then import into an empty file: the same entries; again: all unchanged")
    func roundTrip() throws {
        let cwd = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: cwd) }
        try write(Self.team, "team.tsv", in: cwd)
        let export = try runTsuzuri(["glossary", "export", "--glossary", "team.tsv", "--format", "tbx2", "team.tbx"], currentDirectory: cwd)
        #expect(export.status == 0)
        #expect(export.stdout == "")
        #expect(export.stderr == "2 entries written to team.tbx (tbx2)\n")
        #expect(try read("team.tbx", in: cwd).contains("<martif type=\"TBX-Basic\""))

        let first = try runTsuzuri(["glossary", "import", "team.tbx", "--to", "copy.tsv", "--glossary", "copy.tsv"], currentDirectory: cwd)
        #expect(first.status == 0)
        #expect(first.stdout.hasSuffix("team.tbx: 2 added, 0 merged, 0 unchanged, 0 conflicts, 0 skipped → copy.tsv\n"))
        #expect(try read("copy.tsv", in: cwd) == Self.team)

        let again = try runTsuzuri(["glossary", "import", "team.tbx", "--to", "copy.tsv", "--glossary", "copy.tsv"], currentDirectory: cwd)
        #expect(again.status == 0)
        #expect(again.stdout == "team.tbx: 0 added, 0 merged, 2 unchanged, 0 conflicts, 0 skipped (copy.tsv unchanged)\n")
    }

    @Test("prh import: regex patterns warned with their line, conflicts listed, exit 1; --dry-run writes nothing")
    func prhDryRun() throws {
        let cwd = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: cwd) }
        try write(Self.team, "team.tsv", in: cwd)
        try write("version: 1\nrules:\n  - expected: ヘグセス\n    patterns: [ヘグセズ]\n  - expected: キエフ\n    patterns: [キエーフ]\n  - expected: ウェブ\n    patterns:\n      - ウエブ\n      - /ウェッブ?/\n", "prh.yml", in: cwd)
        let run = try runTsuzuri(["glossary", "import", "prh.yml", "--to", "team.tsv", "--glossary", "team.tsv", "--dry-run"], currentDirectory: cwd)
        #expect(run.status == 1)
        #expect(run.stderr == "tsuzuri: warning: prh.yml:10: regular-expression pattern /ウェッブ?/ of \"ウェブ\" skipped; tsuzuri lists spellings: add each one it should catch as a variant\n")
        #expect(run.stdout == """
            prh.yml:3: would be merged ヘグセズ into ヘグセス at team.tsv:3
            prh.yml:5: conflict: team.tsv:2: "キエフ" is already a deprecated form of "キーウ"; a form may belong to one entry only
            prh.yml:7: would be added ウェブ = ウェブ at team.tsv:4
            prh.yml: 1 added, 1 merged, 0 unchanged, 1 conflicts, 1 skipped (dry run: team.tsv not written)

            """)
        #expect(try read("team.tsv", in: cwd) == Self.team)
    }

    @Test("bad input and a read-only glossary: message with file and line, exit 2, nothing written")
    func refusals() throws {
        let cwd = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: cwd) }
        try write(Self.team, "team.tsv", in: cwd)
        try write("ja,en,kind,variants,aliases,note\nキエフ,Kiev,place\n", "ragged.csv", in: cwd)
        let ragged = try runTsuzuri(["glossary", "import", "ragged.csv", "--to", "team.tsv", "--glossary", "team.tsv"], currentDirectory: cwd)
        #expect(ragged.status == 2)
        #expect(ragged.stderr.hasPrefix("tsuzuri: error: ragged.csv:2: 3 fields where the header has 6"))

        try write("ja,en\nルビオ,Rubio\n", "new.csv", in: cwd)
        let path = cwd.appendingPathComponent("team.tsv").path
        try FileManager.default.setAttributes([.posixPermissions: 0o444], ofItemAtPath: path)
        let readOnly = try runTsuzuri(["glossary", "import", "new.csv", "--to", "team.tsv", "--glossary", "team.tsv"], currentDirectory: cwd)
        #expect(readOnly.status == 2)
        #expect(readOnly.stderr == "tsuzuri: error: team.tsv: cannot write the glossary: the file is read-only (make it writable, e.g. chmod u+w, to add to it); the file is unchanged\n")
        #expect(try read("team.tsv", in: cwd) == Self.team)
        let left = try FileManager.default.contentsOfDirectory(atPath: cwd.path).sorted()
        #expect(left == ["new.csv", "ragged.csv", "team.tsv"])
    }

    @Test("export --format csv to stdout; an unknown extension needs --format")
    func exportStdout() throws {
        let cwd = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: cwd) }
        try write(Self.team, "team.tsv", in: cwd)
        let run = try runTsuzuri(["glossary", "export", "--glossary", "team.tsv", "--format", "csv", "-"], currentDirectory: cwd)
        #expect(run.status == 0)
        #expect(run.stdout == "ja,en,kind,variants,aliases,note\r\nキーウ,Kyiv,place,!キエフ,,capital of Ukraine\r\nヘグセス,Hegseth,person,ヘグゼス,,Pete Hegseth\r\n")
        let unknown = try runTsuzuri(["glossary", "export", "--glossary", "team.tsv", "terms.xlsx"], currentDirectory: cwd)
        #expect(unknown.status == 2)
        #expect(unknown.stderr.contains("add --format tbx, tbx2, csv, omegat or prh"))
    }
}
