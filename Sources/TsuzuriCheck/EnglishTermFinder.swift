import TsuzuriGlossary
import TsuzuriText

/// A glossary entry's English form found in English running text.
public struct EnglishHit: Hashable, Sendable {
    public var entryIndex: Int
    /// Scalar range (0-based) in the text searched.
    public var range: Range<Int>
    /// The text as written (`Hegseth's`).
    public var surface: String
}

/// Finds the glossary's English forms in English text: whole words, case and diacritics
/// ignored, a possessive (`Hegseth's`, `allies'`) or a plain plural (`summits`, `taxes`) on the
/// last word accepted, punctuation between words ignored (`Secretary-General` = `Secretary
/// General`). Irregular plurals (`Secretaries of Defense`) are not matched.
public struct EnglishTermFinder: Sendable {
    /// Entries by their first word's key: the words of each English form and the entry.
    private var byFirstWord: [String: [(words: [String], entry: Int)]] = [:]

    public init(glossary: Glossary) {
        for (index, entry) in glossary.entries.enumerated() {
            let words = Self.words(in: entry.en).map(\.key)
            guard let first = words.first else { continue }
            byFirstWord[first, default: []].append((words, index))
        }
        for key in byFirstWord.keys {
            // Longest forms first, so `Secretary of Defense` wins over `Secretary`.
            byFirstWord[key]!.sort { $0.words.count > $1.words.count }
        }
    }

    public var isEmpty: Bool { byFirstWord.isEmpty }

    /// Every English form in `text`, left to right, longest first, not overlapping.
    public func matches(in text: String) -> [EnglishHit] {
        if byFirstWord.isEmpty { return [] }
        let words = Self.words(in: text)
        let scalars = Array(text.unicodeScalars)
        var result: [EnglishHit] = []
        var i = 0
        while i < words.count {
            var matched = false
            for key in [words[i].key] + Self.baseForms(of: words[i].key) {
                guard let candidates = byFirstWord[key] else { continue }
                for candidate in candidates where i + candidate.words.count <= words.count {
                    let n = candidate.words.count
                    let fits = (0..<n).allSatisfy { k in
                        let word = words[i + k].key
                        return word == candidate.words[k] || (k == n - 1 && Self.baseForms(of: word).contains(candidate.words[k]))
                    }
                    guard fits else { continue }
                    let range = words[i].range.lowerBound..<words[i + n - 1].range.upperBound
                    var surface = String.UnicodeScalarView()
                    surface.append(contentsOf: scalars[range])
                    result.append(EnglishHit(entryIndex: candidate.entry, range: range, surface: String(surface)))
                    i += n
                    matched = true
                    break
                }
                if matched { break }
            }
            if !matched { i += 1 }
        }
        return result
    }

    /// What a plural last word may stand for: itself without `-es` or `-s`.
    private static func baseForms(of word: String) -> [String] {
        var result: [String] = []
        if word.hasSuffix("es"), word.count > 3 { result.append(String(word.dropLast(2))) }
        if word.hasSuffix("s"), word.count > 2 { result.append(String(word.dropLast())) }
        return result
    }

    /// Words (letters and digits, with apostrophes inside) and their scalar ranges; each word's
    /// key is lower-cased, NFKC-folded, without diacritics and without a possessive ending.
    static func words(in text: String) -> [(key: String, range: Range<Int>)] {
        var result: [(String, Range<Int>)] = []
        let scalars = Array(text.unicodeScalars)
        var i = 0
        func isWordScalar(_ s: Unicode.Scalar) -> Bool {
            s.properties.isAlphabetic && !Script.isKatakana(s.value) && !Script.isHiragana(s.value)
                && !Script.isKanji(s.value) || s.properties.numericType != nil && s.value < 0x3000
        }
        while i < scalars.count {
            guard isWordScalar(scalars[i]) else { i += 1; continue }
            let start = i
            while i < scalars.count {
                if isWordScalar(scalars[i]) { i += 1; continue }
                // An apostrophe inside a word (don't, Hegseth's) belongs to it.
                if scalars[i] == "'" || scalars[i] == "\u{2019}", i + 1 < scalars.count, isWordScalar(scalars[i + 1]) {
                    i += 2
                    continue
                }
                break
            }
            var end = i
            // A trailing possessive apostrophe (allies') is not part of the word.
            var word = String(String.UnicodeScalarView(scalars[start..<end]))
            for ending in ["'s", "\u{2019}s"] where word.lowercased().hasSuffix(ending) {
                word = String(word.dropLast(2))
            }
            if i < scalars.count, scalars[i] == "'" || scalars[i] == "\u{2019}" { end = i }
            let key = Glossary.englishKey(word)
            if !key.isEmpty { result.append((key, start..<end)) }
        }
        return result
    }
}
