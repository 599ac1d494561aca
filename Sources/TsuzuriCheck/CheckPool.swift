import Dispatch

/// Checks inputs on several cores and gives the same checker state as checking them one after
/// another: each piece of work (a file, or a chunk of a large plain-text file) fills its own
/// collector on a worker, and the collectors are merged into the checker in the order the work
/// was submitted. At most `jobs` pieces run at once; `submit` waits for the oldest when all are
/// busy, so memory holds at most `jobs` collectors and the one piece the caller is preparing.
public final class CheckPool {
    /// The checker everything is merged into.
    public let checker: Checker
    public let jobs: Int
    /// Called on the submitting thread, in submission order, with the first error of an input
    /// (the serial run stops reading an input at its first error and keeps what came before).
    private let failed: (Int, any Error) -> Void
    private var running: [Work] = []
    /// The input whose part was merged last, its index in the checker, and whether it failed.
    private var current: (input: Int, file: Int32?, failed: Bool)?

    /// One piece of work, owned by one worker until `done` is signalled, then by the merging
    /// thread: the semaphore orders the two, hence `@unchecked Sendable`.
    private final class Work: @unchecked Sendable {
        let input: Int
        /// Dropped once run: a chunk's bytes are not kept while it waits to be merged.
        var run: ((Checker) throws -> Void)?
        let collector: Checker?
        var error: (any Error)?
        let done = DispatchSemaphore(value: 0)

        init(input: Int, collector: Checker?, error: (any Error)? = nil, run: @escaping (Checker) throws -> Void) {
            self.input = input
            self.collector = collector
            self.error = error
            self.run = run
        }
    }

    public init(into checker: Checker, jobs: Int, failed: @escaping (_ input: Int, _ error: any Error) -> Void) {
        self.checker = checker
        self.jobs = max(1, jobs)
        self.failed = failed
    }

    /// Runs `work` on a fresh collector on a worker; `input` numbers the input it reads (the
    /// chunks of one input share it and must be submitted in order, one after another). A
    /// `chunk` of bounded size keeps its places in memory (see `Checker.collector(bounded:)`).
    public func submit(input: Int, chunk: Bool = false, _ work: @escaping (Checker) throws -> Void) {
        while running.count >= jobs { mergeOldest() }
        let piece = Work(input: input, collector: checker.collector(bounded: !chunk), run: work)
        running.append(piece)
        DispatchQueue.global().async {
            do { try piece.run?(piece.collector!) } catch { piece.error = error }
            piece.run = nil
            piece.done.signal()
        }
    }

    /// Records an error met before any work on an input could start (it cannot be opened), to be
    /// reported in its turn.
    public func fail(input: Int, _ error: any Error) {
        let piece = Work(input: input, collector: nil, error: error, run: { _ in })
        piece.done.signal()
        running.append(piece)
    }

    /// Waits for all the work and merges what is left.
    public func finish() {
        while !running.isEmpty { mergeOldest() }
    }

    private func mergeOldest() {
        let piece = running.removeFirst()
        piece.done.wait()
        if current?.input != piece.input { current = (piece.input, nil, false) }
        // After an error the serial run reads no further: later chunks of the input are dropped.
        if current!.failed { return }
        if let collector = piece.collector {
            var files: [Int32] = []
            for (index, name) in collector.files.enumerated() {
                if index == 0, let file = current!.file {
                    files.append(file)
                } else {
                    files.append(checker.beginFile(name))
                }
            }
            if let last = files.last { current!.file = last }
            checker.merge(collector, files: files)
        }
        if let error = piece.error {
            current!.failed = true
            failed(piece.input, error)
        }
    }
}
