import ArgumentParser
import Foundation
import TsuzuriVariants

/// `tsuzuri similar A B`: whether two spellings write the same word or name, and why.
struct Similar: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "similar",
        abstract: "Judge whether two spellings are variants of one word or name, and explain why.",
        discussion: """
            Prints the score (0.5 or more means variants), the decision and the edits that explain it
            (e.g. "セ→ゼ voiced", "グセ↔スゲ transposed").
            Exit status: 0 variants, 1 not variants, 2 usage error.
            """
    )

    @Argument(help: "The first spelling.")
    var first: String

    @Argument(help: "The second spelling.")
    var second: String

    @OptionGroup var output: FormatOption
    @OptionGroup var tolerance: ToleranceOption
    @OptionGroup var configOptions: ConfigOptions

    func validate() throws {
        // An empty spelling is a mistake in the command line, not a pair that differs (exit 1).
        for (name, spelling) in [("first", first), ("second", second)] where spelling.allSatisfy(\.isWhitespace) {
            throw ValidationError("the \(name) spelling is empty; give two spellings to compare, e.g. tsuzuri similar ヘグセス ヘグゼス")
        }
    }

    func run() throws {
        let comparison = try tolerance.engine(config: configOptions).compare(first, second)
        switch output.format {
        case .json:
            try JSONOutput.print(comparison)
        case .text:
            var out = StandardOutput()
            out.write(Self.render(comparison))
        }
        if !comparison.isVariant { throw ExitCode(1) }
    }

    /// The human-readable judgement: the decision on the first line, one edit per line below.
    static func render(_ c: VariantComparison) -> String {
        let verdict = c.isVariant ? Style.green("variants") : Style.red("not variants")
        var text = "\(c.a) / \(c.b): \(verdict) (score \(String(format: "%.3f", c.score)))\n"
        if c.edits.isEmpty {
            text += c.isVariant ? "  same spelling after normalisation\n" : "  nothing in common to compare\n"
        }
        for edit in c.edits {
            let cost = edit.cost > 0 ? Style.dim(" (cost \(String(format: "%.2f", edit.cost)))") : ""
            let marker = edit.kind.makesDifferentWord ? Style.yellow("  ! ") : "  - "
            text += "\(marker)\(edit.description)\(cost)\n"
        }
        return text
    }
}
