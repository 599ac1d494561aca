import Foundation
import TsuzuriText

/// How a Japanese spelling relates to the entry that owns it.
public enum FormRole: String, Hashable, Sendable, Codable, CaseIterable {
    /// The entry's `ja` column: the spelling to use.
    case preferred
    /// A spelling of the same thing that the checker flags (ヘグゼス for ヘグセス).
    case variant
    /// A spelling officially replaced (キエフ for キーウ), written `!キエフ` in the variants column.
    case deprecated
    /// An accepted alternative that is not flagged (北大西洋条約機構 for NATO).
    case alias
}

/// One Japanese spelling in the glossary and the entry it belongs to.
public struct FormReference: Hashable, Sendable {
    /// Index into `Glossary.entries`.
    public var entryIndex: Int
    /// The spelling as the glossary writes it.
    public var form: String
    /// Its normalised key (see `Glossary.japaneseKey`).
    public var key: String
    /// What the spelling is to its entry.
    public var role: FormRole

    public init(entryIndex: Int, form: String, key: String, role: FormRole) {
        self.entryIndex = entryIndex
        self.form = form
        self.key = key
        self.role = role
    }
}

/// A glossary entry found for a looked-up term, with the form and role through which it was found.
public struct GlossaryMatch: Hashable, Sendable {
    /// Which side of the entry the term matched.
    public enum Side: String, Hashable, Sendable, Codable {
        case japanese = "ja"
        case english = "en"
    }

    /// The entry found.
    public var entry: GlossaryEntry
    /// The glossary's spelling that matched (the Japanese form, or the English form).
    public var form: String
    /// The role of `form`; English matches are `.preferred`.
    public var role: FormRole
    /// Whether the Japanese or the English side matched.
    public var side: Side

    public init(entry: GlossaryEntry, form: String, role: FormRole, side: Side) {
        self.entry = entry
        self.form = form
        self.role = role
        self.side = side
    }
}

/// A near miss for a term the glossary does not know: an entry and how similar the term is to it.
public struct GlossarySuggestion: Hashable, Sendable, Encodable {
    /// The entry suggested.
    public var entry: GlossaryEntry
    /// The glossary spelling the term was closest to.
    public var form: String
    /// What `form` is to its entry.
    public var role: FormRole
    /// Similarity in 0...1 (1 = same spelling after normalisation).
    public var score: Double

    public init(entry: GlossaryEntry, form: String, role: FormRole, score: Double) {
        self.entry = entry
        self.form = form
        self.role = role
        self.score = score
    }
}

/// A team's glossary: entries in file order, indexed by every Japanese form and by English form.
public struct Glossary: Sendable {
    /// The entries in the order they were read (files in the order given, lines in file order).
    /// A glossary read from the cache builds them all for this: use `entry(at:)` and `entryCount`
    /// to read a few.
    public var entries: [GlossaryEntry] {
        get { compiled.map { c in (0..<c.entryCount).map(c.entry(at:)) } ?? storage }
        set {
            compiled = nil
            cacheFile = nil
            storage = newValue
            rebuildIndex()
        }
    }
    private var storage: [GlossaryEntry]
    /// The glossary's tables in a cache file (`GlossaryCache`), read where they lie; when set,
    /// `storage` and the indexes below are empty and every question is asked of it instead.
    private(set) var compiled: CompiledGlossary?
    /// The cache file this glossary was read from or compiled into (`GlossaryCache`); nil for a
    /// glossary read without the cache or changed since.
    public internal(set) var cacheFile: GlossaryCacheFile?

    /// Every Japanese form of every entry, entries in order, each entry's forms as `japaneseForms`
    /// lists them. The in-text matcher builds its longest-match structure from this. A glossary
    /// read from the cache builds them all for this.
    public var forms: [FormReference] {
        compiled.map { c in (0..<c.formCount).map(c.form(at:)) } ?? formStorage
    }
    private var formStorage: [FormReference] = []
    private var japaneseIndex: [String: FormReference] = [:]
    /// How many different Japanese keys the glossary has.
    var japaneseIndexCount: Int { compiled?.japaneseKeyCount ?? japaneseIndex.count }

    /// Whether no two forms share a key, so that every form is its own entry's: what `load` and
    /// `layered` guarantee (a glossary built from entries in code may repeat one; the first wins).
    public var keysAreUnique: Bool { compiled?.keysAreUnique ?? (japaneseIndex.count == formStorage.count) }
    private var englishIndex: [String: [Int]] = [:]

    /// How many entries the glossary has.
    public var entryCount: Int { compiled?.entryCount ?? storage.count }

    /// The entry at `index` (as `entries[index]`, without building the others).
    public func entry(at index: Int) -> GlossaryEntry {
        compiled?.entry(at: index) ?? storage[index]
    }

    /// A glossary that reads its entries and indexes from a compiled cache file.
    init(compiled: CompiledGlossary) {
        storage = []
        self.compiled = compiled
    }

    /// Reads a compiled glossary back into memory, before it is changed.
    private mutating func materialize() {
        if let compiled {
            storage = (0..<compiled.entryCount).map(compiled.entry(at:))
            self.compiled = nil
            rebuildIndex()
        }
    }

    /// Builds the indexes over `entries`. When two entries claim one form the first one wins here;
    /// `parse` and `load` reject such glossaries with a message instead.
    public init(entries: [GlossaryEntry] = []) {
        self.storage = entries
        rebuildIndex()
    }

    /// The glossary with no entries.
    public static let empty = Glossary()

    /// Whether the glossary has no entries (a file holding only the header line).
    public var isEmpty: Bool { entryCount == 0 }

    private mutating func rebuildIndex() {
        // Sized once: growing a dictionary of 100,000 string keys rehashes every key each time.
        let formCount = storage.reduce(0) { $0 + 1 + $1.variants.count + $1.deprecated.count + $1.aliases.count }
        formStorage = []
        formStorage.reserveCapacity(formCount)
        japaneseIndex = Dictionary(minimumCapacity: formCount)
        englishIndex = Dictionary(minimumCapacity: storage.count)
        for index in storage.indices { indexEntry(at: index) }
    }

    /// Adds one entry at the end, indexing only it (an import of many entries would otherwise
    /// rebuild the whole index for each).
    public mutating func append(_ entry: GlossaryEntry) {
        materialize()
        cacheFile = nil
        storage.append(entry)
        indexEntry(at: storage.count - 1)
    }

    /// Adds every entry of `other` at the end, reusing its index instead of normalising every
    /// form again (a large layer on top of the built-in glossary was indexed twice).
    public mutating func append(contentsOf other: Glossary) {
        materialize()
        cacheFile = nil
        var other = other
        other.materialize()
        let offset = storage.count
        storage += other.storage
        formStorage.reserveCapacity(formStorage.count + other.formStorage.count)
        japaneseIndex.reserveCapacity(japaneseIndex.count + other.japaneseIndex.count)
        englishIndex.reserveCapacity(englishIndex.count + other.englishIndex.count)
        for var reference in other.formStorage {
            reference.entryIndex += offset
            formStorage.append(reference)
            if japaneseIndex[reference.key] == nil { japaneseIndex[reference.key] = reference }
        }
        for (key, indices) in other.englishIndex {
            englishIndex[key, default: []] += indices.map { $0 + offset }
        }
    }

    private mutating func indexEntry(at index: Int) {
        let entry = storage[index]
        for (form, role) in entry.formsWithRoles {
            let reference = FormReference(entryIndex: index, form: form, key: Self.japaneseKey(form), role: role)
            formStorage.append(reference)
            if japaneseIndex[reference.key] == nil { japaneseIndex[reference.key] = reference }
        }
        let key = Self.englishKey(entry.en)
        if !key.isEmpty { englishIndex[key, default: []].append(index) }
    }

    // MARK: Keys

    /// The key under which Japanese forms are compared: NFKC (half-width ﾍｸﾞｾｽ and full-width
    /// ＮＡＴＯ or ５ fold into one spelling) with surrounding white space removed.
    public static func japaneseKey(_ form: String) -> String {
        let key = Normalizer.normalize(form, .term)
        // Foundation's trimming goes through NSString on Linux; a key that starts and ends with
        // a letter, kana or kanji (nearly all) has nothing to trim.
        func isSolid(_ scalar: Unicode.Scalar?) -> Bool {
            guard let v = scalar?.value else { return false }
            return v > 0x20 && v != 0x7F && Normalizer.isStable(v)
        }
        if isSolid(key.unicodeScalars.first) && isSolid(key.unicodeScalars.last) { return key }
        return key.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// The key under which English forms are compared: case, diacritics, punctuation and white
    /// space are ignored ("secretary of defense", "Secretary-of-Defense" and "U.S." vs "US" agree).
    public static func englishKey(_ text: String) -> String {
        Normalizer.normalize(text, .english)
    }

    // MARK: Lookups

    /// The glossary form a Japanese spelling is (compared by `japaneseKey`), if any.
    public func reference(forJapanese form: String) -> FormReference? {
        if let compiled { return compiled.reference(forKey: Self.japaneseKey(form)) }
        return japaneseIndex[Self.japaneseKey(form)]
    }

    /// The entry that owns a Japanese spelling, and that spelling's role in it.
    public func entry(forJapanese form: String) -> (entry: GlossaryEntry, role: FormRole)? {
        guard let reference = reference(forJapanese: form) else { return nil }
        return (entry(at: reference.entryIndex), reference.role)
    }

    /// The entries whose English form is `english` (ignoring case, punctuation and white space).
    public func entries(forEnglish english: String) -> [GlossaryEntry] {
        englishIndices(forKey: Self.englishKey(english)).map(entry(at:))
    }

    /// The entries whose English key is `key`, in entry order.
    private func englishIndices(forKey key: String) -> [Int] {
        compiled?.entryIndices(forEnglishKey: key) ?? englishIndex[key] ?? []
    }

    /// The Latin-script forms (NATO) whose English key is `key`, in form order: looked up in the
    /// cache's table, or found by going through the forms.
    private func latinForms(forKey key: String) -> [FormReference] {
        if let compiled { return compiled.latinForms(forEnglishKey: key).map(compiled.form(at:)) }
        return formStorage.filter { Self.isLatin($0.form) && Self.englishKey($0.form) == key }
    }

    /// Every entry a term names, in either language: through the preferred Japanese form,
    /// variants, deprecated forms and aliases (NFKC-normalised), and through the English form
    /// (case-insensitive). Latin-script Japanese forms such as NATO also match case-insensitively.
    /// A Japanese full name with no entry of its own (ピート・ヘグセス) finds the entries of its parts.
    public func lookup(_ term: String) -> [GlossaryMatch] {
        var matches: [GlossaryMatch] = []
        var seen = Set<Int>()
        if let reference = reference(forJapanese: term) {
            seen.insert(reference.entryIndex)
            matches.append(GlossaryMatch(entry: entry(at: reference.entryIndex), form: reference.form, role: reference.role, side: .japanese))
        }
        let key = Self.englishKey(term)
        guard !key.isEmpty else { return matches }
        for index in englishIndices(forKey: key) where !seen.contains(index) {
            seen.insert(index)
            let entry = entry(at: index)
            matches.append(GlossaryMatch(entry: entry, form: entry.en, role: .preferred, side: .english))
        }
        if Self.isLatin(term) {
            for reference in latinForms(forKey: key) where !seen.contains(reference.entryIndex) {
                seen.insert(reference.entryIndex)
                matches.append(GlossaryMatch(entry: entry(at: reference.entryIndex), form: reference.form, role: reference.role, side: .japanese))
            }
        }
        if matches.isEmpty && !Self.isLatin(term) {
            // A full name with no entry of its own (ピート・ヘグセス) is looked up by its parts.
            let parts = Self.japaneseKey(term).unicodeScalars.split(whereSeparator: { Script.isNameSeparator($0.value) })
                .map { String(String.UnicodeScalarView($0)) }
            if parts.count > 1 {
                for part in parts {
                    guard let reference = reference(forJapanese: part), seen.insert(reference.entryIndex).inserted else { continue }
                    matches.append(GlossaryMatch(entry: entry(at: reference.entryIndex), form: reference.form, role: reference.role, side: .japanese))
                }
            }
        }
        return matches
    }

    /// The entries closest to a term the glossary does not know, best first. Japanese terms are
    /// compared with every Japanese form through `japaneseSimilarity` (the variant engine's score);
    /// Latin-script terms with every English form and Latin-script Japanese form through
    /// `EnglishSimilarity.ratio`. Each entry appears once, with its best-scoring form.
    public func closest(
        to term: String, limit: Int = 3, minimumScore: Double = 0.5,
        japaneseSimilarity: (String, String) -> Double
    ) -> [GlossarySuggestion] {
        var best: [Int: GlossarySuggestion] = [:]
        let entries = self.entries, forms = self.forms
        func consider(_ index: Int, _ form: String, _ role: FormRole, _ score: Double) {
            guard score >= minimumScore else { return }
            if let current = best[index], current.score >= score { return }
            best[index] = GlossarySuggestion(entry: entries[index], form: form, role: role, score: score)
        }
        if Self.isLatin(term) {
            let key = Self.englishKey(term)
            guard !key.isEmpty else { return [] }
            for (index, entry) in entries.enumerated() {
                consider(index, entry.en, .preferred, EnglishSimilarity.ratio(key, Self.englishKey(entry.en)))
            }
            for reference in forms where Self.isLatin(reference.form) {
                consider(reference.entryIndex, reference.form, reference.role, EnglishSimilarity.ratio(key, Self.englishKey(reference.form)))
            }
        } else {
            let key = Self.japaneseKey(term)
            guard !key.isEmpty else { return [] }
            for reference in forms where !Self.isLatin(reference.form) {
                consider(reference.entryIndex, reference.form, reference.role, japaneseSimilarity(key, reference.key))
            }
        }
        let ranked = best.sorted {
            $0.value.score != $1.value.score ? $0.value.score > $1.value.score : $0.key < $1.key
        }
        return ranked.prefix(limit).map(\.value)
    }

    /// Whether a term is written in Latin script only (ASCII or full-width Latin, digits, punctuation).
    static func isLatin(_ term: String) -> Bool {
        Normalizer.nfkc(term).unicodeScalars.allSatisfy { $0.value < 0x0250 }
    }
}

extension GlossaryEntry {
    /// Every Japanese form with its role, in the order `japaneseForms` lists them.
    public var formsWithRoles: [(form: String, role: FormRole)] {
        [(ja, .preferred)] + variants.map { ($0, .variant) } + deprecated.map { ($0, .deprecated) }
            + aliases.map { ($0, .alias) }
    }
}

/// Similarity of English spellings for near-miss suggestions.
public enum EnglishSimilarity {
    /// 1 − Levenshtein distance / longer length, over Unicode scalars of the two strings as given
    /// (pass `Glossary.englishKey` forms to ignore case and punctuation).
    public static func ratio(_ a: String, _ b: String) -> Double {
        let x = Array(a.unicodeScalars), y = Array(b.unicodeScalars)
        let longer = max(x.count, y.count)
        if longer == 0 { return 1 }
        return 1 - Double(levenshtein(x, y)) / Double(longer)
    }

    /// Edit distance (insertions, deletions, substitutions each cost 1).
    public static func levenshtein<T: Equatable>(_ x: [T], _ y: [T]) -> Int {
        if x.isEmpty { return y.count }
        if y.isEmpty { return x.count }
        var previous = Array(0...y.count)
        var current = [Int](repeating: 0, count: y.count + 1)
        for i in 1...x.count {
            current[0] = i
            for j in 1...y.count {
                let cost = x[i - 1] == y[j - 1] ? 0 : 1
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            }
            swap(&previous, &current)
        }
        return previous[y.count]
    }
}
