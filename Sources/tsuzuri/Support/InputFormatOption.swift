import ArgumentParser
import TsuzuriDocuments
import TsuzuriText

extension DocumentFormat: ExpressibleByArgument {}

/// `--input-format`, shared by every command that reads documents.
struct InputFormatOption: ParsableArguments {
    @Option(
        name: .customLong("input-format"),
        help: "Document format: text, markdown, html, xliff or po (default: from the extension, then the content).")
    var format: DocumentFormat?

    /// A document ready to read: its input, its format and the reader for it.
    struct Source {
        var input: TextInput
        var format: DocumentFormat
        var reader: any DocumentReader
    }

    /// Opens `path`, deciding its format from the option, the project's setting for the file
    /// (`formats` in .tsuzuri.toml), the extension or the first bytes.
    func open(_ path: String, configured: DocumentFormat? = nil) throws -> Source {
        let input = TextInput(path: path)
        let format = try self.format ?? configured ?? DocumentReaders.format(forExtensionOf: path) ?? {
            // stdin or a pipe cannot be peeked without consuming it: plain text unless told otherwise.
            TextInput.readsOnce(path) ? .text : DocumentReaders.detect(path: path, head: try input.head(4096))
        }()
        return Source(input: input, format: format, reader: DocumentReaders.reader(for: format))
    }
}
