import Foundation
import TsuzuriCheck
import TsuzuriDocuments
import TsuzuriText

/// Turns an open document into what the checker reads, through the same document readers as
/// `tsuzuri check` (Markdown, HTML, XLIFF, PO), chosen by the editor's language id or the file
/// name, so that findings land where the editor shows the words.
public enum DocumentReader {
    /// The format of an open document: the editor's language id first, then the file name's
    /// extension, then plain text.
    public static func format(of document: TextDocument) -> DocumentFormat {
        switch document.languageID.lowercased() {
        case "markdown": return .markdown
        case "html", "xhtml": return .html
        case "xliff": return .xliff
        case "po", "gettext", "pot": return .po
        default: break
        }
        let path = URL(string: document.uri)?.path ?? document.uri
        return DocumentReaders.format(forExtensionOf: path) ?? .text
    }

    /// Feeds `document` to `checker` under the name `name` (the document's URI), so that the
    /// report's locations say which document they are in. Returns why the document could not be
    /// read (a half-typed XLIFF is malformed XML), or nil; what was read before stays checked.
    @discardableResult
    public static func check(_ document: TextDocument, name: String, with checker: Checker) -> String? {
        let format = format(of: document)
        guard format != .text else {
            checker.check(text: document.text, name: name)
            return nil
        }
        let input = TextInput(name: name, contents: Array(document.text.utf8))
        let reader = DocumentReaders.reader(for: format)
        do {
            try checker.check(document: name) { emit in try reader.read(input, emit) }
            return nil
        } catch {
            return (error as? LocalizedError)?.errorDescription ?? "\(error)"
        }
    }
}
