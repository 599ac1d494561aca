/// Language codes as translation memories compare them: case-insensitively (`en-us` is `en-US`),
/// `_` read as `-` (`pt_BR`), and region-aware: a code without a region matches every region of
/// its language (`en` matches `en-US` and `en-GB`), while two codes that both name a region match
/// only when the regions agree (`en-US` does not match `en-GB`).
public enum LanguageCode {
    /// The canonical spelling: lower-case language, `-` separators, upper-case two-letter region
    /// (`EN_us` → `en-US`).
    public static func canonical(_ code: String) -> String {
        if code.utf8.allSatisfy({ $0 >= 0x61 && $0 <= 0x7A }) { return code }
        let parts = code.replacingOccurrences(of: "_", with: "-").split(separator: "-", omittingEmptySubsequences: true)
        guard let first = parts.first else { return "" }
        var result = first.lowercased()
        for part in parts.dropFirst() {
            result += "-"
            result += part.count == 2 ? part.uppercased() : part.lowercased()
        }
        return result
    }

    /// Why `code` is not a language code, or nil when it is one: a two- or three-letter language
    /// (ISO 639) followed by subtags of one to eight letters or digits (script, region, variant),
    /// separated by `-` or `_`. Every language option is checked with this, so that an import
    /// cannot store a code that a TMX export would write as an invalid `xml:lang`.
    public static func problem(with code: String) -> String? {
        if code.isEmpty { return "it is empty" }
        let parts = code.split(separator: "-", omittingEmptySubsequences: false).flatMap {
            $0.split(separator: "_", omittingEmptySubsequences: false)
        }
        func isLetter(_ b: UInt8) -> Bool { (b >= 0x41 && b <= 0x5A) || (b >= 0x61 && b <= 0x7A) }
        func isDigit(_ b: UInt8) -> Bool { b >= 0x30 && b <= 0x39 }
        let language = parts[0].utf8
        guard (2...3).contains(language.count), language.allSatisfy(isLetter) else {
            return "the language must be two or three ASCII letters"
        }
        for part in parts.dropFirst() {
            guard (1...8).contains(part.utf8.count), part.utf8.allSatisfy({ isLetter($0) || isDigit($0) }) else {
                return "'\(part)' is not a subtag (one to eight ASCII letters or digits)"
            }
        }
        return nil
    }

    /// Whether a unit written in `code` answers a request for `requested` (see the type's rule).
    public static func matches(_ code: String, requested: String) -> Bool {
        if code == requested { return true }
        let a = canonical(code), b = canonical(requested)
        if a == b { return true }
        let pa = a.split(separator: "-"), pb = b.split(separator: "-")
        guard pa.first == pb.first else { return false }
        // One side names only the language (or a prefix of the other's subtags): compatible.
        return pa.count == 1 || pb.count == 1 || pa.starts(with: pb) || pb.starts(with: pa)
    }
}
