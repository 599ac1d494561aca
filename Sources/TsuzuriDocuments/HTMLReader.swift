import CXML
import Foundation
import TsuzuriText

/// HTML documents, parsed leniently by libxml2's HTML parser: the text content, each character
/// placed where it is in the file. Code, scripts, styles, form fields and `translate="no"`
/// elements are not checked, nor are comments and attribute values (comments are read for
/// suppression directives); text in an element whose
/// `lang` (or `xml:lang`, inherited) is not Japanese is handed on with that language. Block
/// elements and line ends end a piece; inline markup (`<b>`, `<a>`, comments) does not, so a name
/// split by a tag is still one name.
public struct HTMLReader: DocumentReader {
    public init() {}

    public func read(_ input: TextInput, _ body: (DocumentPart) throws -> Void) throws {
        var bytes = try input.readAll()
        let bom = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        bytes.removeFirst(bom)
        let path = input.displayName
        if let invalid = UTF8Check.firstInvalidOffset(bytes[...]) {
            // A <meta charset> naming the real encoding says more than the first bad byte does.
            let valid = HTMLSource(bytes: Array(bytes[..<invalid]))
            try HTMLWalk.run(valid, path: path, emit: nil)
            throw TextInputError.invalidUTF8(
                path: path, line: valid.line(at: invalid), byteOffset: invalid + bom,
                advice: EncodingGuess.advice(head: bytes.prefix(4096), line: bytes[invalid...].prefix(256)))
        }
        let source = HTMLSource(bytes: bytes)
        try withoutActuallyEscaping(body) { body in
            try HTMLWalk.run(source, path: path, emit: body)
        }
        try Self.directives(in: source) { try body(.directive($0)) }
    }

    /// The suppression directives of the page's comments (`<!-- tsuzuri-disable -->`), found in
    /// the bytes themselves: libxml2 hands on no comment text, and a comment's lines are what a
    /// directive needs. Handed on after the text; the checker applies them to the whole report.
    static func directives(in source: HTMLSource, _ body: (SuppressionDirective) throws -> Void) throws {
        let bytes = source.bytes
        let open = Array("<!--".utf8), close = Array("-->".utf8)
        var index = 0
        func find(_ needle: [UInt8], from start: Int) -> Int? {
            guard start + needle.count <= bytes.count else { return nil }
            var at = start
            while at + needle.count <= bytes.count {
                if bytes[at] == needle[0], bytes[at..<at + needle.count].elementsEqual(needle) { return at }
                at += 1
            }
            return nil
        }
        while let start = find(open, from: index) {
            guard let end = find(close, from: start + open.count) else { return }
            index = end + close.count
            let text = String(decoding: bytes[start..<index], as: UTF8.self)
            if let directive = SuppressionDirective.parse(text, lines: source.line(at: start)...source.line(at: end)) {
                try body(directive)
            }
        }
    }
}

/// One walk over libxml2's events: the open elements, the text waiting to be placed, and the
/// piece being built. A class because libxml2 calls back through a C function pointer with one
/// context pointer.
private final class HTMLWalk {
    /// Elements whose content is not prose to check, with everything inside them.
    static let skipped: Set<String> = ["script", "style", "code", "pre", "kbd", "samp", "textarea"]
    /// Elements that start a new line of text when rendered (a piece never runs across them).
    static let blocks: Set<String> = [
        "address", "article", "aside", "blockquote", "body", "br", "button", "caption", "center", "dd", "details",
        "dialog", "dir", "div", "dl", "dt", "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2", "h3",
        "h4", "h5", "h6", "head", "header", "hgroup", "hr", "html", "iframe", "legend", "li", "main", "menu", "nav",
        "noscript", "ol", "optgroup", "option", "p", "rp", "rt", "section", "select", "summary", "table", "tbody",
        "td", "tfoot", "th", "thead", "title", "tr", "ul",
    ]

    struct Frame {
        var name: String
        /// The language in force (nil: the document does not say).
        var language: String?
        /// The element or one of its ancestors is not checked.
        var isSkipped: Bool
    }

    var source: HTMLSource
    let path: String
    /// Nil when the walk only looks for a charset declaration (before an invalid UTF-8 error).
    let emit: ((DocumentPart) throws -> Void)?
    var error: (any Error)?
    var stack: [Frame] = []

    /// Text events since the last markup event: decoded bytes and where the last one ended.
    var pending: [UInt8] = []
    var pendingEnd = 0
    /// Where the previous text ended: aligned text never reaches back before it.
    var floor = 0

    /// The piece being built: scalars, the byte range of each, and its language.
    var scalars: [Unicode.Scalar] = []
    var ranges: [Range<Int>] = []
    var language: String?

    init(source: HTMLSource, path: String, emit: ((DocumentPart) throws -> Void)?) {
        self.source = source
        self.path = path
        self.emit = emit
    }

    static func run(_ source: HTMLSource, path: String, emit: ((DocumentPart) throws -> Void)?) throws {
        let walk = HTMLWalk(source: source, path: path, emit: emit)
        if source.bytes.isEmpty { return }
        let status = source.bytes.withUnsafeBufferPointer { buffer in
            cxml_html_walk(
                buffer.baseAddress, Int64(buffer.count),
                { event, context in
                    let walk = Unmanaged<HTMLWalk>.fromOpaque(context!).takeUnretainedValue()
                    return walk.handle(event!.pointee) ? 0 : 1
                }, Unmanaged.passUnretained(walk).toOpaque())
        }
        if let error = walk.error { throw error }
        if status < 0 {
            throw DocumentError.unsupported(
                path: path, line: 1, reason: "libxml2 could not parse this HTML (over 2 GiB, or out of memory); split the file")
        }
        try walk.finish()
    }

    /// Handles one event; false stops the walk (the error is kept in `error`).
    func handle(_ event: cxml_html_event) -> Bool {
        do {
            switch event.kind {
            case CXML_HTML_TEXT:
                guard !(stack.last?.isSkipped ?? false), let text = event.text else { return true }
                pending.append(contentsOf: UnsafeBufferPointer(start: text, count: Int(event.length)))
                pendingEnd = Int(event.consumed)
            case CXML_HTML_START:
                try placePending()
                let name = event.name.map { String(cString: $0) } ?? ""
                let attributes = Self.attributes(event.attributes)
                if name == "meta" { try checkCharset(Self.declaredCharset(meta: attributes), at: Int(event.consumed)) }
                let parent = stack.last
                let translate = attributes["translate"]?.lowercased()
                let frame = Frame(
                    name: name,
                    language: (attributes["xml:lang"] ?? attributes["lang"]).map { Self.language($0) } ?? parent?.language,
                    isSkipped: (parent?.isSkipped ?? false) || Self.skipped.contains(name) || translate == "no")
                if Self.blocks.contains(name) || frame.isSkipped { try endPiece() }
                stack.append(frame)
            case CXML_HTML_END:
                try placePending()
                let name = event.name.map { String(cString: $0) } ?? ""
                // libxml2 balances its events; should it not, close up to the element named.
                guard let index = stack.lastIndex(where: { $0.name == name }) else { return true }
                let closed = stack[index]
                stack.removeSubrange(index...)
                if Self.blocks.contains(name) || closed.isSkipped { try endPiece() }
                // After skipped content, text starts after its end tag, not inside it.
                if closed.isSkipped { floor = max(floor, Int(event.consumed)) }
            default:  // raw text of scripts and styles (always skipped), comments, instructions
                try placePending()
                floor = max(floor, Int(event.consumed))
                if event.kind == CXML_HTML_OTHER, let target = event.name, String(cString: target) == "xml", let data = event.text {
                    // An XHTML page's <?xml … encoding="…"?> declares its encoding as well.
                    let declaration = String(decoding: UnsafeBufferPointer(start: data, count: Int(event.length)), as: UTF8.self)
                    try checkCharset(Self.declaredCharset(declaration: declaration), at: Int(event.consumed))
                }
            }
            return true
        } catch {
            self.error = error
            return false
        }
    }

    /// Ends the document: the last text and the last piece.
    func finish() throws {
        try placePending()
        try endPiece()
    }

    /// Places the pending text in the file and adds it to the piece, cutting at line ends.
    private func placePending() throws {
        guard !pending.isEmpty else { return }
        let text = Array(String(decoding: pending, as: UTF8.self).unicodeScalars)
        let placed = source.align(text, endingAt: pendingEnd, floor: floor)
        // The text may end a scalar past where the parser said (a `<` it hands on as text is
        // reported before it is read): the next text starts after it.
        floor = max(floor, pendingEnd, placed.last?.upperBound ?? 0)
        pending.removeAll(keepingCapacity: true)
        let textLanguage = stack.last?.language
        if textLanguage != language {
            try endPiece()
            language = textLanguage
        }
        for (scalar, range) in zip(text, placed) {
            if scalar == "\n" || scalar == "\r" {
                try endPiece()
            } else {
                scalars.append(scalar)
                ranges.append(range)
            }
        }
    }

    /// Hands on the piece built so far, unless it is only white space.
    private func endPiece() throws {
        defer {
            scalars.removeAll(keepingCapacity: true)
            ranges.removeAll(keepingCapacity: true)
        }
        guard let emit, scalars.contains(where: { !$0.properties.isWhitespace }) else { return }
        var text = String.UnicodeScalarView()
        text.append(contentsOf: scalars)
        let starts = ranges.map { source.position(at: $0.lowerBound) }
        let end = source.position(at: ranges.last!.upperBound)
        let first = starts[0]
        let asWritten = end.line == first.line && end.column == first.column + starts.count
            && starts.enumerated().allSatisfy { $0.element.line == first.line && $0.element.column == first.column + $0.offset }
        let piece =
            asWritten
            ? TextPiece(text: String(text), line: first.line, column: first.column)
            : TextPiece(text: String(text), starts: starts, end: end)
        try emit(.text(piece, language: language))
    }

    /// Rejects a document that declares an encoding other than UTF-8.
    private func checkCharset(_ declared: String?, at offset: Int) throws {
        guard let charset = declared, !["utf-8", "utf8"].contains(charset.lowercased()) else { return }
        throw DocumentError.unsupported(
            path: path, line: source.line(at: offset),
            reason: "the document declares charset \(charset), but tsuzuri reads HTML as UTF-8 only; convert it (e.g. iconv -f \(charset) -t UTF-8) and declare <meta charset=\"utf-8\">")
    }

    /// The encoding a <meta> declares: `charset`, or the `charset=` of an http-equiv Content-Type.
    private static func declaredCharset(meta attributes: [String: String]) -> String? {
        if let charset = attributes["charset"] { return charsetName(charset[...]) }
        guard attributes["http-equiv"]?.lowercased() == "content-type", let content = attributes["content"] else { return nil }
        return declaredCharset(declaration: content)
    }

    /// The encoding named after `charset=` or `encoding=` in a Content-Type or an XML declaration.
    private static func declaredCharset(declaration: String) -> String? {
        guard let range = declaration.range(of: #"(charset|encoding)\s*="#, options: [.regularExpression, .caseInsensitive]) else {
            return nil
        }
        return charsetName(declaration[range.upperBound...])
    }

    /// The name at the start of `text`, without quotes and blanks around it.
    private static func charsetName(_ text: Substring) -> String? {
        let name = text.drop { $0.isWhitespace || $0 == "\"" || $0 == "'" }
            .prefix { !($0.isWhitespace || $0 == "\"" || $0 == "'" || $0 == ";" || $0 == "?") }
        return name.isEmpty ? nil : String(name)
    }

    /// The language a `lang` value gives: nil for `lang=""`, which says the language is unknown.
    private static func language(_ value: String) -> String? {
        let code = value.trimmingCharacters(in: .whitespacesAndNewlines)
        return code.isEmpty ? nil : code
    }

    /// The attributes of a start tag by lower-case name (libxml2 lower-cases names already).
    private static func attributes(_ list: UnsafePointer<UnsafePointer<CChar>?>?) -> [String: String] {
        guard let list else { return [:] }
        var attributes: [String: String] = [:]
        var index = 0
        while let name = list[index] {
            attributes[String(cString: name).lowercased()] = list[index + 1].map { String(cString: $0) } ?? ""
            index += 2
        }
        return attributes
    }
}
