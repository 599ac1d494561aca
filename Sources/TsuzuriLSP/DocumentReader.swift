import TsuzuriCheck

/// Turns an open document into what the checker reads. Every document is plain text today; the
/// readers for Markdown, HTML, XLIFF and PO (issue 11's follow-ups) plug in here, chosen by
/// `languageID` or the file name, and must keep line and column numbers those of the document
/// so that findings land where the editor shows the words.
public enum DocumentReader {
    /// Feeds `document` to `checker` under the name `name` (the document's URI), so that the
    /// report's locations say which document they are in.
    public static func check(_ document: TextDocument, name: String, with checker: Checker) {
        checker.check(text: document.text, name: name)
    }
}
