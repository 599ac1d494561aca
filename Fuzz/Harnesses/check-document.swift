import Foundation
import TsuzuriCheck
import TsuzuriDocuments
import TsuzuriGlossary
import TsuzuriText

/// The same glossary as the `check` harness (Fuzz/check-glossary.tsv).
let glossary: Glossary = {
    let path = ProcessInfo.processInfo.environment["TSUZURI_FUZZ_GLOSSARY"] ?? "Fuzz/check-glossary.tsv"
    do {
        return try Glossary.load(paths: [path])
    } catch {
        FileHandle.standardError.write(Data("fuzz check-document: cannot load the glossary \(path): \(error.localizedDescription)\n".utf8))
        exit(2)
    }
}()

/// `check` over a document: the first byte picks the format (Markdown, HTML, XLIFF, PO, text),
/// the rest is the file; the checker gets every piece and unit the reader hands on (bilingual rules
/// included), and the report is rendered in every format.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzCheckDocument(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = FuzzInput.bytes(data, size)
    guard let first = bytes.first else { return 0 }
    let formats: [(DocumentFormat, String)] = [(.markdown, "md"), (.html, "html"), (.xliff, "xlf"), (.po, "po"), (.text, "txt")]
    let (format, ext) = formats[Int(first) % formats.count]
    let url = FuzzInput.file(Array(bytes.dropFirst()), extension: ext)
    let checker = Checker(glossary: glossary)
    do {
        try checker.check(document: "fuzz.\(ext)") { body in
            try DocumentReaders.reader(for: format).read(TextInput(path: url.path), body)
        }
    } catch {
        _ = error.localizedDescription
    }
    let report = checker.report()
    var out = ""
    report.renderText(to: &out)
    report.renderGCC(to: &out)
    _ = try? JSONEncoder().encode(report.sarif(toolVersion: "fuzz"))
    return 0
}
