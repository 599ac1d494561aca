import TsuzuriGlossary
import TsuzuriText
import TsuzuriVariants

/// A term of a text that the glossary does not know, with its other spellings in the text: one
/// candidate glossary entry for `tsuzuri terms`.
public struct HarvestedTerm: Codable, Sendable, Hashable {
    /// One spelling and how often the text uses it.
    public struct Spelling: Codable, Sendable, Hashable {
        public var term: String
        public var count: Int

        public init(term: String, count: Int) {
            self.term = term
            self.count = count
        }
    }

    /// The most frequent spelling of the group (the first seen on a tie).
    public var term: String
    public var kind: TermCandidate.Kind
    public var count: Int
    /// Where the term is first used.
    public var location: TextLocation
    /// The sentence of the first use, shortened around the term.
    public var context: String
    /// Other spellings the variant engine groups with `term`, most frequent first.
    public var variants: [Spelling]
    /// For a full name (ピート・ヘグセス), its katakana parts.
    public var parts: [String]
}

/// Collects the term candidates of texts (katakana words, full names joined by ・, acronyms) that
/// the glossary does not know, counting them and keeping the first use's sentence. Keeps only
/// the terms, never the text.
public final class TermHarvester {
    private let glossary: Glossary
    private let engine: VariantEngine
    private let segmenter: Segmenter
    private var order: [String] = []
    private var found: [String: Seen] = [:]
    private var known: [String: Bool] = [:]

    private struct Seen {
        var kind: TermCandidate.Kind
        var count: Int
        var location: TextLocation
        var context: String
    }

    /// Context is at most this many characters either side of the term.
    static let contextReach = 24

    public init(glossary: Glossary, engine: VariantEngine = VariantEngine()) throws {
        self.glossary = glossary
        self.engine = engine
        segmenter = try Segmenter()
    }

    /// Reads a document of any format: running text, and the source side (Japanese) of
    /// bilingual units.
    public func harvest(document name: String, read: ((DocumentPart) throws -> Void) throws -> Void) rethrows {
        try read { part in
            switch part {
            case .text(let piece, let language):
                if DocumentPart.isJapanese(language) { add(piece, file: name, unit: nil) }
            case .unit(let unit):
                let side = DocumentPart.isJapanese(unit.source.language) ? unit.source : unit.target
                for piece in side?.pieces ?? [] where DocumentPart.isJapanese(side?.language) {
                    add(piece, file: name, unit: unit.id)
                }
            }
        }
    }

    /// Reads a text held in memory, one piece per line (tests, and callers that have the text).
    public func harvest(text: String, name: String) {
        var number = 0
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            number += 1
            if !line.isEmpty { add(TextPiece(text: String(line), line: number, column: 1), file: name, unit: nil) }
        }
    }

    private func add(_ piece: TextPiece, file: String, unit: String?) {
        if piece.text.isEmpty { return }
        let scanned = ScannedLine(piece.text)
        var sentences: [LineSpan]?
        for candidate in TermCandidates.find(in: scanned) where candidate.kind != .article {
            if isKnown(candidate.term) { continue }
            if found[candidate.term] != nil {
                found[candidate.term]!.count += 1
                continue
            }
            if sentences == nil { sentences = (try? segmenter.sentences(in: scanned)) ?? [] }
            let (start, length) = piece.locate((candidate.column - 1)..<(candidate.column - 1 + candidate.length))
            order.append(candidate.term)
            found[candidate.term] = Seen(
                kind: candidate.kind, count: 1,
                location: TextLocation(file: file, line: start.line, column: start.column, length: length, unit: unit),
                context: Self.context(of: candidate, in: scanned, sentences: sentences ?? []))
        }
    }

    private func isKnown(_ term: String) -> Bool {
        if let answer = known[term] { return answer }
        let answer = !glossary.lookup(term).isEmpty
        known[term] = answer
        return answer
    }

    /// The sentence around a candidate, cut to `contextReach` characters either side with "…".
    static func context(of candidate: TermCandidate, in line: ScannedLine, sentences: [LineSpan]) -> String {
        let start = candidate.column - 1, end = start + candidate.length
        var lower = 0, upper = line.source.count
        if let sentence = sentences.first(where: { $0.column - 1 <= start && $0.column - 1 + $0.length >= end }) {
            lower = sentence.column - 1
            upper = sentence.column - 1 + sentence.length
        }
        let from = max(lower, start - contextReach), to = min(upper, end + contextReach)
        var text = line.sourceText(from..<to)
        text = String(text.map { $0 == "\t" ? " " : $0 })
        return (from > lower ? "…" : "") + text + (to < upper ? "…" : "")
    }

    /// The unknown terms, one per variant group, most frequent first (then in order of first use).
    public func terms() -> [HarvestedTerm] {
        let counts = found.mapValues(\.count)
        // Only katakana spellings are compared; acronyms and full names stand alone.
        let katakana = order.filter { found[$0]!.kind == .katakana }
        var groupOf: [String: [String]] = [:]
        for group in engine.cluster(katakana, counts: counts) {
            for member in group { groupOf[member] = group }
        }
        var result: [HarvestedTerm] = []
        var done = Set<String>()
        for term in order where !done.contains(term) {
            let members = (groupOf[term] ?? [term]).sorted { a, b in
                let (ca, cb) = (counts[a]!, counts[b]!)
                if ca != cb { return ca > cb }
                return found[a]!.location < found[b]!.location
            }
            done.formUnion(members)
            let head = members[0]
            let seen = found[head]!
            let parts = seen.kind == .fullName
                ? head.split(whereSeparator: { $0.unicodeScalars.allSatisfy { Script.isNameJoiner($0.value) } }).map(String.init) : []
            result.append(
                HarvestedTerm(
                    term: head, kind: seen.kind, count: seen.count, location: seen.location, context: seen.context,
                    variants: members.dropFirst().map { HarvestedTerm.Spelling(term: $0, count: counts[$0]!) }, parts: parts))
        }
        return result.enumerated().sorted { x, y in
            let (a, b) = (x.element, y.element)
            let (ta, tb) = (a.count + a.variants.reduce(0) { $0 + $1.count }, b.count + b.variants.reduce(0) { $0 + $1.count })
            if ta != tb { return ta > tb }
            return x.offset < y.offset
        }.map(\.element)
    }
}
