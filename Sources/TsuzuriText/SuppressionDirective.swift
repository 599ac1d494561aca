import Foundation

/// A comment in a document that tells `check` to leave some findings out, as textlint's
/// filter-comments users write them: `<!-- tsuzuri-disable-next-line near-miss -->`.
/// Readers find the comments (each format has its own comment syntax); this type reads what a
/// comment says, so every format understands the same words.
public struct SuppressionDirective: Sendable, Hashable {
    public enum Kind: String, Sendable, CaseIterable {
        /// The line after the comment.
        case disableNextLine = "tsuzuri-disable-next-line"
        /// The line(s) the comment stands on (written at the end of a line).
        case disableLine = "tsuzuri-disable-line"
        /// From the comment to the next `tsuzuri-enable`, or to the end of the file.
        case disable = "tsuzuri-disable"
        /// Ends a `tsuzuri-disable` block.
        case enable = "tsuzuri-enable"
    }

    public var kind: Kind
    /// The rule names the comment gives, as written; empty means every rule.
    public var rules: [String]
    /// The lines the comment covers in the file (a comment may span lines; a PO translator
    /// comment covers its whole entry).
    public var lines: ClosedRange<Int>

    public init(kind: Kind, rules: [String] = [], lines: ClosedRange<Int>) {
        self.kind = kind
        self.rules = rules
        self.lines = lines
    }

    /// Reads a comment's text (with or without its `<!--` and `-->`); nil when it is not a
    /// tsuzuri directive. Rule names follow the keyword, separated by commas or spaces; anything
    /// after ` -- ` is a reason for people and is ignored.
    public static func parse(_ comment: String, lines: ClosedRange<Int>) -> SuppressionDirective? {
        var body = Substring(comment).drop { $0.isWhitespace }
        if body.hasPrefix("<!--") { body = body.dropFirst(4) }
        body = Substring(body.reversed().drop { $0.isWhitespace }.reversed())
        if body.hasSuffix("-->") { body = body.dropLast(3) }
        body = body.drop { $0.isWhitespace }
        guard body.hasPrefix("tsuzuri-") else { return nil }
        let keywordEnd = body.firstIndex { $0.isWhitespace || $0 == "," } ?? body.endIndex
        guard let kind = Kind(rawValue: String(body[..<keywordEnd])) else { return nil }
        var rest = body[keywordEnd...]
        if let reason = rest.range(of: " -- ") { rest = rest[..<reason.lowerBound] } else if rest.hasSuffix(" --") { rest = rest.dropLast(3) }
        let rules = rest.split { $0 == "," || $0.isWhitespace }.map(String.init)
        return SuppressionDirective(kind: kind, rules: rules, lines: lines)
    }

    /// The directive a plain-text line holds: plain text has no comments, so a marker is an
    /// HTML-style comment `<!-- tsuzuri-… -->` that ends the line (alone on it, or after the text
    /// for `tsuzuri-disable-line`). Prose never ends in such a comment, and the words are the
    /// same as in Markdown and HTML.
    public static func parse(plainTextLine line: Substring, number: Int) -> SuppressionDirective? {
        // Cheap tests first: almost no line ends in `-->`, and one that does holds the byte `>`
        // (no other character is canonically equivalent to it), which a byte scan finds without
        // breaking the line into Characters.
        var bytes = line
        if !bytes.withUTF8({ $0.contains(UInt8(ascii: ">")) }) { return nil }
        var end = line.endIndex
        while end > line.startIndex, line[line.index(before: end)].isWhitespace { end = line.index(before: end) }
        let trimmed = line[..<end]
        guard trimmed.hasSuffix("-->"), let open = trimmed.range(of: "<!--", options: .backwards) else { return nil }
        return parse(String(trimmed[open.lowerBound...]), lines: number...number)
    }
}
