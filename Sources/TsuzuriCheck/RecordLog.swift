import Foundation

/// Append-only lists of fixed-size records (the places of term occurrences), one list per key,
/// that move to a temporary file once they outgrow a memory budget. `check` keeps every place of
/// every spelling until the report, because which spellings are flagged depends on the whole
/// input; a large input has millions of places (about 35,000 per MB of Japanese text), and on
/// disk they cost no memory. Only the places of the spellings a report shows are read back.
///
/// The file is unlinked as soon as it is created, so it is gone when the process ends, however
/// it ends. If it cannot be created or written (no space), the records stay in memory: the
/// report is the same, only the memory is not bounded.
final class RecordLog<Record: BitwiseCopyable> {
    /// Records in memory per list, not yet written.
    private var tails: [[Record]] = []
    /// Where each list's last block is in the file (-1: none yet). A block is a `BlockHeader`
    /// followed by its records, and the header points at the list's block before it, so memory
    /// holds one offset per list however many blocks the file has.
    private var lastBlock: [Int] = []
    private var buffered = 0
    /// How many records may wait in memory before all of them go to the file.
    let budget: Int
    private var descriptor: Int32 = -1
    private var end = 0
    private var failed = false

    private struct BlockHeader {
        var previous: Int
        var count: Int
    }

    init(budget: Int) {
        self.budget = max(1, budget)
    }

    deinit {
        if descriptor >= 0 { close(descriptor) }
    }

    /// Starts a new list and returns its number.
    func newList() -> Int {
        tails.append([])
        lastBlock.append(-1)
        return tails.count - 1
    }

    func append(_ record: Record, to list: Int) {
        tails[list].append(record)
        buffered += 1
        if buffered >= budget { spill() }
    }

    func append(contentsOf records: [Record], to list: Int) {
        // A merged part's list becomes the tail as it is (shared, not copied) when it is the first.
        if tails[list].isEmpty { tails[list] = records } else { tails[list].append(contentsOf: records) }
        buffered += records.count
        if buffered >= budget { spill() }
    }

    /// Every record of a list, in the order appended.
    func records(of list: Int) -> [Record] {
        var result: [Record] = []
        forEachBlock(of: list) { result.append(contentsOf: $0) }
        return result
    }

    /// Calls `body` with the records of a list, a block at a time, in the order appended (a long
    /// list is never held whole).
    func forEachBlock(of list: Int, _ body: ([Record]) -> Void) {
        var chain: [BlockHeader] = []  // (offset, count), last block first
        var offset = lastBlock[list]
        while offset >= 0 {
            var header = BlockHeader(previous: -1, count: 0)
            withUnsafeMutableBytes(of: &header) { read(into: $0, at: offset) }
            chain.append(BlockHeader(previous: offset, count: header.count))
            offset = header.previous
        }
        for block in chain.reversed() {
            let records = [Record](unsafeUninitializedCapacity: block.count) { buffer, initialized in
                read(into: UnsafeMutableRawBufferPointer(buffer), at: block.previous + MemoryLayout<BlockHeader>.stride)
                initialized = block.count
            }
            body(records)
        }
        if !tails[list].isEmpty { body(tails[list]) }
    }

    private func read(into bytes: UnsafeMutableRawBufferPointer, at offset: Int) {
        var done = 0
        while done < bytes.count {
            let n = pread(descriptor, bytes.baseAddress! + done, bytes.count - done, off_t(offset + done))
            // The file is ours and unlinked: a short read means it was damaged under us.
            precondition(n > 0, "the temporary file of term places could not be read back")
            done += n
        }
    }

    /// Writes every list's waiting records to the file, one block per list. The blocks go out
    /// through a buffer of at most `writeBuffer` bytes (a long list straight from its tail), so
    /// that spilling never holds a second copy of the budget.
    private func spill() {
        if failed || !openFile() {
            failed = true
            return
        }
        var pending: [UInt8] = []
        pending.reserveCapacity(min(buffered * MemoryLayout<Record>.stride + 4096, Self.writeBuffer))
        var written = end
        func flush() -> Bool {
            defer { pending.removeAll(keepingCapacity: true) }
            return pending.withUnsafeBytes { write($0, at: &written) }
        }
        var placed: [(list: Int, offset: Int)] = []
        for list in tails.indices where !tails[list].isEmpty {
            placed.append((list, written + pending.count))
            let header = BlockHeader(previous: lastBlock[list], count: tails[list].count)
            withUnsafeBytes(of: header) { pending.append(contentsOf: $0) }
            let size = tails[list].count * MemoryLayout<Record>.stride
            if pending.count + size > Self.writeBuffer {
                guard flush(), tails[list].withUnsafeBytes({ write($0, at: &written) }) else {
                    // No space: everything stays in memory from now on (the blocks written before
                    // stay valid; this spill's are past `end` and never read).
                    failed = true
                    return
                }
            } else {
                tails[list].withUnsafeBytes { pending.append(contentsOf: $0) }
            }
        }
        guard flush() else {
            failed = true
            return
        }
        end = written
        for (list, offset) in placed {
            lastBlock[list] = offset
            tails[list] = []
        }
        buffered = 0
    }

    /// How many bytes a spill gathers before it writes them.
    private static var writeBuffer: Int { 1 << 18 }

    /// Writes `bytes` at `offset` and moves it past them; false if the file takes no more.
    private func write(_ bytes: UnsafeRawBufferPointer, at offset: inout Int) -> Bool {
        var done = 0
        while done < bytes.count {
            let n = pwrite(descriptor, bytes.baseAddress! + done, bytes.count - done, off_t(offset + done))
            if n <= 0 { return false }
            done += n
        }
        offset += bytes.count
        return true
    }

    private func openFile() -> Bool {
        if descriptor >= 0 { return true }
        var template = Array((FileManager.default.temporaryDirectory.path + "/tsuzuri-places-XXXXXX").utf8CString)
        let fd = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        guard fd >= 0 else { return false }
        template.withUnsafeBufferPointer { _ = unlink($0.baseAddress!) }
        descriptor = fd
        return true
    }
}
