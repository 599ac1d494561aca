import TsuzuriGlossary
import TsuzuriText

/// A glossary form found in running text.
public struct GlossaryHit: Hashable, Sendable {
    /// Index of the entry in `Glossary.entries`.
    public var entryIndex: Int
    public var role: FormRole
    /// The form as the glossary writes it (normalised).
    public var form: String
    /// Source columns (1-based) and length in scalars.
    public var column: Int
    public var length: Int
    /// The text as written in the source.
    public var surface: String
}

/// Where a glossary form of one role belongs.
struct FormOwner: Hashable {
    var entryIndex: Int
    var role: FormRole
}

/// Finds glossary forms (any script: katakana names, kanji titles, acronyms, 第5条) in running
/// text: longest match first, over the normalised text, accepted only where the match starts and
/// ends on a word boundary, so that リーダー is not found inside リーダーシップ.
public final class GlossaryMatcher {
    /// A trie over normalised forms, stored flat: `children[node][scalar] = child`.
    private var children: [[UInt32: Int32]] = [[:]]
    private var owners: [[FormOwner]] = [[]]
    private var forms: [String] = [""]
    private var firstScalars = Set<UInt32>()
    /// Kanji and kana boundaries need ICU's dictionary; opened once, used only when such a form matches.
    private let wordBreaks: BreakIterator?

    public init(glossary: Glossary) {
        wordBreaks = try? BreakIterator(.word, locale: "ja")
        for (index, entry) in glossary.entries.enumerated() {
            insert(entry.ja, FormOwner(entryIndex: index, role: .preferred))
            for form in entry.variants { insert(form, FormOwner(entryIndex: index, role: .variant)) }
            for form in entry.deprecated { insert(form, FormOwner(entryIndex: index, role: .deprecated)) }
            for form in entry.aliases { insert(form, FormOwner(entryIndex: index, role: .alias)) }
        }
    }

    private func insert(_ form: String, _ owner: FormOwner) {
        let scalars = ScannedLine(ScannedLine.normalize(form)).normalized
        guard let first = scalars.first else { return }
        firstScalars.insert(first)
        var node = 0
        for v in scalars {
            if let next = children[node][v] {
                node = Int(next)
            } else {
                children.append([:])
                owners.append([])
                forms.append("")
                children[node][v] = Int32(children.count - 1)
                node = children.count - 1
            }
        }
        if !owners[node].contains(owner) { owners[node].append(owner) }
        forms[node] = ScannedLine.string(scalars[...])
    }

    /// Every glossary form in `line`, left to right, not overlapping (longest match wins).
    public func matches(in line: ScannedLine) -> [GlossaryHit] {
        var result: [GlossaryHit] = []
        let text = line.normalized
        var i = 0
        var icu = ICUBoundaries()
        while i < text.count {
            guard firstScalars.contains(text[i]) else {
                i += 1
                continue
            }
            // Walk the trie, remembering every complete form; try the longest first.
            var node = 0
            var j = i
            var ends: [(end: Int, node: Int)] = []
            while j < text.count, let next = children[node][text[j]] {
                node = Int(next)
                j += 1
                if !owners[node].isEmpty { ends.append((j, node)) }
            }
            var matchedEnd: Int? = nil
            let startsWord = !ends.isEmpty && isWordBoundary(line, at: i, icu: &icu)
            for candidate in ends.reversed() where startsWord {
                if isWordBoundary(line, at: candidate.end, icu: &icu) {
                    let source = line.sourceRange(i..<candidate.end)
                    for owner in owners[candidate.node] {
                        result.append(
                            GlossaryHit(
                                entryIndex: owner.entryIndex, role: owner.role, form: forms[candidate.node],
                                column: source.lowerBound + 1, length: source.count,
                                surface: line.sourceText(source)))
                    }
                    matchedEnd = candidate.end
                    break
                }
            }
            i = matchedEnd ?? (i + 1)
        }
        return result
    }

    /// ICU's word boundaries for the current line, set up only when a kanji or hiragana match
    /// needs them (most lines never do), with the scalar → UTF-16 offset map built once per line.
    private struct ICUBoundaries {
        var utf16Offsets: [Int]? = nil
        var failed = false
    }

    /// A boundary between two scalars of different classes (katakana | kanji, Latin | kana) is
    /// always a word boundary; inside one class, katakana and Latin words run on (so a match there
    /// is part of a longer word), while kanji and hiragana need ICU's dictionary to tell.
    private func isWordBoundary(_ line: ScannedLine, at index: Int, icu: inout ICUBoundaries) -> Bool {
        let text = line.normalized
        if index == 0 || index == text.count { return true }
        let before = Script.classify(text[index - 1]), after = Script.classify(text[index])
        if before != after { return true }
        switch before {
        case .katakana, .latin, .digit:
            return false
        case .other:
            return true
        case .kanji, .hiragana:
            guard let wordBreaks, !icu.failed else { return true }
            if icu.utf16Offsets == nil {
                let (utf16, _) = UTF16Map.make(text)
                do { try wordBreaks.setText(utf16) } catch {
                    icu.failed = true
                    return true
                }
                var offsets = [Int](), offset = 0
                offsets.reserveCapacity(text.count + 1)
                for v in text {
                    offsets.append(offset)
                    offset += v >= 0x10000 ? 2 : 1
                }
                offsets.append(offset)
                icu.utf16Offsets = offsets
            }
            return wordBreaks.isBoundary(icu.utf16Offsets![index])
        }
    }
}
