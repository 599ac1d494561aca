import Foundation
import Testing

/// `tsuzuri tm …` on a PostgreSQL server, end to end: the memory chosen by TSUZURI_MEMORY, and a
/// refused login that exits 2 without printing the password. Needs TSUZURI_TEST_POSTGRES
/// (scripts/with-postgres); skipped without it, failing in CI.
@Suite(.enabled(if: PostgresServer.shouldRun, "TSUZURI_TEST_POSTGRES is not set: run `scripts/with-postgres swift test` to test the PostgreSQL store"))
struct PostgresMemoryCommandTests {
    @Test func memoryCommandsWorkOnAServerNamedByTheEnvironment() throws {
        let base = try PostgresServer.url()
        let schema = "e2e_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased()
        try PostgresServer.psql(base, "CREATE SCHEMA \(schema)")
        defer { try? PostgresServer.psql(base, "DROP SCHEMA \(schema) CASCADE") }
        let url = base + (base.contains("?") ? "&" : "?") + "options=-csearch_path%3D\(schema)"
        let folder = try makeTemporaryDirectory()
        let file = folder.appendingPathComponent("a.tmx")
        try MemoryCommandTests.tmx.write(to: file, atomically: true, encoding: .utf8)
        let environment = ["TSUZURI_MEMORY": url]

        let imported = try runTsuzuri(["tm", "import", file.path], environment: environment)
        #expect(imported.status == 0)
        #expect(imported.stdout.contains("3 added, 0 duplicates, 0 skipped"))
        let search = try runTsuzuri(["tm", "search", "ファイルを開きません"], environment: environment)
        #expect(search.status == 0)
        #expect(search.stdout.contains("90%"))
        #expect(search.stdout.contains("Cannot open the file"))
        let stats = try runTsuzuri(["tm", "stats", "--format", "json"], environment: environment)
        #expect(stats.status == 0)
        #expect(stats.stdout.contains("\"units\" : 3"))
        let none = try runTsuzuri(["tm", "search", "まったく関係のない文です"], environment: environment)
        #expect(none.status == 1)
        // The server store merges each import's rows itself: compact says so and changes nothing.
        let compact = try runTsuzuri(["tm", "compact"], environment: environment)
        #expect(compact.status == 0)
        #expect(compact.stdout.isEmpty)
        #expect(compact.stderr.contains("nothing to compact"))
    }

    @Test func refusedLoginExitsTwoWithoutThePassword() throws {
        guard let tcp = ProcessInfo.processInfo.environment["TSUZURI_TEST_POSTGRES_TCP"], var components = URLComponents(string: tcp) else {
            Issue.record("TSUZURI_TEST_POSTGRES_TCP (a URL with a password, set by scripts/with-postgres) is needed for the login test")
            return
        }
        components.password = "wrong-password-1234"
        let result = try runTsuzuri(["tm", "stats", "--memory", components.string!])
        #expect(result.status == 2)
        #expect(result.stdout.isEmpty)
        #expect(result.stderr.contains("refused the login"))
        #expect(!result.stderr.contains("wrong-password-1234"))
    }
}

/// The test server from scripts/with-postgres.
enum PostgresServer {
    static let shouldRun: Bool = {
        let environment = ProcessInfo.processInfo.environment
        return environment["TSUZURI_TEST_POSTGRES"]?.isEmpty == false || ["true", "1"].contains(environment["CI"]?.lowercased() ?? "")
    }()

    struct Unset: Error, CustomStringConvertible {
        var description: String { "TSUZURI_TEST_POSTGRES is not set, but CI is: .ci/run must start a server with scripts/with-postgres" }
    }

    static func url() throws -> String {
        guard let url = ProcessInfo.processInfo.environment["TSUZURI_TEST_POSTGRES"], !url.isEmpty else { throw Unset() }
        return url
    }

    /// Runs one SQL command with psql (the fixture's schema; the tool under test is not involved).
    static func psql(_ url: String, _ sql: String) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/psql")
        process.arguments = ["-q", "-v", "ON_ERROR_STOP=1", "-c", sql, url]
        try process.run()
        process.waitUntilExit()
        if process.terminationStatus != 0 { throw Unset() }
    }
}
