import TsuzuriDocuments

/// HTML documents as `check` reads them (libxml2's HTML parser, positions mapped back to the file).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzHtml(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    DocumentFuzz.read(FuzzInput.bytes(data, size), format: .html, extension: "html")
    return 0
}
