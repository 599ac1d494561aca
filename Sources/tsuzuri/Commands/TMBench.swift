import ArgumentParser
import Foundation
import TsuzuriMemory

/// `tsuzuri tm bench --queries FILE`: a hidden command for scripts/bench-tm. Runs each query
/// through the index (timed, in one process, after one warm-up query) and, with --exhaustive,
/// through `ExhaustiveScanner` (every stored text, in memory); prints one JSON line per query.
struct TMBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Time many searches in one process (for scripts/bench-tm).",
        shouldDisplay: false)

    @OptionGroup var memoryOptions: MemoryOptions
    @OptionGroup var configOptions: ConfigOptions

    @Option(help: "A file with one query per line.")
    var queries: String

    @Option var min = 70
    @Option var limit = 5

    @Flag(help: "Also run the exhaustive scan (slow) for top-1 agreement.")
    var exhaustive = false

    func run() throws {
        let memory = try memoryOptions.open(readOnly: true, config: configOptions)
        let lines = try String(contentsOfFile: queries, encoding: .utf8).split(separator: "\n").map(String.init)
        let scratch = SearchScratch()
        if let first = lines.first { _ = try memory.search(first, minScore: min, limit: limit, scratch: scratch) }
        var scanner: ExhaustiveScanner?
        if exhaustive {
            let start = DispatchTime.now().uptimeNanoseconds
            scanner = try ExhaustiveScanner(memory: memory)
            Diagnostics.note("exhaustive scan: \(scanner!.textCount) texts loaded in \(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9) s")
        }
        var out = StandardOutput()
        for query in lines {
            let start = DispatchTime.now().uptimeNanoseconds
            let cpuStart = Self.threadCPUTime()
            let (matches, trace) = try memory.search(query, minScore: min, limit: limit, scratch: scratch)
            let indexMs = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6
            let cpuMs = (Self.threadCPUTime() - cpuStart) * 1e3
            var record: [String: Any] = [
                "query": query, "index_ms": indexMs, "index_cpu_ms": cpuMs, "candidates": trace.candidates, "verified": trace.verified,
                "postings": trace.postingsRead, "filter_ms": Double(trace.indexNanoseconds) / 1e6, "verify_ms": Double(trace.verifyNanoseconds) / 1e6,
                "top_id": matches.first.map { Int($0.unitID) * 2 + ($0.reversed ? 1 : 0) } ?? -1, "top_score": matches.first?.score ?? -1,
            ]
            if let scanner {
                let start = DispatchTime.now().uptimeNanoseconds
                let scanned = scanner.search(query, minScore: min, limit: limit)
                record["scan_ms"] = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6
                record["scan_top_id"] = scanned.first.map { Int($0.unitID) * 2 + ($0.reversed ? 1 : 0) } ?? -1
                record["scan_top_score"] = scanned.first?.score ?? -1
            }
            let data = try JSONSerialization.data(withJSONObject: record, options: [.sortedKeys])
            out.write(String(decoding: data, as: UTF8.self) + "\n")
        }
    }

    /// This thread's CPU time in seconds: on a loaded machine the wall time of a search also
    /// counts the time other processes held the cores.
    static func threadCPUTime() -> Double {
        var time = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &time)
        return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
    }
}
