import Dispatch
import Foundation
import TsuzuriGlossary
import TsuzuriText

/// What two matchers sharing `original`'s trie find in `lines`, each on its own thread at the
/// same time, `rounds` times over, after `original` itself is gone (set to nil here): one answer
/// per thread, the hits of each line.
func matchesOnTwoThreads(sharing original: inout GlossaryMatcher?, _ lines: [ScannedLine], rounds: Int) -> [[[GlossaryHit]]] {
    let shared = [GlossaryMatcher(sharing: original!), GlossaryMatcher(sharing: original!)]
    original = nil  // the trie's storage lives on with the matchers that share it
    let results = ThreadResults(count: shared.count)
    DispatchQueue.concurrentPerform(iterations: shared.count) { k in
        var found: [[GlossaryHit]] = []
        for _ in 0..<rounds { found = lines.map { shared[k].matches(in: $0) } }
        results.set(k, found)
    }
    return shared.indices.map(results.get)
}

/// Results written by concurrent threads, one slot each.
private final class ThreadResults: @unchecked Sendable {
    private let lock = NSLock()
    private var slots: [[[GlossaryHit]]]
    init(count: Int) { slots = Array(repeating: [], count: count) }
    func set(_ k: Int, _ value: [[GlossaryHit]]) { lock.withLock { slots[k] = value } }
    func get(_ k: Int) -> [[GlossaryHit]] { lock.withLock { slots[k] } }
}
