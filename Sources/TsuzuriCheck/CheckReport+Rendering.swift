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

        public init(
            heading: @escaping @Sendable (String) -> String, flagged: @escaping @Sendable (String) -> String,
            kept: @escaping @Sendable (String) -> String, dim: @escaping @Sendable (String) -> String
        ) {
            self.heading = heading
            self.flagged = flagged
            self.kept = kept
            self.dim = dim
        }

        public static let plain = Palette(heading: { $0 }, flagged: { $0 }, kept: { $0 }, dim: { $0 })
    }

    /// Grouped, human-readable findings: one block per entity, every spelling with its count and places.
    public func renderText(to out: inout some TextOutputStream, palette: Palette = .plain) {
        let singleFile = files.count == 1
        if findings.isEmpty {
            out.write("No findings in \(files.joined(separator: ", ")).\n")
            return
        }
        let noun = findings.count == 1 ? "finding" : "findings"
        out.write("\(findings.count) \(noun), \(flaggedOccurrences) flagged occurrences in \(files.joined(separator: ", "))\n")
        for finding in findings {
            out.write("\n")
            var heading = palette.heading(finding.preferred)
            if let english = finding.english { heading += "  \(english)" }
            if let kind = finding.kind { heading += " (\(kind))" }
            if let source = finding.glossarySource { heading += palette.dim("  \(source)") }
            else { heading += palette.dim("  not in the glossary") }
            out.write(heading + "\n")
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
                let places = use.locations.map { singleFile ? "\($0.line):\($0.column)" : "\($0.file):\($0.line):\($0.column)" }
                out.write(palette.dim("      at " + places.joined(separator: ", ")) + "\n")
            }
        }
    }

    /// One line per flagged occurrence: `path:line:col: warning: message [rule]`, the format
    /// editors and CI annotate from.
    public func renderGCC(to out: inout some TextOutputStream) {
        var lines: [(TextLocation, String)] = []
        for finding in findings {
            for use in finding.spellings {
                guard let rule = use.rule else { continue }
                let message = finding.message(for: use)
                for location in use.locations {
                    lines.append((location, "\(location.file):\(location.line):\(location.column): warning: \(message) [\(rule.rawValue)]"))
                }
            }
        }
        for (_, line) in lines.sorted(by: { $0.0 < $1.0 }) { out.write(line + "\n") }
    }

    /// The JSON document `check --format json` prints (schema in the README).
    public var json: CheckJSON {
        CheckJSON(
            files: files, findings: findings,
            summary: .init(findings: findings.count, flaggedOccurrences: flaggedOccurrences))
    }
}

/// The top-level object of `tsuzuri check --format json`.
public struct CheckJSON: Codable, Sendable {
    public struct Summary: Codable, Sendable {
        public var findings: Int
        public var flaggedOccurrences: Int
    }
    public var version = 1
    public var files: [String]
    public var findings: [Finding]
    public var summary: Summary
}

/// Terminal columns a string takes: East Asian wide characters take two.
func displayWidth(_ s: String) -> Int {
    s.unicodeScalars.reduce(0) { width, scalar in
        let v = scalar.value
        let wide = (0x1100...0x115F).contains(v) || (0x2E80...0xA4CF).contains(v) || (0xAC00...0xD7A3).contains(v)
            || (0xF900...0xFAFF).contains(v) || (0xFE30...0xFE4F).contains(v) || (0xFF00...0xFF60).contains(v)
            || (0xFFE0...0xFFE6).contains(v) || (0x20000...0x3FFFD).contains(v)
        return width + (wide ? 2 : 1)
    }
}

extension Finding {
    /// One sentence about a flagged spelling, naming the form to write, the English form and the
    /// glossary line: the message of `--format gcc` and of the language server's diagnostics.
    public func message(for use: SpellingUse) -> String {
        let target = english.map { "\(preferred) (\($0))" } ?? preferred
        switch use.rule {
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
        case nil:
            return "\(use.spelling) is the spelling to use"
        }
    }
}
