import Foundation
import Testing
import TsuzuriExchange
@testable import TsuzuriMemory

/// What only a server store can get wrong: addresses and passwords, logins, schemas written by a
/// newer tsuzuri, a server that goes away, and many processes at once. The behaviour both stores
/// share is tested in `TranslationMemoryTests` against each.
@Suite struct PostgresAddressTests {
    @Test(arguments: [
        ("postgresql://ann:s3cret@db.example.org:5433/tm", "postgresql://ann@db.example.org:5433/tm"),
        ("postgres://ann:p%40ss@db/tm?sslmode=require", "postgres://ann@db/tm?sslmode=require"),
        ("postgresql:///tm?host=/run/pg&password=s3cret", "postgresql:///tm?host=/run/pg&password=%E2%80%A6"),
        ("postgresql://db/tm", "postgresql://db/tm"),
    ])
    func passwordIsNeverShown(_ url: String, _ shown: String) {
        let address = PostgresAddress(url)
        #expect(address.shown == shown)
        #expect(!address.shown.contains("s3cret") && !address.shown.contains("p@ss"))
    }

    @Test func passwordIsRemovedFromServerMessages() {
        #expect(PostgresAddress("postgres://ann:p%40ss@db/tm").redact("failed for p@ss") == "failed for …")
        #expect(PostgresAddress("postgresql:///tm?password=s3cret").redact("failed for s3cret") == "failed for …")
    }

    @Test func memoryLocationsSelectTheStore() {
        #expect(PostgresAddress.isAddress("postgresql://db/tm"))
        #expect(PostgresAddress.isAddress("POSTGRES://db/tm"))
        #expect(!PostgresAddress.isAddress("/home/a/postgresql/memory.sqlite"))
    }

    @Test func unreachableServerIsNamedWithoutThePassword() throws {
        #expect {
            _ = try TranslationMemory.open(location: "postgresql://ann:hunter2@127.0.0.1:1/tm", readOnly: true)
        } throws: { error in
            guard case .unreachable(let address, _) = error as? MemoryError else { return false }
            let message = error.localizedDescription
            return address == "postgresql://ann@127.0.0.1:1/tm" && message.contains("cannot reach the PostgreSQL server")
                && message.contains("127.0.0.1") && !message.contains("hunter2")
        }
    }
}

@Suite(.enabled(if: PostgresTestServer.shouldRun, PostgresTestServer.skipNote))
struct PostgresStoreTests {
    @Test func emptyDatabaseOpenedForReadingHasNoMemoryYet() throws {
        let (url, schema) = try PostgresTestServer.freshSchema()
        defer { _ = try? PostgresTestServer.admin { try $0.execute("DROP SCHEMA \(schema) CASCADE") } }
        #expect {
            _ = try TranslationMemory.open(location: url, readOnly: true)
        } throws: { error in
            guard case .missing = error as? MemoryError else { return false }
            return true
        }
    }

    @Test func newerSchemaIsRefusedAndLeftUntouched() throws {
        let tm = try TemporaryMemory(.postgres)
        try tm.memory.add(NewUnit(source: "保存", target: "Save", sourceLanguage: "ja", targetLanguage: "en"))
        try PostgresTestServer.admin { try $0.execute("UPDATE \(tm.schema!).tm_meta SET value = 99 WHERE name = 'schema_version'") }
        for readOnly in [false, true] {
            #expect {
                _ = try tm.reopen(readOnly: readOnly)
            } throws: { error in
                guard case .newerSchema(_, let found, _) = error as? MemoryError else { return false }
                return found == 99 && error.localizedDescription.contains("upgrade tsuzuri")
            }
        }
        let units = try PostgresTestServer.admin { try $0.execute("SELECT count(*) AS n FROM \(tm.schema!).tm_unit").int64(0, "n") }
        #expect(units == 1)
    }

    @Test func wrongPasswordIsRefusedWithoutShowingIt() throws {
        guard let tcp = ProcessInfo.processInfo.environment["TSUZURI_TEST_POSTGRES_TCP"],
              var components = URLComponents(string: tcp) else {
            Issue.record("TSUZURI_TEST_POSTGRES_TCP (a URL with a password, set by scripts/with-postgres) is needed for the login test")
            return
        }
        components.password = "not-the-password-42"
        #expect {
            _ = try TranslationMemory.open(location: components.string!, readOnly: true)
        } throws: { error in
            guard case .authentication = error as? MemoryError else { return false }
            let message = error.localizedDescription
            return message.contains("refused the login") && message.contains("127.0.0.1") && !message.contains("not-the-password-42")
        }
    }

    /// The same units in both stores give the same hits, ranks and scores.
    @Test func resultsEqualSQLiteForTheSameUnits() throws {
        let sqlite = try TemporaryMemory(.sqlite), postgres = try TemporaryMemory(.postgres)
        var generator = SeededGenerator(seed: 7)
        let syllables = Array("あいうえおかきくけこさしすせそたちつてとなにぬねのファイル保存設定開閉").map(String.init)
        let words = ["open", "close", "the", "file", "save", "cannot", "settings", "window", "a", "new", "read", "error"]
        var tsv = "", sources: [String] = []
        for i in 0..<300 {
            let ja = (0..<Int.random(in: 4...30, using: &generator)).map { _ in syllables.randomElement(using: &generator)! }.joined()
            let en = (0..<Int.random(in: 2...10, using: &generator)).map { _ in words.randomElement(using: &generator)! }.joined(separator: " ")
            tsv += "\(ja)\t\(en) \(i % 7)\n"
            sources.append(ja)
        }
        let a = try sqlite.memory.importFile(sqlite.file("units.tsv", tsv))
        let b = try postgres.memory.importFile(postgres.file("units.tsv", tsv))
        #expect(a.added == 300 && b.added == 300)
        for i in stride(from: 0, to: 300, by: 7) {
            var query = Array(sources[i])
            query[query.count / 2] = "ぬ"
            for minScore in [50, 70, 90] {
                let x = try sqlite.memory.search(String(query), minScore: minScore, limit: 3)
                let y = try postgres.memory.search(String(query), minScore: minScore, limit: 3)
                #expect(x.map(\.unitID) == y.map(\.unitID))
                #expect(x.map(\.score) == y.map(\.score))
                #expect(x.map(\.target) == y.map(\.target))
            }
        }
        #expect(try sqlite.memory.concordance("file").map(\.unitID) == postgres.memory.concordance("file").map(\.unitID))
        #expect(try sqlite.memory.statistics().indexChunks == postgres.memory.statistics().indexChunks)
    }

    /// A search reads its index lists and its candidates' units in a few requests, however many
    /// candidates it verifies (one request per candidate made a server search slow).
    @Test func searchVerifiesManyCandidatesInFewRequests() throws {
        let tm = try TemporaryMemory(.postgres)
        // 600 units a digit or two apart: a query like them has hundreds of close candidates.
        let tsv = (0..<600).map { "ファイル設定を保存できません\($0 + 1000)\tCannot save the settings \($0)\n" }.joined()
        #expect(try tm.memory.importFile(tm.file("close.tsv", tsv)).added == 600)
        let store = try #require(tm.memory.store as? PostgresStore)
        _ = try tm.memory.search("ファイル設定を保存できません", minScore: 70, limit: 5)  // prepares the statements
        let before = store.roundTrips
        let (hits, trace) = try tm.memory.search("ファイル設定を保存できません1234", minScore: 70, limit: 100, scratch: SearchScratch())
        let requests = store.roundTrips - before
        #expect(hits.count == 100)
        #expect(hits.first?.source == "ファイル設定を保存できません1234")
        #expect(trace.verified >= 100, "verified \(trace.verified)")
        // The counts (with the largest id, and BEGIN in the same pipeline), the lists, the units:
        // the COMMIT is not waited for. It was 8 with BEGIN, max(id) and COMMIT on their own.
        #expect(requests <= 5, "\(requests) requests for \(trace.verified) verified candidates")
    }

    /// A search's COMMIT is not waited for: the next statement on the connection collects it,
    /// so a write and the searches after it on the same connection work and see each other.
    @Test func searchesAndWritesFollowEachOtherOnOneConnection() throws {
        let tm = try TemporaryMemory(.postgres)
        try tm.memory.add(NewUnit(source: "ファイルを開けません", target: "Cannot open the file", sourceLanguage: "ja", targetLanguage: "en"))
        for round in 0..<3 {
            #expect(try tm.memory.search("ファイルを開けません").first?.target == "Cannot open the file")
            let id = try tm.memory.add(NewUnit(source: "設定を保存できません\(round)", target: "Cannot save the settings \(round)",
                                               sourceLanguage: "ja", targetLanguage: "en"))
            #expect(id != nil)
            #expect(try tm.memory.search("設定を保存できません\(round)").first?.target == "Cannot save the settings \(round)")
        }
        #expect(try tm.memory.statistics().units == 4)
    }

    /// A large import reserves its ids in large blocks: every reservation ends the units' COPY
    /// and waits for the server, and blocks of at most 1,000 did so 20 times for 20,000 units.
    @Test func largeImportReservesIdsInFewRequests() throws {
        let tm = try TemporaryMemory(.postgres)
        let tsv = (0..<20_000).map { "設定\($0)を保存できません\tCannot save setting \($0)\n" }.joined()
        let store = try #require(tm.memory.store as? PostgresStore)
        let before = store.roundTrips
        #expect(try tm.memory.importFile(tm.file("many.tsv", tsv)).added == 20_000)
        let requests = store.roundTrips - before
        // 39 here; 81 with blocks of at most 1,000 (each reservation also ends and reopens the COPY).
        #expect(requests <= 45, "\(requests) requests for an import of 20,000 units")
        // The ids still ascend from 1 without overlap, and an add after the import takes a new one.
        let added = try #require(try tm.memory.add(NewUnit(source: "新しい", target: "new", sourceLanguage: "ja", targetLanguage: "en")))
        #expect(added > 20_000)
        #expect(try tm.memory.statistics().units == 20_001)
    }

    /// Writers queue behind each other and searchers never wait: nothing is lost, nobody fails.
    /// (scripts/concurrency-test --postgres runs the full 8 writers and 32 searchers.)
    @Test func concurrentWritersAndSearchersLoseNothing() throws {
        let tm = try TemporaryMemory(.postgres)
        try tm.memory.add(NewUnit(source: "ファイルを開けません", target: "Cannot open the file", sourceLanguage: "ja", targetLanguage: "en"))
        let writers = 4, searchers = 8, filesPerWriter = 3, unitsPerFile = 40
        var files: [[URL]] = []
        for w in 0..<writers {
            files.append((0..<filesPerWriter).map { f in
                tm.file("w\(w)-\(f).tsv", (0..<unitsPerFile).map { "ファイル\(w)-\(f)-\($0)を開けません\tCannot open file \(w)-\(f)-\($0)\n" }.joined())
            })
        }
        let errors = ErrorLog()
        let group = DispatchGroup()
        let location = tm.location, writerFiles = files
        for w in 0..<writers {
            group.enter()
            Thread {
                defer { group.leave() }
                do {
                    let memory = try TranslationMemory.open(location: location, readOnly: false)
                    for url in writerFiles[w] { _ = try memory.importFile(url) }
                } catch { errors.add("writer \(w): \(error.localizedDescription)") }
            }.start()
        }
        for s in 0..<searchers {
            group.enter()
            Thread {
                defer { group.leave() }
                do {
                    let memory = try TranslationMemory.open(location: location, readOnly: true)
                    for _ in 0..<10 {
                        let hits = try memory.search("ファイルを開けません", minScore: 70, limit: 3)
                        if hits.first?.target != "Cannot open the file" { errors.add("searcher \(s): top hit \(String(describing: hits.first?.target))") }
                    }
                } catch { errors.add("searcher \(s): \(error.localizedDescription)") }
            }.start()
        }
        group.wait()
        #expect(errors.messages.isEmpty)
        #expect(try tm.memory.statistics().units == 1 + writers * filesPerWriter * unitsPerFile)
        #expect(try tm.memory.search("ファイル3-2-39を開けません", minScore: 100, limit: 1).first?.target == "Cannot open file 3-2-39")
    }

    /// The server ends the importing connection while the file's transaction is open: the file is
    /// rolled back, and the message says so and names the file and the server.
    @Test func serverGoneDuringImportRollsBackAndSaysSo() throws {
        let tm = try TemporaryMemory(.postgres)
        let importer = try tm.reopen()
        let pid = try (importer.store as! PostgresStore).backendProcessID()
        let file = tm.file("big.tsv", (0..<500).map { "文\($0)を保存しました\tSaved \($0)\n" }.joined())
        try PostgresTestServer.admin { admin in
            // Holding the index table makes the import wait at its first index write, mid-transaction.
            try admin.execute("BEGIN")
            try admin.execute("LOCK TABLE \(tm.schema!).tm_gram IN ACCESS EXCLUSIVE MODE")
            let done = DispatchSemaphore(value: 0)
            let outcome = ErrorLog()
            Thread {
                do {
                    _ = try importer.importFile(file)
                    outcome.add("imported")
                } catch { outcome.add(error.localizedDescription) }
                done.signal()
            }.start()
            var waiting = false
            for _ in 0..<200 where !waiting {
                Thread.sleep(forTimeInterval: 0.05)
                waiting = try admin.execute("SELECT count(*) AS n FROM pg_stat_activity WHERE pid = $1 AND wait_event_type = 'Lock'", [.int64(pid)]).int64(0, "n") == 1
            }
            #expect(waiting)
            try admin.execute("SELECT pg_terminate_backend($1)", [.int64(pid)])
            try admin.execute("COMMIT")
            done.wait()
            let message = outcome.messages.first ?? ""
            #expect(message.contains("connection to the server was lost during the import of \(file.path)"), "\(message)")
            #expect(message.contains("rolled it back"))
            #expect(message.hasPrefix(PostgresAddress(tm.location).shown))
        }
        #expect(try tm.memory.statistics().units == 0)
    }
}

/// Messages gathered from many threads.
final class ErrorLog: @unchecked Sendable {  // `messages` is only touched under `lock`
    private let lock = NSLock()
    private var stored: [String] = []
    func add(_ message: String) { lock.lock(); stored.append(message); lock.unlock() }
    var messages: [String] { lock.lock(); defer { lock.unlock() }; return stored }
}
