import ArgumentParser
import Foundation
import TsuzuriText

/// `tsuzuri glossary …`: commands about the glossary files themselves.
struct GlossaryCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "glossary",
        abstract: "Work with glossary files.",
        subcommands: [GlossaryExport.self])
}

/// `tsuzuri glossary export --builtin DIR`: writes the built-in glossary's files out, to start a
/// team glossary from it or to read it.
struct GlossaryExport: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Write the built-in glossary's .tsv files into a folder.",
        discussion: """
            Creates the folder if needed. A file that already exists there is not overwritten (exit 2, \
            nothing written) unless --force is given. Exit status: 0 written, 2 usage or write error.
            """)

    @Flag(name: .long, help: "Export the built-in glossary (the only glossary export writes today).")
    var builtin = false

    @Flag(name: .long, help: "Overwrite files that already exist in the folder.")
    var force = false

    @Argument(help: ArgumentHelp("The folder to write.", valueName: "dir"))
    var directory: String

    @OptionGroup var output: FormatOption

    func validate() throws {
        if !builtin { throw ValidationError("say what to export: --builtin (the glossary compiled into tsuzuri)") }
    }

    func run() throws {
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory) {
            guard isDirectory.boolValue else { throw GlossaryExportError(message: "\(directory) is a file; give a folder to write the glossary files into") }
        } else {
            do {
                try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            } catch {
                throw GlossaryExportError(message: "\(directory): cannot create the folder: \(error.localizedDescription)")
            }
        }
        let paths = DefaultGlossary.files.map { (directory as NSString).appendingPathComponent($0.name) }
        // All or nothing: check every name before writing any.
        if !force, let existing = paths.first(where: { FileManager.default.fileExists(atPath: $0) }) {
            throw GlossaryExportError(message: "\(existing) already exists; nothing was written. Give --force to overwrite, or another folder")
        }
        for (file, path) in zip(DefaultGlossary.files, paths) {
            try AtomicFile.replace(path: path, bytes: file.bytes)
        }
        switch output.format {
        case .json:
            try JSONOutput.print(["written": paths])
        case .text:
            var out = StandardOutput()
            for path in paths { out.write("wrote \(path)\n") }
        }
    }
}

/// Why `glossary export` wrote nothing (exit 2).
struct GlossaryExportError: Error, LocalizedError {
    var message: String
    var errorDescription: String? { message }
}
