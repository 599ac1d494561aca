import ArgumentParser
import Foundation
import TsuzuriText
import TsuzuriVariants

/// `tsuzuri cluster [FILE|-]`: groups the spellings of one thing in a list of terms.
struct Cluster: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cluster",
        abstract: "Group the spellings of the same word or name in a list of terms (one per line).",
        discussion: """
            Prints groups of two or more spellings, the most frequent spelling first and the most
            frequent group first; repeated lines count as frequency. Blank lines are ignored; lines
            with invalid UTF-8 or longer than \(TermList.maximumLineLength) characters are reported on stderr (line and byte
            offset) and skipped. --format json prints an array of arrays of strings.
            Exit status: 0 no groups, 1 groups found, 2 usage or input error.
            """
    )

    @Argument(help: "The term list (UTF-8, one term per line); '-' or nothing reads stdin.")
    var file: String = "-"

    @OptionGroup var output: FormatOption
    @OptionGroup var tolerance: ToleranceOption
    @OptionGroup var configOptions: ConfigOptions

    func run() throws {
        let input = TextInput(path: file)
        let list = TermList(bytes: try input.readAll())
        for skipped in list.skipped {
            Diagnostics.warning("\(input.displayName):\(skipped)")
        }
        let groups = try tolerance.engine(config: configOptions).cluster(list.terms)
        switch output.format {
        case .json:
            try JSONOutput.print(groups)
        case .text:
            // Counted after clustering, for the printed spellings only: a table of every term of
            // a million-term list held tens of megabytes through the whole run.
            var counts: [String: Int] = [:]
            for group in groups { for term in group { counts[term] = 0 } }
            for term in list.terms where counts[term] != nil { counts[term]! += 1 }
            var out = StandardOutput()
            var text = ""
            for group in groups {
                text += group.map { term in
                    let count = counts[term] ?? 1
                    return count > 1 ? "\(term) (\(count))" : term
                }.joined(separator: " | ")
                text += "\n"
            }
            out.write(text)
        }
        if !groups.isEmpty { throw ExitCode(1) }
    }
}
