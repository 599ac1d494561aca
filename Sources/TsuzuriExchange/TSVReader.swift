import Foundation

/// Reads `source<TAB>target` lines (an optional third column is kept as a note); empty lines are
/// skipped, any other column count is an error naming the line.
public struct TSVReader {
    public let url: URL
    public let displayPath: String
    public let sourceLanguage: String
    public let targetLanguage: String

    public init(url: URL, displayPath: String? = nil, sourceLanguage: String, targetLanguage: String) {
        self.url = url
        self.displayPath = displayPath ?? url.path
        self.sourceLanguage = sourceLanguage
        self.targetLanguage = targetLanguage
    }

    public func read(_ body: (ExchangeUnit) throws -> Void) throws {
        var lines = try LineReader(url: url, displayPath: displayPath)
        defer { lines.close() }
        while let line = try lines.next() {
            if line.isEmpty { continue }
            let columns = line.split(separator: "\t", omittingEmptySubsequences: false)
            guard columns.count == 2 || columns.count == 3 else {
                throw ExchangeError.malformed(path: displayPath, line: lines.lineNumber, reason: "expected 2 tab-separated columns (source, target), found \(columns.count)")
            }
            var unit = ExchangeUnit(
                segments: [
                    ExchangeSegment(language: sourceLanguage, text: String(columns[0])),
                    ExchangeSegment(language: targetLanguage, text: String(columns[1])),
                ],
                sourceLanguage: sourceLanguage, line: lines.lineNumber)
            if columns.count == 3, !columns[2].isEmpty { unit.notes = [String(columns[2])] }
            try body(unit)
        }
    }

    public func readAll() throws -> [ExchangeUnit] {
        var units: [ExchangeUnit] = []
        try read { units.append($0) }
        return units
    }
}
