import Foundation
import Testing

/// Issue 12: the defects a new user's trial found, each pinned end to end.
@Suite struct ReliabilityTests {
    typealias Workspace = MemoryCommandTests.Workspace

    // MARK: 1. Long queries

    @Test func searchPastTheQueryBoundIsAUsageErrorNotACrash() throws {
        let w = try Workspace()
        #expect(try w.tm(["import", try w.write("a.tmx", MemoryCommandTests.tmx)]).status == 0)
        let line = String(repeating: "ファイル", count: 23_500) + "\n"  // 94,000 characters on one line
        let search = try w.tm(["search", "-"], stdin: line)
        #expect(search.status == 2)
        #expect(search.stderr.contains("the query is 94000 characters long"))
        #expect(search.stderr.contains("at most 10000 characters"))
        // The same line in an article: the sentence keeps its place, the memory search is left out.
        let article = try w.write("article.txt", line)
        let pretranslate = try runTsuzuri(["pretranslate", article, "--memory", w.memory])
        #expect(pretranslate.status == 1)
        #expect(pretranslate.stderr.contains("article.txt:1:1: sentence longer than 10000 characters: not searched in the memory"))
    }

    @Test func lowMinimumWithALongQueryStillAnswers() throws {
        let w = try Workspace()
        #expect(try w.tm(["import", try w.write("a.tmx", MemoryCommandTests.tmx)]).status == 0)
        let query = String(String(repeating: "ファイルを開けません。", count: 100).prefix(1_000))
        let search = try w.tm(["search", "--min", "0", "--format", "json", query])
        #expect(search.status == 0)
        #expect(search.stdout.contains("\"Cannot open the file\""))
    }

    // MARK: 2. A second writer waits

    @Test func secondImportWaitsForTheFirstAndPastItsBoundSaysSo() throws {
        let w = try Workspace()
        #expect(try w.tm(["import", try w.write("a.tmx", MemoryCommandTests.tmx)]).status == 0)
        // An import from stdin holds the memory's write lock until its input ends.
        let first = try SlowImport(memory: w.memory)
        first.send("保存\tSave\n")
        let small = try w.write("b.tsv", "開く\tOpen\n")
        var refused: RunResult?
        for _ in 0..<100 {
            let attempt = try w.tm(["import", "--wait", "0.3", small])
            if attempt.status != 0 {
                refused = attempt
                break
            }
            Thread.sleep(forTimeInterval: 0.1)  // the first import had not taken the lock yet
        }
        #expect(refused?.status == 2)
        #expect(refused?.stderr.contains("still locked by another process (an import?) after waiting 0.3 s") == true)
        #expect(refused?.stderr.contains("--wait SECONDS") == true)
        #expect(refused?.stderr.contains("database is locked") == false)
        // With the default wait, a second import simply waits for the first to finish.
        let other = try w.write("c.tsv", "閉じる\tClose\n")
        let finisher = Thread {
            Thread.sleep(forTimeInterval: 1.5)
            first.finish()
        }
        finisher.start()
        let waited = try w.tm(["import", other])
        #expect(waited.status == 0, "\(waited.stderr)")
        #expect(first.wait() == 0)
        // 開く may have landed from a probe that ran before the first import locked the memory.
        #expect(try w.tm(["import", small]).status == 0)
        let stats = try w.tm(["stats"])
        #expect(stats.stdout.contains("units: 6"), "\(stats.stdout)")
    }

    // MARK: 3. Glossary writes

    @Test func addRemovesDeadWritersTemporariesAndLeavesNoLockFile() throws {
        let folder = try makeTemporaryDirectory()
        let glossary = folder.appendingPathComponent("g.tsv")
        try Data("ja\ten\tkind\tvariants\taliases\tnote\n".utf8).write(to: glossary)
        // What a writer killed during its fsync leaves: a pid that no longer runs.
        let stale = folder.appendingPathComponent(".g.tsv.tmp-999999999-12345")
        try Data("half".utf8).write(to: stale)
        let added = try runTsuzuri(["add", "ツヅリテスト", "Tsuzuri test", "--to", "g.tsv"], currentDirectory: folder)
        #expect(added.status == 0, "\(added.stderr)")
        let refused = try runTsuzuri(["add", "ツヅリテスト", "Tsuzuri test", "--to", "g.tsv"], currentDirectory: folder)
        #expect(refused.status == 2)
        let left = try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
        #expect(left == ["g.tsv"])
    }

    @Test func addRefusesAReadOnlyGlossaryEvenAsRoot() throws {
        let folder = try makeTemporaryDirectory()
        let glossary = folder.appendingPathComponent("g.tsv")
        let before = Data("ja\ten\tkind\tvariants\taliases\tnote\n".utf8)
        try before.write(to: glossary)
        try FileManager.default.setAttributes([.posixPermissions: 0o444], ofItemAtPath: glossary.path)
        let result = try runTsuzuri(["add", "ツヅリテスト", "Tsuzuri test", "--to", "g.tsv"], currentDirectory: folder)
        #expect(result.status == 2)
        #expect(result.stderr.contains("g.tsv: cannot write the glossary: the file is read-only"))
        #expect(try Data(contentsOf: glossary) == before)
        let mode = try FileManager.default.attributesOfItem(atPath: glossary.path)[.posixPermissions] as? Int
        #expect(mode == 0o444)
    }

    // MARK: 4. Language codes

    @Test(arguments: ["", "japanese", "xx-!!"])
    func everyLanguageOptionRefusesWhatIsNotALanguageCode(_ code: String) throws {
        let w = try Workspace()
        let tsv = try w.write("a.tsv", "保存\tSave\n")
        for arguments in [["import", "--source-lang", code, tsv], ["import", "--target-lang", code, tsv],
                          ["add", "--source-lang", code, "保存", "Save"], ["search", "--lang", code, "保存"]] {
            let result = try w.tm(arguments)
            #expect(result.status == 2, "\(arguments)")
            #expect(result.stderr.contains("'\(code)' is not a language code"), "\(arguments): \(result.stderr)")
        }
        #expect(w.memoryBytes() == nil)
    }

    // MARK: 5. Limits

    @Test(arguments: [["search", "--limit", "0", "保存"], ["concordance", "--limit", "0", "保存"], ["search", "--limit", "-1", "保存"]])
    func limitOptionsMustBeAtLeastOne(_ arguments: [String]) throws {
        let w = try Workspace()
        #expect(try w.tm(["import", try w.write("a.tmx", MemoryCommandTests.tmx)]).status == 0)
        let result = try w.tm(arguments)
        #expect(result.status == 2)
        #expect(result.stderr.contains("--limit must be 1 or more, not \(arguments[2])"))
    }

    // MARK: 6. Messages that say what to do

    @Test func invalidUTF8InPOAndTSVImportsGivesTheByteOffsetAndTheLikelyEncoding() throws {
        let w = try Workspace()
        let tsv = w.folder.appendingPathComponent("sjis.tsv")
        // "a<TAB>b" then ヘグセス<TAB>Hegseth in Shift_JIS.
        try Data([0x61, 0x09, 0x62, 0x0A, 0x83, 0x77, 0x83, 0x4F, 0x83, 0x5A, 0x83, 0x58, 0x09, 0x48, 0x0A]).write(to: tsv)
        let result = try w.tm(["import", tsv.path])
        #expect(result.status == 2)
        #expect(result.stderr.contains("sjis.tsv:2: invalid UTF-8 at byte offset 4; the file looks like SHIFT_JIS; convert it with iconv -f SHIFT_JIS -t UTF-8"))
        let po = w.folder.appendingPathComponent("euc.po")
        var bytes = Array("msgid \"\"\nmsgstr \"Language: ja\\n\"\n\nmsgid \"File\"\nmsgstr \"".utf8)
        let offset = bytes.count
        bytes += [0xA5, 0xD5, 0xA5, 0xA1, 0xA5, 0xA4, 0xA5, 0xEB] + Array("\"\n".utf8)  // ファイル in EUC-JP
        try Data(bytes).write(to: po)
        let poResult = try w.tm(["import", po.path])
        #expect(poResult.status == 2)
        #expect(poResult.stderr.contains("euc.po:5: invalid UTF-8 at byte offset \(offset); the file looks like EUC-JP; convert it with iconv -f EUC-JP -t UTF-8"), "\(poResult.stderr)")
    }

    @Test func checkNamesUTF16InsteadOfShiftJIS() throws {
        let folder = try makeTemporaryDirectory()
        let file = folder.appendingPathComponent("utf16.txt")
        try Data([0xFF, 0xFE] + Array("ヘグセス\n".utf16).flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }).write(to: file)
        let result = try runTsuzuri(["check", file.path])
        #expect(result.status == 2)
        #expect(result.stderr.contains("the file looks like UTF-16; convert it with iconv -f UTF-16 -t UTF-8"))
        #expect(!result.stderr.contains("SHIFT_JIS"))
    }

    @Test func exportIntoAMissingFolderSaysWhy() throws {
        let w = try Workspace()
        #expect(try w.tm(["import", try w.write("a.tmx", MemoryCommandTests.tmx)]).status == 0)
        let result = try w.tm(["export", w.folder.appendingPathComponent("nodir/x.tmx").path])
        #expect(result.status == 2)
        #expect(result.stderr.contains("nodir/x.tmx: cannot write the TMX file: the folder"))
        #expect(result.stderr.contains("does not exist; create it first"))
    }

    @Test func importReadsStdinWithAnInputFormat() throws {
        let w = try Workspace()
        let imported = try w.tm(["import", "--input-format", "tsv", "-"], stdin: "保存\tSave\n開く\tOpen\n")
        #expect(imported.status == 0, "\(imported.stderr)")
        #expect(imported.stdout.contains("<stdin>: 2 added"))
        let refused = try w.tm(["import", "-"], stdin: "保存\tSave\n")
        #expect(refused.status == 2)
        #expect(refused.stderr.contains("add --input-format tmx, po or tsv"))
    }

    // MARK: 7. Command line

    @Test func versionHelpAndUsageErrors() throws {
        let version = try runTsuzuri(["--version"])
        #expect(version.status == 0)
        #expect(version.stdout.trimmingCharacters(in: .whitespacesAndNewlines).split(separator: ".").count == 3)
        let help = try runTsuzuri(["help", "nosuch"])
        #expect(help.status == 2)
        #expect(help.stderr.contains("no command 'nosuch'"))
        #expect(try runTsuzuri(["help", "tm", "search"]).status == 0)
        let similar = try runTsuzuri(["similar", "", ""])
        #expect(similar.status == 2)
        #expect(similar.stderr.contains("the first spelling is empty"))
        let lookup = try runTsuzuri(["lookup", "--suggestions", "-1", "ヘグセス"])
        #expect(lookup.status == 2)
        #expect(lookup.stderr.contains("--suggestions must be 0 or more, not -1"))
    }

    // MARK: 8. gcc output follows the order of the inputs

    @Test func gccLinesFollowTheOrderTheFilesWereGiven() throws {
        let folder = try makeTemporaryDirectory()
        try Data("ja\ten\tkind\tvariants\taliases\tnote\nヘグセス\tHegseth\tperson\tヘグゼス\t\t\n".utf8)
            .write(to: folder.appendingPathComponent("g.tsv"))
        for name in ["z.txt", "a.txt"] {
            try Data("ヘグゼス長官。\n".utf8).write(to: folder.appendingPathComponent(name))
        }
        let result = try runTsuzuri(["check", "--format", "gcc", "--glossary", "g.tsv", "z.txt", "a.txt"], currentDirectory: folder)
        #expect(result.status == 1)
        let files = result.stdout.split(separator: "\n").map { $0.prefix(while: { $0 != ":" }) }
        #expect(files == ["z.txt", "a.txt"])
    }

    // MARK: 9. Concurrency

    @Test func concurrentAddsAllLand() throws {
        let folder = try makeTemporaryDirectory()
        try Data("ja\ten\tkind\tvariants\taliases\tnote\n".utf8).write(to: folder.appendingPathComponent("g.tsv"))
        let failures = Counter()
        DispatchQueue.concurrentPerform(iterations: 4) { process in
            for i in 0..<10 {
                let run = try? runTsuzuri(["add", "語\(process)の\(i)", "term \(process) \(i)", "--to", "g.tsv"], currentDirectory: folder)
                if run?.status != 0 { failures.add() }
            }
        }
        #expect(failures.value == 0)
        let lines = try String(contentsOf: folder.appendingPathComponent("g.tsv"), encoding: .utf8).split(separator: "\n")
        #expect(lines.count == 41)
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["g.tsv"])
    }

    @Test func twoImportsAndSearchesAtOnceLoseNothing() throws {
        let w = try Workspace()
        let first = try w.write("one.tsv", (0..<3_000).map { "文書\($0)を保存しました\tSaved document \($0)\n" }.joined())
        let second = try w.write("two.tsv", (0..<3_000).map { "ファイル\($0)を開けません\tCannot open file \($0)\n" }.joined())
        #expect(try w.tm(["add", "設定を保存しました", "Settings saved"]).status == 0)
        let failures = Counter(), searches = Counter()
        let done = DispatchSemaphore(value: 0)
        let finished = Counter()
        for file in [first, second] {
            Thread {
                if (try? w.tm(["import", file]))?.status != 0 { failures.add() }
                finished.add()
                done.signal()
            }.start()
        }
        while finished.value < 2 {
            let search = try w.tm(["search", "設定を保存しました"])
            if search.status != 0 || !search.stdout.contains("Settings saved") { failures.add() }
            searches.add()
        }
        done.wait()
        done.wait()
        #expect(failures.value == 0)
        #expect(searches.value > 0)
        let stats = try w.tm(["stats"])
        #expect(stats.stdout.contains("units: 6001"), "\(stats.stdout)")
    }

    // MARK: 10. Pipes are read once

    /// Runs `script` in bash with `$T` the tsuzuri binary, `$SEED` the seed article and `$G` the
    /// glossary, in a fresh folder, under a timeout (a second open of a FIFO used to wait forever).
    private func bash(_ script: String) throws -> RunResult {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("tsuzuri-pipe-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/bash")
        process.arguments = ["-c", script]
        process.currentDirectoryURL = folder
        var environment = ProcessInfo.processInfo.environment.filter { !$0.key.hasPrefix("TSUZURI_") }
        environment["NO_COLOR"] = "1"
        environment["T"] = TsuzuriBinary.url.path
        environment["SEED"] = CheckCommandTests.seed
        environment["G"] = CheckCommandTests.glossary
        process.environment = environment
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        let stderr = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return RunResult(status: process.terminationStatus, stdout: String(decoding: stdout, as: UTF8.self), stderr: String(decoding: stderr, as: UTF8.self))
    }

    @Test("check reads a pipe or a named FIFO once: the whole text, no hang, not fixed")
    func pipesAreReadOnce() throws {
        let file = try runTsuzuri(["check", "--glossary", CheckCommandTests.glossary, CheckCommandTests.seed])
        let summary = try #require(file.stdout.split(separator: "\n").first).replacingOccurrences(of: CheckCommandTests.seed, with: "X")
        // The format peek took the first 4 KiB of a pipe away from the check (2 findings of 3).
        let substituted = try bash(#"timeout 60 "$T" check --glossary "$G" <(cat "$SEED")"#)
        #expect(substituted.status == 1, "\(substituted.stderr)")
        #expect(substituted.stdout.hasPrefix(summary.replacingOccurrences(of: "X", with: "/dev/fd/")), "\(substituted.stdout.prefix(200))")
        // A named FIFO was opened again (for snippets), which waited for a writer for ever.
        let fifo = try bash(#"mkfifo f && { cat "$SEED" > f & } && timeout 60 "$T" check --glossary "$G" f"#)
        #expect(fifo.status == 1, "exit \(fifo.status): \(fifo.stderr)")
        #expect(fifo.stdout.hasPrefix(summary.replacingOccurrences(of: "X", with: "f")))
        let parallel = try bash(#"timeout 60 "$T" check --jobs 2 --glossary "$G" <(cat "$SEED") "$SEED""#)
        #expect(parallel.status == 1)
        #expect(parallel.stdout.hasPrefix("3 findings, 14 flagged occurrences in /dev/fd/"), "\(parallel.stdout.prefix(200))")
        let fix = try bash(#"timeout 60 "$T" check --fix --glossary "$G" <(cat "$SEED")"#)
        #expect(fix.status == 2)
        #expect(fix.stderr.contains("is a pipe or a device, which cannot be fixed. Give the file's path."))
    }

    @Test("tm import on a terminal reads a named FIFO once: the progress bar's line count took the whole pipe")
    func memoryImportReadsAFIFOOnce() throws {
        // `script` gives tsuzuri a terminal on stderr, which turns the progress bar on.
        let run = try bash(#"""
            mkfifo f && { printf '日本語\tJapanese\n英語\tEnglish\n' > f & }
            script -qec 'timeout 20 "$T" tm import --memory m.db --input-format tsv f' /dev/null
            echo "exit $?"
            "$T" tm stats --memory m.db
            """#)
        #expect(run.stdout.contains("exit 0"), "\(run.stdout)")
        #expect(run.stdout.contains("units: 2"), "\(run.stdout)")
    }

    @Test("a PO catalogue from a named FIFO that is not UTF-8 is reported, not opened again for its charset")
    func poFromAFIFOIsNotReopened() throws {
        let run = try bash(#"""
            mkfifo f && { printf 'msgid ""\nmsgstr "Content-Type: text/plain; charset=ISO-8859-1\\n"\n\nmsgid "caf\xe9"\nmsgstr ""\n' > f & }
            timeout 20 "$T" check --input-format po f
            """#)
        #expect(run.status == 2, "exit \(run.status): \(run.stderr)")
        #expect(run.stderr.contains("f:4"), "\(run.stderr)")
    }
}

/// A `tm import -` that keeps its stdin open, and so holds the memory's write lock, until `finish()`.
private final class SlowImport: @unchecked Sendable {  // the pipe and process are used from one thread at a time
    private let process = Process()
    private let input = Pipe()

    init(memory: String) throws {
        process.executableURL = TsuzuriBinary.url
        process.arguments = ["tm", "import", "--memory", memory, "--input-format", "tsv", "-"]
        var environment = ProcessInfo.processInfo.environment.filter { !$0.key.hasPrefix("TSUZURI_") }
        environment["NO_COLOR"] = "1"
        process.environment = environment
        process.standardInput = input
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
    }

    func send(_ text: String) { input.fileHandleForWriting.write(Data(text.utf8)) }

    func finish() { try? input.fileHandleForWriting.close() }

    func wait() -> Int32 {
        process.waitUntilExit()
        return process.terminationStatus
    }
}

/// A count shared between threads.
private final class Counter: @unchecked Sendable {  // guarded by `lock`
    private let lock = NSLock()
    private var count = 0

    func add() {
        lock.lock()
        count += 1
        lock.unlock()
    }

    var value: Int {
        lock.lock()
        defer { lock.unlock() }
        return count
    }
}
