import Foundation
import TsuzuriGlossary
import TsuzuriText
import TsuzuriVariants

/// Glossary TSV files as every command reads them (`Glossary.parse(bytes:)`); a glossary that
/// parses is then used as `lookup` and `check` use it: every form and English form looked up,
/// the closest entries to each form, and the in-text matcher over the file's own lines.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzGlossary(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = FuzzInput.bytes(data, size)
    let glossary: Glossary
    do {
        glossary = try Glossary.parse(bytes: bytes, file: "fuzz.tsv")
    } catch {
        _ = error.localizedDescription
        return 0
    }
    let engine = VariantEngine()
    for entry in glossary.entries.prefix(16) {
        for (form, _) in entry.formsWithRoles {
            if glossary.lookup(form).isEmpty { FuzzInput.fail("form \(form) of a parsed entry is not found") }
            _ = glossary.closest(to: form) { engine.compare($0, $1).score }
        }
        _ = glossary.lookup(entry.en)
        _ = GlossaryFormat.line(for: entry)
    }
    let matcher = GlossaryMatcher(glossary: glossary)
    let text = String(decoding: bytes, as: UTF8.self)
    for line in text.split(separator: "\n").prefix(64) {
        let scanned = ScannedLine(line)
        for hit in matcher.matches(in: scanned) where hit.column < 1 || hit.column - 1 + hit.length > scanned.source.count {
            FuzzInput.fail("hit \(hit.column)+\(hit.length) outside a line of \(scanned.source.count) scalars")
        }
    }
    return 0
}
