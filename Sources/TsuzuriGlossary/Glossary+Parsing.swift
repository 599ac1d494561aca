import Foundation
import TsuzuriText

/// The glossary's TSV layout, shared by the reader and the writer.
public enum GlossaryFormat {
    /// The six columns, in order.
    public static let columns = ["ja", "en", "kind", "variants", "aliases", "note"]
    /// The line every glossary file must start with (after comments and blank lines).
    public static let headerLine = columns.joined(separator: "\t")
    /// Separates several variants or aliases inside one column.
    public static let listSeparator: Character = "|"
    /// Marks a deprecated form in the `variants` column (`!キエフ`).
    public static let deprecatedMark: Character = "!"

    /// The entry the six column values describe (`ja`, `en`, `kind`, `variants` with `|` between
    /// forms and `!` before a deprecated one, `aliases`, `note`), as the TSV reader reads a line;
    /// other tabular formats with the same columns (CSV) share it.
    public static func entry(columns: [String], source: GlossarySource) throws -> GlossaryEntry {
        let columns = columns.map { $0.trimmingWhitespace() }
        let ja = columns[0], en = columns[1]
        if ja.isEmpty { throw GlossaryError.emptyField(source, column: "ja") }
        if en.isEmpty { throw GlossaryError.emptyField(source, column: "en") }
        if ja.hasPrefix(String(deprecatedMark)) {
            throw GlossaryError.misplacedDeprecationMark(source, column: "ja", value: ja)
        }
        let kind = columns[2].isEmpty ? EntryKind.term : EntryKind(rawValue: columns[2].lowercased())

        var variants: [String] = [], deprecated: [String] = []
        for item in GlossaryFileContents.list(columns[3]) {
            if item.first == deprecatedMark {
                let form = item.dropFirst().trimmingWhitespace()
                if form.isEmpty { throw GlossaryError.misplacedDeprecationMark(source, column: "variants", value: item) }
                deprecated.append(form)
            } else {
                variants.append(item)
            }
        }
        let aliases = GlossaryFileContents.list(columns[4])
        if let marked = aliases.first(where: { $0.first == deprecatedMark }) {
            throw GlossaryError.misplacedDeprecationMark(source, column: "aliases", value: marked)
        }
        return GlossaryEntry(
            ja: ja, en: en, kind: kind, variants: variants, deprecated: deprecated, aliases: aliases,
            note: columns[5], source: source)
    }

    /// The `variants` column of an entry: variants, then deprecated forms marked with `!`.
    public static func variantsColumn(of entry: GlossaryEntry) -> String {
        (entry.variants + entry.deprecated.map { "\(deprecatedMark)\($0)" }).joined(separator: String(listSeparator))
    }

    /// The TSV line for an entry (without a line ending). Fields are written as given; callers
    /// validate them first (`GlossaryWriter` does).
    public static func line(for entry: GlossaryEntry) -> String {
        [
            entry.ja, entry.en, entry.kind.rawValue,
            variantsColumn(of: entry),
            entry.aliases.joined(separator: String(listSeparator)),
            entry.note,
        ].joined(separator: "\t")
    }
}

/// A glossary file split into lines, keeping every byte, so the writer can rewrite one line or
/// append one and leave the rest untouched.
struct GlossaryFileContents {
    /// The raw bytes, BOM included.
    var bytes: [UInt8]
    /// Each line's byte range without its line ending (`\n` or `\r\n`); 1-based line n is index n-1.
    var lines: [Range<Int>]
    /// The entries with their sources (file:line).
    var entries: [GlossaryEntry]
    /// Whether the file's first line ending is `\r\n`.
    var usesCRLF: Bool
    /// Whether the file is empty or ends with a line ending.
    var endsWithNewline: Bool
    /// Whether a header line was found.
    var hasHeader: Bool
}

extension Glossary {
    /// Parses one glossary file's text. `file` is the name used in messages and sources.
    public static func parse(_ text: String, file: String) throws -> Glossary {
        try parse(bytes: Array(text.utf8), file: file)
    }

    /// Parses one glossary file's bytes: UTF-8 (a BOM is accepted and skipped), `\n` or `\r\n`
    /// line ends, `#` comment lines and blank lines ignored, the header line required before the
    /// first entry. A file holding only the header line is a valid empty glossary.
    public static func parse(bytes: [UInt8], file: String) throws -> Glossary {
        try load(files: [(file, bytes)])
    }

    /// Reads glossary files or folders (every `*.tsv` in a folder, sorted by name; not recursive),
    /// in the order given, into one glossary. A form listed in two places is an error naming both.
    /// The same file reached twice (a folder and a file in it) is read once.
    public static func load(paths: [String]) throws -> Glossary {
        var entries: [GlossaryEntry] = []
        let codec = TSVGlossaryCodec()
        for file in try files(for: paths) {
            entries += try codec.decode(try readBytes(file), file: file).entries
        }
        let glossary = Glossary(entries: entries)
        try glossary.checkUniqueForms()
        return glossary
    }

    /// Builds one glossary from files already in memory (the built-in glossary), in the order given.
    public static func load(files: [(name: String, bytes: [UInt8])]) throws -> Glossary {
        var entries: [GlossaryEntry] = []
        let codec = TSVGlossaryCodec()
        for file in files {
            entries += try codec.decode(file.bytes, file: file.name).entries
        }
        let glossary = Glossary(entries: entries)
        try glossary.checkUniqueForms()
        return glossary
    }

    /// The glossary files that `paths` name: files as given, folders expanded to their `*.tsv`
    /// files sorted by name. Missing paths and folders with no `.tsv` file are an error.
    public static func files(for paths: [String]) throws -> [String] {
        var result: [String] = []
        var seen = Set<String>()
        for path in paths {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
                throw GlossaryError.notFound(path: path)
            }
            var found: [String]
            if isDirectory.boolValue {
                let names: [String]
                do {
                    names = try FileManager.default.contentsOfDirectory(atPath: path)
                } catch {
                    throw GlossaryError.unreadable(path: path, reason: "the folder cannot be listed")
                }
                found = names.filter { $0.hasSuffix(".tsv") && !$0.hasPrefix(".") }.sorted().map {
                    path.hasSuffix("/") ? path + $0 : path + "/" + $0
                }
                if found.isEmpty { throw GlossaryError.noGlossaryFiles(path: path) }
            } else {
                found = [path]
            }
            for file in found where seen.insert(canonicalPath(file)).inserted {
                result.append(file)
            }
        }
        return result
    }

    /// An absolute path with symbolic links resolved, for telling whether two paths are one file.
    public static func canonicalPath(_ path: String) -> String {
        URL(fileURLWithPath: path).standardizedFileURL.resolvingSymlinksInPath().path
    }

    /// A file's bytes, with the glossary's messages for a missing, unreadable or folder path.
    public static func readBytes(_ path: String) throws -> [UInt8] {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw GlossaryError.notFound(path: path)
        }
        if isDirectory.boolValue { throw GlossaryError.unreadable(path: path, reason: "it is a folder") }
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw GlossaryError.unreadable(path: path, reason: "permission denied")
        }
        defer { try? handle.close() }
        do {
            return Array(try handle.readToEnd() ?? Data())
        } catch {
            throw GlossaryError.unreadable(path: path, reason: error.localizedDescription)
        }
    }

    /// Throws `duplicateForm` for the first Japanese form (compared by `japaneseKey`) that two
    /// entries list, or that one entry lists twice.
    public func checkUniqueForms() throws {
        // The index keeps one reference per key: as many keys as forms means no form repeats,
        // and the forms need not be hashed a second time.
        if keysAreUnique { return }
        var owners: [String: FormReference] = [:]
        for reference in forms {
            if let first = owners[reference.key] {
                throw GlossaryError.duplicateForm(
                    form: reference.form, first: entries[first.entryIndex].source, second: entries[reference.entryIndex].source)
            }
            owners[reference.key] = reference
        }
    }
}

extension GlossaryFileContents {
    /// Splits and parses a glossary file. With `requireHeader` false, a file with no header and
    /// no entries (empty, or comments only) is accepted; the writer then adds the header.
    static func parse(bytes: [UInt8], file: String, requireHeader: Bool) throws -> GlossaryFileContents {
        try validateUTF8(bytes, file: file)
        let start = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0

        var lines: [Range<Int>] = []
        var usesCRLF = false
        var sawLineEnding = false
        var lineStart = start
        var index = start
        while index < bytes.count {
            if bytes[index] == 0x0A {
                var end = index
                let crlf = end > lineStart && bytes[end - 1] == 0x0D
                if crlf { end -= 1 }
                if !sawLineEnding { usesCRLF = crlf; sawLineEnding = true }
                lines.append(lineStart..<end)
                lineStart = index + 1
            }
            index += 1
        }
        let endsWithNewline = lineStart == bytes.count
        if lineStart < bytes.count {
            var end = bytes.count
            if bytes[end - 1] == 0x0D { end -= 1 }
            lines.append(lineStart..<end)
        }

        var entries: [GlossaryEntry] = []
        var hasHeader = false
        for (offset, range) in lines.enumerated() {
            let lineNumber = offset + 1
            let source = GlossarySource(file: file, line: lineNumber)
            let text = String(decoding: bytes[range], as: UTF8.self)
            let trimmed = text.trimmingWhitespace()
            if trimmed.isEmpty || trimmed.hasPrefix("#") { continue }
            if !hasHeader {
                guard trimmed.split(separator: "\t", omittingEmptySubsequences: false)
                    .map({ $0.trimmingWhitespace().lowercased() }) == GlossaryFormat.columns
                else {
                    throw GlossaryError.badHeader(source, found: text)
                }
                hasHeader = true
                continue
            }
            entries.append(try parseEntry(bytes[range], source: source))
        }
        if !hasHeader && requireHeader {
            throw GlossaryError.missingHeader(file: file)
        }
        return GlossaryFileContents(
            bytes: bytes, lines: lines, entries: entries, usesCRLF: usesCRLF,
            endsWithNewline: endsWithNewline || bytes.count == start, hasHeader: hasHeader)
    }

    static func parseEntry(_ line: ArraySlice<UInt8>, source: GlossarySource) throws -> GlossaryEntry {
        let columns = line.split(separator: 0x09, omittingEmptySubsequences: false).map {
            String(decoding: $0, as: UTF8.self).trimmingWhitespace()
        }
        guard columns.count == GlossaryFormat.columns.count else {
            throw GlossaryError.columnCount(source, found: columns.count)
        }
        return try GlossaryFormat.entry(columns: columns, source: source)
    }

    static func list(_ column: String) -> [String] {
        column.split(separator: GlossaryFormat.listSeparator).map { $0.trimmingWhitespace() }
            .filter { !$0.isEmpty }
    }

    /// Throws `invalidUTF8` with the byte offset and line of the first byte that is not UTF-8.
    static func validateUTF8(_ bytes: [UInt8], file: String) throws {
        // The standard library validates in optimised code even in a debug build; the scalar
        // walk that finds the offending byte (1 µs a byte in debug, most of the built-in
        // glossary's load time) only runs when there is one to find.
        if #available(macOS 15, *), String(validating: bytes, as: UTF8.self) != nil { return }
        guard let offset = UTF8Check.firstInvalidOffset(bytes[...]) else { return }
        let line = bytes[..<offset].reduce(1) { $1 == 0x0A ? $0 + 1 : $0 }
        let lineStart = bytes[..<offset].lastIndex(of: 0x0A).map { $0 + 1 } ?? 0
        let lineEnd = bytes[offset...].firstIndex(of: 0x0A) ?? bytes.count
        throw GlossaryError.invalidUTF8(
            file: file, line: line, offset: offset, advice: EncodingGuess.advice(head: bytes.prefix(4096), line: bytes[lineStart..<lineEnd]))
    }
}

extension StringProtocol {
    /// The text without leading and trailing white space as `CharacterSet.whitespaces` means it
    /// (tabs and Unicode space separators, the ideographic space included). Written out because
    /// Foundation's `trimmingCharacters(in:)` goes through NSString on Linux, which cost a
    /// quarter of the time to load the built-in glossary.
    func trimmingWhitespace() -> String {
        @inline(__always) func isSpace(_ scalar: Unicode.Scalar) -> Bool {
            if scalar.isASCII { return scalar == " " || scalar == "\t" }
            return scalar.properties.generalCategory == .spaceSeparator
        }
        let scalars = String(self).unicodeScalars
        guard let first = scalars.firstIndex(where: { !isSpace($0) }),
              let last = scalars.lastIndex(where: { !isSpace($0) }) else { return "" }
        return String(scalars[first...last])
    }
}
