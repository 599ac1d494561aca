import Foundation
import Testing
@testable import TsuzuriMemory

/// The stores the shared memory tests run against.
enum MemoryKind: String, CustomStringConvertible, Sendable {
    case sqlite, postgres

    var description: String { rawValue }

    /// SQLite always; PostgreSQL when a test server is given, and always in CI, where a missing
    /// server must fail the run rather than skip it.
    static let tested: [MemoryKind] = PostgresTestServer.shouldRun ? [.sqlite, .postgres] : [.sqlite]
}

/// The PostgreSQL server the tests use: `TSUZURI_TEST_POSTGRES`, set by scripts/with-postgres.
enum PostgresTestServer {
    static let url: String? = {
        let value = ProcessInfo.processInfo.environment["TSUZURI_TEST_POSTGRES"]
        return value?.isEmpty == false ? value : nil
    }()

    static let inCI = ["true", "1"].contains(ProcessInfo.processInfo.environment["CI"]?.lowercased() ?? "")

    static let shouldRun: Bool = {
        if url == nil && !inCI {
            print("note: TSUZURI_TEST_POSTGRES is not set: the PostgreSQL store tests are skipped (run them with `scripts/with-postgres swift test`)")
        }
        return url != nil || inCI
    }()

    static let skipNote: Comment = "TSUZURI_TEST_POSTGRES is not set: run `scripts/with-postgres swift test` to test the PostgreSQL store"

    struct Unset: Error, CustomStringConvertible {
        var description: String { "TSUZURI_TEST_POSTGRES is not set, but CI is: the PostgreSQL store must be tested in CI (.ci/run starts a server with scripts/with-postgres)" }
    }

    /// The server's URL, or the CI failure.
    static func requireURL() throws -> String {
        guard let url else { throw Unset() }
        return url
    }

    /// The URL of a fresh schema of its own on the test server (each test gets one, so tests run in parallel).
    static func freshSchema() throws -> (url: String, schema: String) {
        let base = try requireURL()
        let schema = "t_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased()
        try admin { try $0.execute("CREATE SCHEMA \(schema)") }
        let separator = base.contains("?") ? "&" : "?"
        return (base + separator + "options=-csearch_path%3D\(schema)", schema)
    }

    /// Runs `body` on a connection of its own to the test server.
    static func admin<T>(_ body: (PostgresConnection) throws -> T) throws -> T {
        let connection = try PostgresConnection(address: PostgresAddress(try requireURL()), timeout: 10)
        return try body(connection)
    }
}

/// A fresh memory in a temporary folder (SQLite) or a schema of its own (PostgreSQL), removed
/// when the value goes away. The folder also holds the files a test imports.
final class TemporaryMemory {
    let folder: URL
    let memory: TranslationMemory
    let kind: MemoryKind
    /// The PostgreSQL schema, and the URL that selects it.
    private(set) var schema: String?
    private(set) var location: String

    init(_ kind: MemoryKind = .sqlite) throws {
        self.kind = kind
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("tsuzuri-memory-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        switch kind {
        case .sqlite:
            location = folder.appendingPathComponent("memory.sqlite").path
            schema = nil
        case .postgres:
            (location, schema) = try PostgresTestServer.freshSchema()
        }
        memory = try TranslationMemory.open(location: location, readOnly: false)
    }

    /// Another memory value (its own connection) on the same store.
    func reopen(readOnly: Bool = false, wait: TimeInterval = TranslationMemory.defaultWait) throws -> TranslationMemory {
        try TranslationMemory.open(location: location, readOnly: readOnly, wait: wait)
    }

    deinit {
        try? FileManager.default.removeItem(at: folder)
        if let schema { _ = try? PostgresTestServer.admin { try $0.execute("DROP SCHEMA \(schema) CASCADE") } }
    }

    var path: String { memory.path }

    func file(_ name: String, _ contents: String) -> URL {
        let url = folder.appendingPathComponent(name)
        try? Data(contents.utf8).write(to: url)
        return url
    }

    static let tmx = """
        <?xml version="1.0" encoding="UTF-8"?>
        <tmx version="1.4">
          <header creationtool="test" creationtoolversion="1" datatype="plaintext" segtype="sentence" adminlang="en" srclang="ja" o-tmf="test"/>
          <body>
            <tu changedate="20240101T000000Z"><tuv xml:lang="ja"><seg>ファイルを開けません</seg></tuv><tuv xml:lang="en"><seg>Cannot open the file</seg></tuv></tu>
            <tu changedate="20240102T000000Z"><tuv xml:lang="ja"><seg>ファイルを保存できません</seg></tuv><tuv xml:lang="en"><seg>Cannot save the file</seg></tuv></tu>
            <tu changedate="20240103T000000Z"><tuv xml:lang="ja"><seg>国防長官はヘグセス氏です</seg></tuv><tuv xml:lang="en-US"><seg>The Secretary of Defense is Hegseth</seg></tuv></tu>
            <tu changedate="20240104T000000Z"><tuv xml:lang="ja"><seg>設定を<bpt i="1">&lt;b&gt;</bpt>保存<ept i="1">&lt;/b&gt;</ept>しました</seg></tuv><tuv xml:lang="en"><seg>Settings <ph>&lt;br/&gt;</ph>saved</seg></tuv></tu>
            <tu><tuv xml:lang="ja"><seg>ファイルを開けません</seg></tuv><tuv xml:lang="en"><seg>Cannot open the file</seg></tuv></tu>
          </body>
        </tmx>
        """
}
