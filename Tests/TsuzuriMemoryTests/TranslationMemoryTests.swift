import Foundation
import GRDB
import Testing
import TsuzuriExchange
@testable import TsuzuriMemory

@Suite struct TranslationMemoryTests {
    @Test(arguments: MemoryKind.tested) func importStoresIdenticalPairsOnceAndSkipsWithReasons(_ kind: MemoryKind) throws {
        let tm = try TemporaryMemory(kind)
        let summary = try tm.memory.importFile(tm.file("a.tmx", TemporaryMemory.tmx))
        #expect(summary.added == 4)
        #expect(summary.duplicates == 1)
        let again = try tm.memory.importFile(tm.file("a.tmx", TemporaryMemory.tmx))
        #expect(again.added == 0)
        #expect(again.duplicates == 5)
        let stats = try tm.memory.statistics()
        #expect(stats.units == 4)
        #expect(stats.languagePairs.map { "\($0.source)>\($0.target)" }.sorted() == ["ja>en", "ja>en-US"])
    }

    @Test(arguments: MemoryKind.tested) func fuzzySearchFindsBothDirectionsAndMarksDifferences(_ kind: MemoryKind) throws {
        let tm = try TemporaryMemory(kind)
        _ = try tm.memory.importFile(tm.file("a.tmx", TemporaryMemory.tmx))
        let ja = try tm.memory.search("ファイルを開きません", minScore: 70, limit: 5)
        #expect(ja.first?.source == "ファイルを開けません")
        #expect(ja.first?.target == "Cannot open the file")
        #expect(ja.first?.score == 90)
        #expect(ja.first?.differences == [TextSpan(start: 6, end: 7)])
        let en = try tm.memory.search("cannot open a file", minScore: 70, limit: 5)
        #expect(en.first?.source == "Cannot open the file")
        #expect(en.first?.target == "ファイルを開けません")
        #expect(en.first?.reversed == true)
        #expect(en.first?.score == 75)
        let exact = try tm.memory.search("ファイルを開けません", minScore: 70, limit: 5)
        #expect(exact.first?.exact == true)
        #expect(exact.first?.score == 100)
    }

    @Test(arguments: MemoryKind.tested) func markupIsIgnoredForMatching(_ kind: MemoryKind) throws {
        let tm = try TemporaryMemory(kind)
        _ = try tm.memory.importFile(tm.file("a.tmx", TemporaryMemory.tmx))
        let hits = try tm.memory.search("設定を保存しました", minScore: 100, limit: 1)
        #expect(hits.first?.target == "Settings saved")
        #expect(hits.first?.exact == true)
    }

    @Test(arguments: MemoryKind.tested) func languageFilterIsRegionAware(_ kind: MemoryKind) throws {
        let tm = try TemporaryMemory(kind)
        _ = try tm.memory.importFile(tm.file("a.tmx", TemporaryMemory.tmx))
        #expect(try tm.memory.search("The Secretary of Defense is Hegseth", language: "en").count == 1)
        #expect(try tm.memory.search("The Secretary of Defense is Hegseth", language: "en-US").count == 1)
        #expect(try tm.memory.search("The Secretary of Defense is Hegseth", language: "en-GB").isEmpty)
    }

    @Test(arguments: MemoryKind.tested) func exactMatchesComeFirstThenRecency(_ kind: MemoryKind) throws {
        let tm = try TemporaryMemory(kind)
        let old = Date(timeIntervalSince1970: 1_000_000), new = Date(timeIntervalSince1970: 2_000_000)
        try tm.memory.add(NewUnit(source: "保存しました", target: "Saved (old)", sourceLanguage: "ja", targetLanguage: "en", changed: old))
        try tm.memory.add(NewUnit(source: "保存しました", target: "Saved (new)", sourceLanguage: "ja", targetLanguage: "en", changed: new))
        try tm.memory.add(NewUnit(source: "保存 しました", target: "Saved (spaced)", sourceLanguage: "ja", targetLanguage: "en", changed: new.addingTimeInterval(10)))
        let hits = try tm.memory.search("保存しました", minScore: 70, limit: 5)
        #expect(hits.map(\.target) == ["Saved (new)", "Saved (old)", "Saved (spaced)"])
    }

    @Test(arguments: MemoryKind.tested) func indexAgreesWithExhaustiveScan(_ kind: MemoryKind) throws {
        let tm = try TemporaryMemory(kind)
        var generator = SeededGenerator(seed: 42)
        let syllables = Array("あいうえおかきくけこさしすせそたちつてとなにぬねのファイル保存設定開閉").map(String.init)
        let words = ["open", "close", "the", "file", "save", "cannot", "settings", "window", "a", "new", "read", "error"]
        var sources: [String] = []
        for i in 0..<400 {
            let ja = (0..<Int.random(in: 4...30, using: &generator)).map { _ in syllables.randomElement(using: &generator)! }.joined()
            let en = (0..<Int.random(in: 2...10, using: &generator)).map { _ in words.randomElement(using: &generator)! }.joined(separator: " ")
            try tm.memory.add(NewUnit(source: ja, target: en + " \(i % 7)", sourceLanguage: "ja", targetLanguage: "en"))
            sources.append(ja)
        }
        var agree = 0, total = 0
        for i in stride(from: 0, to: 400, by: 5) {
            var query = Array(sources[i])
            query[query.count / 2] = "ぬ"
            if query.count > 8 { query.remove(at: 2) }
            for minScore in [50, 70] {
                let indexed = try tm.memory.search(String(query), minScore: minScore, limit: 3)
                let scanned = try tm.memory.exhaustiveSearch(String(query), minScore: minScore, limit: 3)
                total += 1
                if indexed.map(\.score) == scanned.map(\.score) && indexed.first?.unitID == scanned.first?.unitID { agree += 1 }
            }
        }
        #expect(agree == total)
    }

    @Test(arguments: MemoryKind.tested) func indexReturnsTheExhaustiveScansHitsForRepetitiveAndLongTexts(_ kind: MemoryKind) throws {
        // Few distinct characters (grams repeat, so the lost-gram filter must not count positions
        // it cannot pin down), texts past 128 grams (beyond the filter's position mask), and
        // near-duplicates that fill the limit at high scores: every hit, score and rank equal.
        let tm = try TemporaryMemory(kind)
        var generator = SeededGenerator(seed: 5)
        let syllables = Array("あいうかアイ保存ファル").map(String.init)
        var tsv = "", sources: [String] = []
        for i in 0..<300 {
            let length = i % 3 == 0 ? Int.random(in: 100...170, using: &generator) : Int.random(in: 3...60, using: &generator)
            var ja = (0..<length).map { _ in syllables.randomElement(using: &generator)! }
            if i % 10 == 0 { sources.append(ja.joined()) }
            if i % 5 == 4, let base = sources.last {
                ja = Array(base).map(String.init)
                ja[Int.random(in: 0..<ja.count, using: &generator)] = syllables.randomElement(using: &generator)!
            }
            tsv += "\(ja.joined())\tunit \(i)\n"
        }
        _ = try tm.memory.importFile(tm.file("units.tsv", tsv))
        // Also with the search stopping to read lists as soon as it may (bounds then count every
        // unread list as shared), which a memory this small never makes worthwhile on its own.
        let eager = SearchScratch()
        eager.postingsPerVerification = 0
        for (i, source) in sources.enumerated() {
            var query = Array(source).map(String.init)
            for _ in 0...(i % 4) { query[Int.random(in: 0..<query.count, using: &generator)] = syllables.randomElement(using: &generator)! }
            if i % 2 == 0 { query.remove(at: query.count / 3) }
            for minScore in [60, 75, 90] {
                let indexed = try tm.memory.search(query.joined(), minScore: minScore, limit: 4)
                let scanned = try tm.memory.exhaustiveSearch(query.joined(), minScore: minScore, limit: 4)
                #expect(indexed.map(\.unitID) == scanned.map(\.unitID), "\(query.joined()) at \(minScore)")
                #expect(indexed.map(\.score) == scanned.map(\.score), "\(query.joined()) at \(minScore)")
                let early = try tm.memory.search(query.joined(), minScore: minScore, limit: 4, scratch: eager).matches
                #expect(early.map(\.unitID) == scanned.map(\.unitID), "\(query.joined()) at \(minScore), reading stopped early")
                #expect(early.map(\.score) == scanned.map(\.score), "\(query.joined()) at \(minScore), reading stopped early")
            }
        }
    }

    @Test(arguments: MemoryKind.tested) func exhaustiveScannerAgreesWithIndex(_ kind: MemoryKind) throws {
        let tm = try TemporaryMemory(kind)
        _ = try tm.memory.importFile(tm.file("a.tmx", TemporaryMemory.tmx))
        let scanner = try ExhaustiveScanner(memory: tm.memory)
        #expect(scanner.textCount == 8)
        for query in ["ファイルを開きません", "cannot open a file", "設定を保存しました", "The Secretary of Defense is Hegseth"] {
            let indexed = try tm.memory.search(query, minScore: 50, limit: 3)
            let scanned = scanner.search(query, minScore: 50, limit: 3)
            #expect(indexed.map(\.unitID) == scanned.map(\.unitID), "\(query)")
            #expect(indexed.map(\.score) == scanned.map(\.score), "\(query)")
        }
    }

    @Test(arguments: MemoryKind.tested) func poImportSkipsFuzzyAndUntranslatedWithReasons(_ kind: MemoryKind) throws {
        let tm = try TemporaryMemory(kind)
        let po = """
            msgid ""
            msgstr ""
            "Language: ja\\n"

            msgid "Open file"
            msgstr "ファイルを開く"

            #, fuzzy
            msgid "Close"
            msgstr "閉じる"

            msgid "Untranslated"
            msgstr ""
            """
        let summary = try tm.memory.importFile(tm.file("ja.po", po))
        #expect(summary.added == 1)
        #expect(summary.skipped == ["fuzzy translation": 1, "untranslated": 1])
        let hit = try tm.memory.search("Open file", minScore: 100, limit: 1).first
        #expect(hit?.target == "ファイルを開く")
        #expect(hit?.targetLanguage == "ja")
    }

    @Test(arguments: MemoryKind.tested) func tsvImportUsesGivenLanguages(_ kind: MemoryKind) throws {
        let tm = try TemporaryMemory(kind)
        let summary = try tm.memory.importFile(tm.file("terms.tsv", "キーウ\tKyiv\n国防長官\tSecretary of Defense\n"),
                                              options: ImportOptions(targetLanguage: "en-GB"))
        #expect(summary.added == 2)
        #expect(try tm.memory.statistics().languagePairs.first?.target == "en-GB")
    }

    @Test(arguments: MemoryKind.tested) func concordanceFindsLatinTermsInsideJapaneseText(_ kind: MemoryKind) throws {
        let tm = try TemporaryMemory(kind)
        _ = try tm.memory.add(NewUnit(source: "ヘグセス長官はNATO本部で語った。", target: "Hegseth spoke at NATO headquarters.", sourceLanguage: "ja", targetLanguage: "en"))
        _ = try tm.memory.add(NewUnit(source: "北大西洋条約", target: "North Atlantic Treaty", sourceLanguage: "ja", targetLanguage: "en"))
        let hits = try tm.memory.concordance("nato")
        #expect(hits.count == 1)
        #expect(hits.first?.sourceSpans == [TextSpan(start: 7, end: 11)])
        #expect(hits.first?.targetSpans == [TextSpan(start: 17, end: 21)])
    }

    @Test(arguments: MemoryKind.tested) func concordanceFindsTermInEitherLanguage(_ kind: MemoryKind) throws {
        let tm = try TemporaryMemory(kind)
        _ = try tm.memory.importFile(tm.file("a.tmx", TemporaryMemory.tmx))
        let ja = try tm.memory.concordance("ファイル")
        #expect(ja.count == 2)
        #expect(ja.allSatisfy { $0.sourceSpans == [TextSpan(start: 0, end: 4)] })
        let en = try tm.memory.concordance("the file")
        #expect(en.count == 2)
        #expect(en.first?.targetSpans == [TextSpan(start: 12, end: 20)])
        let one = try tm.memory.concordance("氏")
        #expect(one.count == 1)
    }

    @Test(arguments: MemoryKind.tested) func malformedFileImportsNothing(_ kind: MemoryKind) throws {
        let tm = try TemporaryMemory(kind)
        let cut = String(TemporaryMemory.tmx.prefix(900))
        #expect(throws: ExchangeError.self) { try tm.memory.importFile(tm.file("cut.tmx", cut)) }
        #expect(try tm.memory.statistics().units == 0)
        #expect(try tm.memory.search("ファイルを開けません").isEmpty)
    }

    @Test(arguments: MemoryKind.tested) func unitWithoutRequestedLanguageRefusesTheFileWhenStrict(_ kind: MemoryKind) throws {
        let tm = try TemporaryMemory(kind)
        let text = TemporaryMemory.tmx.replacingOccurrences(of: "<tuv xml:lang=\"en\"><seg>Cannot save the file</seg></tuv>", with: "")
        #expect {
            try tm.memory.importFile(tm.file("a.tmx", text), options: ImportOptions(targetLanguage: "en", strict: true))
        } throws: { error in
            guard case .strictSkip(_, let line, let reason) = error as? MemoryError else { return false }
            return line == 6 && reason == "no <tuv> in en"
        }
        #expect(try tm.memory.statistics().units == 0)
    }

    @Test(arguments: MemoryKind.tested) func unitWithoutRequestedLanguageIsSkippedWithReasonByDefault(_ kind: MemoryKind) throws {
        let tm = try TemporaryMemory(kind)
        let text = TemporaryMemory.tmx.replacingOccurrences(of: "<tuv xml:lang=\"en\"><seg>Cannot save the file</seg></tuv>", with: "")
        let summary = try tm.memory.importFile(tm.file("a.tmx", text), options: ImportOptions(targetLanguage: "en"))
        #expect(summary.added == 3)
        #expect(summary.skipped == ["no <tuv> in en": 1])
        #expect(summary.skippedLines == ["no <tuv> in en": [6]])
    }

    @Test("a unit whose segments are a single space is skipped, the rest imported (issue 10 item 7)", arguments: MemoryKind.tested)
    func blankSegmentUnitIsSkippedByDefault(_ kind: MemoryKind) throws {
        let tm = try TemporaryMemory(kind)
        let text = TemporaryMemory.tmx.replacingOccurrences(of: "<seg>Cannot save the file</seg>", with: "<seg> </seg>")
        let summary = try tm.memory.importFile(tm.file("a.tmx", text))
        #expect(summary.skipped == ["empty target <seg>": 1])
        #expect(summary.skippedLines == ["empty target <seg>": [6]])
        #expect(summary.added == 3)
        #expect(try tm.memory.statistics().units == 3)
    }

    @Test(arguments: MemoryKind.tested) func strictImportRefusesTheFileOnAnySkip(_ kind: MemoryKind) throws {
        let tm = try TemporaryMemory(kind)
        let text = TemporaryMemory.tmx.replacingOccurrences(of: "<seg>Cannot save the file</seg>", with: "<seg></seg>")
        #expect {
            try tm.memory.importFile(tm.file("a.tmx", text), options: ImportOptions(strict: true))
        } throws: { error in
            guard case .strictSkip(_, let line, let reason) = error as? MemoryError else { return false }
            return line == 6 && reason == "empty target <seg>"
        }
        #expect(try tm.memory.statistics().units == 0)
    }

    @Test(arguments: MemoryKind.tested) func fileWithNoUsableUnitIsAnError(_ kind: MemoryKind) throws {
        let tm = try TemporaryMemory(kind)
        #expect {
            try tm.memory.importFile(tm.file("a.tmx", TemporaryMemory.tmx), options: ImportOptions(targetLanguage: "fr"))
        } throws: { error in
            guard case .nothingImported(_, let reasons) = error as? MemoryError else { return false }
            return reasons.contains("5 × no <tuv> in fr")
        }
        #expect(try tm.memory.statistics().units == 0)
    }

    @Test func newerSchemaIsRefusedAndLeftUntouched() throws {
        let tm = try TemporaryMemory()
        try tm.memory.add(NewUnit(source: "保存", target: "Save", sourceLanguage: "ja", targetLanguage: "en"))
        try (tm.memory.store as! SQLiteStore).dbQueue.write { db in try db.execute(sql: "PRAGMA user_version = 99") }
        let before = try Data(contentsOf: URL(fileURLWithPath: tm.path))
        #expect {
            _ = try TranslationMemory(path: tm.path)
        } throws: { error in
            guard case .newerSchema(_, let found, _) = error as? MemoryError else { return false }
            return found == 99
        }
        #expect(try Data(contentsOf: URL(fileURLWithPath: tm.path)) == before)
    }

    @Test func lockedMemoryIsReportedAndLeftUnchanged() throws {
        let tm = try TemporaryMemory()
        try tm.memory.add(NewUnit(source: "保存", target: "Save", sourceLanguage: "ja", targetLanguage: "en"))
        let other = try DatabaseQueue(path: tm.path)
        try other.inDatabase { db in
            try db.execute(sql: "BEGIN EXCLUSIVE")
            #expect {
                let second = try TranslationMemory(path: tm.path, readOnly: false, busyTimeout: 0.1)
                try second.add(NewUnit(source: "開く", target: "Open", sourceLanguage: "ja", targetLanguage: "en"))
            } throws: { error in
                guard case .locked = error as? MemoryError else { return false }
                return true
            }
            try db.execute(sql: "ROLLBACK")
        }
        #expect(try tm.memory.statistics().units == 1)
    }

    @Test func writerWaitsForAnotherWriterWithinItsBound() throws {
        let tm = try TemporaryMemory()
        try tm.memory.add(NewUnit(source: "保存", target: "Save", sourceLanguage: "ja", targetLanguage: "en"))
        let other = try DatabaseQueue(path: tm.path)
        let released = DispatchSemaphore(value: 0)
        let holding = DispatchSemaphore(value: 0)
        Thread {
            try? other.inDatabase { db in
                try db.execute(sql: "BEGIN IMMEDIATE")
                try db.execute(sql: "INSERT INTO tm_meta(name, value) VALUES ('held', 1)")
                holding.signal()
                Thread.sleep(forTimeInterval: 1.5)
                try db.execute(sql: "COMMIT")
            }
            released.signal()
        }.start()
        holding.wait()
        // Another process is writing: a generous wait outlasts it and the unit lands.
        let second = try TranslationMemory(path: tm.path, readOnly: false, busyTimeout: 30)
        let started = Date()
        #expect(try second.add(NewUnit(source: "開く", target: "Open", sourceLanguage: "ja", targetLanguage: "en")) != nil)
        #expect(Date().timeIntervalSince(started) >= 1)
        released.wait()
        #expect(try tm.memory.statistics().units == 2)
    }

    @Test func lockedMessageSaysHowLongItWaitedAndHowToWaitLonger() {
        let message = MemoryError.locked(path: "tm.sqlite", waited: 2).localizedDescription
        #expect(message == "tm.sqlite: the memory is still locked by another process (an import?) after waiting 2 s; try again when it has finished, or wait longer with --wait SECONDS")
        #expect(!message.contains("database is locked"))
    }

    @Test func readOnlyOpenOfMissingFileSaysSo() throws {
        #expect {
            _ = try TranslationMemory(path: "/nonexistent/tsuzuri/memory.sqlite", readOnly: true)
        } throws: { error in
            guard case .missing = error as? MemoryError else { return false }
            return true
        }
    }

    @Test(arguments: MemoryKind.tested) func roundTripThroughTMXKeepsUnits(_ kind: MemoryKind) throws {
        let tm = try TemporaryMemory(kind)
        _ = try tm.memory.importFile(tm.file("a.tmx", TemporaryMemory.tmx))
        try tm.memory.add(NewUnit(source: "改行\nと & <記号>", target: "Line\nbreak & <signs>", sourceLanguage: "ja", targetLanguage: "en", notes: ["a note"]))
        var out = ""
        try tm.memory.exportTMX(into: &out, toolVersion: "test")
        let copy = try TemporaryMemory(kind)
        let summary = try copy.memory.importFile(copy.file("export.tmx", out))
        #expect(summary.added == 5)
        var first: [ExchangeUnit] = [], second: [ExchangeUnit] = []
        try tm.memory.forEachUnit { first.append($0) }
        try copy.memory.forEachUnit { second.append($0) }
        #expect(first.map(\.segments) == second.map(\.segments))
        #expect(first.map(\.notes) == second.map(\.notes))
        #expect(first.map(\.changeDate) == second.map(\.changeDate))
    }

    @Test func defaultPathFollowsEnvironment() {
        #expect(TranslationMemory.defaultPath(environment: ["TSUZURI_MEMORY": "/x/m.sqlite"], home: "/home/a") == "/x/m.sqlite")
        #expect(TranslationMemory.defaultPath(environment: ["XDG_DATA_HOME": "/data"], home: "/home/a") == "/data/tsuzuri/memory.sqlite")
        #expect(TranslationMemory.defaultPath(environment: [:], home: "/home/a") == "/home/a/.local/share/tsuzuri/memory.sqlite")
    }
}

/// A small deterministic generator so that the agreement test sees the same corpus every run.
struct SeededGenerator: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
