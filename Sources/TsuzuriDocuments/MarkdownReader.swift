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
        try Self.scan(path: input.displayName, lines: input.forEachLine, body)
    }

    /// Reads the lines a line source hands on (TextInput: UTF-8 checked, BOM and line ends taken
    /// off) in chunks cut where no block can go on (see `MarkdownChunker`), each parsed on its own:
    /// memory stays bounded by the chunk, not the file. `chunkSize` is in bytes.
    static func scan(
        path: String, lines: ((Int, Substring) throws -> Void) throws -> Void, chunkSize: Int = 1 << 20,
        _ body: (MarkdownEvent) throws -> Void
    ) throws {
        var chunker = MarkdownChunker(minimumSize: chunkSize)
        // Both closures are only called during this function; `lines` never calls back into `body`.
        try withoutActuallyEscaping(body) { body in
            try lines { number, line in
                if let chunk = chunker.add(line, number: number) {
                    try parse(chunk.bytes, firstLine: chunk.firstLine, path: path, body)
                }
            }
            if let chunk = chunker.finish() { try parse(chunk.bytes, firstLine: chunk.firstLine, path: path, body) }
        }
    }

    /// Parses one chunk whose first line is the file's line `firstLine`.
    private static func parse(_ bytes: [UInt8], firstLine: Int, path: String, _ body: (MarkdownEvent) throws -> Void) throws {
        try bytes.withUnsafeBufferPointer { source in
            guard let document = CmarkDocument(source) else {
                throw DocumentError.unsupported(
                    path: path, line: firstLine, reason: "cmark-gfm could not parse the document (out of memory); split the file")
            }
            var walker = MarkdownWalker(source: source, lineOffset: firstLine - 1)
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

/// Gathers lines into chunks that cmark can parse on their own: a chunk ends before a line that
/// follows a blank line, starts at the margin, and lies outside a fenced code block, an HTML block
/// that runs over blank lines, and front matter. Such a line starts a new top-level block (every
/// list, quote and paragraph before it is over), so a chunk's inline text reads as in the whole
/// document; only a reference link whose definition sits in another chunk stays text.
/// YAML (`---`) or TOML (`+++`) front matter at the very top is blanked (line ends kept, so line
/// numbers stay right): cmark does not know it.
struct MarkdownChunker {
    let minimumSize: Int
    private var bytes: [UInt8] = []
    private var firstLine = 1
    private var previousBlank = false
    /// The open code fence: its character and length.
    private var fence: (marker: UInt8, length: Int)?
    /// What ends the open HTML block (`-->`, `</pre>`…), if one is open.
    private var htmlEnd: [UInt8]?
    /// The character of front matter's opening fence (`-` or `+`) while it is open (it is then
    /// the whole chunk so far).
    private var frontMatter: UInt8?

    init(minimumSize: Int) {
        self.minimumSize = minimumSize
    }

    /// Adds line `number`; returns the chunk that ends before it, if one does.
    mutating func add(_ line: Substring, number: Int) -> (bytes: [UInt8], firstLine: Int)? {
        var chunk: (bytes: [UInt8], firstLine: Int)?
        let utf8 = line.utf8
        if bytes.count >= minimumSize, previousBlank, fence == nil, htmlEnd == nil, frontMatter == nil,
            let first = utf8.first, first != 0x20, first != 0x09
        {
            chunk = (bytes, firstLine)
            bytes.removeAll(keepingCapacity: true)
            firstLine = number
        }
        let start = bytes.count
        if utf8.withContiguousStorageIfAvailable({ bytes.append(contentsOf: $0) }) == nil { bytes.append(contentsOf: utf8) }
        // cmark ends a line at a lone CR too; a space keeps the file's line numbers and columns.
        if utf8.contains(0x0D) {
            for index in start..<bytes.count where bytes[index] == 0x0D { bytes[index] = 0x20 }
        }
        let blank = !utf8.contains { $0 != 0x20 && $0 != 0x09 && $0 != 0x0D }
        if !blank || fence != nil || htmlEnd != nil || frontMatter != nil, track(from: start, number: number) {
            for index in start..<bytes.count { bytes[index] = 0x20 }
        }
        bytes.append(0x0A)
        previousBlank = blank
        return chunk
    }

    /// The last chunk, if any text is left.
    mutating func finish() -> (bytes: [UInt8], firstLine: Int)? {
        // Front matter never closed: it was a thematic break (or text) after all.
        frontMatter = nil
        return bytes.isEmpty ? nil : (bytes, firstLine)
    }

    /// Follows the blocks that may hold blank lines, for the line from byte `start` to the end;
    /// returns true when it closes front matter (which is then blanked, this line to be blanked too).
    private mutating func track(from start: Int, number: Int) -> Bool {
        let end = bytes.count
        var contentEnd = end
        while contentEnd > start, bytes[contentEnd - 1] == 0x20 || bytes[contentEnd - 1] == 0x09 { contentEnd -= 1 }
        func isFence(_ fence: UInt8) -> Bool {
            contentEnd - start == 3 && bytes[start] == fence && bytes[start + 1] == fence && bytes[start + 2] == fence
        }
        if number == 1, isFence(0x2D) || isFence(0x2B) {  // --- +++
            frontMatter = bytes[start]
            return false
        }
        if let opener = frontMatter {
            if isFence(opener) || (opener == 0x2D && isFence(0x2E)) {  // ... closes YAML too
                for index in 0..<start where bytes[index] != 0x0A { bytes[index] = 0x20 }
                frontMatter = nil
                return true
            }
            return false
        }
        var indent = start
        while indent < end, bytes[indent] == 0x20 { indent += 1 }
        if let open = fence {
            var run = indent
            while run < end, bytes[run] == open.marker { run += 1 }
            if indent - start <= 3, run - indent >= open.length, run == contentEnd || bytes[run..<contentEnd].allSatisfy({ $0 == 0x20 || $0 == 0x09 }) {
                fence = nil
            }
            return false
        }
        if let closing = htmlEnd {
            if Self.contains(bytes[start..<end], closing) { htmlEnd = nil }
            return false
        }
        guard indent - start <= 3, indent < end else { return false }
        let marker = bytes[indent]
        if marker == 0x60 || marker == 0x7E {  // ` ~
            var run = indent
            while run < end, bytes[run] == marker { run += 1 }
            // A backtick line with another backtick after the run is a code span, not a fence.
            if run - indent >= 3, marker == 0x7E || !bytes[run..<end].contains(0x60) { fence = (marker, run - indent) }
            return false
        }
        if marker == 0x3C, let closing = Self.htmlBlockEnd(bytes[indent..<end]), !Self.contains(bytes[(indent + 1)..<end], closing) {  // <
            htmlEnd = closing
        }
        return false
    }

    /// What ends an HTML block that may hold blank lines (CommonMark kinds 1–5), started by `line`.
    private static func htmlBlockEnd(_ line: ArraySlice<UInt8>) -> [UInt8]? {
        let lower = String(decoding: line.prefix(12), as: UTF8.self).lowercased()
        for tag in ["script", "pre", "style", "textarea"] where lower.hasPrefix("<" + tag) {
            let after = lower.dropFirst(tag.count + 1).first
            if after == nil || after == " " || after == ">" || after == "\t" { return Array("</\(tag)>".utf8) }
        }
        if lower.hasPrefix("<!--") { return Array("-->".utf8) }
        if lower.hasPrefix("<?") { return Array("?>".utf8) }
        if lower.hasPrefix("<![cdata[") { return Array("]]>".utf8) }
        if lower.hasPrefix("<!"), let letter = lower.dropFirst(2).first, letter.isLetter { return Array(">".utf8) }
        return nil
    }

    private static func contains(_ line: ArraySlice<UInt8>, _ needle: [UInt8]) -> Bool {
        guard line.count >= needle.count else { return false }
        // Closing tags are matched without regard to case (</PRE>).
        let lowered = line.map { (0x41...0x5A).contains($0) ? $0 | 0x20 : $0 }
        for start in 0...(lowered.count - needle.count) where lowered[start..<start + needle.count].elementsEqual(needle) { return true }
        return false
    }
}
