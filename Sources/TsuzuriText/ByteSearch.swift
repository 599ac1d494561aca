import Foundation

/// Byte searches through the C library's `memchr`, which reads a machine word or a vector at a
/// time: a large input's line ends, counted and found one byte at a time in Swift, were a good
/// part of what reading it cost (chunking, snippets, the scan for suppression comments).
public enum ByteSearch {
    /// The index (in `bytes`' own indices) of the first `byte`, or nil.
    public static func firstIndex(of byte: UInt8, in bytes: ArraySlice<UInt8>) -> Int? {
        bytes.withUnsafeBytes { raw in
            guard let base = raw.baseAddress, let hit = memchr(base, Int32(byte), raw.count) else { return nil }
            return bytes.startIndex + (UnsafeRawPointer(hit) - base)
        }
    }

    /// How many times `byte` occurs in `bytes`.
    public static func count(of byte: UInt8, in bytes: ArraySlice<UInt8>) -> Int {
        bytes.withUnsafeBytes { raw in
            guard var at = raw.baseAddress else { return 0 }
            let end = at + raw.count
            var count = 0
            while at < end, let hit = memchr(at, Int32(byte), end - at) {
                count += 1
                at = UnsafeRawPointer(hit) + 1
            }
            return count
        }
    }

    /// Whether `needle` (not empty) occurs in `bytes`: candidates are found by its first byte.
    public static func contains(_ needle: [UInt8], in bytes: UnsafeRawBufferPointer) -> Bool {
        guard let first = needle.first, var at = bytes.baseAddress, bytes.count >= needle.count else { return false }
        let last = at + (bytes.count - needle.count)  // the last place the needle can start
        return needle.withUnsafeBytes { n in
            while at <= last, let hit = memchr(at, Int32(first), last - at + 1) {
                let start = UnsafeRawPointer(hit)
                if memcmp(start, n.baseAddress!, n.count) == 0 { return true }
                at = start + 1
            }
            return false
        }
    }
}
