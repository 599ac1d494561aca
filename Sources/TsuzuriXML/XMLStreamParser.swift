import CXML
import Foundation

/// Why an XML document could not be read: what is wrong, in words, and the line where the parser
/// found it. Readers turn it into their own error naming the file.
public struct XMLError: Error, Equatable, Sendable {
    public enum Kind: Sendable, Equatable {
        /// Not well-formed XML (a truncated file, a mismatched tag, a bare `&`).
        case syntax
        /// The DOCTYPE declares entities (external entities, expansion bombs).
        case entityDeclaration
        /// A reference to an entity other than the five XML ones.
        case undeclaredEntity
        /// Bytes that are not valid in the document's encoding.
        case encoding
        /// Too many attributes on one element or too deep a nesting.
        case limit
    }

    public var kind: Kind
    public var line: Int
    public var message: String

    public init(kind: Kind, line: Int, message: String) {
        self.kind = kind
        self.line = line
        self.message = message
    }
}

/// Bounds that keep a hostile document from costing unbounded time or memory.
public struct XMLLimits: Sendable {
    /// The deepest element nesting accepted (libxml2's own limit is 256).
    public var maxDepth: Int
    /// The most attributes accepted on one element.
    public var maxAttributes: Int

    public init(maxDepth: Int = 200, maxAttributes: Int = 256) {
        self.maxDepth = maxDepth
        self.maxAttributes = maxAttributes
    }
}

/// One attribute as written on a start tag, its value decoded.
public struct XMLAttribute: Sendable, Equatable {
    public var name: String
    public var value: String
}

/// One thing the parser found, in document order.
public struct XMLEvent: Sendable {
    public enum Kind: Sendable, Equatable {
        case start, end, text, cdata
    }

    public var kind: Kind
    /// The qualified element name (`xml:lang` style prefixes kept) for `start` and `end`.
    public var name: String
    /// The decoded text for `text` and `cdata` (line ends normalised to LF, as XML requires).
    public var text: String
    public var attributes: [XMLAttribute]
    /// The parser's line when it reported the event (for a start tag, the line of its `>`).
    public var line: Int
    /// For `start` and `end`: the byte offset just after the tag's `>` in the bytes fed so far.
    public var endOffset: Int

    /// The value of the attribute named `name`, if the start tag has it.
    public func attribute(_ name: String) -> String? {
        for attribute in attributes where attribute.name == name { return attribute.value }
        return nil
    }

    /// The name without its namespace prefix (`sdl:seg` → `seg`).
    public var localName: Substring {
        if let colon = name.lastIndex(of: ":") { return name[name.index(after: colon)...] }
        return name[...]
    }
}

/// A streaming XML parser (libxml2's push parser behind the sealed CXML target): feed it the
/// document in chunks and it hands on the events each chunk completes, so memory does not grow
/// with the file. It reads nothing outside the document (no network, no DTD), expands no entity,
/// and refuses entity declarations.
public final class XMLStreamParser {
    private let reader: OpaquePointer

    public init(limits: XMLLimits = XMLLimits()) {
        reader = cxml_reader_create(Int32(clamping: limits.maxDepth), Int32(clamping: limits.maxAttributes))
    }

    deinit { cxml_reader_free(reader) }

    /// Whether the root element has been closed.
    public var finishedRoot: Bool { cxml_reader_finished_root(reader) != 0 }

    /// Parses the next bytes (`isLast` for the end of the document) and calls `body` with every
    /// event they complete; throws `XMLError` once the document is found to be malformed (after
    /// handing on the events before the error), or whatever `body` throws.
    public func feed(_ bytes: UnsafeRawBufferPointer, isLast: Bool, _ body: (XMLEvent) throws -> Void) throws {
        let base = bytes.baseAddress?.assumingMemoryBound(to: UInt8.self)
        var status = Int32(0)
        var offset = 0
        // libxml2 takes Int32 lengths: a huge buffer goes in slices.
        repeat {
            let count = min(bytes.count - offset, 1 << 30)
            let last = isLast && offset + count == bytes.count
            status = cxml_reader_feed(reader, base.map { $0 + offset }, Int32(count), last ? 1 : 0)
            offset += count
            try drain(body)
        } while offset < bytes.count && status == 0
        if status != 0 { throw error }
    }

    /// Parses a whole document read by `next` (which returns an empty chunk at the end).
    public func parse(chunks next: () throws -> Data, _ body: (XMLEvent) throws -> Void) throws {
        while true {
            let chunk = try next()
            try chunk.withUnsafeBytes { try feed($0, isLast: chunk.isEmpty, body) }
            if chunk.isEmpty { return }
        }
    }

    private var error: XMLError {
        let kind: XMLError.Kind =
            switch Int(cxml_reader_error_kind(reader)) {
            case Int(CXML_ERROR_ENTITY_DECLARATION.rawValue): .entityDeclaration
            case Int(CXML_ERROR_UNDECLARED_ENTITY.rawValue): .undeclaredEntity
            case Int(CXML_ERROR_ENCODING.rawValue): .encoding
            case Int(CXML_ERROR_LIMIT.rawValue): .limit
            default: .syntax
            }
        return XMLError(
            kind: kind, line: max(1, Int(cxml_reader_error_line(reader))),
            message: String(cString: cxml_reader_error_message(reader)))
    }

    private func drain(_ body: (XMLEvent) throws -> Void) throws {
        defer { cxml_reader_clear(reader) }
        let count = cxml_reader_event_count(reader)
        var raw = cxml_event()
        var attribute = cxml_attribute()
        for index in 0..<count {
            cxml_reader_event(reader, index, &raw)
            let kind: XMLEvent.Kind =
                switch Int(raw.kind) {
                case Int(CXML_EVENT_START.rawValue): .start
                case Int(CXML_EVENT_END.rawValue): .end
                case Int(CXML_EVENT_CDATA.rawValue): .cdata
                default: .text
                }
            var attributes: [XMLAttribute] = []
            if raw.attribute_count > 0 {
                attributes.reserveCapacity(Int(raw.attribute_count))
                for i in raw.first_attribute..<(raw.first_attribute + raw.attribute_count) {
                    cxml_reader_attribute(reader, i, &attribute)
                    attributes.append(
                        XMLAttribute(
                            name: Self.string(attribute.name, attribute.name_length),
                            value: Self.string(attribute.value, attribute.value_length)))
                }
            }
            try body(
                XMLEvent(
                    kind: kind, name: Self.string(raw.name, raw.name_length), text: Self.string(raw.text, raw.text_length),
                    attributes: attributes, line: Int(raw.line), endOffset: Int(raw.end_offset)))
        }
    }

    /// libxml2 hands on UTF-8 it has already checked.
    private static func string(_ pointer: UnsafePointer<CChar>?, _ length: Int32) -> String {
        guard let pointer, length > 0 else { return "" }
        return pointer.withMemoryRebound(to: UInt8.self, capacity: Int(length)) {
            String(decoding: UnsafeBufferPointer(start: $0, count: Int(length)), as: UTF8.self)
        }
    }
}
