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
public struct FormOwner: Hashable, Sendable {
    public var entryIndex: Int
    public var role: FormRole

    public init(entryIndex: Int, role: FormRole) {
        self.entryIndex = entryIndex
        self.role = role
    }
}

/// Finds glossary forms (any script: katakana names, kanji titles, acronyms, 第5条) in running
/// text: longest match first, over the normalised text, accepted only where the match starts and
/// ends on a word boundary, so that リーダー is not found inside リーダーシップ.
public final class GlossaryMatcher {
    /// A trie over normalised forms, stored flat in one table: `children[node << 32 | scalar] =
    /// child`: a dictionary per node costs far more than its entries in a large glossary.
    private var children: [UInt64: Int32] = [:]
    private var nodeCount = 1
    /// The forms that end at a node, by node (only nodes where a form ends are stored).
    private var owners: [Int32: [FormOwner]] = [:]
    private var forms: [Int32: String] = [:]
    /// Kanji and kana boundaries need ICU's dictionary; opened once, used only when such a form matches.
    private let wordBreaks: BreakIterator?
    /// One bit per BMP scalar: whether some form starts with it. Most positions of a text start
    /// no form, and this answers for them without hashing into `children`.
    private var startsForm = [UInt64](repeating: 0, count: 0x10000 / 64)

    public init(glossary: Glossary) {
        wordBreaks = try? BreakIterator(.word, locale: "ja")
        for reference in glossary.forms {
            insert(reference.form, FormOwner(entryIndex: reference.entryIndex, role: reference.role))
        }
        indexFirstScalars()
    }

    /// Fills `startsForm` from the trie's root edges (call it once the trie is complete).
    private func indexFirstScalars() {
        for edge in children.keys where edge >> 32 == 0 && edge < 0x10000 {
            startsForm[Int(edge >> 6)] |= 1 << (edge & 63)
        }
    }

    private func insert(_ form: String, _ owner: FormOwner) {
        let key = ScannedLine.normalize(form)
        let scalars = key.unicodeScalars.map(\.value)
        if scalars.isEmpty { return }
        var node: Int32 = 0
        for v in scalars {
            let edge = UInt64(UInt32(node)) << 32 | UInt64(v)
            if let next = children[edge] {
                node = next
            } else {
                children[edge] = Int32(nodeCount)
                node = Int32(nodeCount)
                nodeCount += 1
            }
        }
        if owners[node]?.contains(owner) != true { owners[node, default: []].append(owner) }
        forms[node] = key
    }

    /// Every glossary form in `line`, left to right, not overlapping (longest match wins).
    public func matches(in line: ScannedLine) -> [GlossaryHit] {
        var result: [GlossaryHit] = []
        let text = line.normalized
        // Local copies: the class's own properties are checked for exclusive access on every read.
        let children = self.children, owners = self.owners, startsForm = self.startsForm
        var i = 0
        var icu = ICUBoundaries()
        while i < text.count {
            let first = text[i]
            if first < 0x10000, startsForm[Int(first >> 6)] & (1 << UInt64(first & 63)) == 0 {
                i += 1  // no form starts here (a supplementary scalar is looked up in the trie)
                continue
            }
            // Walk the trie, remembering every complete form; try the longest first.
            var node: Int32 = 0
            var j = i
            var ends: [(end: Int, node: Int32)] = []
            while j < text.count, let next = children[UInt64(UInt32(node)) << 32 | UInt64(text[j])] {
                node = next
                j += 1
                if owners[node] != nil { ends.append((j, node)) }
            }
            var matchedEnd: Int? = nil
            let startsWord = !ends.isEmpty && isWordBoundary(line, at: i, icu: &icu)
            for candidate in ends.reversed() where startsWord {
                if isWordBoundary(line, at: candidate.end, icu: &icu) {
                    let source = line.sourceRange(i..<candidate.end)
                    for owner in owners[candidate.node]! {
                        result.append(
                            GlossaryHit(
                                entryIndex: owner.entryIndex, role: owner.role, form: forms[candidate.node]!,
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
                var utf16 = [UInt16](), offsets = [Int]()
                offsets.reserveCapacity(text.count + 1)
                for v in text {
                    offsets.append(utf16.count)
                    utf16.append(contentsOf: UTF16.encode(Unicode.Scalar(v)!)!)
                }
                offsets.append(utf16.count)
                do { try wordBreaks.setText(utf16) } catch {
                    icu.failed = true
                    return true
                }
                icu.utf16Offsets = offsets
            }
            return wordBreaks.isBoundary(icu.utf16Offsets![index])
        }
    }
}
