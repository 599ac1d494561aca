import Foundation

/// glibc's malloc keeps an arena per thread that allocates, and what one thread freed stays in
/// its arena for that thread: with a collector per core, each arena holds its own high-water mark
/// and its own fragments. `malloc_trim` and `mallopt` are glibc extensions that Swift's Glibc
/// module does not declare, hence the lookups; elsewhere these do nothing.
enum MemoryTrim {
    /// Gives the memory that worker threads freed back to the system: the report that follows a
    /// parallel check allocates from the main thread's arena, on top of the workers' (a peak
    /// 12 MB above the serial run's on 106 MB).
    static func releaseFreedMemory() {
        #if os(Linux)
        typealias Trim = @convention(c) (Int) -> Int32
        guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "malloc_trim") else { return }
        _ = unsafeBitCast(symbol, to: Trim.self)(0)
        #endif
    }

    /// Sets malloc up for `jobs` worker threads, before they start:
    /// - every block of a megabyte or more (a chunk of text, a large table) gets pages of its own,
    ///   returned when it is freed. By default glibc raises that threshold to the largest block
    ///   freed so far, after which chunks come from the threads' arenas, whose high-water marks
    ///   stay: a fixed threshold took the peak of `check --jobs 2` on 106 MB from 55 MB to
    ///   48–50 MB, its CPU time within this machine's noise (±3 %);
    /// - at most one arena per worker and one for the main thread: the dispatch pool may start a
    ///   new thread during a long run, and a new arena is a new high-water mark.
    /// One arena for all threads did as much for memory for 8 % more CPU; recycling the chunks'
    /// buffers kept more memory, not less; a threshold of 256 KB gained nothing over 1 MB.
    static func prepareForWorkers(_ jobs: Int) {
        #if os(Linux)
        typealias Option = @convention(c) (Int32, Int32) -> Int32
        let (mmapThreshold, arenaMaximum): (Int32, Int32) = (-3, -8)  // M_MMAP_THRESHOLD, M_ARENA_MAX in <malloc.h>
        guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "mallopt") else { return }
        let mallopt = unsafeBitCast(symbol, to: Option.self)
        _ = mallopt(mmapThreshold, 1 << 20)
        _ = mallopt(arenaMaximum, Int32(clamping: jobs + 1))
        #endif
    }
}
