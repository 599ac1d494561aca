import Foundation
import TsuzuriExchange

/// gettext catalogues as `tm import` reads them (POReader), with and without a target language.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzPOMemory(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let url = FuzzInput.file(FuzzInput.bytes(data, size), extension: "po")
    for target in [nil, "ja"] as [String?] {
        do {
            try POReader(url: url, displayPath: "fuzz.po", sourceLanguage: "en", targetLanguage: target).read { unit in
                if unit.segments.count != 2 { FuzzInput.fail("\(unit.segments.count) segments") }
            }
        } catch {
            _ = error.localizedDescription
        }
    }
    return 0
}
