import TsuzuriText

extension Checker {
    /// An empty checker with the same glossary and engine, to gather one part of the inputs on
    /// another core (it has its own matcher: an ICU break iterator serves one thread at a time).
    /// It keeps as many places in memory as this one: a part may be a whole large file.
    public func collector() -> Checker {
        let part = Checker(glossary: glossary, engine: engine)
        part.keepPlaces(inMemoryUpTo: spellings.budget)
        part.lineWindow = lineWindow
        return part
    }

    /// Checks one chunk of a plain-text input, as `check(_:)` checks those lines.
    public func check(_ chunk: TextChunk) throws {
        let file = beginFile(chunk.displayName)
        try chunk.forEachLine { number, line in
            add(line: line, number: number, file: file)
        }
    }

    /// Appends what `part` gathered, as if this checker had read `part`'s inputs itself after its
    /// own: `files[i]` is the index here of `part`'s file `i` (a chunk continues a file already
    /// begun). Parts merged in input order give exactly the serial run's state: first-seen orders
    /// and occurrence lists are appended in order, the document's facts keep the earliest places.
    func merge(_ part: Checker, files fileMap: [Int32]) {
        let unitOffset = Int32(bilingual.unitIDs.count)
        func remap(_ p: Packed) -> Packed {
            Packed(file: fileMap[Int(p.file)], line: p.line, column: p.column, length: p.length, unit: p.unit >= 0 ? p.unit + unitOffset : -1)
        }
        part.spellings.forEachBlock { term, places in spellings.append(contentsOf: places.map(remap), to: term) }
        part.hits.forEachBlock { key, places in hits.append(contentsOf: places.map(remap), to: key) }
        part.lookAlikes.forEach { candidate, place, anchor in lookAlikes.append(candidate, place: remap(place), anchor: remap(anchor)) }
        context.merge(part.context, remap: remap, files: fileMap)
        bilingual.merge(part.bilingual, remap: remap, unitOffset: unitOffset)
    }
}

extension DocumentContext {
    /// Adds the facts of a later part of the inputs: sets are joined, and where the serial run
    /// keeps only the first places (titles, English, the introduction, sentences up to a bound),
    /// the earlier part's come first.
    mutating func merge(_ later: DocumentContext, remap: (Checker.Packed) -> Checker.Packed, files fileMap: [Int32]) {
        for (term, theirs) in later.facts {
            var ours = facts[term, default: Facts()]
            for (title, places) in theirs.titles {
                var kept = ours.titles[title, default: []]
                for place in places where kept.count < Self.placesPerTitle { kept.append(remap(place)) }
                ours.titles[title] = kept
            }
            ours.placeWords.formUnion(theirs.placeWords)
            for (key, english) in theirs.english where ours.english[key] == nil {
                ours.english[key] = (english.text, remap(english.place))
            }
            ours.givenNames.formUnion(theirs.givenNames)
            ours.surnames.formUnion(theirs.surnames)
            if ours.introduction == nil, let introduction = theirs.introduction {
                ours.introduction = (introduction.name, remap(introduction.place))
            }
            if ours.sentences.count < Self.sentencesPerSpelling {
                // A part reads one input, so its sentence keys sort in the order they were met.
                for key in theirs.sentences.keys(in: later.sentenceLog) where ours.sentences.count < Self.sentencesPerSpelling {
                    ours.sentences.insert(
                        SentenceKey(file: fileMap[Int(key.file)], line: key.line, sentence: key.sentence), log: sentenceLog)
                }
            }
            facts[term] = ours
        }
    }
}

extension BilingualState {
    /// Adds the units of a later part of the inputs; its unit indexes move up by `unitOffset`.
    mutating func merge(_ later: BilingualState, remap: (Checker.Packed) -> Checker.Packed, unitOffset: Int32) {
        unitIDs += later.unitIDs
        untranslated += later.untranslated
        for var check in later.termChecks {
            check.unit += unitOffset
            check.location = remap(check.location)
            termChecks.append(check)
        }
        for (unit, spellings) in later.unitSpellings { unitSpellings[unit + unitOffset] = spellings }
        for source in later.translationOrder {
            let moved = later.translations[source]!.map { translation in
                var translation = translation
                translation.location = remap(translation.location)
                return translation
            }
            if translations[source] == nil {
                translationOrder.append(source)
                translations[source] = moved
            } else {
                translations[source]!.append(contentsOf: moved)
            }
        }
    }
}
