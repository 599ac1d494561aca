import TsuzuriCheck
import TsuzuriGlossary

/// One flagged occurrence in one document, with what the diagnostic, the quick fixes and the
/// glossary action need.
struct Occurrence {
    var finding: Finding
    var use: SpellingUse
    var location: TextLocation
    /// The glossary entry of the finding, when the glossary knows the entity.
    var entry: GlossaryEntry?

    var rule: CheckRule { use.rule! }
}

extension LanguageServer {
    // MARK: Synchronisation

    func didOpen(_ params: JSONValue, now: Double) throws {
        let item = params["textDocument"]
        guard let uri = item["uri"].stringValue, let text = item["text"].stringValue else {
            throw RPCError.invalidParams("didOpen needs textDocument.uri and textDocument.text")
        }
        let document = TextDocument(
            uri: uri, languageID: item["languageId"].stringValue ?? "plaintext", version: item["version"].intValue ?? 0, text: text)
        if documents.updateValue(document, forKey: uri) == nil { openOrder.append(uri) }
        mustPublish.insert(uri)
        scheduleCheck(now: now, immediately: true)
    }

    func didChange(_ params: JSONValue, now: Double) throws {
        guard let uri = params["textDocument"]["uri"].stringValue, let changes = params["contentChanges"].arrayValue else {
            throw RPCError.invalidParams("didChange needs textDocument.uri and contentChanges")
        }
        guard var document = documents.removeValue(forKey: uri) else {
            throw RPCError.invalidParams("didChange for \(uri), which is not open")
        }
        // A change that cannot be applied leaves the text as it was before this notification,
        // never half-edited. (Taken out of the dictionary so that editing does not copy it.)
        let before = document
        do {
            for change in changes {
                guard let text = change["text"].stringValue else {
                    throw RPCError.invalidParams("a content change needs \"text\"")
                }
                let range = change["range"]
                if range.isNull {
                    try document.apply(range: nil, text: text, encoding: encoding)
                } else {
                    guard let start = Self.position(range["start"]), let end = Self.position(range["end"]) else {
                        throw RPCError.invalidParams("a content change's range needs start and end with line and character")
                    }
                    try document.apply(range: (start, end), text: text, encoding: encoding)
                }
            }
        } catch let error as TextDocument.ChangeError {
            documents[uri] = before
            throw RPCError.invalidParams("\(uri): \(error); the change was not applied")
        } catch {
            documents[uri] = before
            throw error
        }
        document.version = params["textDocument"]["version"].intValue ?? document.version + 1
        documents[uri] = document
        mustPublish.insert(uri)
        scheduleCheck(now: now, immediately: false)
    }

    func didClose(_ params: JSONValue, now: Double) throws {
        guard let uri = params["textDocument"]["uri"].stringValue else {
            throw RPCError.invalidParams("didClose needs textDocument.uri")
        }
        guard documents.removeValue(forKey: uri) != nil else { return }
        openOrder.removeAll { $0 == uri }
        occurrences[uri] = nil
        mustPublish.remove(uri)
        // A closed document's diagnostics are cleared; the others may change (consistency across
        // documents counted the closed one).
        if published.removeValue(forKey: uri) != nil {
            notify("textDocument/publishDiagnostics", ["uri": .string(uri), "diagnostics": []])
        }
        scheduleCheck(now: now, immediately: true)
    }

    static func position(_ value: JSONValue) -> TextDocument.Position? {
        guard let line = value["line"].intValue, let character = value["character"].intValue else { return nil }
        return TextDocument.Position(line: line, character: character)
    }

    // MARK: Checking

    /// Schedules a check: right away (opening, a new glossary) or after the debounce (typing), but
    /// never later than `maximumDelay` after the first change still waiting.
    func scheduleCheck(now: Double, immediately: Bool) {
        let first = firstPendingChange ?? now
        firstPendingChange = first
        let due = immediately ? now : min(now + configuration.debounce, first + configuration.maximumDelay)
        checkDue = due
    }

    /// Runs a scheduled check now, if one is waiting (before answering a request that must see
    /// the findings of the current text).
    func checkIfPending() {
        if checkDue != nil { runCheck() }
    }

    /// Checks every open document together, as `tsuzuri check FILE…` does (a name spelled two ways
    /// in two documents is found), and publishes each document's diagnostics: always for the
    /// documents the client changed, otherwise only when they differ from the last ones sent.
    func runCheck() {
        checkDue = nil
        firstPendingChange = nil
        if glossaryChangedOnDisk() { reloadGlossary() }
        let checker = Checker(prepared: prepared, engine: engine)
        var suppressions = Suppressions()
        for uri in openOrder {
            guard let document = documents[uri] else { continue }
            if let problem = DocumentReader.check(document, name: uri, with: checker, suppressions: &suppressions) { log(problem, type: 2) }
        }
        let report = suppressions.apply(to: checker.report()).report
        var found: [String: [Occurrence]] = [:]
        for finding in report.findings {
            let entry = finding.glossarySource == nil ? nil : glossary.entry(forJapanese: finding.preferred)?.entry
            for use in finding.spellings where use.rule != nil {
                for location in use.locations {
                    found[location.file, default: []].append(Occurrence(finding: finding, use: use, location: location, entry: entry))
                }
            }
        }
        for uri in openOrder {
            guard let document = documents[uri] else { continue }
            let list = (found[uri] ?? []).sorted { $0.location < $1.location }
            occurrences[uri] = list
            let diagnostics = list.map { diagnostic(for: $0, in: document) }
            if mustPublish.contains(uri) || published[uri] != diagnostics {
                published[uri] = diagnostics
                notify(
                    "textDocument/publishDiagnostics",
                    ["uri": .string(uri), "version": .int(document.version), "diagnostics": .array(diagnostics)])
            }
        }
        mustPublish.removeAll()
    }

    /// The protocol range of a location in `document`.
    func range(of location: TextLocation, in document: TextDocument) -> JSONValue {
        let start = document.position(line: location.line, column: location.column, encoding: encoding)
        let end = document.position(line: location.line, column: location.column + location.length, encoding: encoding)
        return Self.json(start: start, end: end)
    }

    static func json(start: TextDocument.Position, end: TextDocument.Position) -> JSONValue {
        [
            "start": ["line": .int(start.line), "character": .int(start.character)],
            "end": ["line": .int(end.line), "character": .int(end.character)],
        ]
    }

    /// A finding's occurrence as a diagnostic: the rule as `code`, the checker's sentence as the
    /// message, the glossary line (or, for a name spelled several ways, the spelling kept) as
    /// related information.
    func diagnostic(for occurrence: Occurrence, in document: TextDocument) -> JSONValue {
        let finding = occurrence.finding
        var related: [JSONValue] = []
        if let entry = occurrence.entry, let source = entry.source, !source.isBuiltIn {
            let line = max(source.line - 1, 0)
            related.append([
                "location": [
                    "uri": .string(Self.uri(forPath: source.file)),
                    "range": Self.json(start: .init(line: line, character: 0), end: .init(line: line, character: 0)),
                ],
                "message": .string("\(entry.ja) = \(entry.en) (\(entry.kind)), \(source)"),
            ])
        }
        if occurrence.rule == .inconsistent, let kept = finding.spellings.first(where: { $0.rule == nil }),
            let place = kept.locations.first, let other = documents[place.file]
        {
            related.append([
                "location": ["uri": .string(place.file), "range": range(of: place, in: other)],
                "message": .string("spelled \(kept.spelling) here (\(kept.count)×)"),
            ])
        }
        var diagnostic: [String: JSONValue] = [
            "range": range(of: occurrence.location, in: document),
            // Glossary variants and deprecated forms are the team's rules: warnings. A near miss
            // or an inconsistency is the engine's judgement: information.
            "severity": .int(occurrence.rule == .glossaryVariant || occurrence.rule == .deprecated ? 2 : 3),
            "code": .string(occurrence.rule.rawValue),
            "source": "tsuzuri",
            "message": .string(finding.message(for: occurrence.use) ?? occurrence.use.spelling),
            "data": ["preferred": .string(finding.preferred), "spelling": .string(occurrence.use.spelling)],
        ]
        if !related.isEmpty { diagnostic["relatedInformation"] = .array(related) }
        return .object(diagnostic)
    }
}
