import Foundation
import TsuzuriDocuments
import TsuzuriExchange
import TsuzuriMemory

/// What pretranslating an XLIFF file did.
public struct XLIFFPretranslation: Sendable {
    /// The file with the filled targets: the input byte for byte where nothing was filled.
    public var bytes: [UInt8]
    /// Translatable units in the file, those with an empty (or missing) target, and those filled.
    public var units: Int
    public var empty: Int
    public var filled: Int
}

/// Fills the empty targets of an XLIFF file with the best memory match at or above a threshold and
/// marks them for review (1.2 `state="needs-review-translation"`; 2.x `state="initial"` on the
/// segment and a note on the unit). Every other byte of the file is kept: the edits are spliced
/// in at the places the reader reports, never by re-serialising the document.
public enum XLIFFPretranslator {
    /// The state a filled 1.2 target gets: a machine's draft waits for a translator's review.
    static let reviewState = "needs-review-translation"

    public static func pretranslate(
        _ bytes: [UInt8], path: String, memory: TranslationMemory, minScore: Int
    ) throws -> XLIFFPretranslation {
        var edits: [(at: Range<Int>, text: String)] = []
        /// 2.x notes, by the offset where they go (one `<notes>` per unit).
        var notes: [Int: (insideNotes: Bool, notes: [String])] = [:]
        var units = 0, empty = 0, filled = 0
        let scratch = SearchScratch()
        try XLIFFReader().units(in: bytes, path: path) { unit, place in
            units += 1
            guard unit.isUntranslated else { return }
            empty += 1
            let query = unit.source.text
            guard !query.allSatisfy(\.isWhitespace) else { return }
            let matches = try memory.search(query, minScore: minScore, limit: 5, language: unit.source.language, scratch: scratch).matches
            let wanted = place.targetLanguage
            guard let match = matches.first(where: { wanted == nil || LanguageCode.matches($0.targetLanguage, requested: wanted!) }) else { return }
            filled += 1
            let text = XMLEscaping.text(match.target)
            let state = place.isVersion2 ? nil : reviewState
            if let startTag = place.targetStartTag {
                let tag = String(decoding: bytes[startTag], as: UTF8.self)
                if let content = place.targetContent {
                    if let state { edits.append((startTag, setting(state: state, in: tag))) }
                    edits.append((content, text))
                } else {
                    // <target/>: opened, filled and closed.
                    var open = String(tag.dropLast(2))
                    while open.last?.isWhitespace == true { open.removeLast() }
                    open += ">"
                    edits.append((startTag, (state.map { setting(state: $0, in: open) } ?? open) + text + "</target>"))
                }
            } else {
                let attributes = state.map { " state=\"\($0)\"" } ?? ""
                edits.append((place.sourceEnd..<place.sourceEnd, "<target\(attributes)>\(text)</target>"))
            }
            if place.isVersion2 {
                if let segment = place.stateTag {
                    edits.append((segment, setting(state: "initial", in: String(decoding: bytes[segment], as: UTF8.self))))
                }
                let note = XMLEscaping.text(
                    "tsuzuri: \(unit.id) pretranslated from the memory (\(match.exact ? "exact" : "\(match.score)%") match); review it")
                if let at = place.notesStartTagEnd ?? place.unitStartTagEnd {
                    notes[at, default: (place.notesStartTagEnd != nil, [])].notes.append(note)
                }
            }
        }
        for (at, group) in notes {
            let body = group.notes.map { "<note category=\"tsuzuri\">\($0)</note>" }.joined()
            edits.append((at..<at, group.insideNotes ? body : "<notes>\(body)</notes>"))
        }
        return XLIFFPretranslation(bytes: apply(edits, to: bytes), units: units, empty: empty, filled: filled)
    }

    /// `tag` (a start tag) with its `state` attribute set to `value`, added if it has none.
    static func setting(state value: String, in tag: String) -> String {
        if let match = tag.firstMatch(of: /(\s)state\s*=\s*("[^"]*"|'[^']*')/) {
            return tag.replacingCharacters(in: match.range, with: "\(match.1)state=\"\(value)\"")
        }
        let selfClosing = tag.hasSuffix("/>")
        var head = String(tag.dropLast(selfClosing ? 2 : 1))
        while head.last?.isWhitespace == true { head.removeLast() }
        return head + " state=\"\(value)\"" + (selfClosing ? "/>" : ">")
    }

    /// The bytes with each range replaced by its text (ranges do not overlap; inserts at one
    /// offset keep their order).
    static func apply(_ edits: [(at: Range<Int>, text: String)], to bytes: [UInt8]) -> [UInt8] {
        guard !edits.isEmpty else { return bytes }
        let ordered = edits.enumerated().sorted {
            ($0.element.at.lowerBound, $0.offset) < ($1.element.at.lowerBound, $1.offset)
        }.map(\.element)
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count + edits.reduce(0) { $0 + $1.text.utf8.count })
        var cursor = 0
        for edit in ordered {
            out += bytes[cursor..<edit.at.lowerBound]
            out += Array(edit.text.utf8)
            cursor = edit.at.upperBound
        }
        out += bytes[cursor...]
        return out
    }
}
