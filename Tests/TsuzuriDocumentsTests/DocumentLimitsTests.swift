import Foundation
import Testing
import TsuzuriText
@testable import TsuzuriDocuments

/// The bounds on what one document may hold (README, Reliability: limits).
@Suite struct DocumentLimitsTests {
    private func read(_ name: String, _ text: String, _ reader: any DocumentReader) throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("tsuzuri-limits-\(UUID().uuidString)-\(name)").path
        _ = FileManager.default.createFile(atPath: path, contents: Data(text.utf8))
        defer { try? FileManager.default.removeItem(atPath: path) }
        try reader.read(TextInput(path: path)) { _ in }
    }

    /// XLIFF nested deeper than the XML reader's bound (200 elements) is malformed input naming
    /// its line, not a stack overflow; 150 levels are read.
    @Test func xliffNestingIsBounded() throws {
        func xliff(_ depth: Int) -> String {
            """
            <?xml version="1.0"?>
            <xliff version="1.2"><file source-language="en" target-language="ja"><body>
            <trans-unit id="1"><source>\(String(repeating: "<g>", count: depth))x\(String(repeating: "</g>", count: depth))</source><target>ヘグセス</target></trans-unit>
            </body></file></xliff>
            """
        }
        try read("ok.xlf", xliff(150), XLIFFReader())
        #expect {
            try read("deep.xlf", xliff(300), XLIFFReader())
        } throws: { error in
            guard case .malformed(_, let line, let reason) = error as? DocumentError else { return false }
            return line == 3 && reason.hasPrefix("malformed XML: ")
        }
    }
}
