import TsuzuriText

/// How a text is compared: Japanese (and other CJK) text character by character, space-delimited
/// text word by word.
public enum MatchMode: UInt8, Sendable, Codable {
    /// Unicode code points after NFKC and lower-casing, whitespace ignored.
    case characters
    /// Words (runs of letters, digits and `'`) and single punctuation marks, lower-cased.
    case words

    /// `.characters` when the text holds any kana, kanji or hangul; `.words` otherwise.
    public init(of text: String) {
        self = text.unicodeScalars.contains(where: MatchText.isCJK) ? .characters : .words
    }
}

/// A text cut into the tokens that the match percentage counts, with where each token came from.
public struct MatchText: Sendable {
    public let mode: MatchMode
    /// Token identities: a code point in `.characters` mode, a 32-bit hash of the word in `.words` mode.
    public var tokens: [UInt32]
    /// For each token, the code-point offsets in the original text it came from.
    public var ranges: [Range<Int>]

    public init(_ text: String, mode: MatchMode? = nil, keepRanges: Bool = true) {
        let mode = mode ?? MatchMode(of: text)
        self.mode = mode
        var tokens: [UInt32] = []
        var ranges: [Range<Int>] = []
        tokens.reserveCapacity(text.utf8.count / 2)
        switch mode {
        case .characters: Self.characterTokens(text, &tokens, &ranges, keepRanges)
        case .words: Self.wordTokens(text, &tokens, &ranges, keepRanges)
        }
        self.tokens = tokens
        self.ranges = ranges
    }

    public var count: Int { tokens.count }

    static func isCJK(_ s: Unicode.Scalar) -> Bool {
        let v = s.value
        return (0x3041...0x30FF).contains(v) || (0x3400...0x4DBF).contains(v) || (0x4E00...0x9FFF).contains(v)
            || (0xF900...0xFAFF).contains(v) || (0xFF66...0xFF9F).contains(v) || (0xAC00...0xD7AF).contains(v)
            || (0x20000...0x2FFFF).contains(v)
    }

    /// Scalars that NFKC and lower-casing leave alone (the common Japanese and ASCII ones), so
    /// that ICU is asked only about the rest.
    @inline(__always)
    private static func isStable(_ v: UInt32) -> Bool {
        (v >= 0x3041 && v <= 0x3096) || (v >= 0x30A1 && v <= 0x30FA) || v == 0x30FC || (v >= 0x4E00 && v <= 0x9FFF)
            || (v >= 0x3001 && v <= 0x3003) || (v >= 0x3005 && v <= 0x3011) || (v >= 0x3400 && v <= 0x4DBF)
    }

    static func normalized(_ scalar: Unicode.Scalar) -> [Unicode.Scalar] {
        let v = scalar.value
        if v < 0x80 {
            if v >= 0x41 && v <= 0x5A { return [Unicode.Scalar(v + 0x20)!] }
            return [scalar]
        }
        if isStable(v) { return [scalar] }
        if v >= 0xFF01 && v <= 0xFF5E {  // full-width ASCII
            let ascii = v - 0xFEE0
            return [Unicode.Scalar(ascii >= 0x41 && ascii <= 0x5A ? ascii + 0x20 : ascii)!]
        }
        // A scalar that neither NFKC with case folding nor lower-casing changes comes out of ICU
        // as it went in (a test checks every such scalar): verifying a candidate of mojibake
        // or other rare scalars took a round trip through ICU per character.
        let properties = scalar.properties
        if !properties.changesWhenNFKCCaseFolded && !properties.changesWhenLowercased { return [scalar] }
        return Array(Normalizer.nfkc(String(scalar)).lowercased().unicodeScalars)
    }

    private static func characterTokens(_ text: String, _ tokens: inout [UInt32], _ ranges: inout [Range<Int>], _ keepRanges: Bool) {
        var offset = 0
        for scalar in text.unicodeScalars {
            defer { offset += 1 }
            let v = scalar.value
            if v < 0x80 {
                if v == 0x20 || (v >= 0x09 && v <= 0x0D) { continue }
                tokens.append(v >= 0x41 && v <= 0x5A ? v + 0x20 : v)
                if keepRanges { ranges.append(offset..<offset + 1) }
                continue
            }
            if isStable(v) {
                tokens.append(v)
                if keepRanges { ranges.append(offset..<offset + 1) }
                continue
            }
            if scalar.properties.isWhitespace { continue }
            for n in normalized(scalar) where !n.properties.isWhitespace {
                // A combining mark (half-width ﾞ becomes U+3099) joins the character before it.
                if n.properties.canonicalCombiningClass != .notReordered, let last = tokens.last,
                   let base = Unicode.Scalar(last) {
                    let composed = Array(Normalizer.nfkc(String(base) + String(n)).unicodeScalars)
                    if composed.count == 1 {
                        tokens[tokens.count - 1] = composed[0].value
                        if keepRanges { ranges[ranges.count - 1] = ranges[ranges.count - 1].lowerBound..<offset + 1 }
                        continue
                    }
                }
                tokens.append(n.value)
                if keepRanges { ranges.append(offset..<offset + 1) }
            }
        }
    }

    @inline(__always)
    private static func isWordScalar(_ s: Unicode.Scalar) -> Bool {
        let v = s.value
        if v < 0x80 {
            return (v >= 0x30 && v <= 0x39) || (v >= 0x41 && v <= 0x5A) || (v >= 0x61 && v <= 0x7A) || v == 0x5F
        }
        let p = s.properties
        return p.isAlphabetic || p.numericType != nil || p.generalCategory == .nonspacingMark
    }

    private static func wordTokens(_ text: String, _ tokens: inout [UInt32], _ ranges: inout [Range<Int>], _ keepRanges: Bool) {
        let scalars = Array(text.unicodeScalars)
        var i = 0
        while i < scalars.count {
            let s = scalars[i]
            if s.value < 0x80 ? (s.value == 0x20 || (s.value >= 0x09 && s.value <= 0x0D)) : s.properties.isWhitespace { i += 1; continue }
            if isWordScalar(s) {
                let start = i
                var hash: UInt32 = 2_166_136_261
                var ascii = true
                var j = i
                while j < scalars.count {
                    let c = scalars[j]
                    if isWordScalar(c) {
                        if c.value >= 0x80 { ascii = false }
                    } else if (c == "'" || c == "\u{2019}"), j + 1 < scalars.count, j > start, isWordScalar(scalars[j + 1]) {
                        // an apostrophe inside a word (don't) belongs to it
                    } else {
                        break
                    }
                    j += 1
                }
                if ascii {
                    for k in start..<j {
                        var v = scalars[k].value
                        if v >= 0x41 && v <= 0x5A { v += 0x20 }
                        hash = (hash ^ v) &* 16_777_619
                    }
                } else {
                    var word = String.UnicodeScalarView()
                    word.append(contentsOf: scalars[start..<j])
                    for v in Normalizer.nfkc(String(word)).lowercased().unicodeScalars {
                        hash = (hash ^ (v.value == 0x2019 ? 0x27 : v.value)) &* 16_777_619
                    }
                }
                tokens.append(hash)
                if keepRanges { ranges.append(start..<j) }
                i = j
            } else {
                let n = normalized(s).first ?? s
                tokens.append((2_166_136_261 ^ n.value) &* 16_777_619 ^ 0x5A5A)
                if keepRanges { ranges.append(i..<i + 1) }
                i += 1
            }
        }
    }
}

/// Edit distances and match percentages over tokens.
public enum MatchScore {
    /// The match percentage as CAT tools define it: 100 × (1 − distance / longer length), rounded
    /// down, so that only identical token sequences score 100.
    public static func percentage(distance: Int, _ a: Int, _ b: Int) -> Int {
        let longer = max(a, b)
        guard longer > 0 else { return 100 }
        return 100 * (longer - distance) / longer
    }

    /// The largest distance that still scores at least `minScore` against a text of `longer` tokens.
    @inline(__always)
    public static func maxDistance(longer: Int, minScore: Int) -> Int {
        (100 - minScore) * longer / 100
    }

    /// Levenshtein distance, or nil as soon as it must exceed `limit` (rows whose minimum is over
    /// the limit end the computation).
    public static func distance(_ a: [UInt32], _ b: [UInt32], limit: Int = .max) -> Int? {
        let n = a.count, m = b.count
        if abs(n - m) > limit { return nil }
        if n == 0 { return m <= limit ? m : nil }
        if m == 0 { return n <= limit ? n : nil }
        return a.withUnsafeBufferPointer { pa in
            b.withUnsafeBufferPointer { pb -> Int? in
                var row = [Int](0...m)
                return row.withUnsafeMutableBufferPointer { r -> Int? in
                    for i in 1...n {
                        var diagonal = r[0]
                        r[0] = i
                        var rowMin = i
                        let ai = pa[i - 1]
                        for j in 1...m {
                            let up = r[j]
                            let cost = ai == pb[j - 1] ? diagonal : min(diagonal, up, r[j - 1]) + 1
                            diagonal = up
                            r[j] = cost
                            if cost < rowMin { rowMin = cost }
                        }
                        if rowMin > limit { return nil }
                    }
                    return r[m] <= limit ? r[m] : nil
                }
            }
        }
    }

    /// The largest alignment table `differences` builds (cells): past it the differing middle is
    /// reported whole rather than aligned, so that a long stored text cannot take gigabytes.
    static let maxDifferenceCells = 4_000_000

    /// The tokens of `a` and of `b` that an optimal alignment does not pair with an equal token
    /// (substituted, inserted or deleted), as index sets.
    public static func differences(_ a: [UInt32], _ b: [UInt32]) -> (inA: [Int], inB: [Int]) {
        // A common prefix and suffix are always part of some optimal alignment: only the middle
        // needs the quadratic table.
        var prefix = 0
        while prefix < a.count && prefix < b.count && a[prefix] == b[prefix] { prefix += 1 }
        var suffix = 0
        while suffix < a.count - prefix && suffix < b.count - prefix && a[a.count - 1 - suffix] == b[b.count - 1 - suffix] { suffix += 1 }
        let middleA = Array(a[prefix..<(a.count - suffix)]), middleB = Array(b[prefix..<(b.count - suffix)])
        if (middleA.count + 1) * (middleB.count + 1) > maxDifferenceCells {
            return (Array(prefix..<(a.count - suffix)), Array(prefix..<(b.count - suffix)))
        }
        let inner = alignedDifferences(middleA, middleB)
        return (inner.inA.map { $0 + prefix }, inner.inB.map { $0 + prefix })
    }

    private static func alignedDifferences(_ a: [UInt32], _ b: [UInt32]) -> (inA: [Int], inB: [Int]) {
        let n = a.count, m = b.count
        var table = [Int](repeating: 0, count: (n + 1) * (m + 1))
        for i in 0...n { table[i * (m + 1)] = i }
        for j in 0...m { table[j] = j }
        if n > 0 && m > 0 {
            for i in 1...n {
                for j in 1...m {
                    let sub = table[(i - 1) * (m + 1) + j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)
                    table[i * (m + 1) + j] = min(sub, table[(i - 1) * (m + 1) + j] + 1, table[i * (m + 1) + j - 1] + 1)
                }
            }
        }
        var inA: [Int] = [], inB: [Int] = []
        var i = n, j = m
        while i > 0 || j > 0 {
            let here = table[i * (m + 1) + j]
            if i > 0 && j > 0 && a[i - 1] == b[j - 1] && here == table[(i - 1) * (m + 1) + j - 1] {
                i -= 1; j -= 1
            } else if i > 0 && j > 0 && here == table[(i - 1) * (m + 1) + j - 1] + 1 {
                inA.append(i - 1); inB.append(j - 1); i -= 1; j -= 1
            } else if i > 0 && here == table[(i - 1) * (m + 1) + j] + 1 {
                inA.append(i - 1); i -= 1
            } else {
                inB.append(j - 1); j -= 1
            }
        }
        return (inA.reversed(), inB.reversed())
    }
}

/// A query prepared for many edit distances against stored texts: Myers' bit-parallel
/// Levenshtein algorithm in Hyyrö's multi-word form, one machine word per 64 query tokens. A
/// stored text of `m` tokens costs `m × ⌈n / 64⌉` word operations instead of the `m × n` cells of
/// the table, which is what keeps a long query against a whole memory (`--min 0`) affordable.
public struct TokenPattern: Sendable {
    public let count: Int
    private let blocks: Int
    /// Each distinct query token's row of match masks in `masks` (`blocks` words per token).
    private let rows: [UInt32: Int]
    private let masks: [UInt64]
    /// The bit of the last block that holds the query's last token.
    private let lastBit: UInt64

    public init(_ tokens: [UInt32]) {
        count = tokens.count
        let blocks = max(1, (tokens.count + 63) / 64)
        self.blocks = blocks
        var rows: [UInt32: Int] = [:]
        var masks: [UInt64] = []
        for (i, token) in tokens.enumerated() {
            let row: Int
            if let known = rows[token] {
                row = known
            } else {
                row = rows.count
                rows[token] = row
                masks.append(contentsOf: repeatElement(0, count: blocks))
            }
            masks[row * blocks + i / 64] |= 1 << UInt64(i % 64)
        }
        self.rows = rows
        self.masks = masks
        lastBit = 1 << UInt64((max(tokens.count, 1) - 1) % 64)
    }

    /// The Levenshtein distance from the query to `text`, or nil once it must exceed `limit`.
    public func distance(to text: [UInt32], limit: Int = .max) -> Int? {
        let n = count, m = text.count
        if abs(n - m) > limit { return nil }
        if n == 0 { return m <= limit ? m : nil }
        if m == 0 { return n <= limit ? n : nil }
        var positive = [UInt64](repeating: ~0, count: blocks)  // vertical deltas +1 (column 0 is 0, 1, 2 …)
        var negative = [UInt64](repeating: 0, count: blocks)  // vertical deltas −1
        var score = n  // the bottom cell of the current column
        let blocks = self.blocks, lastBit = self.lastBit
        return masks.withUnsafeBufferPointer { masks -> Int? in
            positive.withUnsafeMutableBufferPointer { pv -> Int? in
                negative.withUnsafeMutableBufferPointer { mv -> Int? in
                    for (j, token) in text.enumerated() {
                        let row = rows[token].map { $0 * blocks }
                        var carry = 1  // the top row is 0, 1, 2 …: a +1 step enters every column
                        for b in 0..<blocks {
                            var eq: UInt64 = row.map { masks[$0 + b] } ?? 0
                            let p = pv[b], mn = mv[b]
                            let xv = eq | mn
                            if carry < 0 { eq |= 1 }
                            let xh = (((eq & p) &+ p) ^ p) | eq
                            var ph = mn | ~(xh | p)
                            var mh = p & xh
                            let bit: UInt64 = b == blocks - 1 ? lastBit : 1 << 63
                            let out = ph & bit != 0 ? 1 : (mh & bit != 0 ? -1 : 0)
                            ph <<= 1
                            mh <<= 1
                            if carry < 0 { mh |= 1 } else if carry > 0 { ph |= 1 }
                            pv[b] = mh | ~(xv | ph)
                            mv[b] = ph & xv
                            carry = out
                        }
                        score += carry
                        // Each remaining column can lower the distance by at most one.
                        if score - (m - j - 1) > limit { return nil }
                    }
                    return score <= limit ? score : nil
                }
            }
        }
    }
}
