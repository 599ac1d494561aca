import Foundation
import Testing
@testable import TsuzuriExchange

/// The bounds on what one exchange file may hold (README, Reliability: limits).
@Suite struct ExchangeLimitsTests {
    /// A msgid of three 400 KiB continuation lines: each line is under the 1 MiB line bound, the
    /// string is not; the entry is refused like a TMX unit of that size, naming its first line.
    @Test func poStringLongerThanTheUnitLimitIsRefused() throws {
        let folder = TemporaryFolder()
        let piece = String(repeating: "a", count: 400 << 10)
        let text = "msgid \"\"\n\"\(piece)\"\n\"\(piece)\"\n\"\(piece)\"\nmsgstr \"x\"\n"
        let url = folder.file("big.po", text)
        #expect(throws: ExchangeError.unitTooLarge(path: "big.po", line: 1, limit: ExchangeLimits.maxSegmentBytes)) {
            try POReader(url: url, displayPath: "big.po", sourceLanguage: "en", targetLanguage: "ja").readAll()
        }
    }

    /// Just under the limit is read whole.
    @Test func poStringUnderTheUnitLimitIsRead() throws {
        let folder = TemporaryFolder()
        let piece = String(repeating: "a", count: 300 << 10)
        let text = "msgid \"\"\n\"\(piece)\"\n\"\(piece)\"\nmsgstr \"x\"\n"
        let units = try POReader(url: folder.file("ok.po", text), sourceLanguage: "en", targetLanguage: "ja").readAll()
        #expect(units.first?.segments.first?.text.utf8.count == 600 << 10)
    }

    /// Elements nested deeper than the XML reader's bound (200) are malformed input with a line,
    /// not a stack overflow.
    @Test func tmxNestedDeeperThanTheBoundIsRefused() throws {
        let folder = TemporaryFolder()
        let deep = String(repeating: "<hi>", count: 300) + "x" + String(repeating: "</hi>", count: 300)
        let text = #"<tmx version="1.4"><header srclang="ja"/><body><tu><tuv xml:lang="ja"><seg>"# + deep
            + "</seg></tuv></tu></body></tmx>"
        #expect {
            try TMXReader(url: folder.file("deep.tmx", text), displayPath: "deep.tmx").readAll()
        } throws: { error in
            guard case .malformed(let path, let line, _) = error as? ExchangeError else { return false }
            return path == "deep.tmx" && line == 1
        }
    }
}
