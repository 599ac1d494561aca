import Foundation
import Testing

/// `tsuzuri check --format sarif` end to end: the built binary's output is valid SARIF 2.1.0
/// (checked against the OASIS schema with Python's jsonschema) and holds the seed's findings.
@Suite("check --format sarif")
struct CheckSARIFTests {
    static let schema = TsuzuriBinary.repositoryRoot.appendingPathComponent("Tests/EndToEndTests/Fixtures/sarif-2.1.0.json").path

    /// The seed article checked with the repository's glossary, paths relative as a CI job gives them.
    static func seedLog() throws -> RunResult {
        try runTsuzuri(
            ["check", "--format", "sarif", "--glossary", "glossary", "seeds/000_c8ac7e5ec8ea1ea5.txt"],
            currentDirectory: TsuzuriBinary.repositoryRoot)
    }

    @Test("the seed article's SARIF log is valid against the SARIF 2.1.0 schema; exit 1 (findings)")
    func validAgainstSchema() throws {
        let result = try Self.seedLog()
        #expect(result.status == 1, "\(result.stderr)")
        #expect(result.stderr.isEmpty)
        let validation = try validate(result.stdout)
        #expect(validation.status == 0, "schema errors:\n\(validation.stderr)")
    }

    @Test("the validator is not vacuous: a log with an unknown columnKind fails")
    func validatorRejectsBadLog() throws {
        var document = try JSONSerialization.jsonObject(with: Data(try Self.seedLog().stdout.utf8)) as! [String: Any]
        var runs = document["runs"] as! [[String: Any]]
        runs[0]["columnKind"] = "graphemes"
        document["runs"] = runs
        let broken = String(decoding: try JSONSerialization.data(withJSONObject: document), as: UTF8.self)
        let validation = try validate(broken)
        #expect(validation.status == 1, "\(validation.stderr)")
        #expect(validation.stderr.contains("graphemes"))
    }

    struct Log: Decodable {
        struct Run: Decodable {
            var columnKind: String
            var tool: Tool
            var results: [Result]
        }
        struct Tool: Decodable {
            struct Driver: Decodable {
                var name: String
                var rules: [Rule]
            }
            struct Rule: Decodable { var id: String }
            var driver: Driver
        }
        struct Result: Decodable {
            var ruleId: String
            var message: Text
            var locations: [Location]
        }
        struct Text: Decodable { var text: String }
        struct Location: Decodable {
            struct Physical: Decodable {
                struct Artifact: Decodable { var uri: String }
                struct Region: Decodable { var startLine: Int; var startColumn: Int; var endColumn: Int }
                var artifactLocation: Artifact
                var region: Region
            }
            var physicalLocation: Physical
        }
        var version: String
        var runs: [Run]
    }

    @Test("the seed's seven flagged occurrences, in the words and places of the gcc format")
    func seedResults() throws {
        let log = try JSONDecoder().decode(Log.self, from: Data(try Self.seedLog().stdout.utf8))
        let run = try #require(log.runs.first)
        #expect(log.version == "2.1.0" && run.columnKind == "unicodeCodePoints" && run.tool.driver.name == "tsuzuri")
        #expect(run.tool.driver.rules.map(\.id) == ["glossary-variant", "deprecated", "near-miss", "inconsistent-spelling", "missing-term", "inconsistent-translation", "mixed-script"])
        let gcc = try runTsuzuri(
            ["check", "--format", "gcc", "--glossary", "glossary", "seeds/000_c8ac7e5ec8ea1ea5.txt"],
            currentDirectory: TsuzuriBinary.repositoryRoot)
        let asGCC = run.results.map { result in
            let place = result.locations[0].physicalLocation
            return "\(place.artifactLocation.uri):\(place.region.startLine):\(place.region.startColumn): warning: \(result.message.text) [\(result.ruleId)]"
        }
        #expect(asGCC.count == 7)
        #expect(Set(asGCC) == Set(gcc.stdout.split(separator: "\n").map(String.init)))
        let hesuges = try #require(run.results.first { $0.message.text.hasPrefix("ヘスゲス") })
        #expect(hesuges.locations[0].physicalLocation.region.startLine == 52)
        #expect(hesuges.locations[0].physicalLocation.region.endColumn == 41)
    }

    @Test("stdin is named <stdin>, percent-encoded as a URI; a clean text is a log with no results, exit 0")
    func stdinAndClean() throws {
        let glossary = TsuzuriBinary.repositoryRoot.appendingPathComponent("glossary").path
        let flagged = try runTsuzuri(["check", "--format", "sarif", "--glossary", glossary, "-"], stdin: "キエフに到着した。\n")
        #expect(flagged.status == 1)
        #expect(flagged.stdout.contains("\"uri\" : \"%3Cstdin%3E\""))
        let clean = try runTsuzuri(["check", "--format", "sarif", "--glossary", glossary, "-"], stdin: "キーウに到着した。\n")
        #expect(clean.status == 0)
        let log = try JSONDecoder().decode(Log.self, from: Data(clean.stdout.utf8))
        #expect(log.runs.count == 1 && log.runs[0].results.isEmpty)
        #expect(try validate(clean.stdout).status == 0)
    }

    /// Validates `document` against the SARIF schema fixture with Python's jsonschema, using the
    /// draft the schema declares (draft-04). Status 0 valid, 1 invalid (errors on stderr); a
    /// missing python3 or jsonschema fails the calling test instead of skipping it.
    private func validate(_ document: String, sourceLocation: SourceLocation = #_sourceLocation) throws -> RunResult {
        let script = """
            import json, sys
            try:
                import jsonschema
            except ImportError:
                sys.stderr.write("Python's jsonschema package is missing: pip install jsonschema\\n")
                sys.exit(3)
            with open(sys.argv[1], encoding="utf-8") as f:
                schema = json.load(f)
            document = json.loads(sys.stdin.buffer.read().decode("utf-8"))
            validator = jsonschema.validators.validator_for(schema)
            validator.check_schema(schema)
            errors = list(validator(schema).iter_errors(document))
            for error in errors:
                sys.stderr.write("/".join(str(p) for p in error.absolute_path) + ": " + error.message + "\\n")
            sys.exit(1 if errors else 0)
            """
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", script, Self.schema]
        let input = Pipe(), output = Pipe(), errors = Pipe()
        process.standardInput = input
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        // The script reads all of stdin before it writes anything, so writing first cannot deadlock.
        try input.fileHandleForWriting.write(contentsOf: Data(document.utf8))
        try input.fileHandleForWriting.close()
        let err = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        _ = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let status = process.terminationStatus
        if status == 127 { Issue.record("python3 not found: install python3, then pip install jsonschema", sourceLocation: sourceLocation) }
        if status == 3 { Issue.record(Comment(rawValue: err), sourceLocation: sourceLocation) }
        return RunResult(status: status, stdout: "", stderr: err)
    }
}
