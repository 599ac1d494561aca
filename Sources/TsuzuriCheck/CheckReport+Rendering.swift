import Foundation

/// Turns a check report into the three formats users read: grouped text for terminals, one line
/// per occurrence for editors (gcc style), and JSON for scripts.
extension CheckReport {
    /// Highlighting hooks for the text format, so the library stays free of terminal codes.
    public struct Palette: Sendable {
        public var heading: @Sendable (String) -> String
        public var flagged: @Sendable (String) -> String
        public var kept: @Sendable (String) -> String
        public var dim: @Sendable (String) -> String
        /// What `dim` writes before and after a text, when that is all it does: a long list of
        /// places is then written in pieces between them (the largest finding of 1 GB lists
        /// 226,000). nil: `dim` may change the text itself (escape it), and gets whole lines.
        public var dimCodes: DimCodes?

        public struct DimCodes: Sendable {
            public var open: String
            public var close: String

            public init(open: String, close: String) {
                self.open = open
                self.close = close
            }
        }

        public init(
            heading: @escaping @Sendable (String) -> String, flagged: @escaping @Sendable (String) -> String,
            kept: @escaping @Sendable (String) -> String, dim: @escaping @Sendable (String) -> String,
            dimCodes: DimCodes? = nil
        ) {
            self.heading = heading
            self.flagged = flagged
            self.kept = kept
            self.dim = dim
            self.dimCodes = dimCodes
        }

        public static let plain = Palette(
            heading: { $0 }, flagged: { $0 }, kept: { $0 }, dim: { $0 }, dimCodes: DimCodes(open: "", close: ""))
    }

    /// How many places of one flagged spelling get a line of their own with a snippet; the rest
    /// are listed by place only, so that a spelling used 500 times stays readable.
    public static let snippetsPerSpelling = 10

    /// Grouped, human-readable findings: one block per entity, every spelling with its count and
    /// places. A flagged place that has a snippet gets its own line with the text around it (the
    /// spelling highlighted by the palette), as `grep` shows a match.
    public func renderText(to out: inout some TextOutputStream, palette: Palette = .plain, snippets: [TextLocation: Snippet] = [:]) {
        let singleFile = files.count == 1
        if findings.isEmpty {
            // No files: every input was skipped (an `ignore` pattern), which stderr has said.
            out.write(files.isEmpty ? "No files checked.\n" : "No findings in \(files.joined(separator: ", ")).\n")
            if let units { out.write("\(units.checked) translation units, \(units.untranslated) untranslated\n") }
            return
        }
        let noun = findings.count == 1 ? "finding" : "findings"
        let occurrences = flaggedOccurrences == 1 ? "flagged occurrence" : "flagged occurrences"
        out.write("\(findings.count) \(noun), \(flaggedOccurrences) \(occurrences) in \(files.joined(separator: ", "))\n")
        if let units { out.write(palette.dim("\(units.checked) translation units, \(units.untranslated) untranslated") + "\n") }
        // Places are read as they are written (`forEachLocation`), not resolved first.
        for finding in findings {
            out.write("\n")
            var heading = palette.heading(finding.preferred)
            if let english = finding.english { heading += "  \(english)" }
            if let kind = finding.kind { heading += " (\(kind))" }
            if let source = finding.glossarySource { heading += palette.dim("  \(source)") }
            else if finding.sourceText == nil { heading += palette.dim("  not in the glossary") }
            out.write(heading + "\n")
            if let note = finding.note { out.write(palette.dim("  note: \(note)") + "\n") }
            if let source = finding.sourceText { out.write(palette.dim("  translates: \(source)") + "\n") }
            for evidence in finding.evidence ?? [] { out.write(palette.dim("  evidence: \(evidence)") + "\n") }
            let width = finding.spellings.map { displayWidth($0.spelling) }.max() ?? 0
            for use in finding.spellings {
                let pad = String(repeating: " ", count: max(0, width - displayWidth(use.spelling)))
                let mark = use.rule == nil ? palette.kept("  ✓ ") : palette.flagged("  ✗ ")
                var line = mark + (use.rule == nil ? use.spelling : palette.flagged(use.spelling)) + pad
                line += "  \(use.count)×"
                if let rule = use.rule {
                    line += "  " + rule.summary
                    if let similarity = use.similarity, rule == .nearMiss || rule == .inconsistent {
                        line += " (score \(String(format: "%.2f", similarity))"
                        if let edits = use.edits, !edits.isEmpty { line += ": " + edits.joined(separator: ", ") }
                        line += ")"
                    }
                }
                out.write(line + "\n")
                func place(_ location: TextLocation) -> String {
                    let place = singleFile ? "\(location.line):\(location.column)" : "\(location.file):\(location.line):\(location.column)"
                    return location.unit.map { "\(place) (unit \($0))" } ?? place
                }
                // The first places of a flagged spelling that have a snippet get a line each; the
                // others (stdin's, or past the first ten) are listed by place, in order, on one
                // line that is written as the places come: the largest finding of 1 GB has
                // 226,000, a 2.7 MB line that was built whole and copied three times. Its start
                // says how many it lists, so a first pass counts them.
                func hasSnippet(_ n: Int, _ location: TextLocation) -> Bool {
                    n < Self.snippetsPerSpelling && use.rule != nil && snippets[location] != nil
                }
                var shown = 0
                var total = 0
                forEachLocation(of: use) { location in
                    if hasSnippet(total, location) { shown += 1 }
                    total += 1
                }
                let listed = total - shown
                let opening = "      " + (shown == 0 ? "at " : "and \(listed) more at ")
                // The line built whole, for a palette that does not only wrap; nil: written in pieces.
                var whole: String? = palette.dimCodes == nil ? opening : nil
                let dimOpen = palette.dimCodes?.open ?? "", dimClose = palette.dimCodes?.close ?? ""
                var pending = ""  // places before the tenth, written after the snippet lines
                var opened = false
                var n = 0, placed = 0
                forEachLocation(of: use) { location in
                    defer { n += 1 }
                    if hasSnippet(n, location), let snippet = snippets[location] {
                        let text = (snippet.cutBefore ? "…" : "") + snippet.before + palette.flagged(snippet.match)
                            + snippet.after + (snippet.cutAfter ? "…" : "")
                        out.write(palette.dim("      \(place(location))") + "  " + text + "\n")
                        return
                    }
                    defer { placed += 1 }
                    if whole != nil {
                        whole! += (placed > 0 ? ", " : "") + place(location)
                        return
                    }
                    if placed > 0 { pending += ", " }
                    pending += place(location)
                    if n + 1 >= Self.snippetsPerSpelling {
                        if !opened {
                            out.write(dimOpen + opening)
                            opened = true
                        }
                        out.write(pending)
                        pending = ""
                    }
                }
                guard listed > 0 else { continue }
                if let whole {
                    out.write(palette.dim(whole) + "\n")
                    continue
                }
                if !opened { out.write(dimOpen + opening) }
                out.write(pending + dimClose + "\n")
            }
        }
    }

    /// One line per flagged occurrence: `path:line:col: warning: message [rule]` (or `error:` for a
    /// rule a project raised to error), the format
    /// editors and CI annotate from.
    public func renderGCC(to out: inout some TextOutputStream) {
        var lines: [(TextLocation, String)] = []
        // Only flagged places are printed: a kept spelling's places are not read back.
        for finding in findings.lazy.map(resolvedFlagged) {
            for use in finding.spellings {
                guard let rule = use.rule, let message = finding.message(for: use) else { continue }
                for location in use.locations {
                    let unit = location.unit.map { "unit \($0): " } ?? ""
                    lines.append((location, "\(location.file):\(location.line):\(location.column): \((use.level ?? .warning).rawValue): \(unit)\(message) [\(rule.rawValue)]"))
                }
            }
        }
        // Files in the order they were given (not by name), then by position.
        var order: [String: Int] = [:]
        for (index, file) in files.enumerated() where order[file] == nil { order[file] = index }
        func key(_ l: TextLocation) -> (Int, Int, Int) { (order[l.file] ?? Int.max, l.line, l.column) }
        for (_, line) in lines.sorted(by: { key($0.0) < key($1.0) }) { out.write(line + "\n") }
    }

    /// The JSON document `check --format json` prints (schema in the README).
    public var json: CheckJSON {
        CheckJSON(
            files: files, findings: findings,
            summary: .init(
                findings: findings.count, flaggedOccurrences: flaggedOccurrences, units: units?.checked,
                untranslatedUnits: units?.untranslated, suppressedOccurrences: suppressedOccurrences))
    }
}

extension Finding {
    /// The preferred form with its English form when the glossary knows it: `ヘグセス (Hegseth)`.
    public var preferredWithEnglish: String { english.map { "\(preferred) (\($0))" } ?? preferred }

    /// The one-sentence warning for a flagged spelling of this finding, or nil for the spelling to
    /// keep. Every per-occurrence format (gcc, SARIF) says it in these words, so they never drift.
    public func message(for use: SpellingUse) -> String? {
        guard let rule = use.rule, let message = ruleMessage(for: use, rule: rule) else { return nil }
        guard let evidence, rule == .nearMiss || rule == .inconsistent else { return message }
        return message + " (evidence: " + evidence.joined(separator: "; ") + ")"
    }

    private func ruleMessage(for use: SpellingUse, rule: CheckRule) -> String? {
        let target = preferredWithEnglish
        switch rule {
        case .glossaryVariant:
            return "\(use.spelling) is a variant of \(target); write \(preferred)"
                + (glossarySource.map { " (listed at \($0))" } ?? "")
        case .deprecated:
            return "\(use.spelling) is deprecated; write \(preferred)"
                + (english.map { " (\($0))" } ?? "")
                + (glossarySource.map { " (listed at \($0))" } ?? "")
        case .nearMiss:
            let percent = use.similarity.map { ", variant score \(String(format: "%.2f", $0))" } ?? ""
            return "\(use.spelling) looks like \(target)\(percent); write \(preferred) or add \(use.spelling) to the glossary"
        case .inconsistent:
            let kept = spellings.first { $0.rule == nil }
            return "\(use.spelling) (\(use.count)×) is spelled \(preferred) (\(kept?.count ?? 0)×) elsewhere in the text"
        case .missingTerm:
            return "the source term \(use.spelling) is not translated as \(preferred)"
                + (english.map { " (\($0))" } ?? "")
                + (glossarySource.map { " (listed at \($0))" } ?? "")
        case .mixedScript:
            return "\(use.spelling) mixes scripts (\((use.edits ?? []).joined(separator: ", "))); write \(preferred)"
                + (english.map { " (\($0))" } ?? "")
        case .inconsistentTranslation:
            let kept = spellings.first { $0.rule == nil }
            let units = kept?.locations.compactMap(\.unit) ?? []
            return "\"\(sourceText ?? "")\" is translated \"\(use.spelling)\" here but \"\(preferred)\""
                + (units.isEmpty ? " elsewhere" : " in unit " + units.joined(separator: ", "))
        }
    }
}

/// The top-level object of `tsuzuri check --format json`.
public struct CheckJSON: Codable, Sendable {
    public struct Summary: Codable, Sendable {
        public var findings: Int
        public var flaggedOccurrences: Int
        /// Translation units checked and those without a translation (bilingual files only).
        public var units: Int?
        public var untranslatedUnits: Int?
        /// Flagged occurrences that suppression directives left out.
        public var suppressedOccurrences: Int
    }
    public var version = 1
    public var files: [String]
    public var findings: [Finding]
    public var summary: Summary
}

/// Terminal columns a string takes: East Asian wide characters take two.
public func displayWidth(_ s: String) -> Int {
    s.unicodeScalars.reduce(0) { width, scalar in
        let v = scalar.value
        let wide = (0x1100...0x115F).contains(v) || (0x2E80...0xA4CF).contains(v) || (0xAC00...0xD7A3).contains(v)
            || (0xF900...0xFAFF).contains(v) || (0xFE30...0xFE4F).contains(v) || (0xFF00...0xFF60).contains(v)
            || (0xFFE0...0xFFE6).contains(v) || (0x20000...0x3FFFD).contains(v)
        return width + (wide ? 2 : 1)
    }
}
