import Foundation
import Testing

/// Issue 12: the defects a new user's trial found, each pinned end to end.
@Suite struct ReliabilityTests {
    typealias Workspace = MemoryCommandTests.Workspace

    // MARK: 1. Long queries

    @Test func searchPastTheQueryBoundIsAUsageErrorNotACrash() throws {
        let w = try Workspace()
        #expect(try w.tm(["import", try w.write("a.tmx", MemoryCommandTests.tmx)]).status == 0)
        let line = String(repeating: "ファイル", count: 23_500) + "\n"  // 94,000 characters on one line
        let search = try w.tm(["search", "-"], stdin: line)
        #expect(search.status == 2)
        #expect(search.stderr.contains("the query is 94000 characters long"))
        #expect(search.stderr.contains("at most 10000 characters"))
        // The same line in an article: the sentence keeps its place, the memory search is left out.
        let article = try w.write("article.txt", line)
        let pretranslate = try runTsuzuri(["pretranslate", article, "--memory", w.memory])
        #expect(pretranslate.status == 1)
        #expect(pretranslate.stderr.contains("article.txt:1:1: sentence longer than 10000 characters: not searched in the memory"))
    }

    @Test func lowMinimumWithALongQueryStillAnswers() throws {
        let w = try Workspace()
        #expect(try w.tm(["import", try w.write("a.tmx", MemoryCommandTests.tmx)]).status == 0)
        let query = String(String(repeating: "ファイルを開けません。", count: 100).prefix(1_000))
        let search = try w.tm(["search", "--min", "0", "--format", "json", query])
        #expect(search.status == 0)
        #expect(search.stdout.contains("\"Cannot open the file\""))
    }
}
