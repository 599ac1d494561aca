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

/// The sections of an open compiled file, mapped read-only; unmapped when the last user is gone.
/// `@unchecked Sendable`: the mapping is never written, and lives as long as this object.
public final class MappedSections: @unchecked Sendable {
    private let mapping: UnsafeMutableRawPointer
    private let size: Int
    /// Each section's bytes, in the order `CompiledFile.encode` was given them.
    public let sections: [UnsafeRawBufferPointer]

    init(mapping: UnsafeMutableRawPointer, size: Int, sections: [UnsafeRawBufferPointer]) {
        self.mapping = mapping
        self.size = size
        self.sections = sections
    }

    deinit { munmap(mapping, size) }

    /// Section `index` read as 32-bit integers (empty when the file has fewer sections).
    public func integers(_ index: Int) -> UnsafeBufferPointer<UInt32> {
        guard index < sections.count, let base = sections[index].baseAddress else { return UnsafeBufferPointer(start: nil, count: 0) }
        return UnsafeBufferPointer(start: base.assumingMemoryBound(to: UInt32.self), count: sections[index].count / 4)
    }

    /// Section `index` as bytes.
    public func bytes(_ index: Int) -> UnsafeRawBufferPointer {
        index < sections.count ? sections[index] : UnsafeRawBufferPointer(start: nil, count: 0)
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
    public var bytes: [UInt8] {
        var result = [UInt8](repeating: 0, count: values.count * 4)
        result.withUnsafeMutableBytes { raw in
            for (index, value) in values.enumerated() { raw.storeBytes(of: value.littleEndian, toByteOffset: index * 4, as: UInt32.self) }
        }
        return result
    }
}
