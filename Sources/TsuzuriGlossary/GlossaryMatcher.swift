import Foundation
import TsuzuriText

/// A glossary form found in running text.
public struct GlossaryHit: Hashable, Sendable {
    /// Index of the entry in `Glossary.entries`.
    public var entryIndex: Int
    public var role: FormRole
    /// The form as the glossary writes it (normalised).
    public var form: String
    /// Source columns (1-based) and length in scalars.
    public var column: Int
    public var length: Int
    /// The text as written in the source.
    public var surface: String
}

/// Where a glossary form of one role belongs.
public struct FormOwner: Hashable, Sendable {
    public var entryIndex: Int
    public var role: FormRole

    public init(entryIndex: Int, role: FormRole) {
        self.entryIndex = entryIndex
        self.role = role
    }
}

/// Finds glossary forms (any script: katakana names, kanji titles, acronyms, 第5条) in running
/// text: longest match first, over the normalised text, accepted only where the match starts and
/// ends on a word boundary, so that リーダー is not found inside リーダーシップ.
///
/// The trie is kept flat (`Trie.Tables`): each node's edges sorted by scalar, its owners and its
/// form as numbers. A glossary read from the cache (`GlossaryCache`) hands the matcher its
/// tables in the cache file, so a run reads only the nodes the text walks through (each once);
/// any other glossary has them built here, the same way the cache builds them.
/// `@unchecked Sendable`: the nodes read so far are kept under a lock.
public final class GlossaryMatcher: @unchecked Sendable {
    private let tables: Trie.Tables
    /// The nodes read so far: a text walks through the same few nodes again and again.
    private var nodeCache: [Int: Node] = [:]
    /// Every node, for tables built in memory (no lock, no dictionary); nil for a cache file's.
    private var resident: [Node]?
    private let lock = NSLock()
    /// Kanji and kana boundaries need ICU's dictionary; opened once, used only when such a form matches.
    private let wordBreaks: BreakIterator?
    /// One bit per BMP scalar: whether some form starts with it. Most positions of a text start
    /// no form, and this answers for them without hashing into `children`.
    private var startsForm = [UInt64](repeating: 0, count: 0x10000 / 64)

    public init(glossary: Glossary) {
        wordBreaks = try? BreakIterator(.word, locale: "ja")
        edgeStorage = EdgeStorage()
        if let compiled = glossary.compiled {
            tables = Trie.Tables(compiled.file, first: CompiledGlossary.Section.matcherNodes.rawValue, pool: CompiledGlossary.Section.pool.rawValue)
        } else {
            var pool = StringPool()
            let built = CompiledSections(copying: Trie(glossary: glossary).sections(pool: &pool) + [pool.bytes, IntegerSection(pool.starts).bytes])
            tables = Trie.Tables(built, first: 0)
            // Built here, the tables are in memory anyway: every node read once, so that the scan
            // (the hot path of `check`) reads nodes without the lock and the cache's dictionary.
            resident = readAllNodes()
        }
        indexFirstScalars()
    }

    /// A matcher for another thread on `other`'s trie: the nodes built in memory are shared (no
    /// thread changes them), the word breaker and the cache of nodes read from a file are its
    /// own. Building the trie again for every chunk of a parallel check was a third of the CPU
    /// of a check in 64 KB chunks.
    public init(sharing other: GlossaryMatcher) {
        wordBreaks = try? BreakIterator(.word, locale: "ja")
        tables = other.tables
        resident = other.resident
        edgeStorage = other.resident == nil ? EdgeStorage() : other.edgeStorage
        startsForm = other.startsForm
    }

    /// Fills `startsForm` from the trie's root edges (call it once the tables are set).
    private func indexFirstScalars() {
        for scalar in node(0).scalars where scalar < 0x10000 {
            startsForm[Int(scalar >> 6)] |= 1 << UInt64(scalar & 63)
        }
    }

    /// The trie as `insert` grows it, before it is laid out flat.
    struct Trie {
        /// `children[node << 32 | scalar] = child`: a dictionary per node costs far more than its
        /// entries in a large glossary.
        private var children: [UInt64: Int32] = [:]
        private var nodeCount = 1
        /// The forms that end at a node, by node (only nodes where a form ends are stored).
        private var owners: [Int32: [FormOwner]] = [:]
        private var forms: [Int32: String] = [:]

        init(glossary: Glossary) {
            for reference in glossary.forms {
                insert(reference.form, FormOwner(entryIndex: reference.entryIndex, role: reference.role))
            }
        }

        private mutating func insert(_ form: String, _ owner: FormOwner) {
            let key = ScannedLine.normalize(form)
            let scalars = key.unicodeScalars.map(\.value)
            if scalars.isEmpty { return }
            var node: Int32 = 0
            for v in scalars {
                let edge = UInt64(UInt32(node)) << 32 | UInt64(v)
                if let next = children[edge] {
                    node = next
                } else {
                    children[edge] = Int32(nodeCount)
                    node = Int32(nodeCount)
                    nodeCount += 1
                }
            }
            if owners[node]?.contains(owner) != true { owners[node, default: []].append(owner) }
            forms[node] = key
        }

        /// The six matcher sections of `CompiledGlossary.Section` (nodes, scalars, children,
        /// owners, owner starts, forms), the forms' strings added to `pool`.
        func sections(pool: inout StringPool) -> [[UInt8]] {
            let edges = children.keys.sorted()  // node-major, scalar-minor
            var nodes = [UInt32](repeating: 0, count: nodeCount + 1)
            var scalars = IntegerSection(), targets = IntegerSection()
            scalars.reserveCapacity(edges.count)
            targets.reserveCapacity(edges.count)
            for edge in edges {
                nodes[Int(edge >> 32) + 1] += 1
                scalars.append(UInt32(truncatingIfNeeded: edge))
                targets.append(UInt32(children[edge]!))
            }
            for n in 0..<nodeCount { nodes[n + 1] += nodes[n] }
            var ownerList = IntegerSection(), ownerStart = IntegerSection([0]), formIDs = IntegerSection()
            for n in 0..<Int32(nodeCount) {
                for owner in owners[n] ?? [] {
                    ownerList.append(owner.entryIndex)
                    ownerList.append(FormRole.allCases.firstIndex(of: owner.role)!)
                }
                ownerStart.append(ownerList.count / 2)
                formIDs.append(forms[n].map { pool.id($0) } ?? CompiledGlossary.none)
            }
            return [IntegerSection(nodes).bytes, scalars.bytes, targets.bytes, ownerList.bytes, ownerStart.bytes, formIDs.bytes]
        }

        /// The flat tables, read where they lie.
        struct Tables {
            var nodes, scalars, children, owners, ownerStart, forms: Column<UInt32>
            var pool: Column<UInt8>
            var stringStart: Column<UInt32>

            /// The six matcher sections from `first` on, then the string pool and its starts
            /// (in a cache file, the glossary's own pool).
            init(_ file: CompiledSections, first: Int, pool: Int? = nil) {
                nodes = file.column(first)
                scalars = file.column(first + 1)
                children = file.column(first + 2)
                owners = file.column(first + 3)
                ownerStart = file.column(first + 4)
                forms = file.column(first + 5)
                self.pool = file.column(pool ?? first + 6)
                stringStart = file.column((pool ?? first + 6) + 1)
            }
        }
    }

    /// One node as the matcher uses it: its edges and whether a form ends there. The edges lie
    /// in `edgeStorage`, which lives as long as the matcher: a node is a plain value, and walking
    /// the trie costs no reference counting (arrays here were 8 % of a check's CPU in retains
    /// and releases).
    private struct Node {
        var scalars: UnsafeBufferPointer<UInt32>
        var children: UnsafeBufferPointer<UInt32>
        var endsForm: Bool
    }

    /// The edges of the nodes read so far (scalars, then children), freed with the last matcher
    /// that uses them.
    private final class EdgeStorage {
        var buffers: [UnsafeMutableBufferPointer<UInt32>] = []
        deinit { for buffer in buffers { buffer.deallocate() } }
    }
    private let edgeStorage: EdgeStorage

    private func node(_ n: Int) -> Node {
        if let resident { return resident[n] }
        lock.lock()
        defer { lock.unlock() }
        if let known = nodeCache[n] { return known }
        let edges = tables.nodes.slice(n..<n + 2), owners = tables.ownerStart.slice(n..<n + 2)
        let range = Int(edges[0])..<Int(edges[1])
        let (scalars, children) = store(tables.scalars.slice(range), tables.children.slice(range))
        let node = Node(scalars: scalars, children: children, endsForm: owners[0] != owners[1])
        nodeCache[n] = node
        return node
    }

    /// Every node at once, for tables built in memory: all their edges in one buffer.
    private func readAllNodes() -> [Node] {
        let count = tables.nodes.count - 1
        let starts = tables.nodes.slice(0..<count + 1), owners = tables.ownerStart.slice(0..<count + 1)
        let edgeCount = Int(starts[count])
        let (scalars, children) = store(tables.scalars.slice(0..<edgeCount), tables.children.slice(0..<edgeCount))
        return (0..<count).map { n in
            let range = Int(starts[n])..<Int(starts[n + 1])
            return Node(
                scalars: UnsafeBufferPointer(rebasing: scalars[range]), children: UnsafeBufferPointer(rebasing: children[range]),
                endsForm: owners[n] != owners[n + 1])
        }
    }

    /// Edges copied into `edgeStorage` (under the lock, or in `init`): the scalars and the
    /// children, side by side in one buffer.
    private func store(_ scalars: [UInt32], _ children: [UInt32]) -> (UnsafeBufferPointer<UInt32>, UnsafeBufferPointer<UInt32>) {
        let buffer = UnsafeMutableBufferPointer<UInt32>.allocate(capacity: scalars.count + children.count)
        edgeStorage.buffers.append(buffer)
        _ = buffer.initialize(from: scalars + children)
        return (UnsafeBufferPointer(rebasing: buffer[..<scalars.count]), UnsafeBufferPointer(rebasing: buffer[scalars.count...]))
    }

    /// The child of `node` along `scalar`, if any (binary search among the node's edges).
    private func child(_ node: Node, _ scalar: UInt32) -> Int? {
        var low = 0, high = node.scalars.count
        while low < high {
            let middle = (low + high) >> 1
            let value = node.scalars[middle]
            if value == scalar { return Int(node.children[middle]) }
            if value < scalar { low = middle + 1 } else { high = middle }
        }
        return nil
    }

    private func owners(_ node: Int) -> [FormOwner] {
        let range = tables.ownerStart.slice(node..<node + 2)
        let pairs = tables.owners.slice(2 * Int(range[0])..<2 * Int(range[1]))
        return stride(from: 0, to: pairs.count, by: 2).map {
            FormOwner(entryIndex: Int(pairs[$0]), role: FormRole.allCases[Int(pairs[$0 + 1])])
        }
    }

    private func form(_ node: Int) -> String {
        let id = Int(tables.forms[node])
        let range = tables.stringStart.slice(id..<id + 2)
        return tables.pool.string(Int(range[0])..<Int(range[1]))
    }

    /// Every glossary form in `line`, left to right, not overlapping (longest match wins).
    public func matches(in line: ScannedLine) -> [GlossaryHit] {
        var result: [GlossaryHit] = []
        let text = line.normalized
        // A local copy: the class's own properties are checked for exclusive access on every read.
        let startsForm = self.startsForm
        var i = 0
        var icu = ICUBoundaries()
        while i < text.count {
            let first = text[i]
            if first < 0x10000, startsForm[Int(first >> 6)] & (1 << UInt64(first & 63)) == 0 {
                i += 1  // no form starts here (a supplementary scalar is looked up in the trie)
                continue
            }
            // Walk the trie, remembering every complete form; try the longest first.
            var node = self.node(0)
            var j = i
            var ends: [(end: Int, node: Int)] = []
            while j < text.count, let next = child(node, text[j]) {
                node = self.node(next)
                j += 1
                if node.endsForm { ends.append((j, next)) }
            }
            var matchedEnd: Int? = nil
            let startsWord = !ends.isEmpty && isWordBoundary(line, at: i, icu: &icu)
            for candidate in ends.reversed() where startsWord {
                if isWordBoundary(line, at: candidate.end, icu: &icu) {
                    let source = line.sourceRange(i..<candidate.end)
                    let form = form(candidate.node)
                    for owner in owners(candidate.node) {
                        result.append(
                            GlossaryHit(
                                entryIndex: owner.entryIndex, role: owner.role, form: form,
                                column: source.lowerBound + 1, length: source.count,
                                surface: line.sourceText(source)))
                    }
                    matchedEnd = candidate.end
                    break
                }
            }
            i = matchedEnd ?? (i + 1)
        }
        return result
    }

    /// ICU's word boundaries for the current line, set up only when a kanji or hiragana match
    /// needs them (most lines never do), with the scalar → UTF-16 offset map built once per line.
    private struct ICUBoundaries {
        var utf16Offsets: [Int]? = nil
        var failed = false
    }

    /// A boundary between two scalars of different classes (katakana | kanji, Latin | kana) is
    /// always a word boundary; inside one class, katakana and Latin words run on (so a match there
    /// is part of a longer word), while kanji and hiragana need ICU's dictionary to tell.
    private func isWordBoundary(_ line: ScannedLine, at index: Int, icu: inout ICUBoundaries) -> Bool {
        let text = line.normalized
        if index == 0 || index == text.count { return true }
        let before = Script.classify(text[index - 1]), after = Script.classify(text[index])
        if before != after { return true }
        switch before {
        case .katakana, .latin, .digit:
            return false
        case .other:
            return true
        case .kanji, .hiragana:
            guard let wordBreaks, !icu.failed else { return true }
            if icu.utf16Offsets == nil {
                var utf16 = [UInt16](), offsets = [Int]()
                offsets.reserveCapacity(text.count + 1)
                for v in text {
                    offsets.append(utf16.count)
                    utf16.append(contentsOf: UTF16.encode(Unicode.Scalar(v)!)!)
                }
                offsets.append(utf16.count)
                do { try wordBreaks.setText(utf16) } catch {
                    icu.failed = true
                    return true
                }
                icu.utf16Offsets = offsets
            }
            return wordBreaks.isBoundary(icu.utf16Offsets![index])
        }
    }
}
