import Foundation
import TsuzuriExchange

/// TMX files as `tm import` reads them: any bytes, then every unit of a file that parses.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzTMX(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let url = FuzzInput.file(FuzzInput.bytes(data, size), extension: "tmx")
    do {
        try TMXReader(url: url, displayPath: "fuzz.tmx").read { unit in
            if unit.line < 1 { FuzzInput.fail("unit line \(unit.line)") }
        }
    } catch {
        // A refusal with a message is the expected outcome for most inputs; only traps count.
        _ = error.localizedDescription
    }
    return 0
}
