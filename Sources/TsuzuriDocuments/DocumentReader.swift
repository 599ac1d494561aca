import Foundation
import TsuzuriText

/// Reads one kind of document and hands on what there is to check, in document order: running
/// text as pieces placed in the file, and the translation units of bilingual files.
public protocol DocumentReader: Sendable {
    /// Reads `input` and calls `body` with each part. Throws `DocumentError` (or `TextInputError`)
    /// naming the file and line when the input is not what the format expects.
    func read(_ input: TextInput, _ body: (DocumentPart) throws -> Void) throws
}

/// Why a document could not be read; every message names the file and line and says what to do.
public enum DocumentError: Error, LocalizedError, Equatable {
    /// The content breaks the format's rules (malformed XML, an unterminated PO string).
    case malformed(path: String, line: Int, reason: String)
    /// The file is well formed but lacks what tsuzuri needs (an XLIFF without a target language).
    case unsupported(path: String, line: Int, reason: String)
    /// The content does not look like the format that was asked for.
    case wrongFormat(path: String, expected: DocumentFormat, found: String)

    public var errorDescription: String? {
        switch self {
        case .malformed(let path, let line, let reason):
            "\(path):\(line): \(reason)"
        case .unsupported(let path, let line, let reason):
            "\(path):\(line): \(reason)"
        case .wrongFormat(let path, let expected, let found):
            "\(path): does not look like \(expected.rawValue) (\(found)); give the right --input-format or leave it out to detect the format"
        }
    }
}

/// Picks the reader for a document.
public enum DocumentReaders {
    /// The format a path's extension names, if it names one.
    public static func format(forExtensionOf path: String) -> DocumentFormat? {
        switch (path as NSString).pathExtension.lowercased() {
        case "md", "markdown", "mdown", "mkd": .markdown
        case "html", "htm", "xhtml": .html
        case "xlf", "xliff", "sdlxliff", "mqxliff": .xliff
        case "po", "pot": .po
        case "txt", "text": .text
        default: nil
        }
    }

    /// The format of `path`: from its extension, otherwise from its first bytes (an XLIFF or HTML
    /// root element, a PO header), otherwise plain text.
    public static func detect(path: String, head: [UInt8]) -> DocumentFormat {
        if let format = format(forExtensionOf: path) { return format }
        let text = String(decoding: head.prefix(4096), as: UTF8.self).lowercased()
        if text.contains("<xliff") { return .xliff }
        if text.contains("<!doctype html") || text.contains("<html") { return .html }
        if text.range(of: "(^|\n)msgid \"", options: .regularExpression) != nil,
            text.contains("msgstr")
        {
            return .po
        }
        return .text
    }

    /// The reader for a format.
    public static func reader(for format: DocumentFormat) -> any DocumentReader {
        switch format {
        case .text: PlainTextReader()
        case .xliff: XLIFFReader()
        case .html: HTMLReader()
        case .po: PODocumentReader()
        case .markdown: MarkdownReader()
        }
    }
}

/// Plain text: every line is a piece, as written.
public struct PlainTextReader: DocumentReader {
    public init() {}

    public func read(_ input: TextInput, _ body: (DocumentPart) throws -> Void) throws {
        try input.forEachLine { number, line in
            if line.isEmpty { return }
            try body(.text(TextPiece(text: String(line), line: number, column: 1), language: nil))
        }
    }
}
