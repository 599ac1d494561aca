import TsuzuriGlossary
import TsuzuriText

/// What the checker keeps of bilingual units: their names, the glossary terms each source
/// requires of its translation, and every translation by its source text.
struct BilingualState {
    /// Unit names, indexed by `Checker.Packed.unit`.
    var unitIDs: [String] = []
    var untranslated = 0
    /// Term checks decided at report time (a near miss in the translation satisfies the term).
    var termChecks: [TermCheck] = []
    /// Katakana spellings of each unit's Japanese side that had a pending term check.
    var unitSpellings: [Int32: Set<String>] = [:]
    /// Translations by normalised source text, in first-seen order.
    var translationOrder: [String] = []
    var translations: [String: [Translation]] = [:]

    /// A glossary term found in a unit's source whose agreed translation the target may lack.
    struct TermCheck {
        var entryIndex: Int
        var unit: Int32
        /// The term as written in the source, and where.
        var surface: String
        var location: Checker.Packed
        /// Whether the target already holds an accepted form; unsatisfied checks become
        /// `missing-term` unless the target holds a near miss of the entry.
        var satisfied: Bool
    }

    struct Translation {
        /// The source and the translation as written (white space is folded when they are shown).
        var sourceText: String
        var target: String
        /// The translation compared (white space removed).
        var key: String
        var location: Checker.Packed
    }
}

extension Checker {
    /// Checks one translation unit: the Japanese side like running text, the glossary's terms
    /// across the two sides, and the translation against other units with the same source.
    func add(unit: BilingualUnit, file: Int32) {
        let index = Int32(bilingual.unitIDs.count)
        bilingual.unitIDs.append(unit.id)
        guard let target = unit.target, !unit.isUntranslated else {
            bilingual.untranslated += 1
            // An untranslated unit's Japanese source is still Japanese text to check.
            if Self.isJapanese(unit.source) == true {
                for piece in unit.source.pieces { add(piece: piece, file: file, unit: index) }
            }
            return
        }
        let sourceIsJapanese = Self.isJapanese(unit.source) == true
        let targetIsJapanese = Self.isJapanese(target) == true
        // The Japanese side is checked like running text, whichever side it is.
        var japaneseHits: [(hit: GlossaryHit, piece: TextPiece)] = []
        for (side, isJapanese) in [(unit.source, sourceIsJapanese), (target, targetIsJapanese)] where isJapanese {
            for piece in side.pieces {
                for hit in add(piece: piece, file: file, unit: index) { japaneseHits.append((hit, piece)) }
            }
        }
        // Terms across the sides: one side Japanese, the other English (or of no stated language).
        if sourceIsJapanese != targetIsJapanese {
            let (japanese, other) = sourceIsJapanese ? (unit.source, target) : (target, unit.source)
            if Self.mayBeEnglish(other) {
                addTermChecks(
                    japanese: japanese, japaneseHits: japaneseHits, english: other, sourceIsJapanese: sourceIsJapanese,
                    file: file, unit: index)
            }
        }

        // Same source, different target: compared without white space, so that the same text
        // wrapped at other places (PO continuation lines, XML indentation) is the same text.
        let source = Self.withoutSpace(unit.source.text)
        if let start = target.start, !source.isEmpty {
            if bilingual.translations[source] == nil { bilingual.translationOrder.append(source) }
            bilingual.translations[source, default: []].append(
                .init(
                    sourceText: unit.source.text, target: target.text,
                    key: Self.withoutSpace(target.text),
                    location: Packed(
                        file: file, line: Int32(start.line), column: Int32(start.column),
                        length: Int32(target.pieces.first?.text.unicodeScalars.count ?? 0), unit: index)))
        }
    }

    /// Records, for each glossary term of the source, whether the target holds it.
    private func addTermChecks(
        japanese: UnitText, japaneseHits: [(hit: GlossaryHit, piece: TextPiece)], english: UnitText, sourceIsJapanese: Bool, file: Int32, unit index: Int32
    ) {
        let englishHits = self.englishHits(in: english)
        if sourceIsJapanese {
            // Japanese source: each glossary term in it must appear in English in the target.
            let present = Set(englishHits.map(\.hit.entryIndex))
            var seen = Set<Int>()
            for (hit, piece) in japaneseHits where seen.insert(hit.entryIndex).inserted {
                bilingual.termChecks.append(
                    .init(
                        entryIndex: hit.entryIndex, unit: index, surface: hit.surface,
                        location: packed(piece.locate((hit.column - 1)..<(hit.column - 1 + hit.length)), file: file, unit: index),
                        satisfied: present.contains(hit.entryIndex)))
            }
            return
        }
        // English source: each glossary term in it must appear in an accepted (or at least a
        // flagged) Japanese form; a variant or deprecated form is reported under its own rule.
        let present = Set(japaneseHits.map(\.hit.entryIndex))
        let joined = Self.withoutSpace(ScannedLine.normalize(japanese.pieces.map(\.text).joined()))
        var seen = Set<Int>()
        var pending = false
        for (hit, piece, range) in englishHits where seen.insert(hit.entryIndex).inserted {
            let entry = glossary.entry(at: hit.entryIndex)
            // A one-word name just before another capitalised word is a given name: of someone
            // else (Michael Meskes for the glossary's Michael), or before a surname the glossary
            // also lists (Pete Hegseth), which Japanese copy usually drops. Only the surname counts.
            if entry.kind == .person, !hit.surface.contains(where: \.isWhitespace),
                Self.capitalisedWordFollows(range, in: piece.text)
            {
                continue
            }
            let satisfied = present.contains(hit.entryIndex) || Self.holds(joined, entry)
            pending = pending || !satisfied
            bilingual.termChecks.append(
                .init(
                    entryIndex: hit.entryIndex, unit: index, surface: hit.surface,
                    location: packed(piece.locate(range), file: file, unit: index), satisfied: satisfied))
        }
        if pending {
            var terms = Set<String>()
            for piece in japanese.pieces {
                for candidate in TermCandidates.find(in: ScannedLine(piece.text)) where candidate.kind == .katakana {
                    terms.insert(candidate.term)
                }
            }
            bilingual.unitSpellings[index] = terms
        }
    }

    /// The glossary's English forms in one side: its pieces are searched as one text (a term may
    /// be wrapped onto the next line of a PO file), each hit placed in the piece where it starts.
    private func englishHits(in side: UnitText) -> [(hit: EnglishHit, piece: TextPiece, range: Range<Int>)] {
        if side.pieces.count == 1, let piece = side.pieces.first {
            return englishTerms.matches(in: piece.text).map { ($0, piece, $0.range) }
        }
        var text = ""
        var starts: [Int] = []  // scalar offset of each piece in `text`
        var offset = 0
        for piece in side.pieces {
            if !starts.isEmpty { text += " "; offset += 1 }
            starts.append(offset)
            text += piece.text
            offset += piece.text.unicodeScalars.count
        }
        var p = 0  // hits come left to right, so the piece index only moves forward
        return englishTerms.matches(in: text).map { hit in
            while p + 1 < starts.count, starts[p + 1] <= hit.range.lowerBound { p += 1 }
            let piece = side.pieces[p]
            let count = piece.text.unicodeScalars.count
            let lower = hit.range.lowerBound - starts[p]
            let range = lower..<min(hit.range.upperBound - starts[p], count)
            var local = hit
            local.range = range
            return (local, piece, range)
        }
    }

    /// Whether normalised Japanese text (white space removed) holds one of an entry's forms, or
    /// for a person the last part of one (ヘグセス of ピート・ヘグセス: a full name is often
    /// shortened to the surname). This catches a form that a PO file wrapped onto two lines.
    static func holds(_ text: String, _ entry: GlossaryEntry) -> Bool {
        for (form, _) in entry.formsWithRoles {
            let key = withoutSpace(ScannedLine.normalize(form))
            if !key.isEmpty, text.contains(key) { return true }
            if entry.kind == .person,
                let last = key.split(whereSeparator: { Script.isNameJoiner($0.unicodeScalars.first!.value) || $0 == "＝" }).last,
                last.count < key.count, last.count >= 2, text.contains(last)
            {
                return true
            }
        }
        return false
    }

    private func packed(_ place: (start: FilePosition, length: Int), file: Int32, unit: Int32) -> Packed {
        Packed(
            file: file, line: Int32(place.start.line), column: Int32(place.start.column), length: Int32(place.length),
            unit: unit)
    }

    /// Whether the word after `range` (past spaces only) starts with a capital letter.
    private static func capitalisedWordFollows(_ range: Range<Int>, in text: String) -> Bool {
        var scalars = text.unicodeScalars.dropFirst(range.upperBound)
        guard let first = scalars.first, first == " " || first == "\u{A0}" else { return false }
        scalars = scalars.drop { $0 == " " || $0 == "\u{A0}" }
        return scalars.first?.properties.isUppercase == true
    }

    /// `missing-term` findings: source terms whose target holds no accepted form, nor a flagged
    /// spelling of the same entry (that one is reported under its own rule).
    func addMissingTerms(to builders: inout [Int: FindingBuilder], nearMisses: [String: Int]) {
        for check in bilingual.termChecks where !check.satisfied {
            let spellings = bilingual.unitSpellings[check.unit] ?? []
            if spellings.contains(where: { nearMisses[$0] == check.entryIndex }) { continue }
            let entry = glossary.entry(at: check.entryIndex)
            let builder = builders[check.entryIndex] ?? FindingBuilder(entry: entry)
            builder.add(spelling: check.surface, role: nil, rule: .missingTerm, locations: [unpack(check.location)])
            builders[check.entryIndex] = builder
        }
    }

    /// `inconsistent-translation` findings: one per source text translated more than one way; the
    /// most frequent translation (the first on a tie) is the one kept.
    func inconsistentTranslations() -> [FindingBuilder] {
        var result: [FindingBuilder] = []
        for source in bilingual.translationOrder {
            let all = bilingual.translations[source]!
            var order: [String] = []  // translation keys, first seen first
            var byTarget: [String: (shown: String, locations: [Packed])] = [:]
            for translation in all {
                if byTarget[translation.key] == nil {
                    order.append(translation.key)
                    byTarget[translation.key] = (Self.foldSpace(translation.target), [])
                }
                byTarget[translation.key]!.locations.append(translation.location)
            }
            guard order.count >= 2 else { continue }
            let ranked = order.enumerated().sorted { a, b in
                let (ca, cb) = (byTarget[a.element]!.locations.count, byTarget[b.element]!.locations.count)
                return ca != cb ? ca > cb : a.offset < b.offset
            }.map { byTarget[$0.element]! }
            let builder = FindingBuilder(preferred: ranked[0].shown)
            builder.sourceText = Self.foldSpace(all[0].sourceText)
            builder.add(spelling: ranked[0].shown, role: nil, rule: nil, locations: unpack(ranked[0].locations))
            for target in ranked.dropFirst() {
                builder.add(spelling: target.shown, role: nil, rule: .inconsistentTranslation, locations: unpack(target.locations))
            }
            result.append(builder)
        }
        return result
    }

    /// Whether the side that is not Japanese may be English, so that the glossary's English
    /// forms are looked for in it: its code says English, or it gives none.
    static func mayBeEnglish(_ side: UnitText) -> Bool {
        guard let language = side.language?.lowercased(), !language.isEmpty else { return true }
        return language == "en" || language.hasPrefix("en-") || language.hasPrefix("en_") || language == "eng"
    }

    /// Text without any white space: the key translations and sources are compared by.
    static func withoutSpace(_ text: String) -> String {
        var result = String.UnicodeScalarView()
        for scalar in text.unicodeScalars where !isSpace(scalar) { result.append(scalar) }
        return String(result)
    }

    /// White space, with ASCII decided without a Unicode property lookup (long texts are mostly ASCII or kana).
    static func isSpace(_ scalar: Unicode.Scalar) -> Bool {
        scalar.isASCII ? scalar == " " || (0x09...0x0D).contains(scalar.value) : scalar.properties.isWhitespace
    }

    /// Whether a side is Japanese by its language code; nil when the file gives none.
    static func isJapanese(_ side: UnitText) -> Bool? {
        guard let language = side.language, !language.isEmpty else {
            // No code: Japanese if the text holds kana or kanji.
            let scalars = side.pieces.lazy.flatMap(\.text.unicodeScalars)
            if scalars.isEmpty { return nil }
            return scalars.contains { Script.isKatakana($0.value) || Script.isHiragana($0.value) || Script.isKanji($0.value) }
        }
        return DocumentPart.isJapanese(language)
    }

    static func foldSpace(_ text: String) -> String {
        text.split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }
}
