import TsuzuriDocuments

/// gettext catalogues as `check` reads them (bilingual units, escapes mapped back to the file).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzPoDocument(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    DocumentFuzz.read(FuzzInput.bytes(data, size), format: .po, extension: "po")
    return 0
}
