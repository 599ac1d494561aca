import TsuzuriDocuments

/// Markdown documents as `check` reads them (cmark-gfm, positions mapped back to the file).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzMarkdown(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    DocumentFuzz.read(FuzzInput.bytes(data, size), format: .markdown, extension: "md")
    return 0
}
