import Foundation

/// The posting runs of one import kept in a temporary file, so that the store receives the
/// import as one chunk, one row per key, instead of one chunk per run.
///
/// An import buffers about 64 MB of postings before it must write them (peak memory), so a
/// million units made seven runs and every gram had seven rows per length bucket. A search pays
/// per row it steps through in SQLite, not per posting: at a million units the median ja→en
/// search read 2,000–3,000 rows. Each run goes to this file in key order as the buffer fills;
/// `merge` then reads the runs side by side and joins each key's postings (runs hold ascending
/// unit ids, so the joined list stays sorted), and the store writes each key once, in key order.
/// The file is unlinked as soon as it is made: nothing is left behind, even by a crash.
final class PostingSpill {
    private let descriptor: Int32
    private let location: String
    private var runs: [(start: Int64, end: Int64)] = []
    private var written: Int64 = 0
    private var pending: [UInt8] = []
    private static let writeSize = 1 << 20

    /// Opens a temporary file in `folder` (the memory's own folder: the index is going there anyway).
    init(folder: String) throws {
        var template = Array(((folder as NSString).appendingPathComponent(".tsuzuri-import-XXXXXX")).utf8CString)
        let descriptor = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        location = folder
        guard descriptor >= 0 else { throw Self.failure(folder, "cannot create a temporary file for the index") }
        template.withUnsafeBufferPointer { _ = unlink($0.baseAddress!) }
        self.descriptor = descriptor
        pending.reserveCapacity(Self.writeSize)
    }

    deinit { close(descriptor) }

    /// How many runs the file holds.
    var runCount: Int { runs.count }

    /// Appends one run: `drain` hands every key with its ascending postings, in key order.
    func write(_ drain: ((Int64, UnsafeBufferPointer<UInt32>) throws -> Void) throws -> Void) throws {
        let start = written + Int64(pending.count)
        try drain { key, postings in
            withUnsafeBytes(of: key.littleEndian) { pending.append(contentsOf: $0) }
            withUnsafeBytes(of: UInt32(postings.count).littleEndian) { pending.append(contentsOf: $0) }
            if UInt32(1).littleEndian == 1 {
                pending.append(contentsOf: UnsafeRawBufferPointer(postings))
            } else {
                for p in postings { withUnsafeBytes(of: p.littleEndian) { pending.append(contentsOf: $0) } }
            }
            if pending.count >= Self.writeSize { try writePending() }
        }
        try writePending()
        runs.append((start, written))
    }

    private func writePending() throws {
        var offset = 0
        while offset < pending.count {
            let n = pending.withUnsafeBytes { pwrite(descriptor, $0.baseAddress! + offset, $0.count - offset, off_t(written)) }
            guard n > 0 else { throw Self.failure(location, "cannot write the temporary index file (\(String(cString: strerror(errno))); is the disk full?)") }
            offset += n
            written += Int64(n)
        }
        pending.removeAll(keepingCapacity: true)
    }

    /// Every key of every run, in key order, with the postings of all runs joined (runs in the
    /// order written, so ascending).
    func merge(_ body: (Int64, Data) throws -> Void) throws {
        var readers = runs.map { RunReader(descriptor: descriptor, start: $0.start, end: $0.end) }
        for r in readers.indices { try readers[r].advance(location) }
        while true {
            // The smallest key at the head of any run (runs are few: a linear scan is enough).
            var smallest: Int64?
            for reader in readers { if let key = reader.key, smallest == nil || key < smallest! { smallest = key } }
            guard let key = smallest else { return }
            var postings = Data()
            for r in readers.indices where readers[r].key == key {
                var run = Data()
                try readers[r].take(into: &run, location)
                try readers[r].advance(location)
                if postings.isEmpty { postings = run } else { run.withUnsafeBytes { PostingCodec.append($0, to: &postings) } }
            }
            try body(key, postings)
        }
    }

    static func failure(_ folder: String, _ message: String) -> MemoryError {
        MemoryError.database(path: folder, message: message)
    }

    /// One run read through a buffer of its own.
    private struct RunReader {
        let descriptor: Int32
        var position: Int64
        let end: Int64
        var buffer: [UInt8] = []
        var used = 0
        /// The key at the head of the run and how many postings follow it (nil: the run is done).
        var key: Int64?
        var count = 0

        init(descriptor: Int32, start: Int64, end: Int64) {
            self.descriptor = descriptor
            position = start
            self.end = end
        }

        /// Reads the next key and its count.
        mutating func advance(_ location: String) throws {
            guard position < end || used < buffer.count else { key = nil; return }
            var header: (Int64, UInt32) = (0, 0)
            var filled = 0
            try read(12, location) { bytes in
                withUnsafeMutableBytes(of: &header) { UnsafeMutableRawBufferPointer(rebasing: $0[filled..<filled + bytes.count]).copyMemory(from: bytes) }
                filled += bytes.count
            }
            key = Int64(littleEndian: header.0)
            count = Int(UInt32(littleEndian: header.1))
        }

        /// Appends the head key's postings.
        mutating func take(into postings: inout Data, _ location: String) throws {
            try read(count * 4, location) { postings.append($0.baseAddress!.assumingMemoryBound(to: UInt8.self), count: $0.count) }
        }

        /// Hands the next `n` bytes to `sink`, in pieces as the buffer holds them.
        private mutating func read(_ n: Int, _ location: String, _ sink: (UnsafeRawBufferPointer) -> Void) throws {
            var left = n
            while left > 0 {
                if used == buffer.count {
                    let size = Int(min(Int64(1 << 18), end - position))
                    guard size > 0 else { throw PostingSpill.failure(location, "the temporary index file ended early") }
                    buffer = [UInt8](unsafeUninitializedCapacity: size) { bytes, count in
                        count = pread(descriptor, bytes.baseAddress!, size, off_t(position))
                        if count < 0 { count = 0 }
                    }
                    guard !buffer.isEmpty else { throw PostingSpill.failure(location, "cannot read the temporary index file (\(String(cString: strerror(errno))))") }
                    position += Int64(buffer.count)
                    used = 0
                }
                let take = min(left, buffer.count - used)
                buffer.withUnsafeBytes { sink(UnsafeRawBufferPointer(rebasing: $0[used..<used + take])) }
                used += take
                left -= take
            }
        }
    }
}
