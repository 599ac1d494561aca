import Foundation
import TsuzuriDocuments
import TsuzuriText

/// What the document harnesses share: read the input as a file of `format`, as `check` and
/// `segment` do, and hold every piece to the promise the checker and `--fix` rely on: each scalar
/// is placed on a line of the file, at most one column past that line's end.
enum DocumentFuzz {
    static func read(_ bytes: [UInt8], format: DocumentFormat, extension ext: String) {
        let url = FuzzInput.file(bytes, extension: ext)
        let lineLengths = lineLengths(bytes)
        do {
            try DocumentReaders.reader(for: format).read(TextInput(path: url.path)) { part in
                switch part {
                case .text(let piece, _):
                    check(piece, lineLengths)
                case .unit(let unit):
                    for piece in unit.source.pieces + (unit.target?.pieces ?? []) { check(piece, lineLengths) }
                case .directive:
                    break
                }
            }
        } catch {
            _ = error.localizedDescription
        }
    }

    /// Scalars per line (LF ends a line; a CR before it is not counted), for lines that are UTF-8.
    static func lineLengths(_ bytes: [UInt8]) -> [Int] {
        bytes.split(separator: 0x0A, omittingEmptySubsequences: false).map { line in
            var line = line
            if line.last == 0x0D { line = line.dropLast() }
            return String(decoding: line, as: UTF8.self).unicodeScalars.count
        }
    }

    static func check(_ piece: TextPiece, _ lineLengths: [Int]) {
        let count = piece.text.unicodeScalars.count
        for i in 0..<count {
            let (start, _) = piece.locate(i..<(i + 1))
            guard start.line >= 1, start.line <= lineLengths.count else {
                FuzzInput.fail("scalar \(i) of \(piece.text.debugDescription) placed on line \(start.line) of \(lineLengths.count)")
            }
            guard start.column >= 1, start.column <= lineLengths[start.line - 1] + 1 else {
                FuzzInput.fail("scalar \(i) of \(piece.text.debugDescription) placed at \(start.line):\(start.column), the line has \(lineLengths[start.line - 1]) scalars")
            }
        }
    }
}
