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
        var sourceText: String
        var target: String
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
        let sourceIsJapanese = Self.isJapanese(unit.source) ?? (Self.isJapanese(target) == false)
        let (japanese, english) = sourceIsJapanese ? (unit.source, target) : (target, unit.source)

        var japaneseHits: [(hit: GlossaryHit, piece: TextPiece)] = []
        for piece in japanese.pieces {
            for hit in add(piece: piece, file: file, unit: index) { japaneseHits.append((hit, piece)) }
        }
        var englishHits: [(hit: EnglishHit, piece: TextPiece)] = []
        for piece in english.pieces {
            for hit in englishTerms.matches(in: piece.text) { englishHits.append((hit, piece)) }
        }

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
        } else {
            // English source: each glossary term in it must appear in an accepted (or at least a
            // flagged) Japanese form; a variant or deprecated form is reported under its own rule.
            let present = Set(japaneseHits.map(\.hit.entryIndex))
            var seen = Set<Int>()
            var pending = false
            for (hit, piece) in englishHits where seen.insert(hit.entryIndex).inserted {
                let satisfied = present.contains(hit.entryIndex)
                pending = pending || !satisfied
                bilingual.termChecks.append(
                    .init(
                        entryIndex: hit.entryIndex, unit: index, surface: hit.surface,
                        location: packed(piece.locate(hit.range), file: file, unit: index), satisfied: satisfied))
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

        // Same source, different target (compared after folding white space).
        let source = Self.foldSpace(unit.source.text)
        let translation = Self.foldSpace(target.text)
        if let start = target.start, !source.isEmpty {
            if bilingual.translations[source] == nil { bilingual.translationOrder.append(source) }
            bilingual.translations[source, default: []].append(
                .init(
                    sourceText: source, target: translation,
                    location: Packed(
                        file: file, line: Int32(start.line), column: Int32(start.column),
                        length: Int32(target.pieces.first?.text.unicodeScalars.count ?? 0), unit: index)))
        }
    }

    private func packed(_ place: (start: FilePosition, length: Int), file: Int32, unit: Int32) -> Packed {
        Packed(
            file: file, line: Int32(place.start.line), column: Int32(place.start.column), length: Int32(place.length),
            unit: unit)
    }

    /// `missing-term` findings: source terms whose target holds no accepted form, nor a flagged
    /// spelling of the same entry (that one is reported under its own rule).
    func addMissingTerms(to builders: inout [Int: FindingBuilder], nearMisses: [String: Int]) {
        for check in bilingual.termChecks where !check.satisfied {
            let spellings = bilingual.unitSpellings[check.unit] ?? []
            if spellings.contains(where: { nearMisses[$0] == check.entryIndex }) { continue }
            let entry = glossary.entries[check.entryIndex]
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
            var order: [String] = []
            var byTarget: [String: [Packed]] = [:]
            for translation in all {
                if byTarget[translation.target] == nil { order.append(translation.target) }
                byTarget[translation.target, default: []].append(translation.location)
            }
            guard order.count >= 2 else { continue }
            let ranked = order.enumerated().sorted { a, b in
                let (ca, cb) = (byTarget[a.element]!.count, byTarget[b.element]!.count)
                return ca != cb ? ca > cb : a.offset < b.offset
            }.map(\.element)
            let builder = FindingBuilder(preferred: ranked[0])
            builder.sourceText = source
            builder.add(spelling: ranked[0], role: nil, rule: nil, locations: unpack(byTarget[ranked[0]]!))
            for target in ranked.dropFirst() {
                builder.add(spelling: target, role: nil, rule: .inconsistentTranslation, locations: unpack(byTarget[target]!))
            }
            result.append(builder)
        }
        return result
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
