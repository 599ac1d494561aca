import Foundation
import TsuzuriCheck
import TsuzuriText

/// Where an effective setting came from.
public enum SettingOrigin: Hashable, Sendable, CustomStringConvertible {
    case defaultValue
    case configFile(path: String, line: Int)
    case environment(String)
    case commandLine(String)

    public var description: String {
        switch self {
        case .defaultValue: "default"
        case .configFile(let path, let line): "\(path):\(line)"
        case .environment(let name): "environment \(name)"
        case .commandLine(let option): "command line \(option)"
        }
    }
}

/// A setting's value and where it came from.
public struct Sourced<Value: Sendable>: Sendable {
    public var value: Value
    public var origin: SettingOrigin

    public init(_ value: Value, _ origin: SettingOrigin) {
        self.value = value
        self.origin = origin
    }
}

/// What the command line said, for the settings it can override (nil or empty: not given).
public struct CommandLineSettings: Sendable {
    public var glossary: [String]
    public var memory: String?
    public var tolerance: Double?
    public var inputFormat: DocumentFormat?

    public init(glossary: [String] = [], memory: String? = nil, tolerance: Double? = nil, inputFormat: DocumentFormat? = nil) {
        self.glossary = glossary
        self.memory = memory
        self.tolerance = tolerance
        self.inputFormat = inputFormat
    }
}

/// The settings a run uses: defaults, then the config file, then the environment, then the command
/// line, each later one overriding; every value remembers which of them set it.
public struct Settings: Sendable {
    /// The config file read, if any.
    public var configFile: String?
    /// Paths in `ignore` and `formats` are relative to this folder (the config file's, else the
    /// current folder).
    public var baseDirectory: String
    public var glossary: Sourced<[GlossaryLayer]>
    public var memory: Sourced<String>
    public var tolerance: Sourced<Double>
    public var rules: [CheckRule: Sourced<RuleLevel>]
    public var allow: Sourced<[String]>
    public var ignore: Sourced<[Glob]>
    /// Input formats by pattern; `--input-format` replaces them all.
    public var formats: [(glob: Glob, format: DocumentFormat, origin: SettingOrigin)]
    public var inputFormat: Sourced<DocumentFormat>?

    /// The glossary folder a project without a config keeps beside its texts.
    public static let workingDirectoryGlossary = "glossary"
    public static let glossaryVariable = "TSUZURI_GLOSSARY"
    public static let memoryVariable = "TSUZURI_MEMORY"

    /// Resolves every setting. `defaultMemory` is the memory path when nothing names one;
    /// `workingDirectory` is where `./glossary/` is looked for.
    public static func resolve(
        config: ConfigFile?, commandLine: CommandLineSettings, environment: [String: String],
        workingDirectory: String, defaultMemory: String
    ) -> Settings {
        func fromFile(_ line: Int) -> SettingOrigin { .configFile(path: config?.path ?? "", line: line) }

        // Glossary: the built-in glossary, plus ./glossary/ on top when the folder exists.
        var glossary = Sourced([GlossaryLayer.builtIn], .defaultValue)
        var isDirectory: ObjCBool = false
        let local = (workingDirectory as NSString).appendingPathComponent(workingDirectoryGlossary)
        if FileManager.default.fileExists(atPath: local, isDirectory: &isDirectory), isDirectory.boolValue {
            glossary.value.append(.path(workingDirectoryGlossary))
        }
        if let set = config?.glossary { glossary = Sourced(set.value, fromFile(set.line)) }
        if let value = environment[glossaryVariable] {
            let layers = value.split(separator: ":").map { GlossaryLayer(String($0)) }
            if !layers.isEmpty { glossary = Sourced(layers, .environment(glossaryVariable)) }
        }
        if !commandLine.glossary.isEmpty {
            glossary = Sourced(commandLine.glossary.map { GlossaryLayer($0) }, .commandLine("--glossary"))
        }

        var memory = Sourced(defaultMemory, .defaultValue)
        if let set = config?.memory { memory = Sourced(set.value, fromFile(set.line)) }
        if let value = environment[memoryVariable], !value.isEmpty { memory = Sourced(value, .environment(memoryVariable)) }
        if let value = commandLine.memory, !value.isEmpty { memory = Sourced(value, .commandLine("--memory")) }

        var tolerance = Sourced(1.0, .defaultValue)
        if let set = config?.tolerance { tolerance = Sourced(set.value, fromFile(set.line)) }
        if let value = commandLine.tolerance { tolerance = Sourced(value, .commandLine("--tolerance")) }

        var rules: [CheckRule: Sourced<RuleLevel>] = [:]
        for rule in CheckRule.allCases {
            rules[rule] = config?.rules[rule].map { Sourced($0.value, fromFile($0.line)) } ?? Sourced(.warning, .defaultValue)
        }

        return Settings(
            configFile: config?.path,
            baseDirectory: config.map { $0.directory.isEmpty ? "." : $0.directory } ?? workingDirectory,
            glossary: glossary, memory: memory, tolerance: tolerance, rules: rules,
            allow: config?.allow.map { Sourced($0.value, fromFile($0.line)) } ?? Sourced([], .defaultValue),
            ignore: config?.ignore.map { Sourced($0.value, fromFile($0.line)) } ?? Sourced([], .defaultValue),
            formats: config?.formats.map { ($0.glob, $0.format, fromFile($0.line)) } ?? [],
            inputFormat: commandLine.inputFormat.map { Sourced($0, .commandLine("--input-format")) })
    }

    /// The check policy: rule levels and allowed spellings.
    public var checkPolicy: CheckPolicy {
        CheckPolicy(levels: rules.mapValues(\.value), allowed: allow.value)
    }

    /// The path of `file` relative to the base folder, as patterns see it; a file outside the
    /// folder keeps its absolute path (only name patterns such as `*.md` can match it).
    public func relativePath(_ file: String) -> String {
        let absolute = URL(fileURLWithPath: file).standardizedFileURL.path
        let base = URL(fileURLWithPath: baseDirectory).standardizedFileURL.path
        let prefix = base.hasSuffix("/") ? base : base + "/"
        return absolute.hasPrefix(prefix) ? String(absolute.dropFirst(prefix.count)) : absolute
    }

    /// The `ignore` pattern that matches `file`, if any (stdin is never ignored).
    public func ignorePattern(for file: String) -> Glob? {
        guard file != "-" else { return nil }
        let path = relativePath(file)
        return ignore.value.first { $0.matches(path) }
    }

    /// The input format for `file`: `--input-format`, else the first matching `formats` pattern,
    /// else nil (the reader decides from the extension and the content).
    public func format(for file: String) -> DocumentFormat? {
        if let inputFormat { return inputFormat.value }
        guard file != "-" else { return nil }
        let path = relativePath(file)
        return formats.first { $0.glob.matches(path) }?.format
    }
}
