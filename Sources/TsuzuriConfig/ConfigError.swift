import Foundation

/// Everything that can be wrong with a `.tsuzuri.toml`. Every message names the file and line and
/// says what to write instead.
public enum ConfigError: Error, LocalizedError, Equatable, Sendable {
    /// `--config` or `TSUZURI_CONFIG` names a file that does not exist.
    case notFound(path: String, origin: String)
    /// The file cannot be read or is not UTF-8.
    case unreadable(path: String, reason: String)
    /// The TOML parser refused the file.
    case syntax(file: String, line: Int, column: Int, reason: String)
    /// A key tsuzuri does not know, with the closest key it does know.
    case unknownKey(file: String, line: Int, key: String, suggestion: String?)
    /// A key whose value has the wrong TOML type.
    case wrongType(file: String, line: Int, key: String, expected: String, found: String)
    /// A value of the right type that tsuzuri cannot use (an unknown format, a tolerance out of range).
    case invalidValue(file: String, line: Int, key: String, value: String, reason: String)

    public var errorDescription: String? {
        switch self {
        case .notFound(let path, let origin):
            return "\(path): no such config file (named by \(origin)); create it, fix the path, or run without it (--no-config)"
        case .unreadable(let path, let reason):
            return "\(path): cannot read the config file: \(reason)"
        case .syntax(let file, let line, let column, let reason):
            return "\(file):\(line):\(column): not valid TOML: \(reason)"
        case .unknownKey(let file, let line, let key, let suggestion):
            let hint = suggestion.map { "; did you mean `\($0)`?" } ?? "; see the Configuration table in the README for the keys"
            return "\(file):\(line): unknown key `\(key)`\(hint)"
        case .wrongType(let file, let line, let key, let expected, let found):
            return "\(file):\(line): `\(key)` must be \(expected), not \(found)"
        case .invalidValue(let file, let line, let key, let value, let reason):
            return "\(file):\(line): `\(key)` = \(value): \(reason)"
        }
    }
}

/// The closest of `candidates` to `word` by edit distance, when it is close enough to be a typo.
func closest(to word: String, in candidates: [String]) -> String? {
    let scored = candidates.map { ($0, editDistance(Array(word.lowercased()), Array($0.lowercased()))) }
    guard let best = scored.min(by: { $0.1 < $1.1 }) else { return nil }
    // A third of the longer word: `tolerence` → `tolerance`, but `colour` suggests nothing.
    return best.1 <= max(2, max(word.count, best.0.count) / 3) ? best.0 : nil
}

func editDistance(_ a: [Character], _ b: [Character]) -> Int {
    if a.isEmpty { return b.count }
    if b.isEmpty { return a.count }
    var previous = Array(0...b.count)
    var current = [Int](repeating: 0, count: b.count + 1)
    for i in 1...a.count {
        current[0] = i
        for j in 1...b.count {
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
        }
        swap(&previous, &current)
    }
    return previous[b.count]
}
