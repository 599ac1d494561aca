import TsuzuriText

/// One replacement in a file: the characters at `line:column` (1-based, Unicode scalars, as the
/// checker reports them), `length` of them, become `replacement`.
public struct TextEdit: Hashable, Sendable {
    public var line: Int
    public var column: Int
    public var length: Int
    /// What the checker read there (the flagged spelling), to make sure the file still says it.
    public var original: String
    public var replacement: String

    public init(line: Int, column: Int, length: Int, original: String, replacement: String) {
        self.line = line
        self.column = column
        self.length = length
        self.original = original
        self.replacement = replacement
    }
}

extension CheckRule {
    /// The rules `check --fix` rewrites: the glossary says what to write. An in-text
    /// inconsistency is fixed only when asked (`--fix-unknown`): its preferred spelling is the
    /// text's most frequent one, a guess. Translation rules have no mechanical fix.
    public static let fixable: Set<CheckRule> = [.glossaryVariant, .deprecated, .nearMiss, .mixedScript]
    public static let fixableUnknown: Set<CheckRule> = fixable.union([.inconsistent])
}

extension CheckReport {
    /// The edits that write each finding's preferred form over every flagged occurrence of the
    /// given rules, by file, in file order.
    /// How many flagged occurrences `edits(fixing: rules)` would replace (counted, not resolved:
    /// a large input's places stay where they are).
    public func fixableOccurrences(_ rules: Set<CheckRule>) -> Int {
        findings.reduce(0) { total, finding in
            total + finding.spellings.reduce(0) { $0 + ($1.rule.map(rules.contains) == true ? $1.count : 0) }
        }
    }

    public func edits(fixing rules: Set<CheckRule>) -> [String: [TextEdit]] {
        var byFile: [String: [TextEdit]] = [:]
        var seen = Set<TextLocation>()
        for finding in findings {
            for use in finding.spellings {
                guard let rule = use.rule, rules.contains(rule) else { continue }
                for location in use.locations where seen.insert(location).inserted {
                    byFile[location.file, default: []].append(
                        TextEdit(
                            line: location.line, column: location.column, length: location.length,
                            original: use.spelling, replacement: finding.preferred))
                }
            }
        }
        return byFile.mapValues { $0.sorted { ($0.line, $0.column) < ($1.line, $1.column) } }
    }
}

/// Applies edits to a file's bytes, touching nothing but the replaced characters: line ends, a
/// byte order mark, markup and every other byte stay as they were.
public enum TextEditor {
    public struct Result: Sendable {
        public var bytes: [UInt8]
        public var applied: [TextEdit]
        /// Edits not made, with the reason (the file no longer says what the checker read).
        public var skipped: [(edit: TextEdit, reason: String)]
    }

    /// `escape` turns the replacement into what the format needs (`&amp;` in XML, `\"` in PO).
    public static func apply(_ edits: [TextEdit], to bytes: [UInt8], escape: (String) -> String = { $0 }) -> Result {
        let lines = lineStarts(bytes)
        var output = bytes
        var applied: [TextEdit] = [], skipped: [(TextEdit, String)] = []
        // Right to left, so earlier byte offsets stay valid.
        for edit in edits.sorted(by: { ($0.line, $0.column) > ($1.line, $1.column) }) {
            guard edit.line >= 1, edit.line <= lines.count,
                let span = byteSpan(bytes, lineStart: lines[edit.line - 1], column: edit.column, length: edit.length)
            else {
                skipped.append((edit, "line \(edit.line), column \(edit.column) is no longer in the file"))
                continue
            }
            let text = String(decoding: bytes[span], as: UTF8.self)
            guard Normalizer.normalize(text, .term) == Normalizer.normalize(edit.original, .term) else {
                skipped.append((edit, "the file has \(text) at \(edit.line):\(edit.column), not \(edit.original) as written (markup or escapes inside); fix it by hand"))
                continue
            }
            output.replaceSubrange(span, with: Array(escape(edit.replacement).utf8))
            applied.append(edit)
        }
        return Result(bytes: output, applied: applied.reversed(), skipped: skipped.reversed())
    }

    /// Byte offsets where each line starts (after a leading byte order mark, which columns do not count).
    static func lineStarts(_ bytes: [UInt8]) -> [Int] {
        var starts = [bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0]
        for (index, byte) in bytes.enumerated() where byte == 0x0A { starts.append(index + 1) }
        return starts
    }

    /// The bytes of `length` scalars from `column` of the line starting at `lineStart`.
    static func byteSpan(_ bytes: [UInt8], lineStart: Int, column: Int, length: Int) -> Range<Int>? {
        var offset = lineStart
        var scalar = 1
        var start: Int?
        while offset <= bytes.count {
            if scalar == column { start = offset }
            if let start, scalar == column + length { return start..<offset }
            guard offset < bytes.count, bytes[offset] != 0x0A else { return nil }
            offset += scalarLength(bytes[offset])
            scalar += 1
        }
        return nil
    }

    private static func scalarLength(_ lead: UInt8) -> Int {
        switch lead {
        case 0..<0x80: 1
        case 0xC0..<0xE0: 2
        case 0xE0..<0xF0: 3
        default: 4
        }
    }

    /// A unified diff of two versions of a file (`--- a/PATH`, `+++ b/PATH`, hunks with three
    /// lines of context), as `git diff` prints one; empty when they are the same.
    public static func unifiedDiff(old: [UInt8], new: [UInt8], path: String) -> String {
        func split(_ bytes: [UInt8]) -> [String] {
            var lines = bytes.split(separator: 0x0A, omittingEmptySubsequences: false).map { String(decoding: $0, as: UTF8.self) }
            if lines.last == "" { lines.removeLast() }
            return lines
        }
        let a = split(old), b = split(new)
        guard a != b else { return "" }
        // Fixes never add or remove lines, so line i of one is line i of the other.
        let changed = (0..<max(a.count, b.count)).filter { i in (i < a.count ? a[i] : nil) != (i < b.count ? b[i] : nil) }
        var hunks: [ClosedRange<Int>] = []
        for i in changed {
            let range = max(0, i - 3)...min(max(a.count, b.count) - 1, i + 3)
            if let last = hunks.last, range.lowerBound <= last.upperBound + 1 {
                hunks[hunks.count - 1] = last.lowerBound...max(last.upperBound, range.upperBound)
            } else {
                hunks.append(range)
            }
        }
        // git's a/ and b/ prefixes for a relative path; an absolute path is shown as it is.
        let (from, to) = path.hasPrefix("/") ? (path, path) : ("a/" + path, "b/" + path)
        var out = "--- \(from)\n+++ \(to)\n"
        for hunk in hunks {
            let oldCount = hunk.filter { $0 < a.count }.count, newCount = hunk.filter { $0 < b.count }.count
            out += "@@ -\(hunk.lowerBound + 1),\(oldCount) +\(hunk.lowerBound + 1),\(newCount) @@\n"
            for i in hunk {
                let (x, y) = (i < a.count ? a[i] : nil, i < b.count ? b[i] : nil)
                if x == y { out += " \(x!)\n"; continue }
                if let x { out += "-\(x)\n" }
                if let y { out += "+\(y)\n" }
            }
        }
        return out
    }
}
