import Foundation
import TsuzuriCheck
import TsuzuriGlossary

extension LanguageServer {
    /// The kind of the "fix every finding in this document" action when asked for as a source
    /// action (VS Code's `editor.codeActionsOnSave`).
    static let fixAllKind = "source.fixAll.tsuzuri"
    /// The command that adds a spelling to the glossary as a variant of an entry.
    static let addVariantCommand = "tsuzuri.addVariant"

    /// textDocument/codeAction: for each flagged occurrence under the range, a quick fix that
    /// writes the preferred form, and for a spelling the glossary does not know yet, an action
    /// that adds it to the entry as a variant; then one action that fixes the whole document.
    func codeActions(_ params: JSONValue) throws -> JSONValue {
        guard let uri = params["textDocument"]["uri"].stringValue,
            let start = Self.position(params["range"]["start"]), let end = Self.position(params["range"]["end"])
        else {
            throw RPCError.invalidParams("codeAction needs textDocument.uri and a range with start and end")
        }
        guard let document = documents[uri] else { return [] }
        checkIfPending()
        let only = params["context"]["only"].arrayValue?.compactMap(\.stringValue)
        func wanted(_ kind: String) -> Bool {
            guard let only else { return true }
            return only.contains { kind == $0 || kind.hasPrefix($0 + ".") }
        }
        let all = occurrences[uri] ?? []
        let (from, to) = (document.resolve(start, encoding), document.resolve(end, encoding))
        var actions: [JSONValue] = []
        var offeredAdditions = Set<String>()
        if wanted("quickfix") {
            for occurrence in all where Self.overlaps(occurrence.location, from: from, to: to) {
                let diagnostic = diagnostic(for: occurrence, in: document)
                actions.append([
                    "title": .string("Write \(occurrence.finding.preferred)"),
                    "kind": "quickfix",
                    "isPreferred": true,
                    "diagnostics": [diagnostic],
                    "edit": ["changes": [uri: [textEdit(occurrence, in: document)]]],
                ])
                if let addition = addVariantAction(occurrence, diagnostic: diagnostic),
                    offeredAdditions.insert(occurrence.use.spelling).inserted
                {
                    actions.append(addition)
                }
            }
        }
        // Fix-all: offered beside the quick fixes (where there is something to fix under the
        // cursor) and whenever source actions are asked for.
        let fixAllAsSource = only?.contains { Self.fixAllKind.hasPrefix($0) } ?? false
        if !all.isEmpty, fixAllAsSource || (!actions.isEmpty && wanted("quickfix")) {
            let count = all.count
            actions.append([
                "title": .string("Fix all \(count) tsuzuri finding\(count == 1 ? "" : "s") in this document"),
                "kind": .string(fixAllAsSource ? Self.fixAllKind : "quickfix"),
                "edit": ["changes": [uri: .array(all.map { textEdit($0, in: document) })]],
            ])
        }
        return .array(actions)
    }

    /// Whether a location touches the range between two (line index, scalar index) positions;
    /// a cursor just before or just after a word counts as on it.
    static func overlaps(_ location: TextLocation, from: (line: Int, scalar: Int), to: (line: Int, scalar: Int)) -> Bool {
        let line = location.line - 1
        let start = (line, location.column - 1), end = (line, location.column - 1 + location.length)
        return !(end < from) && !(to < start)
    }

    func textEdit(_ occurrence: Occurrence, in document: TextDocument) -> JSONValue {
        ["range": range(of: occurrence.location, in: document), "newText": .string(occurrence.finding.preferred)]
    }

    /// "Add ヘスゲス to the glossary as a variant of ヘグセス": for a near miss of an entry read from
    /// a file (the built-in glossary cannot be written).
    func addVariantAction(_ occurrence: Occurrence, diagnostic: JSONValue) -> JSONValue? {
        guard occurrence.rule == .nearMiss, let entry = occurrence.entry, let source = entry.source, !source.isBuiltIn else {
            return nil
        }
        let spelling = occurrence.use.spelling
        let title = "Add \(spelling) to the glossary as a variant of \(entry.ja) (\(source.file))"
        return [
            "title": .string(title),
            "kind": "quickfix",
            "diagnostics": [diagnostic],
            "command": [
                "title": .string(title),
                "command": .string(Self.addVariantCommand),
                "arguments": [["ja": .string(entry.ja), "en": .string(entry.en), "variant": .string(spelling), "file": .string(source.file)]],
            ],
        ]
    }

    /// workspace/executeCommand: `tsuzuri.addVariant` writes the variant with the same locked,
    /// atomic writer as `tsuzuri add --merge`, then reads the glossary again and re-checks.
    func executeCommand(_ params: JSONValue, now: Double) throws -> JSONValue {
        guard let command = params["command"].stringValue else {
            throw RPCError.invalidParams("executeCommand needs a command")
        }
        guard command == Self.addVariantCommand else {
            throw RPCError.invalidParams("unknown command \(command); tsuzuri lsp offers \(Self.addVariantCommand)")
        }
        let argument = params["arguments"].arrayValue?.first ?? .null
        guard let ja = argument["ja"].stringValue, let en = argument["en"].stringValue,
            let variant = argument["variant"].stringValue, let file = argument["file"].stringValue
        else {
            throw RPCError.invalidParams("\(Self.addVariantCommand) needs one argument {ja, en, variant, file}")
        }
        let outcome: GlossaryWriteOutcome
        do {
            outcome = try GlossaryWriter(path: file).add(
                GlossaryAddition(ja: ja, en: en, variants: [variant]), merge: true, checkingAgainst: glossary)
        } catch {
            let description = (error as? LocalizedError)?.errorDescription ?? "\(error)"
            show(description, type: 1)
            throw RPCError.requestFailed(description)
        }
        reloadGlossary()
        scheduleCheck(now: now, immediately: true)
        runCheck()
        let entry = outcome.entry
        show("added \(variant) as a variant of \(entry.ja) at \(entry.source?.description ?? file)", type: 3)
        return ["entry": .string(entry.ja), "source": .string(entry.source?.description ?? file)]
    }
}
