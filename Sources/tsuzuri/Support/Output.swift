import ArgumentParser
import Foundation
import TsuzuriCheck

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
        encoder.dateEncodingStrategy = .iso8601
        var data = compactEmptyContainers(try encoder.encode(value))
        data.append(0x0A)
        FileHandle.standardOutput.write(data)
    }
}

extension JSONOutput {
    /// Prints a JSON object one member at a time, encoding the elements of the large array member
    /// one by one, so that a report with a million locations is never one encoded tree in memory.
    /// `members` are written in the order given (give them sorted, as `print` sorts keys).
    static func printObject(_ members: [(key: String, value: Member)]) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        func encoded(_ value: any Encodable, indent: String) throws -> String {
            let text = String(decoding: compactEmptyContainers(try encoder.encode(value)), as: UTF8.self)
            return text.replacingOccurrences(of: "\n", with: "\n" + indent)
        }
        var out = BufferedOutput()
        out.write("{")
        for (index, member) in members.enumerated() {
            out.write(index == 0 ? "\n  \"\(member.key)\" : " : ",\n  \"\(member.key)\" : ")
            switch member.value {
            case .value(let value):
                out.write(try encoded(value, indent: "  "))
            case .array(let elements):
                if elements.isEmpty {
                    out.write("[]")
                    continue
                }
                out.write("[")
                for (i, element) in elements.enumerated() {
                    out.write(i == 0 ? "\n    " : ",\n    ")
                    out.write(try encoded(element, indent: "    "))
                }
                out.write("\n  ]")
            }
        }
        out.write("\n}\n")
        out.flush()
    }

    enum Member {
        case value(any Encodable)
        /// An array written element by element.
        case array([any Encodable])
    }

    /// Foundation on Linux pretty-prints an empty array as "[", a blank line and "]". This writes
    /// "[]" (and "{}") instead, in one pass. A raw newline never occurs inside a JSON string, so a
    /// bracket followed by white space that holds a newline is always an empty container.
    static func compactEmptyContainers(_ data: Data) -> Data {
        let bytes = [UInt8](data)
        var out = [UInt8]()
        out.reserveCapacity(bytes.count)
        var i = 0
        while i < bytes.count {
            let byte = bytes[i]
            out.append(byte)
            i += 1
            guard byte == UInt8(ascii: "[") || byte == UInt8(ascii: "{") else { continue }
            var j = i
            var sawNewline = false
            while j < bytes.count, bytes[j] == 0x20 || bytes[j] == 0x0A {
                if bytes[j] == 0x0A { sawNewline = true }
                j += 1
            }
            let closing = byte == UInt8(ascii: "[") ? UInt8(ascii: "]") : UInt8(ascii: "}")
            if sawNewline, j < bytes.count, bytes[j] == closing {
                out.append(closing)
                i = j + 1
            }
        }
        return Data(out)
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
    /// What `dim` writes around a text, for a dimmed line written in pieces.
    static var dimCodes: CheckReport.Palette.DimCodes {
        enabled ? .init(open: "\u{1B}[2m", close: "\u{1B}[0m") : .init(open: "", close: "")
    }
    /// Marks a matched or differing span (reverse video stays readable on any theme).
    static func mark(_ s: String) -> String { enabled ? "\u{1B}[7m\(s)\u{1B}[0m" : "[\(s)]" }

    private static func wrap(_ s: String, _ code: String) -> String {
        enabled ? "\u{1B}[\(code)m\(s)\u{1B}[0m" : s
    }
}

/// Collects output and writes it to stdout in large blocks (one syscall per 64 KiB, not per line).
struct BufferedOutput: TextOutputStream {
    private let handle: FileHandle
    private var buffer = ""

    init(handle: FileHandle = .standardOutput) { self.handle = handle }

    mutating func write(_ string: String) {
        buffer += string
        if buffer.utf8.count >= 1 << 16 { flush() }
    }

    mutating func flush() {
        if buffer.isEmpty { return }
        handle.write(Data(buffer.utf8))
        buffer = ""
    }
}
