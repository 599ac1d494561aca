import Testing
@testable import TsuzuriCheck

/// The temporary file behind a large check's term places: what goes in comes back, per list and
/// in order, whether it was still in memory or already written.
@Suite struct RecordLogTests {
    @Test("records of interleaved lists come back in order across many spills")
    func interleavedListsAcrossSpills() {
        let log = RecordLog<Checker.Packed>(budget: 3)
        let lists = (0..<4).map { _ in log.newList() }
        var expected: [[Checker.Packed]] = Array(repeating: [], count: lists.count)
        for i in 0..<1000 {
            // Uneven lists: list 0 gets most records, list 3 a few.
            let list = lists[[0, 0, 0, 1, 1, 2, 0, 3][i % 8]]
            let place = Checker.Packed(file: 0, line: Int32(i), column: Int32(i % 7 + 1), length: 2, unit: -1)
            if i % 5 == 0 {
                log.append(contentsOf: [place, place], to: list)
                expected[list] += [place, place]
            } else {
                log.append(place, to: list)
                expected[list].append(place)
            }
        }
        for list in lists {
            let got = log.records(of: list)
            #expect(got.count == expected[list].count)
            #expect(zip(got, expected[list]).allSatisfy { $0.line == $1.line && $0.column == $1.column })
        }
    }

    @Test("lists longer than a spill's write buffer, between short ones, come back whole and in order")
    func longListsBetweenShortOnes() {
        // 20-byte records: 30,000 are 600 KB, past the 256 KB a spill gathers before writing.
        let log = RecordLog<Checker.Packed>(budget: 70_000)
        let lists = (0..<5).map { _ in log.newList() }
        let sizes = [3, 30_000, 5, 14_000, 1]
        var expected: [[Int32]] = Array(repeating: [], count: lists.count)
        for round in 0..<3 {
            for (list, size) in zip(lists, sizes) {
                for k in 0..<size {
                    let line = Int32(round * 100_000 + k)
                    log.append(Checker.Packed(file: Int32(list), line: line, column: 1, length: 2, unit: -1), to: list)
                    expected[list].append(line)
                }
            }
        }
        for list in lists {
            let got = log.records(of: list)
            #expect(got.map(\.line) == expected[list])
            #expect(got.allSatisfy { $0.file == Int32(list) })
        }
    }

    @Test("a spelling's count, first place and places survive spilling; removal changes the copy only")
    func occurrencesSpilled() {
        var table = Occurrences<String>(budget: 2)
        for line in 1...50 {
            table.append(Checker.Packed(file: 0, line: Int32(line), column: 1, length: 4, unit: -1), to: line % 3 == 0 ? "ヘグゼス" : "ヘグセス")
        }
        #expect(table.order == ["ヘグセス", "ヘグゼス"])
        #expect(table.count("ヘグゼス") == 16)
        #expect(table.first("ヘグゼス")?.line == 3)
        #expect(table.places("ヘグゼス").map(\.line) == Array(stride(from: 3, through: 48, by: 3)))
        var copy = table
        copy.removeAll("ヘグゼス") { $0.line < 10 }
        #expect(copy.count("ヘグゼス") == 13)
        #expect(copy.first("ヘグゼス")?.line == 12)
        #expect(table.count("ヘグゼス") == 16)
        #expect(table.places("ヘグゼス").count == 16)
    }
}
