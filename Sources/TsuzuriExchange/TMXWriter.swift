import Foundation

/// The `<header>` of a TMX 1.4b file.
public struct TMXHeader: Sendable {
    public var creationTool = "tsuzuri"
    public var creationToolVersion: String
    public var dataType = "plaintext"
    public var segmentType = "sentence"
    public var adminLanguage = "en-US"
    /// The source language of the units, or `*all*` when they mix source languages.
    public var sourceLanguage: String
    public var originalFormat = "tsuzuri"
    public var creationDate: Date?

    public init(creationToolVersion: String, sourceLanguage: String, creationDate: Date? = nil) {
        self.creationToolVersion = creationToolVersion
        self.sourceLanguage = sourceLanguage
        self.creationDate = creationDate
    }
}

/// Writes TMX 1.4b, one unit at a time, to any text stream.
public struct TMXWriter {
    public let header: TMXHeader

    public init(header: TMXHeader) {
        self.header = header
    }

    public func begin(into out: inout some TextOutputStream) {
        out.write("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n")
        out.write("<tmx version=\"1.4\">\n")
        var attributes = [
            ("creationtool", header.creationTool), ("creationtoolversion", header.creationToolVersion),
            ("datatype", header.dataType), ("segtype", header.segmentType), ("adminlang", header.adminLanguage),
            ("srclang", header.sourceLanguage), ("o-tmf", header.originalFormat),
        ]
        if let date = header.creationDate { attributes.append(("creationdate", TMXDate.format(date))) }
        out.write("  <header")
        for (key, value) in attributes { out.write("\n    \(key)=\"\(XMLEscaping.attribute(value))\"") }
        out.write("/>\n  <body>\n")
    }

    public func write(_ unit: ExchangeUnit, into out: inout some TextOutputStream) {
        var tu = "    <tu"
        if let source = unit.sourceLanguage, LanguageCode.canonical(source) != LanguageCode.canonical(header.sourceLanguage) {
            tu += " srclang=\"\(XMLEscaping.attribute(source))\""
        }
        if let date = unit.creationDate { tu += " creationdate=\"\(TMXDate.format(date))\"" }
        if let date = unit.changeDate { tu += " changedate=\"\(TMXDate.format(date))\"" }
        tu += ">\n"
        for note in unit.notes { tu += "      <note>\(Self.escapeText(note))</note>\n" }
        for prop in unit.properties {
            tu += "      <prop type=\"\(XMLEscaping.attribute(prop.type))\">\(Self.escapeText(prop.value))</prop>\n"
        }
        for segment in unit.segments {
            // Markup is already escaped XML, except for CR: a raw CR would come back as LF.
            let content = segment.markup.map { $0.replacingOccurrences(of: "\r", with: "&#13;") } ?? Self.escapeText(segment.text)
            tu += "      <tuv xml:lang=\"\(XMLEscaping.attribute(segment.language))\"><seg>\(content)</seg></tuv>\n"
        }
        tu += "    </tu>\n"
        out.write(tu)
    }

    public func end(into out: inout some TextOutputStream) {
        out.write("  </body>\n</tmx>\n")
    }

    /// Escapes text content; keeps CR (which XML parsers fold into LF) as `&#13;` and drops the
    /// C0 controls that XML 1.0 cannot carry.
    static func escapeText(_ s: String) -> String {
        let needsWork = s.unicodeScalars.contains { $0.value < 0x20 && $0 != "\n" && $0 != "\t" }
        guard needsWork else { return XMLEscaping.text(s) }
        var out = ""
        for scalar in s.unicodeScalars {
            if scalar == "\r" { out += "&#13;"; continue }
            if !XMLEscaping.isAllowed(scalar) { continue }
            out += XMLEscaping.text(String(scalar))
        }
        return out
    }
}
