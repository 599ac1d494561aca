import Foundation
import TOMLKit
import TsuzuriCheck
import TsuzuriText
import TsuzuriVariants

/// One glossary layer: the built-in glossary or a file or folder of `.tsv` files.
public enum GlossaryLayer: Hashable, Sendable, CustomStringConvertible {
    case builtIn
    case path(String)

    /// The word that names the built-in glossary in `--glossary`, `TSUZURI_GLOSSARY` and the config.
    public static let builtInName = "builtin"

    /// `builtin` or a path; a relative path is taken from `base` when one is given.
    public init(_ text: String, relativeTo base: String? = nil) {
        if text == Self.builtInName { self = .builtIn; return }
        if let base, !text.hasPrefix("/") {
            self = .path((base as NSString).appendingPathComponent(text))
        } else {
            self = .path(text)
        }
    }

    public var description: String {
        switch self {
        case .builtIn: Self.builtInName
        case .path(let path): path
        }
    }
}

/// A value as a `.tsuzuri.toml` sets it, with the line that sets it.
public struct ConfigValue<Value: Sendable>: Sendable {
    public var value: Value
    public var line: Int
}

/// A `.tsuzuri.toml`, read and checked: every key known, every value of the right type.
///
/// ```toml
/// glossary = ["builtin", "../team-glossary", "glossary"]   # layers, later ones win
/// memory = "tm/memory.sqlite"
/// tolerance = 1.5
/// allow = ["ヘグゼス"]                                       # never flagged
/// ignore = ["vendor/**", "*.min.html"]
/// [rules]
/// near-miss = "off"
/// deprecated = "error"
/// [formats]
/// "*.txt" = "markdown"
/// ```
public struct ConfigFile: Sendable {
    /// The path the file was read from, as given.
    public var path: String
    /// The folder relative paths in the file are taken from ("" for the current folder).
    public var directory: String
    public var glossary: ConfigValue<[GlossaryLayer]>?
    public var memory: ConfigValue<String>?
    public var tolerance: ConfigValue<Double>?
    public var allow: ConfigValue<[String]>?
    public var ignore: ConfigValue<[Glob]>?
    public var rules: [CheckRule: ConfigValue<RuleLevel>] = [:]
    /// Input formats by file pattern, in file order (the first match wins).
    public var formats: [(glob: Glob, format: DocumentFormat, line: Int)] = []

    /// The file name looked for in the current folder and its parents.
    public static let fileName = ".tsuzuri.toml"
    /// The environment variable that names a config file.
    public static let environmentVariable = "TSUZURI_CONFIG"

    /// The top-level keys, for messages and suggestions.
    public static let keys = ["glossary", "memory", "tolerance", "allow", "ignore", "rules", "formats"]

    /// Reads and checks the file at `path`.
    public static func load(path: String) throws -> ConfigFile {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ConfigError.unreadable(path: path, reason: FileManager.default.fileExists(atPath: path) ? "permission denied" : "no such file")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw ConfigError.unreadable(path: path, reason: "not UTF-8; save it as UTF-8")
        }
        // Kept as written (relative when the path is) so that glossary sources read `glossary/a.tsv:2`.
        let directory = (path as NSString).deletingLastPathComponent
        return try parse(text, path: path, directory: directory)
    }

    /// Checks a config file's text; `path` names it in messages, `directory` anchors relative paths.
    public static func parse(_ text: String, path: String, directory: String) throws -> ConfigFile {
        let table: TOMLTable
        do {
            table = try TOMLTable(string: text)
        } catch let error as TOMLParseError {
            throw ConfigError.syntax(file: path, line: error.source.begin.line, column: error.source.begin.column, reason: error.description)
        }
        let lines = KeyLines(text)
        var config = ConfigFile(path: path, directory: directory)
        func line(_ key: String) -> Int { lines.line(of: key) }
        func typeError(_ key: String, _ expected: String, _ value: TOMLValueConvertible) -> ConfigError {
            .wrongType(file: path, line: line(key), key: key, expected: expected, found: Self.describe(value))
        }
        func strings(_ key: String, _ value: TOMLValueConvertible) throws -> [String] {
            if let string = value.string { return [string] }
            guard let array = value.array else { throw typeError(key, "a string or an array of strings", value) }
            return try array.map { element in
                guard let string = element.string else { throw typeError(key, "an array of strings", element) }
                return string
            }
        }

        for (key, value) in table {
            switch key {
            case "glossary":
                let layers = try strings(key, value).map { GlossaryLayer($0, relativeTo: directory) }
                config.glossary = .init(value: layers, line: line(key))
            case "memory":
                guard let string = value.string else { throw typeError(key, "a string (a file path)", value) }
                config.memory = .init(value: string.hasPrefix("/") ? string : (directory as NSString).appendingPathComponent(string), line: line(key))
            case "tolerance":
                guard let number = value.double ?? value.int.map(Double.init) else { throw typeError(key, "a number", value) }
                guard VariantEngine.tolerances.contains(number) else {
                    let range = VariantEngine.tolerances
                    throw ConfigError.invalidValue(
                        file: path, line: line(key), key: key, value: "\(number)",
                        reason: "give a number from \(range.lowerBound) to \(range.upperBound) (1 is the tuned default)")
                }
                config.tolerance = .init(value: number, line: line(key))
            case "allow":
                config.allow = .init(value: try strings(key, value), line: line(key))
            case "ignore":
                config.ignore = .init(value: try strings(key, value).map(Glob.init), line: line(key))
            case "rules":
                guard let rules = value.table else { throw typeError(key, "a table ([rules])", value) }
                for (id, level) in rules {
                    let name = "rules.\(id)"
                    guard let rule = CheckRule(rawValue: id) else {
                        throw ConfigError.unknownKey(
                            file: path, line: line(name), key: name, suggestion: closest(to: id, in: CheckRule.allCases.map(\.rawValue)).map { "rules.\($0)" })
                    }
                    guard let text = level.string else { throw typeError(name, "\"off\", \"warning\" or \"error\"", level) }
                    guard let parsed = RuleLevel(rawValue: text) else {
                        throw ConfigError.invalidValue(
                            file: path, line: line(name), key: name, value: "\"\(text)\"", reason: "write \"off\", \"warning\" or \"error\"")
                    }
                    config.rules[rule] = .init(value: parsed, line: line(name))
                }
            case "formats":
                guard let formats = value.table else { throw typeError(key, "a table ([formats])", value) }
                var found: [(glob: Glob, format: DocumentFormat, line: Int)] = []
                for (pattern, format) in formats {
                    let name = "formats.\(pattern)"
                    let names = DocumentFormat.allCases.map(\.rawValue)
                    guard let text = format.string else { throw typeError(name, "a format name (\(names.joined(separator: ", ")))", format) }
                    guard let parsed = DocumentFormat(rawValue: text) else {
                        let hint = closest(to: text, in: names).map { "did you mean \"\($0)\"? " } ?? ""
                        throw ConfigError.invalidValue(
                            file: path, line: line(name), key: name, value: "\"\(text)\"", reason: "\(hint)the formats are \(names.joined(separator: ", "))")
                    }
                    found.append((Glob(pattern), parsed, line(name)))
                }
                // TOML tables are unordered; the file's order is the order a reader expects.
                config.formats = found.sorted { $0.line < $1.line }
            default:
                throw ConfigError.unknownKey(file: path, line: line(key), key: key, suggestion: closest(to: key, in: keys))
            }
        }
        return config
    }

    /// A TOML value's type in a user's words, with the value when it is short.
    static func describe(_ value: TOMLValueConvertible) -> String {
        switch value.type {
        case .string: "the string \"\(value.string ?? "")\""
        case .int: "the integer \(value.int ?? 0)"
        case .double: "the number \(value.double ?? 0)"
        case .bool: "\(value.bool ?? false ? "true" : "false") (a boolean)"
        case .array: "an array"
        case .table: "a table"
        default: "a \(value.type)"
        }
    }

    /// The folder of `path`'s ancestors (from `start` up to the root) that holds `.tsuzuri.toml`.
    public static func find(from start: String) -> String? {
        var folder = URL(fileURLWithPath: start).standardizedFileURL
        while true {
            let candidate = folder.appendingPathComponent(fileName).path
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: candidate, isDirectory: &isDirectory), !isDirectory.boolValue {
                return candidate
            }
            let parent = folder.deletingLastPathComponent()
            if parent.path == folder.path { return nil }
            folder = parent
        }
    }
}

/// The line each key is set on. TOMLKit does not expose source positions of values, so the text
/// is scanned for `[table]` headers and `key =` lines (enough for the flat layout tsuzuri uses).
struct KeyLines {
    private var lines: [String: Int] = [:]

    init(_ text: String) {
        var table = ""
        for (index, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = raw.trimmingCharacters(in: .whitespaces)
            if line.hasPrefix("[") && !line.hasPrefix("[[") {
                let name = line.dropFirst().prefix { $0 != "]" }
                table = Self.unquote(String(name))
                if lines[table] == nil { lines[table] = index + 1 }
                continue
            }
            guard !line.hasPrefix("#"), let equals = Self.keyEnd(line) else { continue }
            let key = Self.unquote(String(line[..<equals]))
            let full = table.isEmpty ? key : table + "." + key
            if lines[full] == nil { lines[full] = index + 1 }
        }
    }

    /// The line of `key`, else of its table, else 1.
    func line(of key: String) -> Int {
        if let line = lines[key] { return line }
        if let dot = key.firstIndex(of: "."), let line = lines[String(key[..<dot])] { return line }
        return 1
    }

    /// Where the key of a `key = value` line ends (the `=` outside quotes).
    private static func keyEnd(_ line: String) -> String.Index? {
        var quote: Character? = nil
        for index in line.indices {
            let c = line[index]
            if let q = quote { if c == q { quote = nil } } else if c == "\"" || c == "'" { quote = c } else if c == "=" { return index }
        }
        return nil
    }

    /// `"near-miss"` → `near-miss`; a dotted key's parts unquoted one by one (`"*.txt"` is one part).
    private static func unquote(_ key: String) -> String {
        var parts: [String] = []
        var current = ""
        var quote: Character? = nil
        for c in key {
            if let q = quote {
                if c == q { quote = nil } else { current.append(c) }
            } else if c == "\"" || c == "'" {
                quote = c
            } else if c == "." {
                parts.append(current.trimmingCharacters(in: .whitespaces)); current = ""
            } else {
                current.append(c)
            }
        }
        parts.append(current.trimmingCharacters(in: .whitespaces))
        return parts.joined(separator: ".")
    }
}
