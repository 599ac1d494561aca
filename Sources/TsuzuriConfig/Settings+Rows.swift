import TsuzuriCheck

/// One effective setting as `tsuzuri config` shows it: the key as the config file writes it, the
/// value and where it came from.
public struct SettingRow: Encodable, Sendable {
    /// A value as JSON shows it: a string, a number or a list of strings.
    public enum Value: Encodable, Sendable, CustomStringConvertible {
        case string(String)
        case number(Double)
        case list([String])

        public func encode(to encoder: Encoder) throws {
            var container = encoder.singleValueContainer()
            switch self {
            case .string(let s): try container.encode(s)
            case .number(let n): try container.encode(n)
            case .list(let l): try container.encode(l)
            }
        }

        public var description: String {
            switch self {
            case .string(let s): s
            case .number(let n): n == n.rounded() ? String(format: "%.1f", n) : String(n)
            case .list(let l): l.isEmpty ? "(none)" : l.joined(separator: ", ")
            }
        }
    }

    public var key: String
    public var value: Value
    /// `default`, `environment NAME`, `command line --flag` or `file:line`.
    public var source: String
    /// `default`, `config`, `environment` or `command-line`, for scripts.
    public var sourceKind: String
}

extension SettingOrigin {
    var kind: String {
        switch self {
        case .defaultValue: "default"
        case .configFile: "config"
        case .environment: "environment"
        case .commandLine: "command-line"
        }
    }
}

extension Settings {
    /// Every setting in the config file's order of keys.
    public var rows: [SettingRow] {
        func row(_ key: String, _ value: SettingRow.Value, _ origin: SettingOrigin) -> SettingRow {
            SettingRow(key: key, value: value, source: origin.description, sourceKind: origin.kind)
        }
        var rows = [
            row("glossary", .list(glossary.value.map(\.description)), glossary.origin),
            row("memory", .string(memory.value), memory.origin),
            row("tolerance", .number(tolerance.value), tolerance.origin),
            row("allow", .list(allow.value), allow.origin),
            row("ignore", .list(ignore.value.map(\.pattern)), ignore.origin),
        ]
        for rule in CheckRule.allCases {
            let level = rules[rule] ?? Sourced(.warning, .defaultValue)
            rows.append(row("rules.\(rule.rawValue)", .string(level.value.rawValue), level.origin))
        }
        if let inputFormat {
            rows.append(row("formats.*", .string(inputFormat.value.rawValue), inputFormat.origin))
        } else {
            for format in formats {
                rows.append(row("formats.\"\(format.glob.pattern)\"", .string(format.format.rawValue), format.origin))
            }
        }
        return rows
    }
}
