/// A stretch of text that may be a name or term worth checking: a katakana word, a full name
/// joined over ・, a Latin acronym or a numbered article.
public struct TermCandidate: Hashable, Sendable, Codable {
    public enum Kind: String, Sendable, Codable {
        /// A maximal run of katakana (with ー and small kana), e.g. ヘグセス.
        case katakana
        /// Katakana runs joined by ・ or ＝, e.g. ピート・ヘグセス; its parts are candidates too.
        case fullName
        /// Two or more capital Latin letters, e.g. NATO, USAID.
        case acronym
        /// 第N条 with Arabic, full-width or kanji numerals, e.g. 第五条 (Article 5).
        case article
    }

    public var kind: Kind
    /// The normalised spelling used for comparison (ﾍｸﾞｾｽ → ヘグセス, 第五条 → 第5条).
    public var term: String
    /// The text exactly as written in the source.
    public var surface: String
    /// 1-based column of the first scalar in the source line.
    public var column: Int
    /// Length in source scalars.
    public var length: Int

    /// The English reading tsuzuri can give without a glossary (numbered articles only: Article 5).
    public var english: String?

    public init(kind: Kind, term: String, surface: String, column: Int, length: Int) {
        self.kind = kind
        self.term = term
        self.surface = surface
        self.column = column
        self.length = length
        self.english = kind == .article ? "Article " + term.dropFirst().dropLast() : nil
    }
}

/// Finds term candidates in a line. Katakana terms come from maximal runs of katakana, never
/// from ICU's word breaks, which split some names (プーチン → プー|チン).
public enum TermCandidates {
    /// Minimum length of a katakana run worth reporting; single kana are counters and particles.
    static let minimumKatakanaLength = 2

    public static func find(in line: ScannedLine) -> [TermCandidate] {
        var result: [TermCandidate] = []
        let text = line.normalized
        var i = 0
        while i < text.count {
            let v = text[i]
            if v == 0x30FC {
                i += 1  // ー that starts a run is a dash used as a rule or a long vowel after kana
            } else if Script.isKatakana(v) {
                i = scanName(line, from: i, into: &result)
            } else if Script.isUpperLatin(v), i == 0 || !Script.isLatinLetter(text[i - 1]) {
                i = scanAcronym(line, from: i, into: &result)
            } else if v == 0x7B2C /* 第 */ {
                i = scanArticle(line, from: i, into: &result)
            } else {
                i += 1
            }
        }
        return result
    }

    /// Katakana runs, and the full name they form when joined by ・.
    private static func scanName(_ line: ScannedLine, from start: Int, into result: inout [TermCandidate]) -> Int {
        let text = line.normalized
        var parts: [Range<Int>] = []
        var i = start
        while true {
            let runStart = i
            while i < text.count, Script.isKatakana(text[i]) { i += 1 }
            parts.append(runStart..<i)
            // Continue over a joiner only when katakana follows it (ロシア・ウクライナ, not ロシア・).
            if i + 1 < text.count, Script.isNameJoiner(text[i]), Script.isKatakana(text[i + 1]), text[i + 1] != 0x30FC {
                i += 1
                continue
            }
            break
        }
        let end = parts.last!.upperBound
        if parts.count > 1 {
            append(.fullName, line, start..<end, term: line.normalizedText(start..<end), into: &result)
        }
        for part in parts where part.count >= minimumKatakanaLength {
            append(.katakana, line, part, term: line.normalizedText(part), into: &result)
        }
        return end
    }

    private static func scanAcronym(_ line: ScannedLine, from start: Int, into result: inout [TermCandidate]) -> Int {
        let text = line.normalized
        var i = start
        var capitals = 0
        while i < text.count, Script.isUpperLatin(text[i]) || Script.isDigit(text[i]) {
            if Script.isUpperLatin(text[i]) { capitals += 1 }
            i += 1
        }
        // NATOs or Nato are words, not acronyms; a lone capital (F) is an initial.
        if i < text.count, Script.isLatinLetter(text[i]) {
            while i < text.count, Script.isLatinLetter(text[i]) { i += 1 }
            return i
        }
        if capitals >= 2, i - start <= 10 {
            append(.acronym, line, start..<i, term: line.normalizedText(start..<i), into: &result)
        }
        return i
    }

    private static func scanArticle(_ line: ScannedLine, from start: Int, into result: inout [TermCandidate]) -> Int {
        let text = line.normalized
        var i = start + 1
        while i < text.count, KanjiNumber.isNumeral(text[i]) { i += 1 }
        guard i > start + 1, i < text.count, text[i] == 0x6761 /* 条 */,
            let number = KanjiNumber.parse(text[(start + 1)..<i])
        else { return start + 1 }
        append(.article, line, start..<(i + 1), term: "第\(number)条", into: &result)
        return i + 1
    }

    private static func append(
        _ kind: TermCandidate.Kind, _ line: ScannedLine, _ range: Range<Int>, term: String,
        into result: inout [TermCandidate]
    ) {
        let source = line.sourceRange(range)
        // A line that normalising left as it was writes each term as it reads: one string, not two.
        let surface = line.isIdentity && kind != .article ? term : line.sourceText(source)
        result.append(
            TermCandidate(
                kind: kind, term: term, surface: surface, column: source.lowerBound + 1,
                length: source.count))
    }
}

/// Reads numbers written with Arabic digits or kanji numerals (五, 十二, 百五, 二〇).
public enum KanjiNumber {
    static func isNumeral(_ v: UInt32) -> Bool {
        Script.isDigit(v) || digitValue(v) != nil || unitValue(v) != nil
    }

    static func digitValue(_ v: UInt32) -> Int? {
        switch v {
        case 0x3007, 0x96F6: 0  // 〇 零
        case 0x4E00: 1
        case 0x4E8C: 2
        case 0x4E09: 3
        case 0x56DB: 4
        case 0x4E94: 5
        case 0x516D: 6
        case 0x4E03: 7
        case 0x516B: 8
        case 0x4E5D: 9
        default: nil
        }
    }

    static func unitValue(_ v: UInt32) -> Int? {
        switch v {
        case 0x5341: 10  // 十
        case 0x767E: 100  // 百
        case 0x5343: 1000  // 千
        default: nil
        }
    }

    /// The value of a numeral, or nil if it is not one (an empty string, mixed garbage).
    public static func parse<C: Collection>(_ scalars: C) -> Int? where C.Element == UInt32 {
        if scalars.isEmpty { return nil }
        if scalars.allSatisfy(Script.isDigit) {
            return Int(String(String.UnicodeScalarView(scalars.compactMap(Unicode.Scalar.init))))
        }
        // A numeral too large for Int (第一二三…〇条 with twenty digits) is not an article number.
        func times(_ a: Int, _ b: Int) -> Int? {
            let (r, overflow) = a.multipliedReportingOverflow(by: b)
            return overflow ? nil : r
        }
        func plus(_ a: Int, _ b: Int) -> Int? {
            let (r, overflow) = a.addingReportingOverflow(b)
            return overflow ? nil : r
        }
        var total = 0
        var pending = 0
        for v in scalars {
            if let d = digitValue(v) ?? (Script.isDigit(v) ? Int(v - 0x30) : nil) {
                guard let next = times(pending, 10).flatMap({ plus($0, d) }) else { return nil }
                pending = next
            } else if let unit = unitValue(v) {
                guard let value = times(pending == 0 ? 1 : pending, unit), let next = plus(total, value) else { return nil }
                total = next
                pending = 0
            } else {
                return nil
            }
        }
        return plus(total, pending)
    }
}
