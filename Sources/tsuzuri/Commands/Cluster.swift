import ArgumentParser
import Foundation
import TsuzuriVariants

/// `tsuzuri cluster [FILE|-]`: groups the spellings of one thing in a list of terms.
struct Cluster: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cluster",
        abstract: "Group the spellings of the same word or name in a list of terms (one per line).",
        discussion: """
            Prints groups of two or more spellings, the most frequent spelling first and the most
            frequent group first; repeated lines count as frequency. Blank lines are ignored; lines
            with invalid UTF-8 or longer than 1,000 characters are reported on stderr (line and byte
            offset) and skipped. --format json prints an array of arrays of strings.
            Exit status: 0 no groups, 1 groups found, 2 usage or input error.
            """
    )

    @Argument(help: "The term list (UTF-8, one term per line); '-' or nothing reads stdin.")
    var file: String = "-"

    @OptionGroup var output: FormatOption
    @OptionGroup var tolerance: ToleranceOption

    func run() throws {
        let bytes = try Self.read(file)
        let list = TermList(bytes: bytes)
        let name = file == "-" ? "<stdin>" : file
        for skipped in list.skipped {
            Diagnostics.warning("\(name):\(skipped)")
        }
        var counts: [String: Int] = [:]
        for term in list.terms { counts[term, default: 0] += 1 }
        let groups = tolerance.engine.cluster(list.terms)
        switch output.format {
        case .json:
            try JSONOutput.print(groups)
        case .text:
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

    static func read(_ path: String) throws -> [UInt8] {
        if path == "-" {
            return [UInt8](FileHandle.standardInput.readDataToEndOfFile())
        }
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw ClusterInputError.missing(path)
        }
        if isDirectory.boolValue { throw ClusterInputError.directory(path) }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ClusterInputError.unreadable(path)
        }
        return [UInt8](data)
    }
}

/// Why `tsuzuri cluster` could not read its term list.
enum ClusterInputError: LocalizedError {
    case missing(String)
    case directory(String)
    case unreadable(String)

    var errorDescription: String? {
        switch self {
        case .missing(let path): return "\(path): no such file"
        case .directory(let path): return "\(path): is a directory, expected a term list (one term per line)"
        case .unreadable(let path): return "\(path): cannot be read"
        }
    }
}
