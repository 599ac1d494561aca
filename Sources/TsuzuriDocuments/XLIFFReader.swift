import Foundation
import TsuzuriText
import TsuzuriXML

/// Reads XLIFF 1.2 (`file`/`trans-unit`/`source`/`target`) and 2.0/2.1 (`unit`/`segment`) as one
/// bilingual unit per trans-unit or segment, every character placed where the file writes it.
///
/// Inline codes are markup: the text inside paired codes (`g`, `pc`, `mrk`) is text, the native
/// code inside `bpt`, `ept`, `ph`, `it` is not, and `x`, `bx`, `ex`, `sc`, `ec` hold none. Units,
/// groups and files marked `translate="no"` (and `mrk translate="no"` / `mtype="protected"`) are
/// not emitted. `alt-trans` suggestions, notes and Trados' `seg-source` are not the unit's text.
public struct XLIFFReader: DocumentReader {
    /// Bytes handed to the parser at a time (events are handled chunk by chunk).
    static let chunkSize = 1 << 16

    public init() {}

    public func read(_ input: TextInput, _ body: (DocumentPart) throws -> Void) throws {
        try units(in: try input.readAll(), path: input.displayName) { unit, _ in try body(.unit(unit)) }
    }

    /// Reads the units of the XLIFF file `bytes` (named `path` in messages), each with where its
    /// parts stand in `bytes`, for tools that rewrite the file around them.
    public func units(in bytes: [UInt8], path: String, _ body: (BilingualUnit, XLIFFUnitPlace) throws -> Void) throws {
        var bytes = bytes
        // Columns count from after a byte order mark, as for every other input.
        let bom = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        bytes.removeFirst(bom)
        switch XMLEncoding(head: Array(bytes.prefix(1024))) {
        case .utf8: break
        case .utf16:
            throw DocumentError.unsupported(
                path: path, line: 1, reason: "XLIFF in UTF-16 is not read; convert it to UTF-8 (iconv -f UTF-16 -t UTF-8)")
        case .other(let name):
            throw DocumentError.unsupported(
                path: path, line: 1,
                reason: "the file declares encoding \"\(name)\"; tsuzuri reads XLIFF in UTF-8: convert it (iconv -f \(name) -t UTF-8) and declare encoding=\"UTF-8\"")
        }
        var state = XLIFFState(path: path, locator: XMLTextLocator(bytes: bytes), base: bom)
        let parser = XMLStreamParser()
        try bytes.withUnsafeBytes { buffer in
            var offset = 0
            repeat {
                let count = min(Self.chunkSize, buffer.count - offset)
                let chunk = UnsafeRawBufferPointer(rebasing: buffer[offset..<(offset + count)])
                offset += count
                do {
                    try parser.feed(chunk, isLast: offset == buffer.count) { try state.handle($0, body) }
                } catch let error as XMLError {
                    switch error.kind {
                    case .entityDeclaration:
                        throw DocumentError.malformed(
                            path: path, line: error.line,
                            reason: "the DOCTYPE declares entities; tsuzuri refuses XML entity declarations (external entities and entity expansion)")
                    case .syntax, .undeclaredEntity, .encoding, .limit:
                        throw DocumentError.malformed(path: path, line: error.line, reason: "malformed XML: \(error.message)")
                    }
                }
            } while offset < buffer.count
        }
    }
}

/// Where the parts of one unit (a 1.2 `trans-unit`, a 2.x `segment`) stand in the file's bytes.
public struct XLIFFUnitPlace: Sendable, Equatable {
    public var isVersion2: Bool
    /// The file's target language (`target-language`, `trgLang`), for units without a target.
    public var targetLanguage: String?
    /// The byte after `</source>`.
    public var sourceEnd = 0
    /// The `<target>` start tag (`<target/>` whole), and the bytes between it and `</target>`
    /// (nil for `<target/>`); both nil when the unit has no target element.
    public var targetStartTag: Range<Int>?
    public var targetContent: Range<Int>?
    /// The start tag that holds the translation's state: 1.2 `<target>`, 2.x `<segment>`.
    public var stateTag: Range<Int>?
    /// 2.x: the byte after the `<unit>` start tag, and after its `<notes>` start tag if it has one.
    public var unitStartTagEnd: Int?
    public var notesStartTagEnd: Int?

    public init(isVersion2: Bool) {
        self.isVersion2 = isVersion2
    }
}

/// The reader's walk through the XLIFF elements.
private struct XLIFFState {
    let path: String
    var locator: XMLTextLocator
    /// Bytes before the parsed ones (a byte order mark), added to every place handed on.
    let base: Int

    /// One open element: its local name, whether its content is to be translated (inherited),
    /// and whether it hides its text (native code, protected `mrk`).
    private struct Frame {
        var name: Substring
        var translate: Bool
        var hidesText: Bool
    }

    private var stack: [Frame] = []
    private var isVersion2 = false
    private var sourceLanguage: String?
    private var targetLanguage: String?
    /// Where the last tag ended: character data starts there.
    private var lastTagEnd = 0
    /// Whether text of the open side was reported since the last tag, and libxml2's decoding of it.
    private var pendingText = ""

    // The unit being read.
    private var unitID = ""
    private var unitTranslates = true
    private var segmentID: String?
    private var segmentState: String?
    private var segments: [(id: String?, unit: BilingualUnit, place: XLIFFUnitPlace)] = []
    private var unitPlace = XLIFFUnitPlace(isVersion2: false)
    private var place = XLIFFUnitPlace(isVersion2: false)
    private var source: UnitText?
    private var target: UnitText?
    private var targetState: String?
    // The side (source or target) being read.
    private var side: Side?
    private var sideLanguage: String?
    private var run = XMLTextLocator.Run()
    private var hiddenDepth = 0

    private enum Side { case source, target }

    /// Native-code elements: their content is the original format's markup, not text.
    private static let nativeCode: Set<Substring> = ["bpt", "ept", "ph", "it"]
    /// XLIFF 1.2 target states before `translated`.
    private static let draftStates: Set<String> = [
        "new", "needs-translation", "needs-adaptation", "needs-l10n",
        "needs-review-translation", "needs-review-adaptation", "needs-review-l10n",
    ]

    init(path: String, locator: XMLTextLocator, base: Int) {
        self.path = path
        self.locator = locator
        self.base = base
    }

    mutating func handle(_ event: XMLEvent, _ body: (BilingualUnit, XLIFFUnitPlace) throws -> Void) throws {
        switch event.kind {
        case .text, .cdata:
            if side != nil, hiddenDepth == 0 { pendingText += event.text }
        case .start:
            flushText()
            lastTagEnd = event.endOffset
            try start(event)
        case .end:
            flushText()
            lastTagEnd = event.endOffset
            try end(event, body)
        }
    }

    /// Places the text read since the last tag, from the file's own bytes.
    private mutating func flushText() {
        guard !pendingText.isEmpty else { return }
        defer { pendingText = "" }
        var decoded = XMLTextLocator.Run()
        locator.decodeText(from: lastTagEnd, into: &decoded)
        var expected = String.UnicodeScalarView()
        expected.append(contentsOf: decoded.scalars)
        // libxml2 keeps the CRs of a CDATA section that XML's line-end rule turns into LF.
        let normalised = pendingText.contains("\r")
            ? pendingText.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n") : pendingText
        if String(expected) == normalised {
            run.scalars += decoded.scalars
            run.starts += decoded.starts
            run.ends += decoded.ends
        } else {
            // Cannot happen for a well-formed file; if it does, keep libxml2's text on one line.
            var position = decoded.starts.first ?? locator.position(of: lastTagEnd)
            for scalar in pendingText.unicodeScalars {
                run.scalars.append(scalar)
                run.starts.append(position)
                position.column += 1
                run.ends.append(position)
            }
        }
    }

    /// The line where the tag ending at byte `end` starts (libxml2 reports the line of its `>`).
    /// The bytes of the start tag that ends at `end`, in the caller's offsets.
    private func tag(endingAt end: Int) -> Range<Int> {
        (locator.tagStart(endingAt: end) + base)..<(end + base)
    }

    private func line(ofTagEndingAt end: Int) -> Int {
        var copy = locator
        return copy.position(of: copy.tagStart(endingAt: end)).line
    }

    private mutating func start(_ event: XMLEvent) throws {
        let name = event.localName
        let parent = stack.last
        let translate = event.attribute("translate").map { $0 != "no" } ?? (parent?.translate ?? true)
        var hides = false
        defer { stack.append(Frame(name: name, translate: translate, hidesText: hides)) }

        if side != nil {
            // Inside a source or target: inline codes.
            if Self.nativeCode.contains(name)
                || (name == "mrk" && (event.attribute("translate") == "no" || event.attribute("mtype") == "protected"))
            {
                hides = true
                hiddenDepth += 1
            }
            return
        }
        switch name {
        case "xliff" where stack.isEmpty:
            isVersion2 = (event.attribute("version") ?? "").hasPrefix("2")
            if isVersion2 {
                sourceLanguage = event.attribute("srcLang")
                targetLanguage = event.attribute("trgLang")
                if targetLanguage?.isEmpty ?? true {
                    throw DocumentError.unsupported(
                        path: path, line: line(ofTagEndingAt: event.endOffset),
                        reason: "no target language; add trgLang to <xliff>")
                }
            }
        case _ where stack.isEmpty:
            throw DocumentError.wrongFormat(path: path, expected: .xliff, found: "root element <\(event.name)>")
        case "file" where !isVersion2:
            sourceLanguage = event.attribute("source-language")
            targetLanguage = event.attribute("target-language")
            if targetLanguage?.isEmpty ?? true {
                throw DocumentError.unsupported(
                    path: path, line: line(ofTagEndingAt: event.endOffset),
                    reason: "no target language; add target-language to <file>")
            }
        case "trans-unit" where !isVersion2, "unit" where isVersion2:
            unitID = event.attribute("id") ?? ""
            unitTranslates = translate
            segments = []
            unitPlace = XLIFFUnitPlace(isVersion2: isVersion2)
            unitPlace.targetLanguage = targetLanguage
            if isVersion2 { unitPlace.unitStartTagEnd = event.endOffset + base }
            place = unitPlace
            source = nil
            target = nil
            targetState = nil
        case "notes" where isVersion2 && parent?.name == "unit":
            unitPlace.notesStartTagEnd = event.endOffset + base
        case "segment" where isVersion2 && parent?.name == "unit":
            segmentID = event.attribute("id")
            segmentState = event.attribute("state")
            place = unitPlace
            place.stateTag = tag(endingAt: event.endOffset)
            source = nil
            target = nil
        case "source", "target":
            let owner: Substring = isVersion2 ? "segment" : "trans-unit"
            guard parent?.name == owner else { return }
            side = name == "source" ? .source : .target
            let language = event.attribute("xml:lang")
            sideLanguage = language ?? (name == "source" ? sourceLanguage : targetLanguage)
            if name == "target" {
                place.targetStartTag = tag(endingAt: event.endOffset)
                if !isVersion2 {
                    targetState = event.attribute("state")
                    place.stateTag = place.targetStartTag
                }
            }
            run = XMLTextLocator.Run()
            hiddenDepth = 0
        default:
            break
        }
    }

    private mutating func end(_ event: XMLEvent, _ body: (BilingualUnit, XLIFFUnitPlace) throws -> Void) throws {
        guard let frame = stack.popLast() else { return }
        if frame.hidesText { hiddenDepth -= 1 }
        if let current = side {
            let owner: Substring = isVersion2 ? "segment" : "trans-unit"
            guard (frame.name == "source" || frame.name == "target"), stack.last?.name == owner else { return }
            let text = UnitText(language: sideLanguage, pieces: run.pieces)
            if current == .source {
                source = text
                place.sourceEnd = event.endOffset + base
            } else {
                target = text
                if let start = place.targetStartTag, event.endOffset + base > start.upperBound {
                    place.targetContent = start.upperBound..<tag(endingAt: event.endOffset).lowerBound
                }
            }
            side = nil
            run = XMLTextLocator.Run()
            return
        }
        switch frame.name {
        case "trans-unit" where !isVersion2:
            if unitTranslates, let source {
                try body(
                    BilingualUnit(
                        id: unitID, source: source, target: target,
                        isDraft: targetState.map { Self.draftStates.contains($0) } ?? false),
                    place)
            }
        case "segment" where isVersion2 && stack.last?.name == "unit":
            if let source {
                segments.append(
                    (segmentID, BilingualUnit(id: unitID, source: source, target: target, isDraft: segmentState == "initial"), place))
            }
        case "unit" where isVersion2:
            guard unitTranslates else { return }
            for (index, segment) in segments.enumerated() {
                var unit = segment.unit
                if segments.count > 1 { unit.id = "\(unitID)/\(segment.id ?? String(index + 1))" }
                try body(unit, segment.place)
            }
        default:
            break
        }
    }
}
