import TsuzuriText

/// Finds which English word of a translation a katakana name stands for, by comparing their
/// consonant skeletons: katakana and English letters each reduced to classes that Japanese
/// transcription keeps apart (K, S, J, T, N, M, H, B, P, R, W, Y), voicing and the usual
/// transcription pairs folded (th → S, v → B, l → R, f → H). ヘグセス and Hegseth are both
/// H K S S; ジョン is J N like John, ジョー is J like Joe.
enum NameAlignment {
    /// How well an English word fits a katakana spelling: 1 for the same skeleton, less for each
    /// edit (edit distance over the longer skeleton); 0 when either has none.
    static func score(katakana: String, english: String) -> Double {
        let a = skeleton(katakana: katakana), b = skeleton(english: english)
        guard !a.isEmpty, !b.isEmpty else { return 0 }
        return 1 - Double(distance(a, b)) / Double(max(a.count, b.count))
    }

    static func skeleton(katakana: String) -> [Character] {
        var out: [Character] = []
        let scalars = Array(Normalizer.normalize(katakana, .spelling).unicodeScalars)
        for (i, scalar) in scalars.enumerated() {
            // ウィ, ウェ, ウォ are w-sounds; ティ, ディ stay T; ファ… are H (no change needed).
            let isW = scalar == "ウ" && i + 1 < scalars.count && "ィェォ".unicodeScalars.contains(scalars[i + 1])
            guard let c = isW ? "W" : consonant(of: scalar) else { continue }
            if out.last != c || c == "N" { out.append(c) }
        }
        return out
    }

    /// The consonant class a katakana letter starts with; nil for vowels, ー, ッ and small kana.
    private static func consonant(of scalar: Unicode.Scalar) -> Character? {
        let rows: [(String, Character)] = [
            ("カキクケコガギグゲゴ", "K"), ("サスセソザズゼゾシ", "S"), ("ジチヂ", "J"), ("タテトダデドツヅ", "T"),
            ("ナニヌネノ", "N"), ("ン", "N"), ("マミムメモ", "M"), ("ハヒヘホフ", "H"), ("バビブベボヴ", "B"),
            ("パピプペポ", "P"), ("ラリルレロ", "R"), ("ワヰヱヲ", "W"), ("ヤユヨ", "Y"),
        ]
        for (row, c) in rows where row.unicodeScalars.contains(scalar) { return c }
        return nil
    }

    static func skeleton(english: String) -> [Character] {
        let letters = Array(Normalizer.normalize(english, .english).filter { $0.isLetter })
        var out: [Character] = []
        var i = 0
        func add(_ c: Character) { if out.last != c { out.append(c) } }
        while i < letters.count {
            let c = letters[i], next: Character? = i + 1 < letters.count ? letters[i + 1] : nil
            switch c {
            case "a", "e", "i", "o", "u": break
            case "y": if i == 0 { add("Y") }
            case "h": if i == 0 { add("H") }
            case "t" where next == "h", "s" where next == "h": add("S"); i += 1
            case "c" where next == "h": add("J"); i += 1
            case "p" where next == "h": add("H"); i += 1
            case "c" where next == "k": add("K"); i += 1
            case "c": add(next == "e" || next == "i" || next == "y" ? "S" : "K")
            case "k", "g", "q": add("K")
            case "x": add("K"); add("S")
            case "s", "z": add("S")
            case "j": add("J")
            case "t", "d": add("T")
            case "n": out.append("N")
            case "m": add("M")
            case "f": add("H")
            case "b", "v": add("B")
            case "p": add("P")
            case "l", "r": add("R")
            case "w": add("W")
            default: break
            }
            i += 1
        }
        return out
    }

    private static func distance(_ a: [Character], _ b: [Character]) -> Int {
        var previous = Array(0...b.count)
        for (i, x) in a.enumerated() {
            var current = [i + 1] + Array(repeating: 0, count: b.count)
            for (j, y) in b.enumerated() {
                current[j + 1] = min(previous[j + 1] + 1, current[j] + 1, previous[j] + (x == y ? 0 : 1))
            }
            previous = current
        }
        return previous[b.count]
    }

    /// The capitalised words of an English text (names are capitalised), each once.
    static func names(in english: String) -> [String] {
        var result: [String] = []
        for word in english.split(whereSeparator: { !$0.isLetter && $0 != "'" && $0 != "-" }) {
            var word = String(word)
            if word.hasSuffix("'s") { word.removeLast(2) }
            guard let first = word.first, first.isUppercase, word.count >= 2, !result.contains(word) else { continue }
            result.append(word)
        }
        return result
    }
}
