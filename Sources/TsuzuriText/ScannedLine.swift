/// One line of source text together with its normalised form, in Unicode scalars, and the map
/// from each normalised scalar back to the source scalar it came from, so that every match found
/// in normalised text still points at the right column of the original.
///
/// Normalisation is NFKC (the `term` profile of `Normalizer`, the same that glossary keys get),
/// applied to each character together with the combining marks that follow it (ｸﾞ → グ,
/// Ⅱ → II, ＮＡＴＯ → NATO); everything a character becomes points back at that character.
public struct ScannedLine: Sendable {
    /// The source line, one element per Unicode scalar (column N is `source[N - 1]`).
    public let source: [UInt32]
    /// The normalised line.
    public let normalized: [UInt32]
    /// `origin[i]` is the index in `source` of the scalar that produced `normalized[i]`.
    public let origin: [Int32]
    /// True when no scalar changed, so `origin[i] == i` (the common case; saves lookups).
    public let isIdentity: Bool

    public init(_ line: Substring) {
        self.init(scalars: ScannedLine.scalars(of: line))
    }

    public init(_ line: String) {
        self.init(scalars: ScannedLine.scalars(of: line[...]))
    }

    /// The scalars of valid UTF-8, decoded in one pass over the bytes: `unicodeScalars.map`
    /// counts the scalars first and then decodes them one index at a time, a large part of a
    /// check's cost on Japanese text.
    static func scalars(of text: Substring) -> [UInt32] {
        var text = text
        return text.withUTF8 { bytes in
            [UInt32](unsafeUninitializedCapacity: bytes.count) { out, count in
                var i = 0, n = 0
                let end = bytes.count
                while i < end {
                    let b0 = UInt32(bytes[i])
                    if b0 < 0x80 {
                        out[n] = b0
                        i += 1
                    } else if b0 < 0xE0 {
                        out[n] = (b0 & 0x1F) << 6 | UInt32(bytes[i + 1] & 0x3F)
                        i += 2
                    } else if b0 < 0xF0 {
                        out[n] = (b0 & 0x0F) << 12 | UInt32(bytes[i + 1] & 0x3F) << 6 | UInt32(bytes[i + 2] & 0x3F)
                        i += 3
                    } else {
                        out[n] = (b0 & 0x07) << 18 | UInt32(bytes[i + 1] & 0x3F) << 12 | UInt32(bytes[i + 2] & 0x3F) << 6
                            | UInt32(bytes[i + 3] & 0x3F)
                        i += 4
                    }
                    n += 1
                }
                count = n
            }
        }
    }

    public init(scalars: [UInt32]) {
        source = scalars
        guard scalars.contains(where: { !Normalizer.isStable($0) }) else {
            normalized = scalars
            origin = []
            isIdentity = true
            return
        }
        var out: [UInt32] = []
        var map: [Int32] = []
        out.reserveCapacity(scalars.count)
        map.reserveCapacity(scalars.count)
        var i = 0
        while i < scalars.count {
            var end = i + 1
            while end < scalars.count, !Normalizer.isStable(scalars[end]), Normalizer.isContinuation(scalars[end]) {
                end += 1
            }
            if end == i + 1, Normalizer.isStable(scalars[i]) {
                out.append(scalars[i])
                map.append(Int32(i))
            } else {
                for v in ScannedLine.nfkc(scalars[i..<end]) {
                    out.append(v)
                    map.append(Int32(i))
                }
            }
            i = end
        }
        normalized = out
        origin = map
        isIdentity = out == scalars
    }

    /// NFKC of one character and its combining marks; the single characters met most often
    /// (full-width Latin, half-width katakana) come from a table instead of ICU.
    private static func nfkc(_ cluster: ArraySlice<UInt32>) -> [UInt32] {
        if cluster.count == 1 {
            let v = cluster.first!
            if (0xFF01...0xFF5E).contains(v) { return [v - 0xFEE0] }
            if v == 0x3000 { return [0x20] }
            if (0xFF61...0xFF9F).contains(v) { return HalfWidth.table[Int(v - 0xFF61)] }
        }
        return Normalizer.nfkc(scalars: cluster)
    }

    /// A term as tsuzuri compares it: NFKC, which covers everything the line normalisation folds,
    /// so a glossary form and a spelling found in a scanned line compare equal.
    public static func normalize(_ term: String) -> String {
        Normalizer.normalize(term, .term)
    }

    /// The source range (scalar indices) covered by the normalised range.
    public func sourceRange(_ range: Range<Int>) -> Range<Int> {
        if isIdentity { return range }
        let lower = Int(origin[range.lowerBound])
        let upper = range.upperBound < origin.count ? Int(origin[range.upperBound]) : source.count
        return lower..<max(upper, lower + 1)
    }

    /// The source text of a source range.
    public func sourceText(_ range: Range<Int>) -> String {
        ScannedLine.string(source[range])
    }

    /// The normalised text of a normalised range.
    public func normalizedText(_ range: Range<Int>) -> String {
        ScannedLine.string(normalized[range])
    }

    /// The text of scalars (a value that is no scalar is left out). Encoded into the string's own
    /// buffer in one pass: appending to a `UnicodeScalarView` one scalar at a time cost as much as
    /// finding the terms it was called for.
    public static func string(_ scalars: ArraySlice<UInt32>) -> String {
        String(unsafeUninitializedCapacity: scalars.count * 4) { buffer in
            var n = 0
            for v in scalars {
                if v < 0x80 {
                    buffer[n] = UInt8(v)
                    n += 1
                } else if v < 0x800 {
                    buffer[n] = UInt8(0xC0 | v >> 6)
                    buffer[n + 1] = UInt8(0x80 | v & 0x3F)
                    n += 2
                } else if v < 0x10000 {
                    if v >= 0xD800 && v < 0xE000 { continue }  // a surrogate is no scalar
                    buffer[n] = UInt8(0xE0 | v >> 12)
                    buffer[n + 1] = UInt8(0x80 | v >> 6 & 0x3F)
                    buffer[n + 2] = UInt8(0x80 | v & 0x3F)
                    n += 3
                } else if v < 0x110000 {
                    buffer[n] = UInt8(0xF0 | v >> 18)
                    buffer[n + 1] = UInt8(0x80 | v >> 12 & 0x3F)
                    buffer[n + 2] = UInt8(0x80 | v >> 6 & 0x3F)
                    buffer[n + 3] = UInt8(0x80 | v & 0x3F)
                    n += 4
                }
            }
            return n
        }
    }
}

/// NFKC of each half-width katakana code point U+FF61…U+FF9F, computed once with ICU.
enum HalfWidth {
    static let table: [[UInt32]] = (0xFF61...0xFF9F).map { v in
        Normalizer.nfkc(String(Unicode.Scalar(UInt32(v))!)).unicodeScalars.map(\.value)
    }
}
