import TsuzuriText

extension Checker {
    /// An empty checker with the same glossary and engine, to gather one part of the inputs on
    /// another core (it has its own matcher: an ICU break iterator serves one thread at a time).
    /// It keeps as many places in memory as this one (a part may be a whole large file), or all
    /// of them (`bounded: false`) for a part of known small size, a chunk: a temporary file per
    /// chunk cost a write and a read-back of most of its places.
    public func collector(bounded: Bool = true) -> Checker {
        let part = Checker(prepared: prepared.forAnotherThread(), engine: engine)
        part.keepPlaces(inMemoryUpTo: bounded ? spellings.budget : Int.max)
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
        // A part whose files keep their numbers here and that has no bilingual units (the chunks
        // of the first input) gives its places as they are: no copy of each list to remap it.
        let moves = unitOffset != 0 || fileMap.enumerated().contains { $0.offset != Int($0.element) }
        part.spellings.forEachBlock { term, places in spellings.append(contentsOf: moves ? places.map(remap) : places, to: term) }
        part.hits.forEachBlock { key, places in hits.append(contentsOf: moves ? places.map(remap) : places, to: key) }
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
        let sentenceLog = self.sentenceLog
        // Each spelling's facts are changed where they are stored: a copy taken out and put back
        // copied its titles and sets for every spelling of every chunk (most of a merge's time).
        func absorb(_ theirs: Facts, into ours: inout Facts) {
            for (title, places) in theirs.titles {
                let room = max(0, Self.placesPerTitle - (ours.titles[title]?.count ?? 0))
                ours.titles[title, default: []].append(contentsOf: places.prefix(room).map(remap))
            }
            if !theirs.placeWords.isEmpty { ours.placeWords.formUnion(theirs.placeWords) }
            for (key, english) in theirs.english where ours.english[key] == nil {
                ours.english[key] = (english.text, remap(english.place))
            }
            if !theirs.givenNames.isEmpty { ours.givenNames.formUnion(theirs.givenNames) }
            if !theirs.surnames.isEmpty { ours.surnames.formUnion(theirs.surnames) }
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
        }
        for (term, theirs) in later.facts { absorb(theirs, into: &facts[term, default: Facts()]) }
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
