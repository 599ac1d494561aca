import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// Reads TMX 1.4b (and 1.1-style `lang` attributes, UTF-16 files, `srclang="*all*"`) one `<tu>` at
/// a time, so that memory does not grow with the file.
///
/// Inline codes (`bpt`, `ept`, `ph`, `it`, `ut`) stay in `ExchangeSegment.markup` and are left out
/// of `ExchangeSegment.text`; `hi` and `sub` content counts as text. A DOCTYPE that declares any
/// entity is refused before parsing, and the parser never resolves external entities.
public struct TMXReader {
    public let url: URL
    /// The path as messages show it.
    public let displayPath: String

    public init(url: URL, displayPath: String? = nil) {
        self.url = url
        self.displayPath = displayPath ?? url.path
    }

    /// Calls `body` for every `<tu>` in file order; throws the first error (the body's or the file's).
    public func read(_ body: (ExchangeUnit) throws -> Void) throws {
        try checkProlog()
        guard let stream = InputStream(url: url) else {
            throw ExchangeError.unreadable(path: displayPath, reason: "cannot open")
        }
        let parser = XMLParser(stream: stream)
        parser.shouldResolveExternalEntities = false
        parser.shouldProcessNamespaces = false
        parser.shouldReportNamespacePrefixes = false
        try withoutActuallyEscaping(body) { escapingBody in
            let delegate = TMXParserDelegate(path: displayPath, body: escapingBody)
            parser.delegate = delegate
            let ok = parser.parse()
            parser.delegate = nil
            if let error = delegate.failure { throw error }
            if !ok {
                let reason = parser.parserError.map { Self.describe($0) } ?? "malformed XML"
                throw ExchangeError.malformed(path: displayPath, line: max(1, delegate.errorLine ?? parser.lineNumber), reason: reason)
            }
            if !delegate.sawRoot {
                throw ExchangeError.malformed(path: displayPath, line: max(1, parser.lineNumber), reason: "no <tmx> element (empty or truncated file)")
            }
            if !delegate.closedRoot {
                throw ExchangeError.malformed(path: displayPath, line: max(1, parser.lineNumber), reason: "truncated TMX: </tmx> missing")
            }
        }
    }

    /// Every unit in the file (tests and small files; `read(_:)` streams).
    public func readAll() throws -> [ExchangeUnit] {
        var units: [ExchangeUnit] = []
        try read { units.append($0) }
        return units
    }

    private static func describe(_ error: Error) -> String {
        let ns = error as NSError
        if let message = ns.userInfo[NSLocalizedDescriptionKey] as? String, !message.isEmpty, !message.hasPrefix("The operation") {
            return "malformed XML: \(message.trimmingCharacters(in: .whitespacesAndNewlines))"
        }
        // libxml2's error numbers for the mistakes a hand-edited or cut-off TMX file shows.
        let known: [Int: String] = [
            4: "not XML (no start tag)", 5: "extra content after the end of the document",
            26: "reference to an undeclared entity", 38: "unfinished attribute value", 39: "attribute without a value",
            41: "unescaped '<' in an attribute value", 68: "malformed name", 73: "'>' expected",
            76: "closing tag does not match the opening tag", 77: "unclosed tag (truncated file?)",
            9: "invalid character", 23: "unescaped '&' or malformed entity reference",
        ]
        return "malformed XML: \(known[ns.code] ?? "parser error \(ns.code)")"
    }

    /// Refuses entity declarations before the XML parser sees them: they are how external entities
    /// (file disclosure) and expansion bombs ("billion laughs") get in. The prolog ends at the
    /// first element, which must come within the first MiB.
    private func checkProlog() throws {
        let handle = try ExchangeFile.open(url, displayPath: displayPath)
        defer { try? handle.close() }
        let head = (try? handle.read(upToCount: 1 << 20)) ?? Data()
        let text = Self.decodeHead(head)
        // The prolog: everything before the first start tag that is not `<?`, `<!`.
        var prolog = Substring(text)
        var searchFrom = text.startIndex
        while let lt = text[searchFrom...].firstIndex(of: "<") {
            let next = text.index(after: lt)
            if next < text.endIndex, text[next] != "?", text[next] != "!" {
                prolog = text[..<lt]
                break
            }
            searchFrom = next
            if searchFrom >= text.endIndex { break }
        }
        if let range = prolog.range(of: "<!ENTITY", options: .caseInsensitive) {
            let line = prolog[..<range.lowerBound].reduce(1) { $1 == "\n" ? $0 + 1 : $0 }
            throw ExchangeError.entitiesRefused(path: displayPath, line: line)
        }
    }

    private static func decodeHead(_ data: Data) -> String {
        let bytes = [UInt8](data)
        func utf16(_ bytes: ArraySlice<UInt8>, bigEndian: Bool) -> String {
            var units: [UInt16] = []
            units.reserveCapacity(bytes.count / 2)
            var i = bytes.startIndex
            while i + 1 < bytes.endIndex {
                let a = UInt16(bytes[i]), b = UInt16(bytes[i + 1])
                units.append(bigEndian ? (a << 8 | b) : (b << 8 | a))
                i += 2
            }
            return String(decoding: units, as: UTF16.self)
        }
        if bytes.starts(with: [0xFF, 0xFE]) { return utf16(bytes[2...], bigEndian: false) }
        if bytes.starts(with: [0xFE, 0xFF]) { return utf16(bytes[2...], bigEndian: true) }
        if bytes.starts(with: [0x3C, 0x00]) { return utf16(bytes[...], bigEndian: false) }
        if bytes.starts(with: [0x00, 0x3C]) { return utf16(bytes[...], bigEndian: true) }
        return String(decoding: bytes, as: UTF8.self)
    }
}

/// Parses TMX dates (`20240131T235959Z`).
enum TMXDate {
    private static let utc: Calendar = {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        return calendar
    }()

    static func parse(_ string: String) -> Date? {
        let digits = string.filter(\.isNumber)
        guard digits.count >= 14 else { return nil }
        let d = Array(digits.utf8).map { Int($0) - 48 }
        func n(_ from: Int, _ count: Int) -> Int { (from..<from + count).reduce(0) { $0 * 10 + d[$1] } }
        var components = DateComponents()
        components.year = n(0, 4); components.month = n(4, 2); components.day = n(6, 2)
        components.hour = n(8, 2); components.minute = n(10, 2); components.second = n(12, 2)
        return utc.date(from: components)
    }

    static func format(_ date: Date) -> String {
        let c = utc.dateComponents([.year, .month, .day, .hour, .minute, .second], from: date)
        func p(_ v: Int?, _ w: Int) -> String {
            let s = String(v ?? 0)
            return String(repeating: "0", count: max(0, w - s.count)) + s
        }
        return "\(p(c.year, 4))\(p(c.month, 2))\(p(c.day, 2))T\(p(c.hour, 2))\(p(c.minute, 2))\(p(c.second, 2))Z"
    }
}

/// The SAX side of `TMXReader`: builds one `ExchangeUnit` per `<tu>` and hands it on.
private final class TMXParserDelegate: NSObject, XMLParserDelegate {
    let path: String
    let body: (ExchangeUnit) throws -> Void
    var failure: Error?
    /// The line where the XML parser first reported an error.
    var errorLine: Int?
    var sawRoot = false
    var closedRoot = false

    private var headerSourceLanguage: String?
    private var unit: ExchangeUnit?
    private var tuvLanguage: String?
    private var segments: [ExchangeSegment] = []
    private var inSeg = false
    private var segText = ""
    private var segMarkup = ""
    private var segHasInline = false
    private var codeDepth = 0
    private var segBytes = 0
    private var fieldText: String?  // open <prop>/<note> text
    private var propType = ""
    private var depth = 0

    private static let codeElements: Set<String> = ["bpt", "ept", "ph", "it", "ut"]
    private static let inlineElements: Set<String> = ["bpt", "ept", "ph", "it", "ut", "hi", "sub"]

    init(path: String, body: @escaping (ExchangeUnit) throws -> Void) {
        self.path = path
        self.body = body
    }

    private func fail(_ parser: XMLParser, _ error: Error) {
        if failure == nil { failure = error }
        parser.abortParsing()
    }

    func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?, attributes: [String: String] = [:]) {
        guard failure == nil else { return }
        depth += 1
        if depth == 1 {
            guard name == "tmx" else {
                fail(parser, ExchangeError.notTMX(path: path, root: name))
                return
            }
            sawRoot = true
            return
        }
        if inSeg {
            if !segHasInline {
                // Markup is kept only for segments with inline elements: start it from the text so far.
                segMarkup = XMLEscaping.text(segText)
                segHasInline = true
            }
            segMarkup += "<\(name)"
            for key in attributes.keys.sorted() {
                segMarkup += " \(key)=\"\(XMLEscaping.attribute(attributes[key]!))\""
            }
            segMarkup += ">"
            if Self.codeElements.contains(name) { codeDepth += 1 }
            if !Self.inlineElements.contains(name) {
                fail(parser, ExchangeError.malformed(path: path, line: parser.lineNumber, reason: "unexpected <\(name)> inside <seg>"))
            }
            return
        }
        switch name {
        case "header":
            headerSourceLanguage = attributes["srclang"]
        case "tu":
            var u = ExchangeUnit(segments: [], line: parser.lineNumber)
            let src = attributes["srclang"] ?? headerSourceLanguage
            u.sourceLanguage = (src == nil || src == "*all*") ? nil : src
            u.creationDate = attributes["creationdate"].flatMap(TMXDate.parse)
            u.changeDate = attributes["changedate"].flatMap(TMXDate.parse)
            unit = u
            segments = []
        case "tuv":
            guard unit != nil else { return }
            tuvLanguage = attributes["xml:lang"] ?? attributes["lang"]
            if tuvLanguage == nil {
                fail(parser, ExchangeError.malformed(path: path, line: parser.lineNumber, reason: "<tuv> without xml:lang"))
            }
        case "seg":
            guard unit != nil, tuvLanguage != nil else { return }
            inSeg = true
            segText = ""
            segMarkup = ""
            segHasInline = false
            codeDepth = 0
            segBytes = 0
        case "prop":
            fieldText = ""
            propType = attributes["type"] ?? ""
        case "note":
            fieldText = ""
        default:
            break
        }
    }

    func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
        guard failure == nil else { return }
        defer { depth -= 1 }
        if depth == 1 {
            closedRoot = true
            return
        }
        if inSeg && name != "seg" {
            segMarkup += "</\(name)>"
            if Self.codeElements.contains(name) { codeDepth -= 1 }
            return
        }
        switch name {
        case "seg":
            guard inSeg else { return }
            inSeg = false
            if let language = tuvLanguage {
                segments.append(ExchangeSegment(language: language, text: segText, markup: segHasInline ? segMarkup : nil))
            }
        case "tuv":
            tuvLanguage = nil
        case "prop":
            if let text = fieldText, unit != nil { unit!.properties.append(ExchangeProperty(type: propType, value: text)) }
            fieldText = nil
        case "note":
            if let text = fieldText, unit != nil { unit!.notes.append(text) }
            fieldText = nil
        case "tu":
            guard var u = unit else { return }
            u.segments = segments
            unit = nil
            do {
                try body(u)
            } catch {
                fail(parser, error)
            }
        default:
            break
        }
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        guard failure == nil else { return }
        if inSeg {
            segBytes += string.utf8.count
            if segBytes > ExchangeLimits.maxSegmentBytes {
                fail(parser, ExchangeError.unitTooLarge(path: path, line: unit?.line ?? parser.lineNumber, limit: ExchangeLimits.maxSegmentBytes))
                return
            }
            if segHasInline { segMarkup += XMLEscaping.text(string) }
            if codeDepth == 0 { segText += string }
        } else if fieldText != nil {
            if fieldText!.utf8.count + string.utf8.count > ExchangeLimits.maxSegmentBytes {
                fail(parser, ExchangeError.unitTooLarge(path: path, line: parser.lineNumber, limit: ExchangeLimits.maxSegmentBytes))
                return
            }
            fieldText! += string
        }
    }

    func parser(_ parser: XMLParser, foundCDATA block: Data) {
        self.parser(parser, foundCharacters: String(decoding: block, as: UTF8.self))
    }

    func parser(_ parser: XMLParser, foundInternalEntityDeclarationWithName name: String, value: String?) {
        fail(parser, ExchangeError.entitiesRefused(path: path, line: parser.lineNumber))
    }

    func parser(_ parser: XMLParser, foundExternalEntityDeclarationWithName name: String, publicID: String?, systemID: String?) {
        fail(parser, ExchangeError.entitiesRefused(path: path, line: parser.lineNumber))
    }

    func parser(_ parser: XMLParser, resolveExternalEntityName name: String, systemID: String?) -> Data? {
        fail(parser, ExchangeError.malformed(path: path, line: parser.lineNumber, reason: "reference to an undeclared entity &\(name); (tsuzuri resolves no entities but the XML ones)"))
        return nil
    }

    func parser(_ parser: XMLParser, parseErrorOccurred parseError: Error) {
        if errorLine == nil { errorLine = parser.lineNumber }
    }
}

/// XML escaping for text and attribute values.
public enum XMLEscaping {
    public static func text(_ s: String) -> String {
        guard s.utf8.contains(where: { $0 == 0x26 || $0 == 0x3C || $0 == 0x3E }) else { return s }
        var out = ""
        out.reserveCapacity(s.utf8.count + 16)
        for ch in s.unicodeScalars {
            switch ch {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            default: out.unicodeScalars.append(ch)
            }
        }
        return out
    }

    public static func attribute(_ s: String) -> String {
        var out = ""
        for ch in s.unicodeScalars {
            switch ch {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "\n": out += "&#10;"
            case "\t": out += "&#9;"
            case "\r": out += "&#13;"
            default: out.unicodeScalars.append(ch)
            }
        }
        return out
    }

    /// Whether XML 1.0 can carry the scalar at all (C0 controls other than tab, LF, CR cannot).
    public static func isAllowed(_ scalar: Unicode.Scalar) -> Bool {
        let v = scalar.value
        return v == 0x9 || v == 0xA || v == 0xD || (v >= 0x20 && v <= 0xD7FF) || (v >= 0xE000 && v <= 0xFFFD) || v >= 0x10000
    }
}
