import TsuzuriText

/// Characters of other scripts that look like a katakana letter and slip into katakana words
/// through a wrong conversion or a hasty hand: hiragana へ べ ぺ り, kanji 力 口 二 工 夕 卜 八 一,
/// and the dash family typed for ー. Inside or at the edge of a katakana word they split it
/// (へグセス reads as へ + グセス), so the checker looks for them on purpose.
enum LookAlikes {
    /// The katakana each look-alike stands for, with the kind of character it is (for messages).
    /// Keys are NFKC scalars (the full-width dash － is already `-` there).
    static let table: [UInt32: (katakana: UInt32, kind: String)] = {
        var table: [UInt32: (UInt32, String)] = [
            0x3078: (0x30D8, "hiragana"),  // へ → ヘ
            0x3079: (0x30D9, "hiragana"),  // べ → ベ
            0x307A: (0x30DA, "hiragana"),  // ぺ → ペ
            0x308A: (0x30EA, "hiragana"),  // り → リ
            0x529B: (0x30AB, "kanji"),  // 力 → カ
            0x53E3: (0x30ED, "kanji"),  // 口 → ロ
            0x4E8C: (0x30CB, "kanji"),  // 二 → ニ
            0x5DE5: (0x30A8, "kanji"),  // 工 → エ
            0x5915: (0x30BF, "kanji"),  // 夕 → タ
            0x535C: (0x30C8, "kanji"),  // 卜 → ト
            0x516B: (0x30CF, "kanji"),  // 八 → ハ
            0x4E00: (0x30FC, "kanji"),  // 一 → ー
        ]
        for dash: UInt32 in [0x2D, 0x2010, 0x2011, 0x2012, 0x2013, 0x2014, 0x2015, 0x2212, 0x2500, 0x2501, 0x7E, 0x301C] {
            table[dash] = (0x30FC, "dash")
        }
        return table
    }()

    /// The keys of `table` as bits (all are in the BMP): the edge of every katakana word in a
    /// text is tested, and a bit costs less than a hashed lookup.
    private static let isKey: [UInt64] = {
        var bits = [UInt64](repeating: 0, count: 0x10000 / 64)
        for key in table.keys { bits[Int(key >> 6)] |= 1 << UInt64(key & 63) }
        return bits
    }()

    @inline(__always)
    static func isLookAlike(_ v: UInt32) -> Bool {
        v < 0x10000 && isKey[Int(v >> 6)] & (1 << UInt64(v & 63)) != 0
    }

    /// A katakana word with one look-alike in it, as it could be repaired: the source range of
    /// the whole span (look-alike included), the repaired spelling, and the look-alike.
    struct Candidate: Hashable {
        var range: Range<Int>
        /// The span as written, look-alike included: `へグセス`, `ゼレンスキ－`.
        var written: String
        var repaired: String
        /// Source index of the look-alike: the options for one look-alike share it.
        var anchor: Int
        var lookAlike: UInt32
        /// The katakana fragments the checker read instead (グセス for へグセス), as normalised
        /// ranges, so they can be dropped when the repair is confirmed.
        var fragments: [String]
    }

    /// The repairs a line offers: for every look-alike next to katakana, the katakana before it
    /// with it (ゼレンスキ一), it with the katakana after it (へグセス), and both sides (ヘグ二ス).
    /// A dash or 一 only stands for ー after katakana; ー never starts a word.
    static func candidates(in line: ScannedLine) -> [Candidate] {
        let text = line.normalized
        var result: [Candidate] = []
        // Look only at the edges of katakana runs: most lines have no look-alike at all.
        var positions: [Int] = []
        for i in 0..<max(0, text.count - 1) where Script.isKatakana(text[i]) != Script.isKatakana(text[i + 1]) {
            let other = Script.isKatakana(text[i]) ? i + 1 : i
            if isLookAlike(text[other]), positions.last != other { positions.append(other) }
        }
        for i in positions {
            let v = text[i]
            let entry = table[v]!
            var start = i
            while start > 0, Script.isKatakana(text[start - 1]) { start -= 1 }
            var end = i + 1
            while end < text.count, Script.isKatakana(text[end]) { end += 1 }
            let before = start..<i, after = (i + 1)..<end
            if before.isEmpty && after.isEmpty { continue }
            if entry.katakana == 0x30FC && before.isEmpty { continue }
            if Self.belongsToItsNeighbours(text, at: i, kind: entry.kind, startsWord: before.isEmpty) { continue }
            func add(_ range: Range<Int>) {
                var repaired = Array(text[range])
                repaired[i - range.lowerBound] = entry.katakana
                var fragments: [String] = []
                if range.lowerBound < i, i - range.lowerBound >= 2 { fragments.append(line.normalizedText(range.lowerBound..<i)) }
                if range.upperBound > i + 1, range.upperBound - i - 1 >= 2 { fragments.append(line.normalizedText((i + 1)..<range.upperBound)) }
                result.append(
                    Candidate(
                        range: line.sourceRange(range), written: line.sourceText(line.sourceRange(range)),
                        repaired: ScannedLine.string(repaired[...]), anchor: line.sourceRange(i..<(i + 1)).lowerBound,
                        lookAlike: v, fragments: fragments))
            }
            if !before.isEmpty && !after.isEmpty { add(start..<end) }
            if !before.isEmpty { add(start..<(i + 1)) }
            if !after.isEmpty && entry.katakana != 0x30FC { add(i..<end) }
        }
        return result
    }

    /// Whether the look-alike at `i` is, by what stands around it, most likely a letter of its own
    /// script that merely touches a katakana word (measured on manpages-ja, where these were all
    /// the false alarms): り or へ after kana or kanji (通常どおりロード, 限りブート, 東京へフライト), a kanji
    /// after kanji (入力セット), a kanji before kanji or hiragana (パーサ一つ, 一覧, ロシア二国間), a
    /// dash before a digit or a Latin letter (レイヤ-3).
    static func belongsToItsNeighbours(_ text: [UInt32], at i: Int, kind: String, startsWord: Bool) -> Bool {
        let previous = i > 0 ? text[i - 1] : 0
        let next = i + 1 < text.count ? text[i + 1] : 0
        switch kind {
        case "hiragana":
            return startsWord && (text[i] == 0x308A || text[i] == 0x3078) && (Script.isHiragana(previous) || Script.isKanji(previous))
        case "kanji":
            if startsWord { return Script.isKanji(previous) }
            // After the word: a kanji word that starts with it (一覧, 一つ, 二国間) — unless 一 stands
            // for ー before a title (ゼレンスキ一大統領).
            if Script.isHiragana(next) { return true }
            guard Script.isKanji(next) else { return false }
            return text[i] != 0x4E00 || commonWordsWithOne.contains(next)
        default:
            return Script.isDigit(next) || Script.isLatinLetter(next)
        }
    }

    /// The second kanji of common words that start with 一 (一覧, 一部, 一般…): after a katakana
    /// word they are the word, not a long-vowel mark typed wrong.
    static let commonWordsWithOne: Set<UInt32> = Set("覧部般方致度時緒括意番定種連行式貫旦斉律括層段体環例件箇名回周月日年人".unicodeScalars.map(\.value))

    /// How a repair is explained: `へ (hiragana) → ヘ`.
    static func describe(_ lookAlike: UInt32, in repaired: String) -> String {
        guard let entry = table[lookAlike] else { return "" }
        let shown = ScannedLine.string([lookAlike][...]), katakana = ScannedLine.string([entry.katakana][...])
        return "\(shown) (\(entry.kind)) → \(katakana)"
    }
}

/// The look-alike candidates of the inputs, in input order: a candidate's words (the same few
/// repeat all through a large input) are kept once, and each occurrence is a small record in a
/// `RecordLog`, so a large input's candidates cost no memory.
struct LookAlikeLog {
    /// One occurrence: which candidate (its range and anchor counted from the range's start),
    /// where the span and the look-alike stand.
    struct Record {
        var shape: Int32
        var place: Checker.Packed
        var anchor: Checker.Packed
    }

    private var shapes: [LookAlikes.Candidate] = []
    private var shapeIndex: [LookAlikes.Candidate: Int32] = [:]
    /// One list, written in blocks of 8,192 records (360 KB): being a single list, it gains
    /// nothing from larger ones, and at 65,536 it held 2.9 MB on a 1 GB input.
    private let log = RecordLog<Record>(budget: 1 << 13)
    private let list: Int

    init() {
        list = log.newList()
    }

    mutating func append(_ candidate: LookAlikes.Candidate, place: Checker.Packed, anchor: Checker.Packed) {
        var shape = candidate
        shape.anchor -= shape.range.lowerBound
        shape.range = 0..<shape.range.count
        let index: Int32
        if let known = shapeIndex[shape] {
            index = known
        } else {
            index = Int32(shapes.count)
            shapes.append(shape)
            shapeIndex[shape] = index
        }
        log.append(Record(shape: index, place: place, anchor: anchor), to: list)
    }

    /// Each candidate in input order, with where its span and its look-alike stand (the
    /// candidate's range starts at 0: only its length says anything).
    func forEach(_ body: (LookAlikes.Candidate, Checker.Packed, Checker.Packed) -> Void) {
        log.forEachBlock(of: list) { records in
            for record in records { body(shapes[Int(record.shape)], record.place, record.anchor) }
        }
    }
}

extension Checker {
    /// A look-alike repair that gives a known spelling.
    struct Repair {
        var candidate: LookAlikes.Candidate
        var place: Packed
    }

    /// For each look-alike, the longest repair that gives a spelling the glossary knows or the
    /// text uses elsewhere as plain katakana; look-alikes whose repairs are all unknown stay
    /// quiet (二国間 after ロシア, カ月, 一方).
    func confirmedLookAlikes() -> [Repair] {
        var best: [String: Repair] = [:]
        var order: [String] = []
        lookAlikes.forEach { candidate, place, anchor in
            let known = glossary.reference(forJapanese: candidate.repaired) != nil || spellings.contains(candidate.repaired)
            guard known else { return }
            let key = "\(anchor.file):\(anchor.line):\(anchor.column):\(anchor.unit)"
            if let current = best[key], current.candidate.range.count >= candidate.range.count { return }
            if best[key] == nil { order.append(key) }
            best[key] = Repair(candidate: candidate, place: place)
        }
        return order.map { best[$0]! }
    }

    /// Adds each repair to the finding of its word: the glossary entry's, the text's group that
    /// holds the word, or a finding of its own.
    func addLookAlikes(
        _ repairs: [Repair], to builders: inout [Int: FindingBuilder], anonymous: inout [FindingBuilder],
        places: (DeferredPlaces.Source) -> FindingBuilder.Places
    ) {
        for repair in repairs {
            let candidate = repair.candidate
            let edit = [LookAlikes.describe(candidate.lookAlike, in: candidate.repaired)]
            let location = [unpack(repair.place)]
            if let reference = glossary.reference(forJapanese: candidate.repaired) {
                let builder = builders[reference.entryIndex] ?? FindingBuilder(entry: glossary.entry(at: reference.entryIndex))
                builder.add(spelling: candidate.written, role: nil, rule: .mixedScript, locations: location, edits: edit)
                builders[reference.entryIndex] = builder
            } else if let builder = anonymous.first(where: { $0.sourceText == nil && $0.holds(candidate.repaired) }) {
                builder.add(spelling: candidate.written, role: nil, rule: .mixedScript, locations: location, edits: edit)
            } else {
                let builder = FindingBuilder(preferred: candidate.repaired)
                builder.add(spelling: candidate.repaired, role: nil, rule: nil, places: places(.spelling(candidate.repaired)))
                builder.add(spelling: candidate.written, role: nil, rule: .mixedScript, locations: location, edits: edit)
                anonymous.append(builder)
            }
        }
    }
}
