/// A 128-bit hash of bytes fed in pieces, for naming what a cache was built from and for telling
/// a damaged cache file from a sound one. Not cryptographic: it guards against accidental change
/// (an edited glossary, a flipped or lost byte), not against someone forging a file.
///
/// Two independent lanes of XXH64's round over 8-byte words, 16 bytes a step, so that hashing a
/// few megabytes costs a few milliseconds; the result does not depend on how the bytes are split.
public struct ContentHash: Sendable {
    private var a: UInt64 = 0x9E37_79B1_85EB_CA87 &+ 0xC2B2_AE3D_27D4_EB4F
    private var b: UInt64 = 0x1656_67B1_9E37_79F9
    private var length: UInt64 = 0
    /// Bytes of an unfinished 16-byte step (fewer than 16), kept for the next `update`.
    private var pending: [UInt8] = []

    public init() {}

    private static let p1: UInt64 = 0x9E37_79B1_85EB_CA87
    private static let p2: UInt64 = 0xC2B2_AE3D_27D4_EB4F
    private static let p5: UInt64 = 0x27D4_EB2F_1656_67C5

    @inline(__always)
    private static func round(_ acc: UInt64, _ input: UInt64) -> UInt64 {
        var acc = acc &+ input &* p2
        acc = acc << 31 | acc >> 33
        return acc &* p1
    }

    @inline(__always)
    private static func avalanche(_ h: UInt64) -> UInt64 {
        var h = h
        h ^= h >> 33
        h = h &* p2
        h ^= h >> 29
        h = h &* 0x1656_67B1_9E37_79F9
        h ^= h >> 32
        return h
    }

    @inline(__always)
    private mutating func step(_ base: UnsafeRawPointer) {
        a = Self.round(a, UInt64(littleEndian: base.loadUnaligned(as: UInt64.self)))
        b = Self.round(b, UInt64(littleEndian: base.loadUnaligned(fromByteOffset: 8, as: UInt64.self)))
    }

    /// Feeds more bytes.
    public mutating func update(_ bytes: UnsafeRawBufferPointer) {
        guard let base = bytes.baseAddress, bytes.count > 0 else { return }
        length &+= UInt64(bytes.count)
        var offset = 0
        if !pending.isEmpty {
            let take = min(16 - pending.count, bytes.count)
            pending += bytes[0..<take]
            offset = take
            if pending.count < 16 { return }
            pending.withUnsafeBytes { step($0.baseAddress!) }
            pending.removeAll(keepingCapacity: true)
        }
        while bytes.count - offset >= 16 {
            step(base + offset)
            offset += 16
        }
        if offset < bytes.count { pending += bytes[offset...] }
    }

    /// Feeds more bytes.
    public mutating func update(_ bytes: [UInt8]) {
        bytes.withUnsafeBytes { update($0) }
    }

    /// Feeds a string's UTF-8 bytes preceded by their count, so that ("ab", "c") and ("a", "bc")
    /// hash differently.
    public mutating func update(field: String) {
        var utf8 = Array(field.utf8)
        update(integer: UInt64(utf8.count))
        utf8.withUnsafeMutableBytes { update(UnsafeRawBufferPointer($0)) }
    }

    /// Feeds an integer's 8 little-endian bytes.
    public mutating func update(integer: UInt64) {
        withUnsafeBytes(of: integer.littleEndian) { update($0) }
    }

    /// The hash of everything fed so far, as two words.
    public func finalize() -> (UInt64, UInt64) {
        var a = self.a, b = self.b
        for byte in pending {
            a = (a ^ UInt64(byte) &* Self.p5)
            a = (a << 11 | a >> 53) &* Self.p1
            b = (b ^ UInt64(byte) &* Self.p1)
            b = (b << 13 | b >> 51) &* Self.p5
        }
        let first = Self.avalanche(a ^ length)
        let second = Self.avalanche(b ^ (length << 32 | length >> 32) ^ (first &* Self.p5))
        return (first, second)
    }

    /// The hash as 32 lowercase hexadecimal digits (for a file name).
    public var hex: String {
        let (x, y) = finalize()
        func digits(_ v: UInt64) -> String {
            let s = String(v, radix: 16)
            return String(repeating: "0", count: 16 - s.count) + s
        }
        return digits(x) + digits(y)
    }
}
