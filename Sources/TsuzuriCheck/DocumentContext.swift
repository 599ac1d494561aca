import TsuzuriText

/// Words that news text writes right after a name and that say what the name is: a person's title
/// or role (ラガルド総裁, アルトマンCEO, マケラ氏) or a kind of place (ウェールズ地方). The lists
/// are a newsroom's everyday vocabulary, not tuned to any text; a prefix such as 元 (former) or
/// 次期 (next) is kept as part of the title, because 元理事 and 理事 are often different people.
enum RoleWords {
    static let person: [String] = [
        // honorifics and plain roles
        "氏", "さん", "夫人", "容疑者", "被告", "受刑者", "議員", "上院議員", "下院議員", "記者", "教授", "博士",
        // heads of state and government, ministers, officials
        "大統領", "副大統領", "首相", "副首相", "首席", "主席", "国家主席", "総書記", "書記長", "国王", "女王", "王子",
        "王女", "皇太子", "首長", "長官", "副長官", "国務長官", "国防長官", "補佐官", "大統領補佐官", "報道官", "大使",
        "外相", "国防相", "財務相", "蔵相", "法相", "内相", "経済相", "外務大臣", "大臣", "知事", "州知事", "市長",
        "議長", "副議長", "委員長", "上級代表", "代表", "特使", "事務総長", "事務局長", "総裁", "副総裁", "理事",
        "専務理事", "理事長", "局長", "司令官", "将軍", "大佐",
        // business, sports, culture
        "CEO", "CFO", "COO", "最高経営責任者", "社長", "副社長", "会長", "創業者", "共同創業者", "頭取", "選手", "監督",
        "主将", "騎手", "棋士", "指揮者", "作曲家", "奏者", "歌手", "俳優", "作家", "画家", "監督官",
    ]

    static let place: [String] = [
        "地方", "州", "県", "市", "郡", "島", "諸島", "半島", "湾", "海", "川", "山", "共和国", "王国", "連邦", "公国",
        "首長国", "自治区", "地区", "省",
    ]

    static let prefixes: [String] = ["元", "前", "次期", "現", "新", "副"]

    /// Words by first scalar, longest first, so `専務理事` wins over `理事`.
    private static let index: [UInt32: [(word: [UInt32], isPerson: Bool)]] = {
        var index: [UInt32: [(word: [UInt32], isPerson: Bool)]] = [:]
        for (words, isPerson) in [(person, true), (place, false)] {
            for word in words {
                let scalars = word.unicodeScalars.map(\.value)
                index[scalars[0], default: []].append((scalars, isPerson))
            }
        }
        for key in index.keys { index[key]!.sort { $0.word.count > $1.word.count } }
        return index
    }()

    private static let prefixScalars: [[UInt32]] = prefixes.map { $0.unicodeScalars.map(\.value) }

    /// The scalars a prefix or a word starts with: text that starts with none of them holds no
    /// role word, and most katakana words are followed by one of the others.
    private static let firstScalars: Set<UInt32> = Set(prefixScalars.map { $0[0] }).union(index.keys)

    /// Whether a role or place word, or a prefix, may start with `v`.
    static func mayStart(_ v: UInt32) -> Bool { firstScalars.contains(v) }

    /// The role or place word that `text` (normalised scalars right after a name) starts with.
    static func word(at text: ArraySlice<UInt32>) -> (word: String, isPerson: Bool)? {
        var rest = text
        var prefix: [UInt32] = []
        for scalars in prefixScalars {
            if rest.starts(with: scalars) {
                prefix = scalars
                rest = rest.dropFirst(scalars.count)
                break
            }
        }
        guard let first = rest.first, let words = index[first] else { return nil }
        for (word, isPerson) in words where rest.starts(with: word) {
            // A Latin title must end there (CEOs is no title); a kanji one may run on (首相は).
            if let next = rest.dropFirst(word.count).first, Script.isLatinLetter(next), Script.isLatinLetter(word[0]) {
                continue
            }
            return (ScannedLine.string((prefix + word)[...]), isPerson)
        }
        return nil
    }
}

/// What the text around each katakana spelling says about what it names. The checker fills it
/// while it reads (only per spelling, never the text), and the report uses it to join spellings
/// that spelling alone cannot decide and to keep apart those it would wrongly join.
struct DocumentContext {
    /// Per spelling (its normalised term).
    struct Facts {
        /// Titles and roles written right after it, each with up to a few places.
        var titles: [String: [Checker.Packed]] = [:]
        var placeWords: Set<String> = []
        /// English given in parentheses right after it (its key), with the text and first place.
        var english: [String: (text: String, place: Checker.Packed)] = [:]
        /// The other parts of the full names it is written in, by position: given names when it
        /// is the last part (a surname), surnames when it is the first (a given name).
        var givenNames: Set<String> = []
        var surnames: Set<String> = []
        /// The first full name it is the surname of, and where (the introduction of a person).
        var introduction: (name: String, place: Checker.Packed)?
        /// Sentences it occurs in (file, line, sentence within the line), up to a bound.
        var sentences = SentenceSet()

        var hasPersonTitle: Bool { !titles.isEmpty }
    }

    struct SentenceKey: Hashable, Comparable {
        var file: Int32
        var line: Int32
        var sentence: Int32

        static func < (a: SentenceKey, b: SentenceKey) -> Bool { (a.file, a.line, a.sentence) < (b.file, b.line, b.sentence) }
    }

    /// A spelling's sentences (a set of up to `sentencesPerSpelling` keys): the keys themselves
    /// are a list in the context's `sentenceLog`, which moves to a temporary file as it grows
    /// (a large input fills the bound for every frequent spelling: 28 MB of keys on 1 GB), and
    /// only the few spellings a report compares are read back. Keys arrive in order but for
    /// pieces of a document that share a line, so a key is nearly always new when it is greater
    /// than the greatest so far; only one that is not is looked up in the list.
    ///
    /// A handle into the log: only the context that owns the log inserts, into the copy it keeps.
    struct SentenceSet {
        private(set) var count = 0
        private var list = -1
        private var greatest: SentenceKey?

        mutating func insert(_ key: SentenceKey, log: RecordLog<SentenceKey>) {
            if let greatest {
                if key == greatest { return }
                if key < greatest, log.records(of: list).contains(key) { return }
            } else {
                list = log.newList()
            }
            log.append(key, to: list)
            count += 1
            if greatest.map({ $0 < key }) ?? true { greatest = key }
        }

        /// The keys, in order.
        func keys(in log: RecordLog<SentenceKey>) -> [SentenceKey] {
            list < 0 ? [] : log.records(of: list).sorted()
        }
    }

    /// The keys of every spelling's `SentenceSet`.
    let sentenceLog: RecordLog<SentenceKey>

    /// `budget`: how many sentence keys may wait in memory before they go to a temporary file.
    init(budget: Int = 1 << 16) {
        sentenceLog = RecordLog(budget: budget)
    }

    /// Whether two spellings' facts share a sentence (both in one sentence are two things).
    func shareSentence(_ a: Facts, _ b: Facts) -> Bool {
        if a.sentences.count == 0 || b.sentences.count == 0 { return false }
        let (x, y) = (a.sentences.keys(in: sentenceLog), b.sentences.keys(in: sentenceLog))
        var i = 0, j = 0
        while i < x.count, j < y.count {
            if x[i] == y[j] { return true }
            if x[i] < y[j] { i += 1 } else { j += 1 }
        }
        return false
    }

    static let placesPerTitle = 4
    static let sentencesPerSpelling = 512

    /// By spelling (hashed by its bytes: see `TermKey`).
    var facts: [TermKey: Facts] = [:]

    /// What the document says about a spelling, if anything.
    func facts(of spelling: String) -> Facts? { facts[TermKey(spelling)] }

    /// Records what stands around the katakana candidates of one scanned line (or of a window of
    /// a long line, whose sentences are numbered from `sentenceBase`: the sentence ends before it).
    mutating func record(
        _ line: ScannedLine, candidates: [TermCandidate], file: Int32, sentenceBase: Int32 = 0,
        pack: (Int, Int) -> Checker.Packed
    ) {
        let source = line.source
        let sentenceLog = self.sentenceLog
        var fullName: (range: Range<Int>, parts: [TermCandidate], text: String)?
        // Candidates come left to right, so sentence ends are counted once per line.
        var sentenceCursor = 0
        var sentenceNumber = sentenceBase
        func closeFullName() {
            guard let name = fullName, name.parts.count >= 2 else { return }
            let given = name.parts.first!.term, surname = name.parts.last!.term
            facts[TermKey(surname), default: Facts()].givenNames.insert(given)
            facts[TermKey(given), default: Facts()].surnames.insert(surname)
            if facts[TermKey(surname)]!.introduction == nil {
                let first = name.parts.first!
                facts[TermKey(surname)]!.introduction = (name.text, pack(first.column, name.range.count))
            }
        }
        for candidate in candidates {
            let start = candidate.column - 1
            let end = start + candidate.length
            if candidate.kind == .fullName {
                closeFullName()
                fullName = (start..<end, [], candidate.term)
                continue
            }
            guard candidate.kind == .katakana else { continue }
            if let name = fullName, name.range.contains(start) {
                fullName!.parts.append(candidate)
            } else {
                closeFullName()
                fullName = nil
            }
            // What is written right after it: a title, a place word, English in parentheses.
            let (english, role) = Self.wordsAfter(source, from: end)
            // The spelling's facts are changed where they are stored: a copy taken out and put
            // back copied its sentences (up to 512 keys) on every occurrence.
            func note(_ entry: inout Facts) {
                if let role {
                    if role.isPerson {
                        if entry.titles[role.word, default: []].count < Self.placesPerTitle {
                            entry.titles[role.word, default: []].append(pack(candidate.column, candidate.length))
                        }
                    } else {
                        entry.placeWords.insert(role.word)
                    }
                }
                if let english {
                    let key = Normalizer.normalize(english.split(separator: " ").last.map(String.init) ?? english, .english)
                    if !key.isEmpty, entry.english[key] == nil {
                        entry.english[key] = (english, pack(candidate.column, candidate.length))
                    }
                }
                if entry.sentences.count < Self.sentencesPerSpelling {
                    let packed = pack(candidate.column, candidate.length)
                    while sentenceCursor < min(start, source.count) {
                        if Self.isSentenceEnd(source[sentenceCursor]) { sentenceNumber += 1 }
                        sentenceCursor += 1
                    }
                    entry.sentences.insert(SentenceKey(file: file, line: packed.line, sentence: sentenceNumber), log: sentenceLog)
                }
            }
            note(&facts[TermKey(candidate.term), default: Facts()])
        }
        closeFullName()
    }

    /// The English in parentheses and the title or place word written right after a name that
    /// ends before `end`, read from the normalised text there (`normalizedWindow`).
    private static func wordsAfter(_ source: [UInt32], from end: Int) -> (english: String?, role: (word: String, isPerson: Bool)?) {
        guard end < source.count else { return (nil, nil) }
        // Most names are followed by neither: when the next scalar and the one after it are
        // stable, NFKC keeps the next one first (it splits before every stable scalar), so if
        // it is no parenthesis and starts no role word, there is nothing to normalise.
        let next = source[end]
        if next != 0x28, !RoleWords.mayStart(next), Normalizer.isStable(next),
            end + 1 == source.count || Normalizer.isStable(source[end + 1])
        {
            return (nil, nil)
        }
        let after = normalizedWindow(source, from: end, count: 90)
        let english = englishInParentheses(after)
        // A title may follow the English: ケビン・ウォーシュ（Kevin Warsh）元理事.
        let titleStart = english != nil ? (after.firstIndex(of: 0x29).map { $0 + 1 } ?? 0) : 0
        return (english, RoleWords.word(at: after[titleStart...]))
    }

    /// Up to `count` scalars of `source` from `start`, NFKC-normalised (ＣＥＯ → CEO, （ → ().
    private static func normalizedWindow(_ source: [UInt32], from start: Int, count: Int) -> [UInt32] {
        guard start < source.count else { return [] }
        let window = source[start..<min(source.count, start + count)]
        if window.allSatisfy(Normalizer.isStable) { return Array(window) }
        return Normalizer.normalize(ScannedLine.string(window), .term).unicodeScalars.map(\.value)
    }

    /// `(Kevin Warsh)` right after a name: Latin letters, spaces, dots, hyphens and apostrophes.
    private static func englishInParentheses(_ after: [UInt32]) -> String? {
        guard after.first == 0x28 /* ( */ else { return nil }
        var text: [UInt32] = []
        for v in after.dropFirst() {
            if v == 0x29 /* ) */ {
                let english = ScannedLine.string(text[...]).split(separator: " ").joined(separator: " ")
                return english.unicodeScalars.contains { Script.isLatinLetter($0.value) } ? english : nil
            }
            guard Script.isLatinLetter(v) || v == 0x20 || v == 0x2E || v == 0x2D || v == 0x27 || v == 0x2019 else { return nil }
            text.append(v)
        }
        return nil
    }

    static func isSentenceEnd(_ v: UInt32) -> Bool {
        v == 0x3002 || v == 0xFF01 || v == 0xFF1F || v == 0x21 || v == 0x3F
    }
}
