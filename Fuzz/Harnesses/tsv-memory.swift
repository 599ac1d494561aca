import Foundation
import TsuzuriExchange

/// Tab-separated memory files as `tm import` reads them (TSVReader).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzTSVMemory(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let url = FuzzInput.file(FuzzInput.bytes(data, size), extension: "tsv")
    do {
        try TSVReader(url: url, displayPath: "fuzz.tsv", sourceLanguage: "ja", targetLanguage: "en").read { unit in
            if unit.segments.count != 2 { FuzzInput.fail("\(unit.segments.count) segments") }
        }
    } catch {
        _ = error.localizedDescription
    }
    return 0
}
