/// One line of source text together with its normalised form, in Unicode scalars, and the map
/// from each normalised scalar back to the source scalar it came from, so that every match found
/// in normalised text still points at the right column of the original.
///
/// Normalisation here is the part of NFKC that matters for terms: half-width katakana (with their
/// separate voicing marks) become full-width, full-width Latin letters, digits and punctuation
/// become ASCII, and the ideographic space becomes a space. Everything else is kept as written.
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
        self.init(scalars: line.unicodeScalars.map(\.value))
    }

    public init(_ line: String) {
        self.init(scalars: line.unicodeScalars.map(\.value))
    }

    public init(scalars: [UInt32]) {
        source = scalars
        var needsWork = false
        for v in scalars where ScannedLine.needsNormalising(v) {
            needsWork = true
            break
        }
        if !needsWork {
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
            let v = scalars[i]
            if (0xFF01...0xFF5E).contains(v) {
                out.append(v - 0xFEE0)
                map.append(Int32(i))
            } else if v == 0x3000 {
                out.append(0x20)
                map.append(Int32(i))
            } else if (0xFF61...0xFF9F).contains(v) {
                // A half-width voicing mark belongs to the kana before it: ｸﾞ → グ.
                if i + 1 < scalars.count, scalars[i + 1] == 0xFF9E || scalars[i + 1] == 0xFF9F {
                    let pair = String(String.UnicodeScalarView([Unicode.Scalar(v)!, Unicode.Scalar(scalars[i + 1])!]))
                    for s in Normalizer.nfkc(pair).unicodeScalars {
                        out.append(s.value)
                        map.append(Int32(i))
                    }
                    i += 2
                    continue
                }
                for s in HalfWidth.table[Int(v - 0xFF61)] {
                    out.append(s)
                    map.append(Int32(i))
                }
            } else {
                out.append(v)
                map.append(Int32(i))
            }
            i += 1
        }
        normalized = out
        origin = map
        isIdentity = false
    }

    @inline(__always)
    static func needsNormalising(_ v: UInt32) -> Bool {
        v >= 0x3000 && (v == 0x3000 || (0xFF01...0xFF5E).contains(v) || (0xFF61...0xFF9F).contains(v))
    }

    /// A term as tsuzuri compares it: NFKC, which covers everything the line normalisation folds,
    /// so a glossary form and a spelling found in a scanned line compare equal.
    public static func normalize(_ term: String) -> String {
        Normalizer.nfkc(term)
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

    public static func string(_ scalars: ArraySlice<UInt32>) -> String {
        var s = String.UnicodeScalarView()
        for v in scalars { if let u = Unicode.Scalar(v) { s.append(u) } }
        return String(s)
    }
}

/// NFKC of each half-width katakana code point U+FF61…U+FF9F, computed once with ICU.
enum HalfWidth {
    static let table: [[UInt32]] = (0xFF61...0xFF9F).map { v in
        Normalizer.nfkc(String(Unicode.Scalar(UInt32(v))!)).unicodeScalars.map(\.value)
    }
}
