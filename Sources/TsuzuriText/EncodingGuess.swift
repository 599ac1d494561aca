/// What a file that is not UTF-8 most likely is, so that an error can say which conversion to run
/// instead of always suggesting Shift_JIS. Every reader that reports invalid UTF-8 (texts,
/// glossaries, PO and TSV imports) asks this one helper.
public enum EncodingGuess: String, Sendable, CaseIterable {
    /// With a byte order mark, which iconv reads (and drops) when told just "UTF-16".
    case utf16 = "UTF-16"
    case utf32 = "UTF-32"
    case utf16LittleEndian = "UTF-16LE"
    case utf16BigEndian = "UTF-16BE"
    case utf32LittleEndian = "UTF-32LE"
    case utf32BigEndian = "UTF-32BE"
    case eucJP = "EUC-JP"
    case shiftJIS = "SHIFT_JIS"

    /// The likely encoding of bytes that are not UTF-8. `head` is the start of the file (for a
    /// byte order mark and the NUL pattern of UTF-16 and UTF-32, which need the file's alignment);
    /// `line` is the line with the invalid byte, from its first byte (for the Japanese multi-byte
    /// encodings). nil when nothing fits well.
    public static func guess(head: some Collection<UInt8>, line: some Collection<UInt8>) -> EncodingGuess? {
        let head = Array(head.prefix(4096))
        if head.starts(with: [0xFF, 0xFE, 0x00, 0x00]) || head.starts(with: [0x00, 0x00, 0xFE, 0xFF]) { return .utf32 }
        if head.starts(with: [0xFF, 0xFE]) || head.starts(with: [0xFE, 0xFF]) { return .utf16 }
        if let wide = wideEncoding(head) { return wide }
        let line = Array(line.prefix(65536))
        let euc = errors(line, decoder: eucJPLength)
        let sjis = errors(line, decoder: shiftJISLength)
        if euc.errors == 0 && euc.multiByte > 0 && (sjis.errors > 0 || euc.multiByte >= sjis.multiByte) { return .eucJP }
        if sjis.errors == 0 && sjis.multiByte > 0 { return .shiftJIS }
        if euc.errors == 0 && euc.multiByte > 0 { return .eucJP }
        return nil
    }

    /// What to tell the user: the likely encoding and the command that converts it.
    public static func advice(head: some Collection<UInt8>, line: some Collection<UInt8>) -> String {
        guard let encoding = guess(head: head, line: line) else {
            return "the file is not UTF-8; convert it to UTF-8 (e.g. iconv -f ENCODING -t UTF-8)"
        }
        return "the file looks like \(encoding.rawValue); convert it with iconv -f \(encoding.rawValue) -t UTF-8"
    }

    /// UTF-16 or UTF-32 without a byte order mark: judged by where NUL bytes fall (ASCII and line
    /// ends), and for Japanese UTF-16 by the high bytes of kana and kanji (0x30, 0x4E–0x9F).
    private static func wideEncoding(_ bytes: [UInt8]) -> EncodingGuess? {
        guard bytes.count >= 8 else { return nil }
        var zeros = [Int](repeating: 0, count: 4)
        for (i, b) in bytes.enumerated() where b == 0 { zeros[i % 4] += 1 }
        let quarter = bytes.count / 4
        if quarter > 0 {
            // Every code point is below U+10000 in practice: its two high bytes are NUL.
            if zeros[2] * 10 >= quarter * 9 && zeros[3] * 10 >= quarter * 9 { return .utf32LittleEndian }
            if zeros[0] * 10 >= quarter * 9 && zeros[1] * 10 >= quarter * 9 { return .utf32BigEndian }
        }
        func looksHigh(_ b: UInt8) -> Bool { b == 0 || b == 0x30 || (b >= 0x4E && b <= 0x9F) || b == 0xFF }
        let pairs = bytes.count / 2
        var highOdd = 0, highEven = 0, zeroOdd = 0, zeroEven = 0
        for i in 0..<pairs {
            if looksHigh(bytes[2 * i + 1]) { highOdd += 1 }
            if looksHigh(bytes[2 * i]) { highEven += 1 }
            if bytes[2 * i + 1] == 0 { zeroOdd += 1 }
            if bytes[2 * i] == 0 { zeroEven += 1 }
        }
        // A NUL never occurs in UTF-8 text or the Japanese multi-byte encodings: one seen in a
        // text file, with most bytes on one side looking like high bytes, is UTF-16.
        if zeroOdd + zeroEven > 0 {
            if highOdd * 10 >= pairs * 8 && zeroOdd >= zeroEven { return .utf16LittleEndian }
            if highEven * 10 >= pairs * 8 && zeroEven >= zeroOdd { return .utf16BigEndian }
        }
        return nil
    }

    /// Multi-byte characters decoded and sequences that do not decode, over a whole line (a
    /// decoder returns a sequence's length, 1 for a valid single byte, nil for an invalid one).
    /// The last sequence may be cut by the sample's end and does not count as an error.
    private static func errors(_ bytes: [UInt8], decoder: ([UInt8], Int) -> Int?) -> (errors: Int, multiByte: Int) {
        var i = 0, errors = 0, multiByte = 0
        while i < bytes.count {
            if bytes[i] < 0x80 {
                i += 1
                continue
            }
            guard let length = decoder(bytes, i) else {
                errors += 1
                i += 1
                continue
            }
            if i + length > bytes.count { break }
            if length > 1 { multiByte += 1 }
            i += length
        }
        return (errors, multiByte)
    }

    /// EUC-JP: two bytes A1–FE A1–FE, half-width kana 8E A1–DF, JIS X 0212 8F A1–FE A1–FE.
    private static func eucJPLength(_ b: [UInt8], _ i: Int) -> Int? {
        func trail(_ k: Int) -> Bool { k >= b.count || (b[k] >= 0xA1 && b[k] <= 0xFE) }
        switch b[i] {
        case 0x8E: return i + 1 >= b.count || (b[i + 1] >= 0xA1 && b[i + 1] <= 0xDF) ? 2 : nil
        case 0x8F: return trail(i + 1) && trail(i + 2) ? 3 : nil
        case 0xA1...0xFE: return trail(i + 1) ? 2 : nil
        default: return nil
        }
    }

    /// Shift_JIS: half-width kana A1–DF alone; lead 81–9F or E0–FC, trail 40–7E or 80–FC.
    private static func shiftJISLength(_ b: [UInt8], _ i: Int) -> Int? {
        switch b[i] {
        case 0xA1...0xDF: return 1  // half-width kana: valid, but no evidence either way
        case 0x81...0x9F, 0xE0...0xFC:
            guard i + 1 < b.count else { return 2 }
            let t = b[i + 1]
            return (t >= 0x40 && t <= 0x7E) || (t >= 0x80 && t <= 0xFC) ? 2 : nil
        default: return nil
        }
    }
}
