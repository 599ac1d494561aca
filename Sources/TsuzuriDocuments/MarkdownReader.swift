import CCmark
import TsuzuriText

/// Markdown (CommonMark with GitHub tables and strikethrough, parsed by cmark-gfm): the text of
/// headings, paragraphs, list items, block quotes and table cells, link and image text included.
/// Code blocks, code spans, link destinations and titles, autolinks, raw HTML, HTML comments and
/// YAML/TOML front matter are not checked. Every character keeps its line and column in the file.
public struct MarkdownReader: DocumentReader {
    public init() {}

    public func read(_ input: TextInput, _ body: (DocumentPart) throws -> Void) throws {
        try scan(input) { event in
            switch event {
            case .text(let piece):
                // Markdown has no language attribute: the text is Japanese unless the checker finds otherwise.
                try body(.text(piece, language: nil))
            case .comment:
                // Not text to check; kept apart so that suppression comments can be read later.
                break
            }
        }
    }

    /// Reads `input` and calls `body` with each checked piece and each HTML comment, in document order.
    public func scan(_ input: TextInput, _ body: (MarkdownEvent) throws -> Void) throws {
        var bytes = try input.readAll()
        try Self.scan(&bytes, path: input.displayName, body)
    }

    /// Scans Markdown held in memory (`bytes` is changed: front matter is blanked in place).
    static func scan(_ bytes: inout [UInt8], path: String, _ body: (MarkdownEvent) throws -> Void) throws {
        // Columns count from after a byte-order mark, as in plain text.
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes.removeFirst(3) }
        try validateUTF8(bytes, path: path)
        FrontMatter.blank(&bytes)
        try bytes.withUnsafeBufferPointer { source in
            guard let document = CmarkDocument(source) else {
                throw DocumentError.unsupported(
                    path: path, line: 1, reason: "cmark-gfm could not parse the document (out of memory); split the file")
            }
            var walker = MarkdownWalker(source: source)
            var event = ccmark_event()
            while document.next(&event) {
                if walker.step(event) { document.skipNode() }
                for part in walker.output { try body(part) }
                walker.output.removeAll(keepingCapacity: true)
            }
            walker.flush()
            for part in walker.output { try body(part) }
        }
    }

    /// Invalid UTF-8 is an error naming the line and byte, as for plain text: cmark would replace
    /// the bytes silently and hide a misspelt name.
    private static func validateUTF8(_ bytes: [UInt8], path: String) throws {
        if String(validating: bytes, as: UTF8.self) != nil { return }
        let offset = UTF8Check.firstInvalidOffset(bytes[...]) ?? 0
        let line = 1 + bytes[..<offset].reduce(0) { $0 + ($1 == 0x0A ? 1 : 0) }
        throw TextInputError.invalidUTF8(path: path, line: line, byteOffset: offset)
    }
}

/// What the Markdown scanner finds: text to check, and HTML comments (which a future feature reads
/// for `<!-- tsuzuri-disable-next-line -->`).
public enum MarkdownEvent: Sendable, Hashable {
    case text(TextPiece)
    /// An HTML comment (block or inline) with the lines it covers.
    case comment(String, lines: ClosedRange<Int>)
}

/// One cmark-gfm document and its walk; frees both in deinit.
final class CmarkDocument {
    private let handle: OpaquePointer

    init?(_ source: UnsafeBufferPointer<UInt8>) {
        let parsed = source.withMemoryRebound(to: CChar.self) { chars in
            if let base = chars.baseAddress { ccmark_parse(base, chars.count) } else { ccmark_parse("", 0) }
        }
        guard let handle = parsed else { return nil }
        self.handle = handle
    }

    deinit { ccmark_free(handle) }

    /// The next step of the walk; false when it is over.
    func next(_ event: inout ccmark_event) -> Bool { ccmark_next(handle, &event) != 0 }

    /// Leaves out the children of the node just entered (and its exit step).
    func skipNode() { ccmark_skip_children(handle) }
}

/// YAML (`---`) or TOML (`+++`) front matter at the very top: cmark does not know it, so its lines
/// are blanked (line ends kept, so line numbers stay right) before parsing.
enum FrontMatter {
    static func blank(_ bytes: inout [UInt8]) {
        guard let opener = delimiter(bytes, from: 0), opener.fence == "---" || opener.fence == "+++" else { return }
        var start = opener.next
        while start < bytes.count {
            guard let line = delimiter(bytes, from: start) else {
                start = nextLine(bytes, from: start)
                continue
            }
            if line.fence == opener.fence || (opener.fence == "---" && line.fence == "...") {
                for index in 0..<line.next where bytes[index] != 0x0A && bytes[index] != 0x0D { bytes[index] = 0x20 }
                return
            }
            start = line.next
        }
        // No closing fence: not front matter (a `---` at the top is then a thematic break).
    }

    /// The line at `from` when it is exactly `---`, `+++` or `...` (trailing blanks allowed).
    private static func delimiter(_ bytes: [UInt8], from: Int) -> (fence: String, next: Int)? {
        let end = nextLine(bytes, from: from)
        var content = bytes[from..<end]
        while let last = content.last, last == 0x0A || last == 0x0D || last == 0x20 || last == 0x09 { content = content.dropLast() }
        guard content.count == 3, let first = content.first, first == 0x2D || first == 0x2B || first == 0x2E,
            content.allSatisfy({ $0 == first })
        else { return nil }
        return (String(decoding: content, as: UTF8.self), end)
    }

    private static func nextLine(_ bytes: [UInt8], from: Int) -> Int {
        if let newline = bytes[from...].firstIndex(of: 0x0A) { return newline + 1 }
        return bytes.count
    }
}
