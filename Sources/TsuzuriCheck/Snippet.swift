import Dispatch
import TsuzuriText

/// A short piece of the line an occurrence is on, for text output: what a translator needs to see
/// to fix it without opening an editor (`…国防長官ピート・ヘグゼス氏は2月の…`), as `grep` shows a
/// match in its line.
public struct Snippet: Sendable, Hashable {
    /// The characters before the occurrence, after the occurrence, and the occurrence itself.
    public var before: String
    public var match: String
    public var after: String
    /// Whether the line goes on beyond `before` (to the left) and `after` (to the right).
    public var cutBefore: Bool
    public var cutAfter: Bool

    /// Up to `reach` characters either side of `length` characters from `column` (1-based, in
    /// Unicode scalars, as check's columns count) of `line`; nil when the line is shorter than that
    /// (the file changed since it was checked). Tabs and other controls become spaces, so that one
    /// snippet is one line on the terminal; spaces at the cut ends are dropped.
    public init?(line: Substring, column: Int, length: Int, reach: Int = 16) {
        let scalars = Array(line.unicodeScalars)
        let start = column - 1, end = start + length
        guard start >= 0, length > 0, end <= scalars.count else { return nil }
        func text(_ range: Range<Int>) -> String {
            var out = String.UnicodeScalarView()
            for scalar in scalars[range] { out.append(scalar.properties.generalCategory == .control ? " " : scalar) }
            return String(out)
        }
        let from = max(0, start - reach), to = min(scalars.count, end + reach)
        before = String(text(from..<start).drop { $0 == " " })
        match = text(start..<end)
        after = String(text(end..<to).reversed().drop { $0 == " " }.reversed())
        cutBefore = from > 0
        cutAfter = to < scalars.count
    }

    /// The snippets of the given places in one file, read in a single pass that stops after the
    /// last line needed (a 1 GB file costs only the lines up to its last finding) and decodes only
    /// the lines it needs. Places the file no longer has get no snippet, and an unreadable file
    /// gives none: snippets are a help to the reader, never a reason for `check` to fail after it
    /// has checked.
    ///
    /// `starts` are lines known to begin at a byte offset (where the chunks of a parallel check
    /// began, in order): the file is then read in `parts` pieces at once, each from one of them.
    public static func read(
        _ locations: [TextLocation], from input: TextInput, reach: Int = 16,
        starts: [(line: Int, offset: Int)] = [], parts: Int = 1
    ) -> [TextLocation: Snippet] {
        var wanted: [Int: [TextLocation]] = [:]
        for location in locations { wanted[location.line, default: []].append(location) }
        let numbers = wanted.keys.sorted()
        guard !numbers.isEmpty else { return [:] }
        // Each piece starts at a known line and reads up to its share of the wanted lines.
        var pieces: [(start: (line: Int, offset: Int), numbers: ArraySlice<Int>)] = []
        let starts = [(line: 1, offset: 0)] + starts.filter { $0.line > 1 }
        let share = (numbers.count + max(1, parts) - 1) / max(1, parts)
        var next = 0
        while next < numbers.count {
            var end = min(numbers.count, next + share)
            // The next piece begins at the last known start at or before its first line.
            while end < numbers.count, starts.last(where: { $0.line <= numbers[end] })!.line <= numbers[next] { end += 1 }
            pieces.append((starts.last { $0.line <= numbers[next] }!, numbers[next..<end]))
            next = end
        }
        let (lines, places) = (pieces, wanted)
        var found = [[TextLocation: Snippet]](repeating: [:], count: lines.count)
        found.withUnsafeMutableBufferPointer { buffer in
            nonisolated(unsafe) let out = buffer
            DispatchQueue.concurrentPerform(iterations: lines.count) { p in
                out[p] = read(lines[p].numbers, places, from: input, start: lines[p].start, reach: reach)
            }
        }
        return found.reduce(into: [:]) { all, part in all.merge(part) { a, _ in a } }
    }

    /// The snippets of the wanted lines `numbers` (sorted), read from a line known to start at a byte offset.
    private static func read(
        _ numbers: ArraySlice<Int>, _ wanted: [Int: [TextLocation]], from input: TextInput, start: (line: Int, offset: Int),
        reach: Int
    ) -> [TextLocation: Snippet] {
        struct Done: Error {}
        var snippets: [TextLocation: Snippet] = [:]
        guard let last = numbers.last else { return snippets }
        do {
            // Lines come in order: a cursor over the wanted numbers picks them without hashing.
            var next = numbers.startIndex
            func isWanted(_ number: Int) -> Bool {
                while next < numbers.endIndex, numbers[next] < number { next += 1 }
                return next < numbers.endIndex && numbers[next] == number
            }
            try input.forEachLine(from: start, where: isWanted) { number, line in
                for location in wanted[number]! {
                    snippets[location] = Snippet(line: line, column: location.column, length: location.length, reach: reach)
                }
                if number >= last { throw Done() }
            }
        } catch {}
        return snippets
    }
}
