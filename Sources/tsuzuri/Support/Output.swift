import ArgumentParser
import Foundation

/// The result formats every printing command offers.
enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
    case text
    case json
}

/// `--format text|json`, shared by every command that prints results.
struct FormatOption: ParsableArguments {
    @Option(name: .long, help: "Output format: text or json.")
    var format: OutputFormat = .text
}

/// Writes results to stdout, buffered, so that large outputs do not pay a syscall per line.
struct StandardOutput: TextOutputStream {
    mutating func write(_ string: String) {
        FileHandle.standardOutput.write(Data(string.utf8))
    }
}

enum JSONOutput {
    /// Encodes `value` as pretty, key-sorted JSON (stable for golden-file tests) and prints it.
    static func print<T: Encodable>(_ value: T) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        var data = try encoder.encode(value)
        data.append(0x0A)
        FileHandle.standardOutput.write(data)
    }
}

/// ANSI colour, only when stdout is a terminal and NO_COLOR is unset.
enum Style {
    static let enabled: Bool = isatty(STDOUT_FILENO) == 1 && ProcessInfo.processInfo.environment["NO_COLOR"] == nil

    static func bold(_ s: String) -> String { wrap(s, "1") }
    static func red(_ s: String) -> String { wrap(s, "31") }
    static func green(_ s: String) -> String { wrap(s, "32") }
    static func yellow(_ s: String) -> String { wrap(s, "33") }
    static func cyan(_ s: String) -> String { wrap(s, "36") }
    static func dim(_ s: String) -> String { wrap(s, "2") }
    /// Marks a matched or differing span (reverse video stays readable on any theme).
    static func mark(_ s: String) -> String { enabled ? "\u{1B}[7m\(s)\u{1B}[0m" : "[\(s)]" }

    private static func wrap(_ s: String, _ code: String) -> String {
        enabled ? "\u{1B}[\(code)m\(s)\u{1B}[0m" : s
    }
}

/// Collects output and writes it to stdout in large blocks (one syscall per 64 KiB, not per line).
struct BufferedOutput: TextOutputStream {
    private var buffer = ""

    mutating func write(_ string: String) {
        buffer += string
        if buffer.utf8.count >= 1 << 16 { flush() }
    }

    mutating func flush() {
        if buffer.isEmpty { return }
        FileHandle.standardOutput.write(Data(buffer.utf8))
        buffer = ""
    }
}
