import ArgumentParser
import TsuzuriVariants

/// `--tolerance X`, shared by every command that judges spelling variants.
struct ToleranceOption: ParsableArguments {
    @Option(
        name: .long, parsing: .unconditional,
        help: ArgumentHelp(
            "Multiply the variant engine's allowances (0.25–4; default 1, tuned for names). Above 1 groups more loanword variants and merges more different names.",
            valueName: "x"))
    var tolerance: Double = 1

    func validate() throws {
        let range = VariantEngine.tolerances
        guard tolerance.isFinite, range.contains(tolerance) else {
            throw ValidationError(
                "--tolerance \(tolerance) is out of range: give a number from \(range.lowerBound) to \(range.upperBound) (1 is the tuned default).")
        }
    }

    var engine: VariantEngine { VariantEngine(tolerance: tolerance) }
}
