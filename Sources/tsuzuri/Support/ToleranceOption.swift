import ArgumentParser
import TsuzuriConfig
import TsuzuriVariants

/// `--tolerance X`, shared by every command that judges spelling variants.
struct ToleranceOption: ParsableArguments {
    @Option(
        name: .long, parsing: .unconditional,
        help: ArgumentHelp(
            "Multiply the variant engine's allowances (0.25–4; default 1, tuned for names). Above 1 groups more loanword variants and merges more different names.",
            valueName: "x"))
    var tolerance: Double?

    func validate() throws {
        let range = VariantEngine.tolerances
        guard let tolerance else { return }
        guard tolerance.isFinite, range.contains(tolerance) else {
            throw ValidationError(
                "--tolerance \(tolerance) is out of range: give a number from \(range.lowerBound) to \(range.upperBound) (1 is the tuned default).")
        }
    }

    /// The tolerance this run uses: --tolerance, else `tolerance` in the config file, else 1.
    func value(config: ConfigOptions) throws -> Double {
        try config.settings(CommandLineSettings(tolerance: tolerance)).tolerance.value
    }

    func engine(config: ConfigOptions) throws -> VariantEngine { VariantEngine(tolerance: try value(config: config)) }
}
