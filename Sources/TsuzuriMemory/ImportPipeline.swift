import Foundation
import TsuzuriExchange

/// The reading half of an import: a thread that reads the file, applies `ImportPolicy` and
/// computes each text's index grams, handing batches to the writer through a `UnitChannel`.
enum ImportPipeline {
    /// Starts the reading thread; the caller takes batches and cancels the channel when done.
    static func start(url: URL, displayPath shown: String, format: ExchangeFormat, options: ImportOptions, origin: String) -> UnitChannel {
        let channel = UnitChannel()
        let reader = Thread {
            do {
                var batch: [PreparedUnit] = []
                batch.reserveCapacity(256)
                let take: (ExchangeUnit) throws -> Void = { unit in
                    batch.append(ImportPolicy.prepare(unit, format: format, options: options, origin: origin))
                    if batch.count == 256 {
                        try channel.put(batch)
                        batch.removeAll(keepingCapacity: true)
                    }
                }
                switch format {
                case .tmx:
                    try TMXReader(url: url, displayPath: shown).read(take)
                case .po:
                    try POReader(url: url, displayPath: shown, sourceLanguage: options.sourceLanguage ?? "en",
                                 targetLanguage: options.targetLanguage).read(take)
                case .tsv:
                    try TSVReader(url: url, displayPath: shown, sourceLanguage: options.sourceLanguage ?? "ja",
                                  targetLanguage: options.targetLanguage ?? "en").read(take)
                }
                if !batch.isEmpty { try channel.put(batch) }
                channel.finish(error: nil)
            } catch {
                channel.finish(error: error)
            }
        }
        reader.stackSize = 8 << 20
        reader.start()
        return channel
    }
}

/// One exchange unit made ready for the database by the reading thread.
struct PreparedUnit: Sendable {
    enum Event: Sendable {
        case skip(String)
        case unit(NewUnit, IndexGrams, IndexGrams)
    }

    var line: Int
    var events: [Event] = []
}

/// A text's index grams with its length bucket.
struct IndexGrams: Sendable {
    var grams: [UInt64]
    var bucket: Int

    init(_ text: MatchText) {
        grams = GramIndex.grams(text)
        bucket = GramIndex.bucket(text.count)
    }
}

/// A bounded hand-off of prepared units from the reading thread to the writing one.
final class UnitChannel: @unchecked Sendable {  // every field is guarded by `condition`
    private let condition = NSCondition()
    private var batches: [[PreparedUnit]] = []
    private var head = 0
    private var finished = false
    private var failure: Error?
    private var cancelled = false
    private let capacity = 16

    struct Cancelled: Error {}

    /// Waits while the writer is behind; throws when the writer has given up.
    func put(_ batch: [PreparedUnit]) throws {
        condition.lock()
        defer { condition.unlock() }
        while batches.count - head >= capacity && !cancelled { condition.wait() }
        if cancelled { throw Cancelled() }
        batches.append(batch)
        condition.broadcast()
    }

    func finish(error: Error?) {
        condition.lock()
        finished = true
        failure = error
        condition.broadcast()
        condition.unlock()
    }

    /// The next batch; nil at the end of the file; the reader's error when it failed.
    func take() throws -> [PreparedUnit]? {
        condition.lock()
        defer { condition.unlock() }
        while head == batches.count && !finished { condition.wait() }
        if head < batches.count {
            let batch = batches[head]
            batches[head] = []
            head += 1
            if head > 64 {
                batches.removeFirst(head)
                head = 0
            }
            condition.broadcast()
            return batch
        }
        if let failure, !(failure is Cancelled) { throw failure }
        return nil
    }

    /// Tells the reader to stop (the writer failed or finished) and waits until it has.
    func cancel() {
        condition.lock()
        cancelled = true
        condition.broadcast()
        while !finished { condition.wait() }
        condition.unlock()
    }
}
