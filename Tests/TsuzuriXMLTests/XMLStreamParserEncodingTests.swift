import Testing
import TsuzuriXML

/// Encoding errors met while libxml2 converts its input (found by fuzzing, Fuzz/crashes/tmx/).
@Suite struct XMLStreamParserEncodingTests {
    /// A lone surrogate in UTF-16, in one chunk or split: an encoding error with its line, and
    /// every later feed answers with the same error instead of touching the halted parser.
    @Test(arguments: [1, 3, 64])
    func loneSurrogateInUTF16IsAnEncodingError(chunk: Int) throws {
        var bytes: [UInt8] = [0xFF, 0xFE]
        for unit in Array("<a>\n".utf16) + [0xDBDB] + Array("</a>".utf16) {
            bytes += [UInt8(unit & 0xFF), UInt8(unit >> 8)]
        }
        let parser = XMLStreamParser()
        var thrown: XMLError?
        var offset = 0
        while offset < bytes.count {
            let slice = Array(bytes[offset..<min(offset + chunk, bytes.count)])
            offset += slice.count
            do {
                try slice.withUnsafeBytes { try parser.feed($0, isLast: offset == bytes.count) { _ in } }
            } catch let error as XMLError {
                thrown = error
                break
            }
        }
        let error = try #require(thrown)
        #expect(error.kind == .encoding || error.kind == .syntax)
        #expect(error.line >= 1)
        #expect(throws: XMLError.self) {
            try [UInt8]("<b/>".utf8).withUnsafeBytes { try parser.feed($0, isLast: true) { _ in } }
        }
    }
}
