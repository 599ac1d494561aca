import Foundation
import Testing
import TsuzuriGlossary

@Suite("Writing glossary files")
struct GlossaryWriterTests {
    /// A temporary copy of a fixture, and the folder to delete afterwards.
    func copy(_ fixture: String) throws -> (folder: URL, path: String) {
        let folder = try temporaryFolder()
        let path = folder.appendingPathComponent(fixture).path
        try FileManager.default.copyItem(atPath: Fixtures.path(fixture), toPath: path)
        return (folder, path)
    }

    func bytes(_ path: String) throws -> [UInt8] {
        Array(try Data(contentsOf: URL(fileURLWithPath: path)))
    }

    @Test("add appends one line and keeps every other byte")
    func appends() throws {
        let (folder, path) = try copy("sample.tsv")
        defer { try? FileManager.default.removeItem(at: folder) }
        let before = try bytes(path)
        let outcome = try GlossaryWriter(path: path).add(
            GlossaryAddition(ja: "ルビオ", en: "Rubio", kind: .person, variants: ["ルビーオ"], aliases: ["マルコ・ルビオ"], note: "Marco Rubio"))
        let after = try bytes(path)
        let line = "ルビオ\tRubio\tperson\tルビーオ\tマルコ・ルビオ\tMarco Rubio\n"
        #expect(after == before + Array(line.utf8))
        #expect(outcome == .added(GlossaryEntry(
            ja: "ルビオ", en: "Rubio", kind: .person, variants: ["ルビーオ"], aliases: ["マルコ・ルビオ"], note: "Marco Rubio",
            source: GlossarySource(file: path, line: 11))))
        let reread = try Glossary.load(paths: [path])
        #expect(reread.entries.last?.ja == "ルビオ")
        #expect(reread.entries.last?.source?.line == 11)
    }

    @Test("CRLF line ends, a BOM and a missing final newline are kept")
    func crlf() throws {
        let (folder, path) = try copy("crlf-bom.tsv")
        defer { try? FileManager.default.removeItem(at: folder) }
        let before = try bytes(path)
        let outcome = try GlossaryWriter(path: path).add(
            GlossaryAddition(ja: "キーウ", en: "Kyiv", kind: .place, deprecated: ["キエフ"]))
        #expect(try bytes(path) == before + Array("\r\nキーウ\tKyiv\tplace\t!キエフ\t\t\r\n".utf8))
        #expect(outcome.entry.source?.line == 5)
        #expect(try Glossary.load(paths: [path]).entries.map(\.ja) == ["モスクワ", "クレムリン", "キーウ"])
    }

    @Test("a file that does not exist yet is created with the header line")
    func createsFile() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("custom.tsv").path
        let outcome = try GlossaryWriter(path: path).add(GlossaryAddition(ja: "クルスク", en: "Kursk", kind: .place))
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "\(header)\nクルスク\tKursk\tplace\t\t\t\n")
        #expect(outcome.entry.source?.line == 2)
        // An empty file is treated the same way.
        let empty = folder.appendingPathComponent("empty.tsv").path
        #expect(FileManager.default.createFile(atPath: empty, contents: Data()))
        _ = try GlossaryWriter(path: empty).add(GlossaryAddition(ja: "A", en: "B"))
        #expect(try String(contentsOfFile: empty, encoding: .utf8) == "\(header)\nA\tB\tterm\t\t\t\n")
    }

    @Test("--merge adds new forms to the existing entry and changes only its line")
    func merge() throws {
        let (folder, path) = try copy("sample.tsv")
        defer { try? FileManager.default.removeItem(at: folder) }
        let before = try String(contentsOfFile: path, encoding: .utf8).components(separatedBy: "\n")
        let outcome = try GlossaryWriter(path: path).add(
            GlossaryAddition(ja: "ﾍｸﾞｾｽ", en: "hegseth", variants: ["ヘグゼス", "ヘグセズ"], aliases: ["ピート・ヘグセス"]),
            merge: true)
        let after = try String(contentsOfFile: path, encoding: .utf8).components(separatedBy: "\n")
        #expect(after.count == before.count)
        let changed = zip(before, after).enumerated().filter { $0.element.0 != $0.element.1 }.map(\.offset)
        #expect(changed == [3])
        #expect(after[3] == "ヘグセス\tHegseth\tperson\tヘグゼス|ヘスゲス|ヘグセズ\tピート・ヘグセス\tPete Hegseth")
        #expect(outcome == .merged(
            GlossaryEntry(
                ja: "ヘグセス", en: "Hegseth", kind: .person, variants: ["ヘグゼス", "ヘスゲス", "ヘグセズ"], aliases: ["ピート・ヘグセス"],
                note: "Pete Hegseth", source: GlossarySource(file: path, line: 4)),
            newForms: ["ヘグセズ", "ピート・ヘグセス"]))
    }

    @Test("--merge with nothing new leaves the file untouched")
    func mergeUnchanged() throws {
        let (folder, path) = try copy("sample.tsv")
        defer { try? FileManager.default.removeItem(at: folder) }
        let before = try bytes(path)
        let outcome = try GlossaryWriter(path: path).add(GlossaryAddition(ja: "キーウ", en: "Kyiv", deprecated: ["キエフ"]), merge: true)
        guard case .unchanged = outcome else {
            Issue.record("expected unchanged, got \(outcome)")
            return
        }
        #expect(try bytes(path) == before)
    }

    @Test(
        "refusals name file:line and leave the file byte-identical",
        arguments: [
            (GlossaryAddition(ja: "ヘグセス", en: "Hegseth"), false, "sample.tsv:4: \"ヘグセス\" already has an entry; use --merge"),
            (GlossaryAddition(ja: "ヘグゼス", en: "Hegseth"), false, "sample.tsv:4: \"ヘグゼス\" is already a variant of \"ヘグセス\""),
            (GlossaryAddition(ja: "ヘグゼス", en: "Hegseth"), true, "sample.tsv:4: \"ヘグゼス\" is already a variant of \"ヘグセス\""),
            (GlossaryAddition(ja: "ゼレンスキー", en: "Zelensky", aliases: ["キエフ"]), false,
             "sample.tsv:6: \"キエフ\" is already a deprecated form of \"キーウ\""),
            (GlossaryAddition(ja: "NATO機構", en: "NATO", variants: ["北大西洋条約機構"]), false,
             "sample.tsv:8: \"北大西洋条約機構\" is already an alias of \"NATO\""),
            (GlossaryAddition(ja: "ヘグセス", en: "Hegseth", aliases: ["ヘスゲス"]), true,
             "sample.tsv:4: \"ヘスゲス\" is already a variant of \"ヘグセス\""),
            (GlossaryAddition(ja: "ヘグセス", en: "Pete Hegseth"), true, "sample.tsv:4: the entry \"ヘグセス\" has English form \"Hegseth\""),
            (GlossaryAddition(ja: "ヘグセス", en: "Hegseth", kind: .title), true, "sample.tsv:4: the entry \"ヘグセス\" has kind \"person\""),
            (GlossaryAddition(ja: "ルビオ", en: "Rubio\tMarco"), false, "en \"Rubio\tMarco\": contains a tab or a line break"),
            (GlossaryAddition(ja: "ルビオ\n", en: "Rubio"), false, "ja \"ルビオ\n\": contains a tab or a line break"),
            (GlossaryAddition(ja: "ルビオ", en: "Rubio", note: "a\r\nb"), false, "--note \"a\r\nb\": contains a tab or a line break"),
            (GlossaryAddition(ja: "ルビオ", en: "Rubio", variants: ["ルビーオ|ルビヨ"]), false, "--variant \"ルビーオ|ルビヨ\": contains \"|\""),
            (GlossaryAddition(ja: "ルビオ", en: " "), false, "en \" \": is empty"),
            (GlossaryAddition(ja: "#ルビオ", en: "Rubio"), false, "ja \"#ルビオ\": starts with \"#\""),
            (GlossaryAddition(ja: "ルビオ", en: "Rubio", variants: ["ルビーオ"], aliases: ["ルビーオ"]), false, "--alias \"ルビーオ\": is given twice"),
            (GlossaryAddition(ja: "ルビオ", en: "Rubio", kind: EntryKind(rawValue: "two words")), false, "--kind \"two words\": must be one word"),
        ])
    func refusals(addition: GlossaryAddition, merge: Bool, message: String) throws {
        let (folder, path) = try copy("sample.tsv")
        defer { try? FileManager.default.removeItem(at: folder) }
        let before = try bytes(path)
        #expect {
            try GlossaryWriter(path: path).add(addition, merge: merge)
        } throws: { error in
            let description = (error as? GlossaryError)?.errorDescription ?? ""
            let ok = description.contains(message)
            if !ok { Issue.record("message was: \(description)") }
            return ok
        }
        #expect(try bytes(path) == before)
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.contains(".tmp-") }
        #expect(leftovers.isEmpty)
    }

    @Test("forms are checked against the whole glossary in use, not only the file written")
    func checksOtherFiles() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let people = folder.appendingPathComponent("people.tsv").path
        try "\(header)\nヘグセス\tHegseth\tperson\tヘグゼス\t\t\n".write(toFile: people, atomically: true, encoding: .utf8)
        let custom = folder.appendingPathComponent("custom.tsv").path
        let glossary = try Glossary.load(paths: [folder.path])
        #expect {
            try GlossaryWriter(path: custom).add(GlossaryAddition(ja: "ピート", en: "Pete", variants: ["ヘグゼス"]), checkingAgainst: glossary)
        } throws: { error in
            (error as? GlossaryError)?.errorDescription?.hasPrefix("\(people):2: \"ヘグゼス\" is already a variant") == true
        }
        #expect {
            try GlossaryWriter(path: custom).add(GlossaryAddition(ja: "ヘグセス", en: "Hegseth", variants: ["ヘスゲス"]), merge: true, checkingAgainst: glossary)
        } throws: { error in
            (error as? GlossaryError)?.errorDescription?.contains("pass --to \(people)") == true
        }
        #expect(!FileManager.default.fileExists(atPath: custom))
        // The glossary's stale view of the file being written is replaced by the file as read under the lock.
        _ = try GlossaryWriter(path: people).add(GlossaryAddition(ja: "ヘグセス", en: "Hegseth", variants: ["ヘスゲス"]), merge: true, checkingAgainst: glossary)
        #expect(try Glossary.load(paths: [people]).entries[0].variants == ["ヘグゼス", "ヘスゲス"])
    }

    @Test("a symlinked glossary file is written through the link; permissions are kept")
    func symlinkAndMode() throws {
        let (folder, path) = try copy("sample.tsv")
        defer { try? FileManager.default.removeItem(at: folder) }
        chmod(path, 0o640)
        let link = folder.appendingPathComponent("link.tsv").path
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: path)
        _ = try GlossaryWriter(path: link).add(GlossaryAddition(ja: "ルビオ", en: "Rubio"))
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: link) == path)
        #expect(try Glossary.load(paths: [path]).entries.last?.ja == "ルビオ")
        let attributes = try FileManager.default.attributesOfItem(atPath: path)
        #expect((attributes[.posixPermissions] as? NSNumber)?.intValue == 0o640)
    }

    @Test("concurrent writers in one process all land")
    func concurrentThreads() async throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("g.tsv").path
        try await withThrowingTaskGroup(of: Void.self) { group in
            for index in 0..<16 {
                group.addTask {
                    _ = try GlossaryWriter(path: path).add(GlossaryAddition(ja: "語\(index)", en: "word \(index)"))
                }
            }
            try await group.waitForAll()
        }
        let glossary = try Glossary.load(paths: [path])
        #expect(Set(glossary.entries.map(\.ja)) == Set((0..<16).map { "語\($0)" }))
    }

    @Test("a missing folder or a malformed file is refused before anything is written")
    func badTargets() throws {
        #expect(throws: GlossaryError.self) {
            try GlossaryWriter(path: "/nonexistent-folder/g.tsv").add(GlossaryAddition(ja: "A", en: "B"))
        }
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("bad.tsv").path
        try "\(header)\nA\tB\n".write(toFile: path, atomically: true, encoding: .utf8)
        #expect {
            try GlossaryWriter(path: path).add(GlossaryAddition(ja: "C", en: "D"))
        } throws: { error in
            (error as? GlossaryError)?.errorDescription?.hasPrefix("\(path):2: expected 6 columns, found 2") == true
        }
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "\(header)\nA\tB\n")
    }
}
