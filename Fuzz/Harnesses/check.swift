import Foundation
import TsuzuriCheck
import TsuzuriGlossary
import TsuzuriVariants

/// The glossary the checker runs with: the default glossary's entries that the seed article names
/// (Fuzz/check-glossary.tsv, read from the folder `scripts/fuzz` runs in). The whole default
/// glossary makes each input ten times slower to check without reaching other code.
let glossary: Glossary = {
    let folder = ProcessInfo.processInfo.environment["TSUZURI_FUZZ_GLOSSARY"] ?? "Fuzz/check-glossary.tsv"
    do {
        return try Glossary.load(paths: [folder])
    } catch {
        FileHandle.standardError.write(Data("fuzz check: cannot load the glossary \(folder): \(error.localizedDescription)\n".utf8))
        exit(2)
    }
}()

/// `check` over a text (the input as UTF-8, invalid bytes replaced): the report in every format,
/// then `--fix-unknown`'s edits applied to the same bytes, every one of which must apply, since
/// the text is exactly what was checked.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzCheck(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let text = String(decoding: FuzzInput.bytes(data, size), as: UTF8.self)
    let checker = Checker(glossary: glossary)
    checker.check(text: text, name: "fuzz.txt")
    let report = checker.report()
    var out = ""
    report.renderText(to: &out)
    report.renderGCC(to: &out)
    _ = try? JSONEncoder().encode(report.sarif(toolVersion: "fuzz"))
    let bytes = Array(text.utf8)
    for (_, edits) in report.edits(fixing: CheckRule.fixableUnknown) {
        let result = TextEditor.apply(edits, to: bytes)
        if let (edit, reason) = result.skipped.first {
            FuzzInput.fail("edit \(edit) not applied to the text it came from: \(reason)")
        }
    }
    return 0
}
