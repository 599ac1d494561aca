import Testing
@testable import TsuzuriVariants

/// `alignmentCost` computes only the cells that can stay within its limit; its answer must be the
/// full table's (`align`), for pairs near and far and for every limit a tolerance can give.
@Suite struct AlignmentBoundTests {
    @Test func boundedCostIsTheFullTablesCost() throws {
        let terms = try ClusterEquivalenceTests.terms()
            .map { Spelling($0) }
            .filter { $0.isKana && !$0.morae.isEmpty }
            .sorted { $0.normalized < $1.normalized }
        let engine = VariantEngine()
        var generator = SeededGenerator(state: 7)
        var scratch = AlignmentScratch()
        var within = 0
        for n in 0..<20_000 {
            let p = Int(generator.next() >> 33) % terms.count
            // Half of the pairs are neighbours in String order, which holds many near spellings.
            let q = n % 2 == 0 ? Int(generator.next() >> 33) % terms.count : (p + 1) % terms.count
            let (a, b) = (terms[p], terms[q])
            let full = engine.align(a.morae, b.morae).cost
            for limit in [0.025, 0.1, 0.4, 1.0, 4.0] {
                let bounded = a.morae.withUnsafeBufferPointer { x in
                    b.morae.withUnsafeBufferPointer { y in engine.alignmentCost(x, y, limit: limit, scratch: &scratch) }
                }
                if full <= limit {
                    within += 1
                    #expect(bounded == full, "\(a.normalized) \(b.normalized) limit \(limit)")
                } else {
                    #expect(bounded == nil, "\(a.normalized) \(b.normalized) limit \(limit)")
                }
            }
        }
        // Both outcomes must be exercised, or the test says nothing.
        #expect(within > 2_000)
    }
}
