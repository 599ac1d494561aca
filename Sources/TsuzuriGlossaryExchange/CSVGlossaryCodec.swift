import CSV
import Foundation
import TsuzuriGlossary

/// RFC 4180 CSV with a header row naming the glossary's columns (ja, en, kind, variants, aliases,
/// note, in any order; ja and en required), read and written by yaslab/CSV.swift. Quoted fields
/// may hold commas, doubled quotes and line breaks; the variants and aliases columns list forms as
/// the TSV does (`|` between forms, `!` before a deprecated one).
public struct CSVGlossaryCodec: GlossaryCodec {
    public init() {}

    public var name: String { "csv" }

    /// Ends the text after the file's last row. CSV.swift reads an unclosed quoted field to the end
    /// of the input without saying so; with this line after the data, a closed file ends with a
    /// row holding only the sentinel, while an unclosed quote swallows it into its field.
    private static let sentinel = "\u{1}tsuzuri-end-of-csv\u{1}"

    public func decode(_ bytes: [UInt8], file: String) throws -> DecodedGlossary {
        var body = bytes[...]
        if body.starts(with: [0xEF, 0xBB, 0xBF]) { body = body.dropFirst(3) }
        guard let text = String(validating: body, as: UTF8.self) else {
            throw GlossaryExchangeError.notUTF8(file: file, line: Self.firstInvalidLine(body))
        }
        let input = text + (text.isEmpty || text.hasSuffix("\n") || text.hasSuffix("\r") ? "" : "\r\n") + Self.sentinel
        let reader: CSVReader
        do {
            reader = try CSVReader(string: input, hasHeaderRow: false)
        } catch {
            throw GlossaryExchangeError.malformed(file: file, line: 1, reason: "cannot read the CSV: \(error)")
        }

        var header: [String]?
        var entries: [GlossaryEntry] = []
        var line = 1
        while let row = reader.next() {
            let start = line
            line += 1 + row.reduce(0) { $0 + Self.lineBreaks(in: $1) }
            if row == [Self.sentinel] { break }
            if let last = row.last, last.hasSuffix(Self.sentinel) {
                let opened = start + row.dropLast().reduce(0) { $0 + Self.lineBreaks(in: $1) }
                throw GlossaryExchangeError.malformed(
                    file: file, line: opened,
                    reason: "a quoted field opened on this line is never closed; add the closing \" (a \" inside a quoted field is written \"\")")
            }
            if row.allSatisfy({ $0.trimmingCharacters(in: .whitespaces).isEmpty }) { continue }
            guard let columns = header else {
                header = try Self.header(row, file: file, line: start)
                continue
            }
            guard row.count == columns.count else {
                throw GlossaryExchangeError.malformed(
                    file: file, line: start,
                    reason: "\(row.count) fields where the header has \(columns.count) (\(columns.joined(separator: ","))); quote a field that holds a comma, or add the missing fields")
            }
            var values = Dictionary(uniqueKeysWithValues: zip(columns, row))
            values["note"] = values["note"].map(Self.oneLine)
            let source = GlossarySource(file: file, line: start)
            entries.append(try GlossaryFormat.entry(columns: GlossaryFormat.columns.map { values[$0] ?? "" }, source: source))
        }
        if header == nil {
            throw GlossaryExchangeError.malformed(
                file: file, line: 1, reason: "no header row; the first row must name the columns: \(GlossaryFormat.columns.joined(separator: ","))")
        }
        return DecodedGlossary(entries: entries)
    }

    /// The header as column names, checked: known names only, each once, ja and en present.
    static func header(_ row: [String], file: String, line: Int) throws -> [String] {
        let names = row.map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
        for name in names where !GlossaryFormat.columns.contains(name) {
            throw GlossaryExchangeError.malformed(
                file: file, line: line,
                reason: "unknown column \"\(name)\" in the header row; the columns are \(GlossaryFormat.columns.joined(separator: ","))")
        }
        if Set(names).count != names.count {
            throw GlossaryExchangeError.malformed(file: file, line: line, reason: "a column is named twice in the header row")
        }
        for required in ["ja", "en"] where !names.contains(required) {
            throw GlossaryExchangeError.malformed(file: file, line: line, reason: "the header row has no \"\(required)\" column; ja and en are required")
        }
        return names
    }

    /// A line break inside a quoted note becomes a space: a glossary note is one line.
    static func oneLine(_ text: String) -> String {
        text.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
            .joined(separator: " ")
    }

    /// How many lines a field's text spans beyond its first (CRLF counts once).
    static func lineBreaks(in field: String) -> Int {
        field.reduce(0) { $1.isNewline ? $0 + 1 : $0 }
    }

    static func firstInvalidLine(_ bytes: ArraySlice<UInt8>) -> Int {
        var line = 1
        var start = bytes.startIndex
        for index in bytes.indices where bytes[index] == 0x0A {
            if String(validating: bytes[start..<index], as: UTF8.self) == nil { return line }
            line += 1
            start = index + 1
        }
        return line
    }

    /// The header row, then one row per entry, CRLF line ends (RFC 4180); fields are quoted where
    /// they hold a comma, a quote or a line break.
    public func encode(_ entries: [GlossaryEntry]) throws -> [UInt8] {
        let stream = OutputStream(toMemory: ())
        let writer = try CSVWriter(stream: stream, newline: .crlf)
        try writer.write(row: GlossaryFormat.columns)
        for entry in entries {
            try writer.write(row: [
                entry.ja, entry.en, entry.kind.rawValue, GlossaryFormat.variantsColumn(of: entry),
                entry.aliases.joined(separator: String(GlossaryFormat.listSeparator)), entry.note,
            ])
        }
        let data = stream.property(forKey: .dataWrittenToMemoryStreamKey) as? Data ?? Data()
        stream.close()
        var bytes = [UInt8](data)
        bytes += [0x0D, 0x0A]
        return bytes
    }
}
