import Testing
@testable import TsuzuriText

/// `UTF8Check.string`: the line decoder of every text check, which must refuse exactly what
/// `String(validating:as:)` refuses.
@Suite struct UTF8CheckTests {
    static let samples: [[UInt8]] = [
        [],
        Array("ヘグセス国防長官".utf8),
        Array("a\u{FFFD}b".utf8),  // a replacement character written in the text is valid
        Array("😀 emoji and ASCII".utf8),
        [0x80],  // a lone continuation byte
        [0xE3, 0x81],  // a sequence cut short
        [0x61, 0xE3, 0x81, 0x62],
        [0xC0, 0xAF],  // an overlong "/"
        [0xED, 0xA0, 0x80],  // a UTF-16 surrogate
        [0xF4, 0x90, 0x80, 0x80],  // past U+10FFFF
        [0xEF, 0xBF, 0xBD, 0xFF],  // U+FFFD followed by an invalid byte
        [0xFE, 0xFF],
    ]

    @Test("valid UTF-8 comes back as its string, invalid is refused, as String(validating:as:) does")
    func sameAsTheStandardLibrary() {
        for bytes in Self.samples {
            #expect(UTF8Check.string(bytes[...]) == String(validating: bytes, as: UTF8.self), "\(bytes)")
        }
    }

    @Test("random byte strings: the same answers as String(validating:as:)")
    func randomBytes() {
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<5_000 {
            let count = Int.random(in: 0..<12, using: &generator)
            // Mostly valid multi-byte text with now and then a stray byte.
            var bytes: [UInt8] = []
            for _ in 0..<count {
                if Int.random(in: 0..<10, using: &generator) == 0 {
                    bytes.append(UInt8.random(in: 0x80...0xFF, using: &generator))
                } else {
                    bytes += Array(String(UnicodeScalar(UInt32.random(in: 0x20...0x3100, using: &generator)) ?? "x").utf8)
                }
            }
            #expect(UTF8Check.string(bytes[...]) == String(validating: bytes, as: UTF8.self), "\(bytes)")
        }
    }
}
