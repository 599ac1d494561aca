import CICU

/// Decodes text in a legacy charset (EUC-JP, Shift_JIS, …) with ICU's converters, so that files
/// that predate UTF-8 (the EDRDG dictionaries Debian ships) can be read without a subprocess.
public enum CharsetDecoder {
    /// `bytes` decoded from `charset` (an ICU converter name such as "EUC-JP"), or nil when a
    /// byte sequence is not valid in that charset: a wrong guess must fail, never turn into U+FFFD.
    public static func decode(_ bytes: some Collection<UInt8>, charset: String) -> String? {
        if bytes.isEmpty { return "" }
        let source = Array(bytes)
        // No legacy charset ICU reads needs more than one UTF-16 unit per byte, plus the odd pair.
        var capacity = Int32(clamping: source.count + 16)
        while true {
            var error: Int32 = 0
            var dest = [UInt16](repeating: 0, count: Int(capacity))
            let needed = source.withUnsafeBufferPointer { src in
                src.withMemoryRebound(to: CChar.self) { chars in
                    dest.withUnsafeMutableBufferPointer { dst in
                        cicu_convert_to_utf16(charset, chars.baseAddress, Int32(clamping: chars.count), dst.baseAddress, capacity, &error)
                    }
                }
            }
            if error > 0 { return nil }
            if needed <= capacity { return String(decoding: dest[0..<Int(needed)], as: UTF16.self) }
            capacity = needed
        }
    }
}
