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

/// Finds the glossary's English forms in English text: whole words, diacritics ignored, a
/// possessive (`Hegseth's`, `allies'`) or a plain plural (`summits`, `taxes`, `allies`) on the
/// last word accepted, punctuation between words ignored (`Secretary-General` = `Secretary
/// General`). Irregular plurals (`Secretaries of Defense`) are not matched.
///
/// Names (people, places, organisations) keep their capitals: `Trump` is not found in "a trump
/// card", nor `Georgia` in "georgia". A person is also found by the surname alone, as news
/// copy names people after the first mention (`Hegseth` for `Pete Hegseth`).
public struct EnglishTermFinder: Sendable {
    /// One English form: its word keys, which words must be capitalised, and its entry.
    private struct Form: Sendable {
        var words: [String]
        var capitalised: [Bool]
        var entry: Int
        /// A person's surname on its own: tried after every full form.
        var isSurname: Bool
    }

    /// Forms by their first word's key, longest first.
    private var byFirstWord: [String: [Form]] = [:]

    public init(glossary: Glossary) {
        for (index, entry) in glossary.entries.enumerated() {
            let words = Self.words(in: entry.en)
            guard !words.isEmpty else { continue }
            let isName = entry.kind == .person || entry.kind == .place || entry.kind == .org
            let capitalised = words.map { isName && $0.isCapitalised }
            byFirstWord[words[0].key, default: []].append(
                Form(words: words.map(\.key), capitalised: capitalised, entry: index, isSurname: false))
            // The surname of a full name (Pete Hegseth → Hegseth), when it is a real word: particles
            // and Korean or Chinese given names of one or two letters (Kim Jong Un) are left out.
            if entry.kind == .person, words.count >= 2, let last = words.last, last.isCapitalised, last.key.count >= 3 {
                byFirstWord[last.key, default: []].append(Form(words: [last.key], capitalised: [true], entry: index, isSurname: true))
            }
        }
        for key in byFirstWord.keys {
            // Longest forms first, so `Secretary of Defense` wins over `Secretary`; a full form
            // before a surname of the same length, so an entry named `Hegseth` wins over the
            // surname of another entry's `Pete Hegseth`.
            byFirstWord[key]!.sort { a, b in
                a.words.count != b.words.count ? a.words.count > b.words.count : !a.isSurname && b.isSurname
            }
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
                        let word = words[i + k]
                        if candidate.capitalised[k] && !word.isCapitalised { return false }
                        return word.key == candidate.words[k] || (k == n - 1 && Self.baseForms(of: word.key).contains(candidate.words[k]))
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

    /// What a plural last word may stand for: itself without `-es` or `-s`, or with `-ies` as `-y`.
    private static func baseForms(of word: String) -> [String] {
        var result: [String] = []
        if word.hasSuffix("ies"), word.count > 4 { result.append(String(word.dropLast(3)) + "y") }
        if word.hasSuffix("es"), word.count > 3 { result.append(String(word.dropLast(2))) }
        if word.hasSuffix("s"), word.count > 2 { result.append(String(word.dropLast())) }
        return result
    }

    /// `Glossary.englishKey` of a word, without Foundation's folding for plain ASCII words (most
    /// of English text; that folding dominated the time on long texts).
    private static func key(_ word: String) -> String {
        guard word.utf8.allSatisfy({ $0 < 0x80 }) else { return Glossary.englishKey(word) }
        var key = String.UnicodeScalarView()
        for scalar in word.unicodeScalars {
            switch scalar.value {
            case 0x30...0x39, 0x61...0x7A: key.append(scalar)
            case 0x41...0x5A: key.append(Unicode.Scalar(scalar.value + 0x20)!)
            default: break
            }
        }
        return String(key)
    }

    /// Words (letters and digits, with apostrophes inside) and their scalar ranges; each word's
    /// key is lower-cased, NFKC-folded, without diacritics and without a possessive ending, and
    /// `isCapitalised` says whether it starts with a capital letter (or a digit).
    static func words(in text: String) -> [(key: String, range: Range<Int>, isCapitalised: Bool)] {
        var result: [(String, Range<Int>, Bool)] = []
        let scalars = Array(text.unicodeScalars)
        var i = 0
        func isWordScalar(_ s: Unicode.Scalar) -> Bool {
            if s.isASCII { return ("a"..."z").contains(s) || ("A"..."Z").contains(s) || ("0"..."9").contains(s) }
            return s.properties.isAlphabetic && !Script.isKatakana(s.value) && !Script.isHiragana(s.value)
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
            let key = Self.key(word)
            let first = scalars[start]
            let isCapitalised =
                first.isASCII ? !("a"..."z").contains(first) : first.properties.isUppercase || first.properties.numericType != nil
            if !key.isEmpty { result.append((key, start..<end, isCapitalised)) }
        }
        return result
    }
}
