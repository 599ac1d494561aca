import Foundation
import TsuzuriText

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// What `tsuzuri add` asks to put into a glossary file.
public struct GlossaryAddition: Hashable, Sendable {
    /// The preferred Japanese form (for `--merge`: the entry to add to).
    public var ja: String
    /// The canonical English form (for `--merge`: must agree with the entry's).
    public var en: String
    /// nil: `term` for a new entry, the existing kind when merging.
    public var kind: EntryKind?
    /// Spellings to flag (`--variant`); a leading `!` makes one deprecated.
    public var variants: [String]
    /// Officially replaced spellings (`--deprecated`).
    public var deprecated: [String]
    /// Accepted alternatives (`--alias`).
    public var aliases: [String]
    /// nil or empty: no note (and, when merging, the existing note is kept).
    public var note: String?

    public init(
        ja: String, en: String, kind: EntryKind? = nil, variants: [String] = [], deprecated: [String] = [],
        aliases: [String] = [], note: String? = nil
    ) {
        self.ja = ja
        self.en = en
        self.kind = kind
        self.variants = variants
        self.deprecated = deprecated
        self.aliases = aliases
        self.note = note
    }
}

/// What a write did, with the entry as it now stands in the file (its source names file:line).
public enum GlossaryWriteOutcome: Hashable, Sendable {
    /// A new line was appended.
    case added(GlossaryEntry)
    /// An existing line was rewritten with `newForms` added.
    case merged(GlossaryEntry, newForms: [String])
    /// `--merge` found nothing new to add; the file was not touched.
    case unchanged(GlossaryEntry)

    /// The entry as it now stands in the file.
    public var entry: GlossaryEntry {
        switch self {
        case .added(let entry), .merged(let entry, _), .unchanged(let entry): entry
        }
    }
}

/// Adds entries to one glossary file safely: under an exclusive lock, re-reading the file under
/// the lock, writing a temporary file in the same folder and renaming it over the original, so that
/// concurrent writers all land and a crash leaves either the old file or the new one. Every byte
/// outside the added or merged line is kept (comments, blank lines, a BOM, CRLF line ends).
public struct GlossaryWriter: Sendable {
    /// The file to write, as the user named it (used in messages and sources).
    public var path: String

    public init(path: String) {
        self.path = path
    }

    /// Appends `addition` as a new entry, or with `merge` adds its forms to the existing entry of the
    /// same `ja` (rewriting only that line). Refuses, writing nothing, a field that cannot be one TSV
    /// cell, a duplicate `ja` without `merge`, and a form that belongs to another entry of
    /// `glossary` or of the file itself. `glossary` is the whole glossary in use; its entries read
    /// from this file are ignored in favour of the file's contents read under the lock.
    public func add(_ addition: GlossaryAddition, merge: Bool = false, checkingAgainst glossary: Glossary = .empty) throws
        -> GlossaryWriteOutcome
    {
        let addition = try Self.validated(addition)
        return try withLockedFile(checkingAgainst: glossary) { contents, combined, firstLocal in
            try plan(addition, merge: merge, combined: combined, firstLocal: firstLocal, contents: contents)
        }
    }

    /// Runs `body` under the folder lock with the file's contents read under that lock and the
    /// glossary to check forms against (`glossary`'s entries from other files, then the file's, from
    /// index `firstLocal`), and writes the bytes `body` returns, whole or not at all.
    func withLockedFile<Outcome>(
        checkingAgainst glossary: Glossary,
        _ body: (GlossaryFileContents, Glossary, Int) throws -> (Outcome, [UInt8]?)
    ) throws -> Outcome {
        let realPath = Glossary.canonicalPath(path)
        let folder = (realPath as NSString).deletingLastPathComponent
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw GlossaryError.writeFailed(path: path, reason: "the folder \(folder) does not exist")
        }

        let lock = try FolderLock(folder: folder, label: path)
        defer { lock.unlock() }

        let exists = FileManager.default.fileExists(atPath: realPath)
        if exists && AtomicFile.isReadOnly(realPath) {
            // Renaming over a read-only file would succeed; its mode says the owner does not want that.
            throw GlossaryError.writeFailed(path: path, reason: "the file is read-only (make it writable, e.g. chmod u+w, to add to it)")
        }
        let bytes = exists ? try Glossary.readBytes(realPath) : []
        let contents = try GlossaryFileContents.parse(bytes: bytes, file: path, requireHeader: false)

        var canonical: [String: String] = [:]
        let others = glossary.entries.filter { entry in
            guard let file = entry.source?.file else { return true }
            if canonical[file] == nil { canonical[file] = Glossary.canonicalPath(file) }
            return canonical[file] != realPath
        }
        let combined = Glossary(entries: others + contents.entries)

        let (outcome, newBytes) = try body(contents, combined, others.count)
        if let newBytes {
            try Self.replaceAtomically(path: realPath, label: path, bytes: newBytes)
        }
        return outcome
    }

    /// Decides what to write: the outcome and the new file bytes (nil when nothing changes).
    func plan(
        _ addition: GlossaryAddition, merge: Bool, combined: Glossary, firstLocal: Int, contents: GlossaryFileContents
    ) throws -> (GlossaryWriteOutcome, [UInt8]?) {
        var target: FormReference?
        if let reference = combined.reference(forJapanese: addition.ja) {
            let owner = combined.entries[reference.entryIndex]
            guard reference.role == .preferred else {
                throw GlossaryError.formTaken(form: addition.ja, role: reference.role, ownerJa: owner.ja, owner: owner.source)
            }
            guard merge else { throw GlossaryError.duplicateEntry(ja: owner.ja, existing: owner.source) }
            guard reference.entryIndex >= firstLocal else {
                throw GlossaryError.mergeInOtherFile(ja: owner.ja, existing: owner.source, target: path)
            }
            target = reference
        }

        // Each new form must be free, or (when merging) already the target's in the same role.
        var newForms: [(form: String, role: FormRole)] = []
        var keys: Set<String> = [Glossary.japaneseKey(addition.ja)]
        let requested = addition.variants.map { ($0, FormRole.variant) } + addition.deprecated.map { ($0, FormRole.deprecated) }
            + addition.aliases.map { ($0, FormRole.alias) }
        for (form, role) in requested {
            let key = Glossary.japaneseKey(form)
            if let reference = combined.reference(forJapanese: form) {
                let owner = combined.entries[reference.entryIndex]
                if let target, reference.entryIndex == target.entryIndex, reference.role == role { continue }
                throw GlossaryError.formTaken(form: form, role: reference.role, ownerJa: owner.ja, owner: owner.source)
            }
            guard keys.insert(key).inserted else {
                throw GlossaryError.invalidField(
                    field: "--\(role.rawValue)", value: form, reason: "is given twice (or is the same as the Japanese form)")
            }
            newForms.append((form, role))
        }

        let ending: [UInt8] = contents.usesCRLF ? [0x0D, 0x0A] : [0x0A]
        if let target {
            var entry = combined.entries[target.entryIndex]
            if Glossary.englishKey(entry.en) != Glossary.englishKey(addition.en) {
                throw GlossaryError.mergeConflict(ja: entry.ja, field: "English form", existing: entry.en, given: addition.en, source: entry.source)
            }
            if let kind = addition.kind, kind != entry.kind {
                throw GlossaryError.mergeConflict(ja: entry.ja, field: "kind", existing: entry.kind.rawValue, given: kind.rawValue, source: entry.source)
            }
            var noteChanged = false
            if let note = addition.note, !note.isEmpty, !entry.note.contains(note) {
                entry.note = entry.note.isEmpty ? note : entry.note + "; " + note
                noteChanged = true
            }
            if newForms.isEmpty && !noteChanged { return (.unchanged(entry), nil) }
            for (form, role) in newForms {
                switch role {
                case .variant: entry.variants.append(form)
                case .deprecated: entry.deprecated.append(form)
                case .alias: entry.aliases.append(form)
                case .preferred: break
                }
            }
            guard let line = entry.source?.line, line >= 1, line <= contents.lines.count else {
                throw GlossaryError.writeFailed(path: path, reason: "the entry's line could not be found again")
            }
            let range = contents.lines[line - 1]
            var bytes = contents.bytes
            bytes.replaceSubrange(range, with: Array(GlossaryFormat.line(for: entry).utf8))
            return (.merged(entry, newForms: newForms.map(\.form)), bytes)
        }

        var entry = GlossaryEntry(
            ja: addition.ja, en: addition.en, kind: addition.kind ?? .term, variants: addition.variants,
            deprecated: addition.deprecated, aliases: addition.aliases, note: addition.note ?? "")
        var bytes = contents.bytes
        var lineNumber = contents.lines.count + 1
        if !contents.endsWithNewline { bytes += ending }
        if !contents.hasHeader {
            bytes += Array(GlossaryFormat.headerLine.utf8) + ending
            lineNumber += 1
        }
        bytes += Array(GlossaryFormat.line(for: entry).utf8) + ending
        entry.source = GlossarySource(file: path, line: lineNumber)
        return (.added(entry), bytes)
    }

    /// Trims the fields and refuses what cannot be written as one TSV cell or would read back
    /// differently (a `ja` starting with `#` would become a comment).
    static func validated(_ addition: GlossaryAddition) throws -> GlossaryAddition {
        func clean(_ value: String, _ field: String, list: Bool = false) throws -> String {
            if value.contains(where: { $0 == "\t" || $0 == "\n" || $0 == "\r" || $0 == "\r\n" }) {
                throw GlossaryError.invalidField(field: field, value: value, reason: "contains a tab or a line break, which the TSV file cannot hold")
            }
            if list && value.contains(GlossaryFormat.listSeparator) {
                throw GlossaryError.invalidField(
                    field: field, value: value, reason: "contains \"|\", which separates forms; repeat \(field) once per form instead")
            }
            return value.trimmingCharacters(in: .whitespaces)
        }
        var result = addition
        result.ja = try clean(addition.ja, "ja")
        result.en = try clean(addition.en, "en")
        if result.ja.isEmpty { throw GlossaryError.invalidField(field: "ja", value: addition.ja, reason: "is empty") }
        if result.en.isEmpty { throw GlossaryError.invalidField(field: "en", value: addition.en, reason: "is empty") }
        if result.ja.hasPrefix("#") {
            throw GlossaryError.invalidField(field: "ja", value: result.ja, reason: "starts with \"#\", which marks a comment line")
        }
        if result.ja.first == GlossaryFormat.deprecatedMark {
            throw GlossaryError.invalidField(field: "ja", value: result.ja, reason: "starts with \"!\", which marks a deprecated variant")
        }
        if let kind = addition.kind {
            let value = try clean(kind.rawValue, "--kind").lowercased()
            if value.isEmpty || value.contains(where: \.isWhitespace) {
                throw GlossaryError.invalidField(field: "--kind", value: kind.rawValue, reason: "must be one word such as person, place, org, title or term")
            }
            result.kind = EntryKind(rawValue: value)
        }
        result.variants = []
        result.deprecated = []
        for variant in addition.variants {
            let value = try clean(variant, "--variant", list: true)
            if value.first == GlossaryFormat.deprecatedMark {
                let form = value.dropFirst().trimmingCharacters(in: .whitespaces)
                if form.isEmpty { throw GlossaryError.invalidField(field: "--variant", value: variant, reason: "is empty") }
                result.deprecated.append(form)
            } else if !value.isEmpty {
                result.variants.append(value)
            }
        }
        for form in addition.deprecated {
            let value = try clean(form, "--deprecated", list: true)
            let stripped = value.first == GlossaryFormat.deprecatedMark ? value.dropFirst().trimmingCharacters(in: .whitespaces) : value
            if !stripped.isEmpty { result.deprecated.append(stripped) }
        }
        result.aliases = try addition.aliases.map { try clean($0, "--alias", list: true) }.filter { !$0.isEmpty }
        if let alias = result.aliases.first(where: { $0.first == GlossaryFormat.deprecatedMark }) {
            throw GlossaryError.invalidField(field: "--alias", value: alias, reason: "starts with \"!\"; give deprecated forms with --deprecated")
        }
        if let note = addition.note { result.note = try clean(note, "--note") }
        return result
    }

    /// Replaces the glossary file whole or not at all (see `AtomicFile`), as a glossary error.
    static func replaceAtomically(path: String, label: String, bytes: [UInt8]) throws {
        do {
            try AtomicFile.replace(path: path, bytes: bytes, label: label)
        } catch let error as FileWriteError {
            throw GlossaryError.writeFailed(path: label, reason: error.reason)
        }
    }
}

/// An exclusive `flock` on the glossary's folder, held until `unlock()`. The folder is locked
/// rather than the file because the file is replaced by a rename (a lock on the old inode would
/// not exclude a writer that opens the new one), and rather than a lock file beside it because a
/// lock file would have to be left behind: removing it would let two writers lock two different
/// files. Writers to other glossaries in the same folder wait too; a write takes milliseconds.
private final class FolderLock {
    private var fd: Int32

    init(folder: String, label: String) throws {
        fd = open(folder, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard fd >= 0 else {
            throw GlossaryError.writeFailed(path: label, reason: "cannot open the folder \(folder) to lock it: \(String(cString: strerror(errno)))")
        }
        while flock(fd, LOCK_EX) != 0 {
            if errno == EINTR { continue }
            let reason = String(cString: strerror(errno))
            close(fd)
            fd = -1
            throw GlossaryError.writeFailed(path: label, reason: "cannot lock the folder \(folder): \(reason)")
        }
    }

    func unlock() {
        guard fd >= 0 else { return }
        flock(fd, LOCK_UN)
        close(fd)
        fd = -1
    }

    deinit { unlock() }
}
