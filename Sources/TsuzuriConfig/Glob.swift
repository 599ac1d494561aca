/// A file pattern as `.gitignore` writes them: `*` and `?` stay within one path segment, `**`
/// spans segments, and a pattern without `/` matches the file name in any folder.
public struct Glob: Hashable, Sendable, CustomStringConvertible {
    public let pattern: String
    private let segments: [Substring]
    private let anchored: Bool

    public init(_ pattern: String) {
        self.pattern = pattern
        var body = Substring(pattern)
        if body.hasPrefix("./") { body = body.dropFirst(2) }
        if body.hasSuffix("/") { body = body + "**" }
        anchored = body.contains("/")
        if body.hasPrefix("/") { body = body.dropFirst() }
        segments = body.split(separator: "/", omittingEmptySubsequences: true)
    }

    public var description: String { pattern }

    /// Whether `path` (relative, `/`-separated) matches.
    public func matches(_ path: String) -> Bool {
        let parts = path.split(separator: "/", omittingEmptySubsequences: true).filter { $0 != "." }
        if !anchored {
            guard let name = parts.last else { return false }
            return segments.count == 1 && Self.matchSegment(Array(segments[0]), Array(name))
        }
        return Self.match(segments[...], parts[...])
    }

    private static func match(_ pattern: ArraySlice<Substring>, _ path: ArraySlice<Substring>) -> Bool {
        guard let first = pattern.first else { return path.isEmpty }
        if first == "**" {
            // `**` takes zero or more whole segments.
            var rest = path
            while true {
                if match(pattern.dropFirst(), rest) { return true }
                if rest.isEmpty { return false }
                rest = rest.dropFirst()
            }
        }
        guard let name = path.first, matchSegment(Array(first), Array(name)) else { return false }
        return match(pattern.dropFirst(), path.dropFirst())
    }

    /// `*` and `?` within one segment (iterative, with one backtrack point: linear enough for names).
    static func matchSegment(_ pattern: [Character], _ name: [Character]) -> Bool {
        var p = 0, n = 0
        var star: Int? = nil, mark = 0
        while n < name.count {
            if p < pattern.count, pattern[p] == "?" || pattern[p] == name[n] {
                p += 1; n += 1
            } else if p < pattern.count, pattern[p] == "*" {
                star = p; mark = n; p += 1
            } else if let s = star {
                p = s + 1; mark += 1; n = mark
            } else {
                return false
            }
        }
        while p < pattern.count, pattern[p] == "*" { p += 1 }
        return p == pattern.count
    }
}
