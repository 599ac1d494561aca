import Foundation

/// A cache file of flat sections (arrays of integers, a pool of UTF-8 bytes) that a later run
/// maps into memory and reads in place, touching only the pages it needs.
///
/// Layout: a 64-byte header (magic, what the file holds and its format version, the file's
/// length, a `ContentHash` of everything after the header, the number of sections, the key the
/// file was built for), the section table (offset and length of each), then the sections, each
/// starting on an 8-byte boundary. A file whose magic, kind, version, length, key or checksum
/// disagrees is not opened: the caller rebuilds it, so a damaged, truncated or older file can
/// never give an answer.
public enum CompiledFile {
    static let magic: [UInt8] = Array("TSZCACHE".utf8)
    static let headerSize = 64

    /// The file's bytes: header, section table and sections. `kind` names what the file holds
    /// (four ASCII letters), `version` its layout; `key` is what the file was built from.
    public static func encode(kind: String, version: UInt32, key: (UInt64, UInt64), sections: [[UInt8]]) -> [UInt8] {
        let tableSize = sections.count * 16
        var offsets: [Int] = []
        var position = headerSize + tableSize
        for section in sections {
            position = (position + 7) & ~7
            offsets.append(position)
            position += section.count
        }
        var bytes = [UInt8](repeating: 0, count: position)
        func put<T: FixedWidthInteger>(_ value: T, at offset: Int) {
            withUnsafeBytes(of: value.littleEndian) { bytes.replaceSubrange(offset..<offset + MemoryLayout<T>.size, with: $0) }
        }
        bytes.replaceSubrange(0..<8, with: magic)
        put(tag(kind), at: 8)
        put(version, at: 12)
        put(UInt64(position), at: 16)
        put(UInt32(sections.count), at: 40)
        put(key.0, at: 48)
        put(key.1, at: 56)
        for (index, section) in sections.enumerated() {
            put(UInt64(offsets[index]), at: headerSize + index * 16)
            put(UInt64(section.count), at: headerSize + index * 16 + 8)
            bytes.replaceSubrange(offsets[index]..<offsets[index] + section.count, with: section)
        }
        var hash = ContentHash()
        bytes.withUnsafeBytes { hash.update(UnsafeRawBufferPointer(rebasing: $0[headerSize...])) }
        let (c0, c1) = hash.finalize()
        put(c0, at: 24)
        put(c1, at: 32)
        return bytes
    }

    static func tag(_ kind: String) -> UInt32 {
        Array(kind.utf8.prefix(4)).reduce(0) { $0 << 8 | UInt32($1) }
    }

    /// Opens a file written by `encode` with the same kind, version and key, checking its whole
    /// content against its checksum first, or returns nil (missing, unreadable, damaged, another
    /// version or key). The checksum is computed over `read` calls into a small buffer rather
    /// than over the mapping, so that checking does not bring the whole file into memory.
    public static func open(path: String, kind: String, version: UInt32, key: (UInt64, UInt64)) -> MappedSections? {
        let fd = Foundation.open(path, O_RDONLY)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var status = stat()
        guard fstat(fd, &status) == 0, status.st_size >= headerSize else { return nil }
        let size = Int(status.st_size)

        var header = [UInt8](repeating: 0, count: headerSize)
        guard readFully(fd, &header, count: headerSize) else { return nil }
        func get<T: FixedWidthInteger>(_: T.Type, _ offset: Int) -> T {
            header.withUnsafeBytes { T(littleEndian: $0.loadUnaligned(fromByteOffset: offset, as: T.self)) }
        }
        guard Array(header[0..<8]) == magic, get(UInt32.self, 8) == tag(kind), get(UInt32.self, 12) == version,
              get(UInt64.self, 16) == UInt64(size), get(UInt64.self, 48) == key.0, get(UInt64.self, 56) == key.1
        else { return nil }
        let sectionCount = Int(get(UInt32.self, 40))
        guard headerSize + sectionCount * 16 <= size else { return nil }

        var hash = ContentHash()
        var buffer = [UInt8](repeating: 0, count: 1 << 18)
        var remaining = size - headerSize
        while remaining > 0 {
            let count = min(buffer.count, remaining)
            guard readFully(fd, &buffer, count: count) else { return nil }
            buffer.withUnsafeBytes { hash.update(UnsafeRawBufferPointer(rebasing: $0[0..<count])) }
            remaining -= count
        }
        guard hash.finalize() == (get(UInt64.self, 24), get(UInt64.self, 32)) else { return nil }

        guard let mapping = mmap(nil, size, PROT_READ, MAP_PRIVATE, fd, 0), mapping != MAP_FAILED else { return nil }
        let base = UnsafeRawPointer(mapping)
        var sections: [UnsafeRawBufferPointer] = []
        for index in 0..<sectionCount {
            let offset = Int(UInt64(littleEndian: base.loadUnaligned(fromByteOffset: headerSize + index * 16, as: UInt64.self)))
            let length = Int(UInt64(littleEndian: base.loadUnaligned(fromByteOffset: headerSize + index * 16 + 8, as: UInt64.self)))
            guard offset % 8 == 0, offset >= headerSize, length >= 0, offset <= size, length <= size - offset else {
                munmap(mapping, size)
                return nil
            }
            sections.append(UnsafeRawBufferPointer(start: base + offset, count: length))
        }
        return MappedSections(mapping: mapping, size: size, sections: sections)
    }

    private static func readFully(_ fd: Int32, _ buffer: inout [UInt8], count: Int) -> Bool {
        var done = 0
        while done < count {
            let got = buffer.withUnsafeMutableBytes { Foundation.read(fd, $0.baseAddress! + done, count - done) }
            if got < 0 && errno == EINTR { continue }
            if got <= 0 { return false }
            done += got
        }
        return true
    }
}

/// The sections of an open compiled file, mapped read-only and unmapped when the last user is
/// gone, or sections built in this run and copied into memory of their own (so that a structure
/// read from a cache file and one built from scratch are read by the same code).
/// `@unchecked Sendable`: the memory is never written after `init`, and lives as long as this object.
public final class MappedSections: @unchecked Sendable {
    private let base: UnsafeMutableRawPointer
    private let size: Int
    private let isMapping: Bool
    /// Each section's bytes, in the order `CompiledFile.encode` was given them.
    public let sections: [UnsafeRawBufferPointer]

    init(mapping: UnsafeMutableRawPointer, size: Int, sections: [UnsafeRawBufferPointer]) {
        self.base = mapping
        self.size = size
        self.isMapping = true
        self.sections = sections
    }

    /// Sections built in memory, copied into one block with each section 8-byte aligned.
    public init(copying built: [[UInt8]]) {
        var offsets: [Int] = []
        var total = 0
        for section in built {
            offsets.append(total)
            total = (total + section.count + 7) & ~7
        }
        let block = UnsafeMutableRawPointer.allocate(byteCount: max(total, 8), alignment: 8)
        var sections: [UnsafeRawBufferPointer] = []
        for (index, section) in built.enumerated() {
            section.withUnsafeBytes { if let from = $0.baseAddress { (block + offsets[index]).copyMemory(from: from, byteCount: $0.count) } }
            sections.append(UnsafeRawBufferPointer(start: block + offsets[index], count: section.count))
        }
        base = block
        size = total
        isMapping = false
        self.sections = sections
    }

    deinit {
        if isMapping { munmap(base, size) } else { base.deallocate() }
    }

    /// Section `index` read as 32-bit integers (empty when there is no such section).
    public func integers(_ index: Int) -> UnsafeBufferPointer<UInt32> { array(index, of: UInt32.self) }

    /// Section `index` read as fixed-width integers of type `T` (stored little-endian, which is
    /// every platform tsuzuri builds for).
    public func array<T: FixedWidthInteger>(_ index: Int, of _: T.Type) -> UnsafeBufferPointer<T> {
        guard index < sections.count, let start = sections[index].baseAddress else { return UnsafeBufferPointer(start: nil, count: 0) }
        return UnsafeBufferPointer(start: start.assumingMemoryBound(to: T.self), count: sections[index].count / MemoryLayout<T>.size)
    }

    /// Section `index` as bytes.
    public func bytes(_ index: Int) -> UnsafeRawBufferPointer {
        index < sections.count ? sections[index] : UnsafeRawBufferPointer(start: nil, count: 0)
    }
}

/// A section of fixed-width integers, built in memory.
public enum IntegerBytes {
    /// The little-endian bytes of `values`.
    public static func of<T: FixedWidthInteger>(_ values: [T]) -> [UInt8] {
        var result = [UInt8](repeating: 0, count: values.count * MemoryLayout<T>.size)
        result.withUnsafeMutableBytes { raw in
            for (index, value) in values.enumerated() { raw.storeBytes(of: value.littleEndian, toByteOffset: index * MemoryLayout<T>.size, as: T.self) }
        }
        return result
    }
}

/// A table from strings to numbers, hashed (FNV-1a, fixed across runs unlike Swift's seeded
/// `Hasher`) with open addressing: one section of slots, each a number plus one (0 for empty).
/// The strings themselves are the caller's: `bytes(of:)` gives the string filed under a number.
public enum HashedStrings {
    public static func hash(_ bytes: UnsafeRawBufferPointer) -> UInt64 {
        var value: UInt64 = 0xCBF2_9CE4_8422_2325
        for byte in bytes { value = (value ^ UInt64(byte)) &* 0x100_0000_01B3 }
        return value
    }

    /// The slots for `keys` (number i is filed under keys[i]): at least twice as many as keys.
    public static func slots(for keys: [String]) -> [UInt32] {
        var capacity = 8
        while capacity < keys.count * 2 { capacity <<= 1 }
        var slots = [UInt32](repeating: 0, count: capacity)
        for (number, key) in keys.enumerated() {
            var key = key
            var slot = key.withUTF8 { Int(truncatingIfNeeded: hash(UnsafeRawBufferPointer($0))) } & (capacity - 1)
            while slots[slot] != 0 { slot = (slot + 1) & (capacity - 1) }
            slots[slot] = UInt32(number + 1)
        }
        return slots
    }

    /// The number filed under `key`, if any.
    @inline(__always)
    public static func find(
        _ key: String, in slots: UnsafeBufferPointer<UInt32>, bytes: (Int) -> UnsafeRawBufferPointer
    ) -> Int? {
        guard !slots.isEmpty else { return nil }
        var key = key
        return key.withUTF8 { utf8 in
            let raw = UnsafeRawBufferPointer(utf8)
            let mask = slots.count - 1
            var slot = Int(truncatingIfNeeded: hash(raw)) & mask
            while slots[slot] != 0 {
                let number = Int(slots[slot] - 1)
                let stored = bytes(number)
                if stored.count == raw.count && stored.elementsEqual(raw) { return number }
                slot = (slot + 1) & mask
            }
            return nil
        }
    }
}

/// Strings stored once each in a pool of UTF-8 bytes, numbered in first-seen order.
public struct StringPool {
    public private(set) var bytes: [UInt8] = []
    /// String n is `bytes[starts[n]..<starts[n + 1]]`.
    public private(set) var starts: [UInt32] = [0]
    private var ids: [String: UInt32] = [:]

    public init() {}

    public mutating func id(_ string: String) -> UInt32 {
        if let id = ids[string] { return id }
        let id = UInt32(starts.count - 1)
        bytes += string.utf8
        starts.append(UInt32(bytes.count))
        ids[string] = id
        return id
    }

    /// Adds a string without looking for an earlier copy (for strings known to be different).
    public mutating func append(_ string: String) {
        bytes += string.utf8
        starts.append(UInt32(bytes.count))
    }
}

/// Builds a section of 32-bit integers.
public struct IntegerSection {
    public private(set) var values: [UInt32] = []
    public init() {}
    public init(_ values: [UInt32]) { self.values = values }
    public mutating func append(_ value: UInt32) { values.append(value) }
    public mutating func append(_ value: Int) { values.append(UInt32(truncatingIfNeeded: value)) }
    public mutating func reserveCapacity(_ n: Int) { values.reserveCapacity(n) }
    public var count: Int { values.count }
    /// The little-endian bytes.
    public var bytes: [UInt8] { IntegerBytes.of(values) }
}
