import TsuzuriDocuments

/// XLIFF files as `check` reads them (units with source and target, positions mapped back to the file).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzXliff(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    DocumentFuzz.read(FuzzInput.bytes(data, size), format: .xliff, extension: "xlf")
    return 0
}
