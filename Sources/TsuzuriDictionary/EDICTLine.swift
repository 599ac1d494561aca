import Foundation
import TsuzuriText

/// One line of an EDICT, EDICT2 or ENAMDICT file, taken apart: `KANJI [KANA] /gloss/gloss/…/`,
/// EDICT2's `A;B [R1;R2] /(P)/…/EntL…/`, or a kana-only `KANA /gloss/…/`.
public struct EDICTLine: Sendable, Hashable {
    /// Headwords as written, without EDICT2's markers (`明白(P)` → `明白`).
    public var headwords: [String]
    /// Kana readings, without markers; empty when the headword is itself kana.
    public var readings: [String]
    /// English glosses without their tags and sense numbers (`(n) (1) zero` → `zero`).
    public var glosses: [String]
    /// The tags in parentheses before the first gloss (`n`, `adj-na`, or ENAMDICT's `s`, `p`, `g`…).
    public var tags: [String]
    /// EDICT's `(P)`: the entry is one of the common words of the EDRDG's priority lists.
    public var priority: Bool

    /// What a line turned out to be.
    public enum Parsed: Sendable, Hashable {
        case entry(EDICTLine)
        /// The `　？？？ /EDICT, …/` or `　？？？ /ENAMDICT …/` line that opens the file.
        case header(String)
        /// A blank line, a comment, or an entry with no gloss (`４° [しど] /`).
        case skipped
    }

    /// Parses one line; throws a short reason (for `DictionaryError.unknownFormat`) when the line
    /// is not in the EDICT format at all.
    public static func parse(_ line: Substring) throws(FormatReason) -> Parsed {
        var line = line
        while let last = line.last, last == "\r" || last == " " || last == "\t" { line.removeLast() }
        if line.isEmpty || line.hasPrefix("#") { return .skipped }
        guard let slash = Self.find(" /", in: line) else { throw FormatReason("no ' /gloss/' after the headword") }
        let head = line[..<slash.lowerBound]
        var body = line[slash.upperBound...]
        guard body.last == "/" || body.isEmpty else { throw FormatReason("the glosses do not end with '/'") }
        if head.trimmingPrefix(while: { $0 == "\u{3000}" || $0 == " " }).hasPrefix("？？？") {
            return .header(String(body.split(separator: "/").first ?? ""))
        }
        var headwordPart = head
        var readingPart: Substring = ""
        if let open = Self.find(" [", in: head) {
            guard head.last == "]" else { throw FormatReason("'[' without a closing ']'") }
            headwordPart = head[..<open.lowerBound]
            readingPart = head[open.upperBound..<head.index(before: head.endIndex)]
        }
        guard !headwordPart.isEmpty, !headwordPart.contains(" "), !headwordPart.contains("/") else {
            throw FormatReason("the headword is empty or holds a space")
        }
        let headwords = Self.forms(headwordPart)
        let readings = Self.forms(readingPart)
        if headwords.isEmpty { throw FormatReason("the headword is empty") }

        if !body.isEmpty { body.removeLast() }
        var glosses: [String] = []
        var tags: [String] = []
        var priority = false
        for item in body.split(separator: "/", omittingEmptySubsequences: true) {
            if item == "(P)" {
                priority = true
                continue
            }
            if item.hasPrefix("EntL") { continue }
            var text = item[...]
            var itemTags: [Substring] = []
            while let (tag, rest) = Self.leadingTag(text) {
                itemTags.append(contentsOf: tag.split(separator: ","))
                text = rest
            }
            if glosses.isEmpty && tags.isEmpty { tags = itemTags.map(String.init) }
            var gloss = text.drop(while: { $0 == " " })
            while gloss.last == " " { gloss.removeLast() }
            if !gloss.isEmpty { glosses.append(String(gloss)) }
        }
        if glosses.isEmpty { return .skipped }
        return .entry(EDICTLine(headwords: headwords, readings: readings, glosses: glosses, tags: tags, priority: priority))
    }

    /// The first place of a two-byte ASCII `pattern` in `text`, searched in UTF-8 (a million
    /// lines go through here; Foundation's `range(of:)` is several times slower).
    private static func find(_ pattern: StaticString, in text: Substring) -> Range<Substring.Index>? {
        let (first, second) = (pattern.utf8Start[0], pattern.utf8Start[1])
        let utf8 = text.utf8
        var index = utf8.startIndex
        while index != utf8.endIndex {
            let next = utf8.index(after: index)
            if utf8[index] == first, next != utf8.endIndex, utf8[next] == second {
                return index..<utf8.index(after: next)
            }
            index = next
        }
        return nil
    }

    /// A short reason why a line is not an EDICT line.
    public struct FormatReason: Error, Sendable {
        public var text: String
        init(_ text: String) { self.text = text }
    }

    /// `A(P);B(iK)` → [A, B]: EDICT2 marks forms with parenthesised tags that are not part of them.
    private static func forms(_ part: Substring) -> [String] {
        part.split(separator: ";").compactMap { form in
            var form = form
            while form.hasSuffix(")"), let open = form.lastIndex(of: "(") { form = form[..<open] }
            return form.isEmpty ? nil : String(form)
        }
    }

    /// A tag such as `(n)`, `(adj-na,vs)`, `(1)` or `{comp}` at the start of `text`, and the rest.
    private static func leadingTag(_ text: Substring) -> (Substring, Substring)? {
        guard let first = text.first, first == "(" || first == "{" else { return nil }
        let close: Character = first == "(" ? ")" : "}"
        guard let end = text.firstIndex(of: close) else { return nil }
        let tag = text[text.index(after: text.startIndex)..<end]
        guard !tag.isEmpty, tag.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "," || $0 == "-" || $0 == "'") }) else {
            return nil
        }
        return (tag, text[text.index(after: end)...].drop(while: { $0 == " " }))
    }
}

/// ENAMDICT's name types, as the tags before a name's first gloss give them.
public enum NameType {
    /// What each tag means, for people reading the output.
    public static let descriptions: [String: String] = [
        "s": "surname", "p": "place", "u": "person, unclassified", "g": "given name", "f": "female given name",
        "m": "male given name", "h": "full name", "pr": "product", "c": "company", "o": "organisation",
        "st": "station", "wk": "work of art or literature", "dei": "deity", "ev": "event", "fict": "fiction",
        "leg": "legend", "myth": "mythology", "obj": "object", "oth": "other", "relig": "religion",
        "serv": "service", "ship": "ship", "doc": "document", "group": "group", "char": "character",
        "creat": "creature", "person": "person", "place": "place", "company": "company",
        "organization": "organisation", "product": "product", "station": "station", "work": "work",
        "surname": "surname", "given": "given name", "fem": "female given name", "masc": "male given name",
        "unclass": "unclassified name",
    ]

    /// The glossary kind (`person`, `place`, `org`) that name types suggest, nil for other names.
    public static func glossaryKind(for types: [String]) -> String? {
        let person: Set = ["s", "g", "f", "m", "h", "u", "person", "surname", "given", "fem", "masc", "unclass"]
        let place: Set = ["p", "st", "place", "station"]
        let org: Set = ["c", "o", "company", "organization", "group"]
        if let first = types.first {
            if person.contains(first) { return "person" }
            if place.contains(first) { return "place" }
            if org.contains(first) { return "org" }
        }
        return nil
    }

    /// The tags of `tags` that are name types.
    public static func filter(_ tags: [String]) -> [String] {
        tags.filter { descriptions[$0] != nil }
    }
}
