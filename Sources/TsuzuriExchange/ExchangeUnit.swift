import Foundation

/// One language's text in a translation unit, as an exchange file holds it.
public struct ExchangeSegment: Sendable, Equatable, Codable {
    /// The language code as written in the file (`ja`, `en-US`).
    public var language: String
    /// The text with inline codes (`bpt`, `ept`, `ph`, `it`, `ut`) removed: what matching compares.
    public var text: String
    /// The `<seg>` content as TMX markup when it holds inline elements; nil for plain text.
    public var markup: String?

    public init(language: String, text: String, markup: String? = nil) {
        self.language = language
        self.text = text
        self.markup = markup
    }
}

/// A typed property of a unit (`<prop type="x-origin">…</prop>` in TMX).
public struct ExchangeProperty: Sendable, Equatable, Codable {
    public var type: String
    public var value: String

    public init(type: String, value: String) {
        self.type = type
        self.value = value
    }
}

/// One translation unit read from (or written to) an exchange file: TMX `<tu>`, a PO entry, a TSV line.
public struct ExchangeUnit: Sendable, Equatable {
    /// The language variants in file order (TMX `<tuv>`s).
    public var segments: [ExchangeSegment]
    /// The unit's declared source language (`srclang` of the `<tu>` or header); nil for `*all*` or unknown.
    public var sourceLanguage: String?
    public var notes: [String]
    public var properties: [ExchangeProperty]
    public var creationDate: Date?
    public var changeDate: Date?
    /// Whether the file marks the translation as not yet approved (gettext `#, fuzzy`).
    public var isFuzzy: Bool
    /// The 1-based line where the unit starts in its file (for messages).
    public var line: Int

    public init(
        segments: [ExchangeSegment], sourceLanguage: String? = nil, notes: [String] = [],
        properties: [ExchangeProperty] = [], creationDate: Date? = nil, changeDate: Date? = nil,
        isFuzzy: Bool = false, line: Int = 0
    ) {
        self.segments = segments
        self.sourceLanguage = sourceLanguage
        self.notes = notes
        self.properties = properties
        self.creationDate = creationDate
        self.changeDate = changeDate
        self.isFuzzy = isFuzzy
        self.line = line
    }
}

/// The exchange formats tsuzuri reads.
public enum ExchangeFormat: String, Sendable, CaseIterable, Codable {
    case tmx, po, tsv

    /// The format a file name suggests (`.tmx`, `.po`/`.pot`, `.tsv`/`.tab`/`.txt`), or nil.
    public init?(fileName: String) {
        switch (fileName as NSString).pathExtension.lowercased() {
        case "tmx", "xml": self = .tmx
        case "po", "pot": self = .po
        case "tsv", "tab", "txt": self = .tsv
        default: return nil
        }
    }
}
