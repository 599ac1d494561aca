import Foundation
import Testing
import TsuzuriXML

/// Parses `text` fed `chunk` bytes at a time and returns the events, or the error.
private func parse(_ bytes: [UInt8], chunk: Int = 7, limits: XMLLimits = XMLLimits()) -> (events: [XMLEvent], error: XMLError?) {
    let parser = XMLStreamParser(limits: limits)
    var events: [XMLEvent] = []
    var offset = 0
    do {
        repeat {
            let count = min(chunk, bytes.count - offset)
            let slice = Array(bytes[offset..<(offset + count)])
            offset += count
            try slice.withUnsafeBytes { try parser.feed($0, isLast: offset == bytes.count) { events.append($0) } }
        } while offset < bytes.count
    } catch let error as XMLError {
        return (events, error)
    } catch {
        Issue.record("unexpected \(error)")
    }
    return (events, nil)
}

private func parse(_ text: String, chunk: Int = 7, limits: XMLLimits = XMLLimits()) -> (events: [XMLEvent], error: XMLError?) {
    parse(Array(text.utf8), chunk: chunk, limits: limits)
}

@Suite struct XMLStreamParserTests {
    @Test func eventsCarryNamesDecodedAttributesTextAndTagEnds() throws {
        let text = "<a x=\"1 &amp; &#x30D8;\">b&lt;c<![CDATA[<d>]]><e/>\n</a>"
        let (events, error) = parse(text)
        #expect(error == nil)
        let start = try #require(events.first)
        #expect(start.kind == .start && start.name == "a")
        #expect(start.attribute("x") == "1 & ヘ")
        // The tag ends after its '>' (byte 24 of the file): text positions are counted from there.
        #expect(start.endOffset == Array("<a x=\"1 &amp; &#x30D8;\">".utf8).count)
        let texts = events.filter { $0.kind == .text || $0.kind == .cdata }.map(\.text).joined()
        #expect(texts == "b<c<d>\n")
        let empty = events.filter { $0.name == "e" }
        #expect(empty.map(\.kind) == [.start, .end])
        #expect(empty[0].endOffset == empty[1].endOffset)
        #expect(events.last?.kind == .end && events.last?.line == 2)
    }

    @Test(arguments: [
        (#"<!DOCTYPE a [<!ENTITY x "y">]><a>&x;</a>"#, XMLError.Kind.entityDeclaration),
        (#"<!DOCTYPE a [<!ENTITY x SYSTEM "file:///etc/passwd">]><a>&x;</a>"#, .entityDeclaration),
        ("<a>&nbsp;</a>", .undeclaredEntity),
        (#"<!DOCTYPE a SYSTEM "a.dtd"><a>&nbsp;</a>"#, .undeclaredEntity),
        (#"<!DOCTYPE a SYSTEM "a.dtd"><a b="&nbsp;"/>"#, .undeclaredEntity),
        ("<a><b></a>", .syntax),
        ("<a>", .syntax),
        ("", .syntax),
    ])
    func refusesWhatItMustNotRead(_ text: String, _ kind: XMLError.Kind) {
        let (_, error) = parse(text)
        #expect(error?.kind == kind)
        #expect(error?.message.isEmpty == false)
        #expect(error?.message.contains("XML_") == false)
    }

    @Test func messagesAreWordsWithTheLine() throws {
        let error = try #require(parse("<a>\n<b>\n</c>\n</a>").error)
        #expect(error.line == 3)
        #expect(error.message == "end tag </c> does not match the start tag <b> of line 2")
        let truncated = try #require(parse("<a>\n<b>text").error)
        #expect(truncated.message == "the file ends inside <b> (truncated file?)")
    }

    @Test func invalidUTF8InANameIsAnErrorNotACrash() throws {
        var bytes = Array("<a><t".utf8)
        bytes += [0xFF, 0xFE]
        bytes += Array("x>y</tx></a>".utf8)
        let error = try #require(parse(bytes).error)
        #expect(error.kind == .encoding || error.kind == .syntax)
    }

    @Test func capsAttributesAndDepth() throws {
        let attributes = (0..<20).map { "a\($0)=\"x\"" }.joined(separator: " ")
        let wide = try #require(parse("<r \(attributes)/>", limits: XMLLimits(maxDepth: 10, maxAttributes: 10)).error)
        #expect(wide.kind == .limit)
        let deep = String(repeating: "<d>", count: 11) + String(repeating: "</d>", count: 11)
        #expect(parse(deep, limits: XMLLimits(maxDepth: 10, maxAttributes: 10)).error?.kind == .limit)
        #expect(parse(deep, limits: XMLLimits(maxDepth: 11, maxAttributes: 10)).error == nil)
    }

    @Test(arguments: [
        ("<?xml version=\"1.0\" encoding=\"UTF-8\"?><a/>", XMLEncoding.utf8),
        ("<a/>", .utf8),
        ("<?xml version='1.0' encoding='Shift_JIS'?><a/>", .other("Shift_JIS")),
        ("<?xml version=\"1.0\" encoding=\"utf-16\"?><a/>", .utf16),
    ])
    func declaredEncoding(_ head: String, _ expected: XMLEncoding) {
        #expect(XMLEncoding(head: Array(head.utf8)) == expected)
    }
}
