import Foundation
import TsuzuriText

nonisolated(unsafe) let segmenter = try! Segmenter()

/// Text input as `check`, `segment` and `cluster` read it: `TextInput` over a file (read in small
/// chunks, so that lines and UTF-8 sequences straddle chunk boundaries), each line scanned
/// (`ScannedLine`), its term candidates, ICU sentences and words; and the same bytes as a term list.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzText(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = FuzzInput.bytes(data, size)
    let url = FuzzInput.file(bytes, extension: "txt")
    let chunkSize = 1 + Int(bytes.first ?? 0) % 64
    do {
        try TextInput(path: url.path, chunkSize: chunkSize).forEachLine { _, line in
            let scanned = ScannedLine(line)
            let count = scanned.source.count
            for candidate in TermCandidates.find(in: scanned) {
                if candidate.column < 1 || candidate.column - 1 + candidate.length > count {
                    FuzzInput.fail("candidate \(candidate.column)+\(candidate.length) outside a line of \(count) scalars")
                }
            }
            if scanned.normalized.count > 0 {
                let whole = scanned.sourceRange(0..<scanned.normalized.count)
                if whole.lowerBound < 0 || whole.upperBound > count { FuzzInput.fail("source range \(whole) of \(count)") }
            }
            for span in try segmenter.sentences(in: scanned) + segmenter.words(in: scanned).map(\.span)
            where span.column < 1 || span.column - 1 + span.length > count {
                FuzzInput.fail("span \(span.column)+\(span.length) outside a line of \(count) scalars")
            }
        }
    } catch {
        _ = error.localizedDescription
    }
    _ = TermList(bytes: bytes)
    return 0
}
