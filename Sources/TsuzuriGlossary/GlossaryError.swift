import Foundation

/// Everything that can go wrong reading or writing a glossary. Every message names the file (and
/// line where there is one), quotes the offending value and says what to do.
public enum GlossaryError: Error, LocalizedError, Equatable, Sendable {
    /// A path given as a glossary does not exist.
    case notFound(path: String)
    /// A path exists but cannot be read (permissions, not a regular file…).
    case unreadable(path: String, reason: String)
    /// A folder given as a glossary holds no `.tsv` file (most likely a mistake, not an empty glossary).
    case noGlossaryFiles(path: String)
    /// The bytes are not UTF-8; `offset` is the 0-based byte offset of the first bad byte.
    /// `advice` names the likely encoding and how to convert it (`EncodingGuess`).
    case invalidUTF8(file: String, line: Int, offset: Int, advice: String)
    /// The file holds no header line at all (empty, or only comments).
    case missingHeader(file: String)
    /// The first non-comment line is not the header line.
    case badHeader(GlossarySource, found: String)
    /// An entry line does not have exactly six tab-separated columns.
    case columnCount(GlossarySource, found: Int)
    /// A required column (`ja` or `en`) is empty.
    case emptyField(GlossarySource, column: String)
    /// A `!` (deprecated marker) that is empty or outside the `variants` column.
    case misplacedDeprecationMark(GlossarySource, column: String, value: String)
    /// One Japanese form listed by two entries (or twice by one).
    case duplicateForm(form: String, first: GlossarySource?, second: GlossarySource?)

    // Writing.

    /// A field given to `add` cannot be written as one TSV cell.
    case invalidField(field: String, value: String, reason: String)
    /// `add` without `--merge` for a `ja` that already has an entry.
    case duplicateEntry(ja: String, existing: GlossarySource?)
    /// A form given to `add` already belongs to another entry.
    case formTaken(form: String, role: FormRole, ownerJa: String, owner: GlossarySource?)
    /// `--merge` with an English form or kind that differs from the existing entry's.
    case mergeConflict(ja: String, field: String, existing: String, given: String, source: GlossarySource?)
    /// `--merge` for an entry that lives in a different file from the one being written.
    case mergeInOtherFile(ja: String, existing: GlossarySource?, target: String)
    /// The file could not be locked, written or renamed.
    case writeFailed(path: String, reason: String)

    public var errorDescription: String? {
        switch self {
        case .notFound(let path):
            return "\(path): no such file or folder; give a glossary .tsv file or a folder of them"
        case .unreadable(let path, let reason):
            return "\(path): cannot read the glossary: \(reason)"
        case .noGlossaryFiles(let path):
            return "\(path): a glossary folder with no .tsv file; put the glossary's .tsv files there (tsuzuri add creates \((path as NSString).appendingPathComponent("custom.tsv"))) or name another folder"
        case .invalidUTF8(let file, let line, let offset, let advice):
            return "\(file):\(line): invalid UTF-8 at byte offset \(offset); \(advice)"
        case .missingHeader(let file):
            return "\(file): no header line; the first non-comment line must be `\(GlossaryFormat.headerLine.replacingOccurrences(of: "\t", with: "<TAB>"))`"
        case .badHeader(let source, let found):
            return "\(source): expected the header line `\(GlossaryFormat.headerLine.replacingOccurrences(of: "\t", with: "<TAB>"))`, found \"\(Self.shorten(found))\"; add the header line before the first entry"
        case .columnCount(let source, let found):
            return "\(source): expected 6 columns, found \(found); separate ja, en, kind, variants, aliases and note with tabs (leave unused columns empty)"
        case .emptyField(let source, let column):
            return "\(source): the `\(column)` column is empty; every entry needs a Japanese form (ja) and an English form (en)"
        case .misplacedDeprecationMark(let source, let column, let value):
            if value == "!" {
                return "\(source): a lone \"!\" in the `\(column)` column; write the deprecated form after it, as in !キエフ"
            }
            return "\(source): \"\(value)\" in the `\(column)` column starts with \"!\"; deprecated forms belong in the `variants` column"
        case .duplicateForm(let form, let first, let second):
            if let first, first == second {
                return "\(first): \"\(form)\" is listed twice in this entry (a form may appear once: as ja, a variant, a deprecated form or an alias); remove the repeat"
            }
            return "\(Self.describe(second)): \"\(form)\" is already listed at \(Self.describe(first)); a form may belong to one entry only — remove one of them or merge the two entries"
        case .invalidField(let field, let value, let reason):
            return "\(field) \"\(Self.shorten(value))\": \(reason)"
        case .duplicateEntry(let ja, let existing):
            return "\(Self.describe(existing)): \"\(ja)\" already has an entry; use --merge to add variants or aliases to it"
        case .formTaken(let form, let role, let ownerJa, let owner):
            let what: String
            switch role {
            case .preferred: what = "already has an entry of its own"
            case .variant: what = "is already a variant of \"\(ownerJa)\""
            case .deprecated: what = "is already a deprecated form of \"\(ownerJa)\""
            case .alias: what = "is already an alias of \"\(ownerJa)\""
            }
            return "\(Self.describe(owner)): \"\(form)\" \(what); a form may belong to one entry only"
        case .mergeConflict(let ja, let field, let existing, let given, let source):
            return "\(Self.describe(source)): the entry \"\(ja)\" has \(field) \"\(existing)\", not \"\(given)\"; --merge adds forms only — edit the file to change the \(field)"
        case .mergeInOtherFile(let ja, let existing, let target):
            if existing?.isBuiltIn == true {
                return "\(Self.describe(existing)): \"\(ja)\" is in the built-in glossary, which cannot be changed; to keep a glossary of your own, copy the entry into \(target) and use --glossary \(target)"
            }
            return "\(Self.describe(existing)): \"\(ja)\" is defined in another file than \(target); to merge into it, pass --to \(existing?.file ?? "that file")"
        case .writeFailed(let path, let reason):
            return "\(path): cannot write the glossary: \(reason); the file is unchanged"
        }
    }

    static func describe(_ source: GlossarySource?) -> String {
        source?.description ?? "<new entry>"
    }

    static func shorten(_ text: String) -> String {
        text.count > 60 ? String(text.prefix(60)) + "…" : text
    }
}
