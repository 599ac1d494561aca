import TsuzuriText

extension Checker {
    /// The longest run of a line, in scalars, checked as one (`lineWindow`): a line is scanned as
    /// three arrays of 4-byte scalars plus ICU's copy, so a 60 MB line cost over 500 MB whole.
    static let window = 1 << 16

    /// Checks a line (or a document's piece of text) longer than `lineWindow` scalars in windows,
    /// each cut right after its last
    /// sentence end or comma (。！？!?、，), where no katakana term, full name, glossary form or
    /// title runs on, and where ICU's word breaks stop anyway: what each window finds, and where,
    /// is what the whole line gives, and sentences are numbered on across windows. Every scalar is
    /// read at most twice. A window with neither is cut after its last space (a glossary form
    /// with a space in it may then be cut), and failing that at `window` scalars.
    /// `place` turns a range of the line's scalars into a file position and length.
    func addWindows(of line: Substring, file: Int32, place: (Range<Int>) -> (start: FilePosition, length: Int)) {
        var scalars: [UInt32] = []
        scalars.reserveCapacity(min(lineWindow, 1 << 20))
        var column = 0  // scalars of the line before the window
        var sentences: Int32 = 0  // sentence ends before the window
        var rest = line.unicodeScalars[...]
        while !rest.isEmpty {
            scalars.removeAll(keepingCapacity: true)
            var afterStop = 0, afterSpace = 0
            var index = rest.startIndex
            while index < rest.endIndex, scalars.count < lineWindow {
                let v = rest[index].value
                scalars.append(v)
                rest.formIndex(after: &index)
                if DocumentContext.isSentenceEnd(v) || v == 0x3001 || v == 0xFF0C {
                    afterStop = scalars.count
                } else if v == 0x20 || v == 0x3000 {
                    afterSpace = scalars.count
                }
            }
            let cut = index == rest.endIndex ? scalars.count : afterStop > 0 ? afterStop : afterSpace > 0 ? afterSpace : scalars.count
            let piece = scalars[..<cut]
            let offset = column
            add(scanned: ScannedLine(scalars: Array(piece)), file: file, unit: -1, sentenceBase: sentences) { range in
                place((offset + range.lowerBound)..<(offset + range.upperBound))
            }
            sentences += Int32(piece.reduce(0) { DocumentContext.isSentenceEnd($1) ? $0 + 1 : $0 })
            column += cut
            rest = rest[rest.index(rest.startIndex, offsetBy: cut)...]
        }
    }
}
