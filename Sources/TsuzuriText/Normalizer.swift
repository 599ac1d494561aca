import CICU

/// Unicode normalisation as tsuzuri compares text: NFKC folds half-width katakana (ﾍｸﾞｾｽ),
/// full-width Latin and digits (ＮＡＴＯ, ５) and compatibility forms into one spelling.
public enum Normalizer {
    /// The NFKC form of `text`. Text ICU cannot normalise (it never should) is returned unchanged.
    public static func nfkc(_ text: String) -> String {
        if text.utf8.allSatisfy({ $0 < 0x80 }) { return text }
        let source = Array(text.utf16)
        var capacity = Int32(source.count * 2 + 16)
        while true {
            var error: Int32 = 0
            var dest = [UInt16](repeating: 0, count: Int(capacity))
            let needed = source.withUnsafeBufferPointer { src in
                dest.withUnsafeMutableBufferPointer { dst in
                    cicu_nfkc(src.baseAddress, Int32(src.count), dst.baseAddress, capacity, &error)
                }
            }
            if error > 0 { return text }
            if needed <= capacity {
                return String(decoding: dest[0..<Int(needed)], as: UTF16.self)
            }
            capacity = needed
        }
    }
}
