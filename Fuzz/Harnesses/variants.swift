import Foundation
import TsuzuriVariants

/// The variant engine's pair judgement (`similar`, and every pair `check` and `cluster` weigh):
/// two spellings split at the first NUL byte, compared both ways at three tolerances; then the
/// lines of the input clustered.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzVariants(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = FuzzInput.bytes(data, size)
    let (a, b) = FuzzInput.pair(bytes)
    for tolerance in [1.0, 0.25, 4.0] {
        let engine = VariantEngine(tolerance: tolerance)
        for (x, y) in [(a, b), (b, a)] {
            let result = engine.compare(x, y)
            if !(0...1).contains(result.score) { FuzzInput.fail("score \(result.score) for \(x) / \(y)") }
        }
    }
    let terms = (a + "\n" + b).split(whereSeparator: \.isNewline).prefix(32).map(String.init)
    _ = VariantEngine().cluster(terms)
    return 0
}
