import Foundation
import TsuzuriXML

/// Reads TMX 1.4b (and 1.1-style `lang` attributes, UTF-16 files, `srclang="*all*"`) one `<tu>` at
/// a time, so that memory does not grow with the file.
///
/// Inline codes (`bpt`, `ept`, `ph`, `it`, `ut`) stay in `ExchangeSegment.markup` and are left out
/// of `ExchangeSegment.text`; `hi` and `sub` content counts as text. The XML goes through libxml2's
/// push parser (`XMLStreamParser`), which reads nothing outside the file, expands no entity and
/// refuses a DOCTYPE that declares any; malformed input is an error naming the line, never a crash.
public struct TMXReader {
    public let url: URL
    /// The path as messages show it.
    public let displayPath: String
    /// Bytes read from the file at a time.
    static let chunkSize = 1 << 16

    public init(url: URL, displayPath: String? = nil) {
        self.url = url
        self.displayPath = displayPath ?? url.path
    }

    /// Calls `body` for every `<tu>` in file order; throws the first error (the body's or the file's).
    public func read(_ body: (ExchangeUnit) throws -> Void) throws {
        let handle = try ExchangeFile.open(url, displayPath: displayPath)
        defer { try? handle.close() }
        let parser = XMLStreamParser()
        var builder = TMXUnitBuilder(path: displayPath)
        var first = true
        do {
            try parser.parse(chunks: {
                let chunk: Data
                do {
                    chunk = try handle.read(upToCount: Self.chunkSize) ?? Data()
                } catch {
                    throw ExchangeError.unreadable(path: displayPath, reason: error.localizedDescription)
                }
                if first {
                    first = false
                    try checkEncoding(chunk)
                }
                return chunk
            }) { event in
                try builder.handle(event, body)
            }
        } catch let error as XMLError {
            throw describe(error)
        }
        if !builder.sawRoot {
            throw ExchangeError.malformed(path: displayPath, line: max(1, builder.lastLine), reason: "no <tmx> element (empty or truncated file)")
        }
        if !parser.finishedRoot {
            throw ExchangeError.malformed(path: displayPath, line: max(1, builder.lastLine), reason: "truncated TMX: </tmx> missing")
        }
    }

    /// Every unit in the file (tests and small files; `read(_:)` streams).
    public func readAll() throws -> [ExchangeUnit] {
        var units: [ExchangeUnit] = []
        try read { units.append($0) }
        return units
    }

    /// TMX files are UTF-8 or UTF-16 (the TMX 1.4b specification recommends nothing else); another
    /// declared encoding would be converted by libxml2 with byte offsets and lines of its own.
    private func checkEncoding(_ head: Data) throws {
        if case .other(let name) = XMLEncoding(head: [UInt8](head.prefix(1024))) {
            throw ExchangeError.malformed(
                path: displayPath, line: 1,
                reason: "the file declares encoding \"\(name)\"; tsuzuri reads TMX in UTF-8 or UTF-16: convert it (iconv -f \(name) -t UTF-8) and declare encoding=\"UTF-8\"")
        }
    }

    private func describe(_ error: XMLError) -> ExchangeError {
        switch error.kind {
        case .entityDeclaration: .entitiesRefused(path: displayPath, line: error.line)
        case .encoding: .malformed(path: displayPath, line: error.line, reason: error.message)
        case .syntax, .undeclaredEntity, .limit: .malformed(path: displayPath, line: error.line, reason: "malformed XML: \(error.message)")
        }
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

/// The event side of `TMXReader`: builds one `ExchangeUnit` per `<tu>` and hands it on.
private struct TMXUnitBuilder {
    let path: String
    var sawRoot = false
    /// The line of the last event (for errors found after the parser finished).
    var lastLine = 1

    private var headerSourceLanguage: String?
    private var unit: ExchangeUnit?
    /// Bytes of the open `<tu>` so far: its text, inline markup, attributes, notes, props and
    /// `<tuv>`s, so that no part of one unit can grow without bound.
    private var unitBytes = 0
    private var tuvLanguage: String?
    private var segments: [ExchangeSegment] = []
    private var inSeg = false
    private var segText = ""
    private var segMarkup = ""
    private var segHasInline = false
    private var codeDepth = 0
    private var fieldText: String?  // open <prop>/<note> text
    private var propType = ""
    private var depth = 0

    private static let codeElements: Set<String> = ["bpt", "ept", "ph", "it", "ut"]
    private static let inlineElements: Set<String> = ["bpt", "ept", "ph", "it", "ut", "hi", "sub"]
    /// What an element costs the unit budget besides its name and attributes (so that a unit of a
    /// million empty `<tuv>`s is refused too).
    private static let elementCost = 8

    init(path: String) {
        self.path = path
    }

    /// Takes the next event; calls `body` with each unit as its `</tu>` arrives.
    mutating func handle(_ event: XMLEvent, _ body: (ExchangeUnit) throws -> Void) throws {
        lastLine = event.line
        switch event.kind {
        case .start: try start(event)
        case .end: try end(event.name, body)
        case .text, .cdata: try characters(event.text, line: event.line)
        }
    }

    /// Counts `bytes` against the open unit's budget.
    private mutating func spend(_ bytes: Int, line: Int) throws {
        guard let unit else { return }
        unitBytes += bytes
        if unitBytes > ExchangeLimits.maxSegmentBytes {
            throw ExchangeError.unitTooLarge(path: path, line: unit.line, limit: ExchangeLimits.maxSegmentBytes)
        }
    }

    private mutating func start(_ event: XMLEvent) throws {
        let name = event.name
        depth += 1
        if depth == 1 {
            guard name == "tmx" else { throw ExchangeError.notTMX(path: path, root: name) }
            sawRoot = true
            return
        }
        if unit != nil {
            try spend(Self.elementCost + name.utf8.count + event.attributes.reduce(0) { $0 + $1.name.utf8.count + $1.value.utf8.count }, line: event.line)
        }
        if inSeg {
            if !segHasInline {
                // Markup is kept only for segments with inline elements: start it from the text so far.
                segMarkup = XMLEscaping.text(segText)
                segHasInline = true
            }
            guard Self.inlineElements.contains(name) else {
                throw ExchangeError.malformed(path: path, line: event.line, reason: "unexpected <\(name)> inside <seg>")
            }
            segMarkup += "<\(name)"
            for attribute in event.attributes.sorted(by: { $0.name < $1.name }) {
                segMarkup += " \(attribute.name)=\"\(XMLEscaping.attribute(attribute.value))\""
            }
            segMarkup += ">"
            if Self.codeElements.contains(name) { codeDepth += 1 }
            return
        }
        switch name {
        case "header":
            headerSourceLanguage = event.attribute("srclang")
        case "tu":
            var u = ExchangeUnit(segments: [], line: event.line)
            let src = event.attribute("srclang") ?? headerSourceLanguage
            u.sourceLanguage = (src == nil || src == "*all*") ? nil : src
            u.creationDate = event.attribute("creationdate").flatMap(TMXDate.parse)
            u.changeDate = event.attribute("changedate").flatMap(TMXDate.parse)
            unit = u
            unitBytes = 0
            segments = []
            try spend(event.attributes.reduce(0) { $0 + $1.name.utf8.count + $1.value.utf8.count }, line: event.line)
        case "tuv":
            guard unit != nil else { return }
            tuvLanguage = event.attribute("xml:lang") ?? event.attribute("lang")
            if tuvLanguage == nil {
                throw ExchangeError.malformed(path: path, line: event.line, reason: "<tuv> without xml:lang")
            }
        case "seg":
            guard unit != nil, tuvLanguage != nil else { return }
            inSeg = true
            segText = ""
            segMarkup = ""
            segHasInline = false
            codeDepth = 0
        case "prop":
            fieldText = ""
            propType = event.attribute("type") ?? ""
        case "note":
            fieldText = ""
        default:
            break
        }
    }

    private mutating func end(_ name: String, _ body: (ExchangeUnit) throws -> Void) throws {
        defer { depth -= 1 }
        if depth == 1 { return }
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
            segments = []
            try body(u)
        default:
            break
        }
    }

    private mutating func characters(_ string: String, line: Int) throws {
        if inSeg {
            try spend(string.utf8.count, line: line)
            if segHasInline { segMarkup += XMLEscaping.text(string) }
            if codeDepth == 0 { segText += string }
        } else if fieldText != nil {
            // Header props and notes have no unit to charge: they get a budget of their own.
            if unit == nil, fieldText!.utf8.count + string.utf8.count > ExchangeLimits.maxSegmentBytes {
                throw ExchangeError.unitTooLarge(path: path, line: line, limit: ExchangeLimits.maxSegmentBytes)
            }
            try spend(string.utf8.count, line: line)
            fieldText! += string
        }
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
