import Foundation

/// A cache file of flat sections (arrays of integers, a pool of UTF-8 bytes) that a later run
/// reads in place (`CompiledSections`), only the few integers and strings it needs.
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
    /// version or key). The checksum is computed over `read` calls into a small buffer, so that
    /// checking does not bring the file into the process's memory.
    public static func open(path: String, kind: String, version: UInt32, key: (UInt64, UInt64)) -> CompiledSections? {
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

        var sections: [(offset: Int, length: Int)] = []
        for index in 0..<sectionCount {
            let entry = headerSize + index * 16
            var raw = [UInt8](repeating: 0, count: 16)
            guard pread(fd, &raw, 16, off_t(entry)) == 16 else { return nil }
            let (offset, length) = raw.withUnsafeBytes {
                (Int(UInt64(littleEndian: $0.loadUnaligned(as: UInt64.self))), Int(UInt64(littleEndian: $0.loadUnaligned(fromByteOffset: 8, as: UInt64.self))))
            }
            guard offset % 8 == 0, offset >= headerSize, length >= 0, offset <= size, length <= size - offset else { return nil }
            sections.append((offset, length))
        }
        let kept = dup(fd)
        guard kept >= 0 else { return nil }
        return CompiledSections(file: kept, size: size, sections: sections)
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

/// The sections of a compiled file, read where they lie: in an open cache file, through
/// `pread` of just the integers or bytes asked for, or in memory of their own for sections built
/// in this run (so that a structure read from a cache file and one built from scratch are read
/// by the same code).
///
/// Not mapped: the kernel maps a file's page cache in large folios (up to 2 MB a fault even with
/// `MADV_RANDOM`), so a few hundred scattered probes into a mapped 50 MB index made most of it
/// the process's memory; what `pread` copies out is a block a probe, and the page cache it
/// reads from is not counted as the process's. The blocks read last are kept (a few megabytes
/// at most), so that neighbouring reads (a set's spellings, a node's edges) cost one call.
/// `@unchecked Sendable`: nothing changes after `init` but the block cache, kept under a lock
/// (`pread` keeps no file position).
public final class CompiledSections: @unchecked Sendable {
    private let memory: UnsafeMutableRawPointer?
    private let file: Int32
    private let size: Int
    private let sections: [(offset: Int, length: Int)]
    /// The blocks kept, direct-mapped (block n in slot n % keptBlocks, `tags` saying which block
    /// a slot holds, -1 for none); allocated on first use, and only the slots written count as
    /// the process's memory.
    private var cache: UnsafeMutableRawPointer?
    private var tags: [Int] = []
    private let lock = NSLock()
    static let blockSize = 4096
    /// How many blocks are kept: reads are scattered over tens of megabytes, so the cache holds
    /// what a run returns to (small tables, a node's edges), not the file.
    static let keptBlocks = 1024

    init(file: Int32, size: Int, sections: [(offset: Int, length: Int)]) {
        self.memory = nil
        self.file = file
        self.size = size
        self.sections = sections
    }

    /// Sections built in memory, copied into one block with each section 8-byte aligned.
    public init(copying built: [[UInt8]]) {
        var sections: [(offset: Int, length: Int)] = []
        var total = 0
        for section in built {
            sections.append((total, section.count))
            total = (total + section.count + 7) & ~7
        }
        let block = UnsafeMutableRawPointer.allocate(byteCount: max(total, 8), alignment: 8)
        for (index, section) in built.enumerated() {
            section.withUnsafeBytes { if let from = $0.baseAddress { (block + sections[index].offset).copyMemory(from: from, byteCount: $0.count) } }
        }
        memory = block
        file = -1
        size = total
        self.sections = sections
    }

    deinit {
        if let memory { memory.deallocate() } else { close(file) }
        cache?.deallocate()
    }

    /// How many sections there are.
    public var count: Int { sections.count }

    /// Section `section`'s bytes `range` into `buffer` (zeros for bytes a failing read leaves out).
    @inline(__always)
    func read(_ section: Int, _ range: Range<Int>, into buffer: UnsafeMutableRawBufferPointer) {
        let (offset, length) = sections[section]
        precondition(range.lowerBound >= 0 && range.upperBound <= length, "compiled section read out of bounds")
        guard !range.isEmpty, let target = buffer.baseAddress else { return }
        if let memory {
            target.copyMemory(from: memory + offset + range.lowerBound, byteCount: range.count)
            return
        }
        let start = offset + range.lowerBound, end = offset + range.upperBound
        if range.count > 4 * Self.blockSize {
            readFile(into: target, count: range.count, at: start)
            return
        }
        lock.lock()
        defer { lock.unlock() }
        if cache == nil {
            cache = UnsafeMutableRawPointer.allocate(byteCount: Self.keptBlocks * Self.blockSize, alignment: 8)
            tags = [Int](repeating: -1, count: Self.keptBlocks)
        }
        let cache = cache!
        var position = start
        while position < end {
            let number = position / Self.blockSize
            let slot = number % Self.keptBlocks
            let block = cache + slot * Self.blockSize
            if tags[slot] != number {
                readFile(into: block, count: min(Self.blockSize, size - number * Self.blockSize), at: number * Self.blockSize)
                tags[slot] = number
            }
            let within = position - number * Self.blockSize
            let count = min(end - position, Self.blockSize - within)
            (target + (position - start)).copyMemory(from: block + within, byteCount: count)
            position += count
        }
    }

    /// `count` bytes of the file at `offset` (zeros for bytes a failing read leaves out).
    private func readFile(into target: UnsafeMutableRawPointer, count: Int, at offset: Int) {
        var done = 0
        while done < count {
            let got = pread(file, target + done, count - done, off_t(offset + done))
            if got < 0 && errno == EINTR { continue }
            if got <= 0 { break }
            done += got
        }
        if done < count { (target + done).initializeMemory(as: UInt8.self, repeating: 0, count: count - done) }
    }

    /// Section `section` as integers of type `T` (stored little-endian, which is every platform
    /// tsuzuri builds for).
    public func column<T: FixedWidthInteger>(_ section: Int, of _: T.Type = T.self) -> Column<T> {
        Column(sections: self, section: section, count: section < sections.count ? sections[section].length / MemoryLayout<T>.size : 0)
    }
}

/// One section of a `CompiledSections` read as an array of integers.
public struct Column<T: FixedWidthInteger>: @unchecked Sendable {
    let sections: CompiledSections
    let section: Int
    /// How many integers the section holds.
    public let count: Int

    public var isEmpty: Bool { count == 0 }

    public subscript(index: Int) -> T {
        var value: T = 0
        withUnsafeMutableBytes(of: &value) { sections.read(section, index * MemoryLayout<T>.size..<(index + 1) * MemoryLayout<T>.size, into: $0) }
        return T(littleEndian: value)
    }

    /// The integers in `range`, read at once.
    public func slice(_ range: Range<Int>) -> [T] {
        guard !range.isEmpty else { return [] }
        var values = [T](repeating: 0, count: range.count)
        values.withUnsafeMutableBytes {
            sections.read(section, range.lowerBound * MemoryLayout<T>.size..<range.upperBound * MemoryLayout<T>.size, into: $0)
        }
        return values.map { T(littleEndian: $0) }
    }

    /// Bytes `range` of a byte section as a string (UTF-8).
    public func string(_ range: Range<Int>) -> String where T == UInt8 {
        String(decoding: slice(range), as: UTF8.self)
    }
}

/// A section of fixed-width integers, built in memory.
public enum IntegerBytes {
    /// The little-endian bytes of `values`. Inlinable: called from other modules unspecialised,
    /// the loop instantiated generic metadata per element (28 % of a check of the seed article).
    @inlinable
    public static func of<T: FixedWidthInteger>(_ values: [T]) -> [UInt8] {
        var result = [UInt8](repeating: 0, count: values.count * MemoryLayout<T>.size)
        result.withUnsafeMutableBytes { raw in
            values.withUnsafeBufferPointer { source in
                for index in source.indices { raw.storeBytes(of: source[index].littleEndian, toByteOffset: index * MemoryLayout<T>.size, as: T.self) }
            }
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

    /// The number filed under `key`, if any; `bytes(n)` is the string filed under number n.
    public static func find(_ key: String, in slots: Column<UInt32>, bytes: (Int) -> [UInt8]) -> Int? {
        guard !slots.isEmpty else { return nil }
        let raw = Array(key.utf8)
        let mask = slots.count - 1
        var slot = raw.withUnsafeBytes { Int(truncatingIfNeeded: hash($0)) } & mask
        while true {
            let value = slots[slot]
            if value == 0 { return nil }
            if bytes(Int(value - 1)) == raw { return Int(value - 1) }
            slot = (slot + 1) & mask
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
