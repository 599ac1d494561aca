import Foundation
import Testing
@testable import TsuzuriVariants

/// `cluster` made fast must group exactly as it did before: the groups of a fixed list, recorded
/// with the implementation before the flat index (commit ad2c5e8), are compared member by member.
/// The list (`scripts/cluster/make_terms.py fixture 5000`) mixes invented names, perturbations of
/// them, repeats, reduplications, other scripts, and a corner dense enough to overflow buckets.
/// Re-record only on purpose, when the engine's judgement itself changes.
@Suite struct ClusterEquivalenceTests {
    static let fixtures = Bundle.module.url(forResource: "Fixtures", withExtension: nil)!

    static func terms() throws -> [String] {
        let text = try String(contentsOf: fixtures.appendingPathComponent("cluster-terms.txt"), encoding: .utf8)
        return text.split(separator: "\n").map(String.init)
    }

    static func recorded(_ name: String) throws -> [[String]] {
        try JSONDecoder().decode([[String]].self, from: Data(contentsOf: fixtures.appendingPathComponent(name)))
    }

    @Test(arguments: [(1.0, "cluster-groups-tolerance1.json"), (2.0, "cluster-groups-tolerance2.json")])
    func groupsAsRecorded(tolerance: Double, recording: String) throws {
        let expected = try Self.recorded(recording)
        let groups = VariantEngine(tolerance: tolerance).cluster(try Self.terms())
        #expect(groups.count == expected.count)
        for (n, (group, want)) in zip(groups, expected).enumerated() where group != want {
            Issue.record("group \(n): \(group) != recorded \(want)")
            break
        }
    }

    /// The recording is only worth comparing with if it reaches the index's corners: buckets too
    /// big to pair, and keys too long to pack into one integer.
    @Test func fixtureReachesTheIndexCorners() throws {
        let normalized = Array(Set(try Self.terms().map(SpellingNormalizer.normalize))).filter { !$0.isEmpty }
        let spellings = ClusterSpellings(normalized)
        let index = BlockingIndex(count: spellings.count, maximumBucket: VariantEngine().maximumBucket, morae: spellings.morae)
        #expect(index.overflowingBuckets > 0)
        let longest = (0..<spellings.count).compactMap { spellings.morae($0)?.count }.max() ?? 0
        #expect(longest > 12)
    }

    /// Keys get one id each, exactly: equal keys (short or long) the same id, different keys
    /// different ids, as a dictionary of arrays would give them.
    @Test func keyIdsAreExact() {
        var table = BlockingKeyTable()
        var reference: [[UInt8]: Int32] = [:]
        var generator = SeededGenerator(state: 99)
        for _ in 0..<200_000 {
            // Few element values and many lengths, so that keys repeat and long keys abound.
            let length = Int(generator.next() % 14)
            let key = (0..<length).map { _ in UInt8(generator.next() % 4) * 21 }
            let id = key.withUnsafeBufferPointer { table.id(of: $0) }
            if let known = reference[key] {
                #expect(id == known, "\(key)")
            } else {
                #expect(Int(id) == reference.count, "\(key)")
                reference[key] = id
            }
        }
        #expect(table.count == reference.count)
    }

    /// The order a pair is judged in (the order of the spellings' ids) is `String`'s order, also
    /// for strings the byte order shortcut does not cover.
    @Test func idsFollowStringOrder() {
        let strings = ["ヘグセス", "ヘグゼス", "カ", "ガ", "カ\u{3099}ン", "ｶ", "abc", "ABC", "é", "e\u{302}", "東京", "ヴ", "ー"]
        let spellings = ClusterSpellings(strings)
        for p in strings.indices {
            #expect(spellings.node(spellings.id(p)) == p)
            for q in strings.indices where p != q {
                #expect((spellings.id(p) < spellings.id(q)) == (strings[p] < strings[q]), "\(strings[p]) \(strings[q])")
            }
        }
    }
}
