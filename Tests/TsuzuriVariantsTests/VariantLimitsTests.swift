import Testing
@testable import TsuzuriVariants

/// Spellings longer than `VariantEngine.maximumMorae` (120) are not aligned mora by mora (a
/// paragraph pasted into a term list must not stall a run): they match only themselves.
@Suite struct VariantLimitsTests {
    @Test func spellingsPastTheMoraBoundMatchOnlyThemselves() {
        let long = String(repeating: "ヘグセスゼレンスキー", count: 20)  // 160 morae
        let engine = VariantEngine()
        #expect(engine.compare(long, long).isVariant)
        let oneEdit = String(long.dropLast()) + "イ"
        #expect(!engine.compare(long, oneEdit).isVariant)
        // Under the bound, the same single edit is a variant.
        let short = String(repeating: "ヘグセスゼレンスキー", count: 10)  // 80 morae
        #expect(engine.compare(short, String(short.dropLast()) + "イ").isVariant)
    }
}
