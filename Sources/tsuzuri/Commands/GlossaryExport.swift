import ArgumentParser
import Foundation
import TsuzuriText

/// Writes the built-in glossary's .tsv files into `directory` (`glossary export --builtin DIR`),
/// to start a team glossary from it or to read it: all or nothing, existing files kept unless `force`.
func writeBuiltinGlossary(to directory: String, force: Bool) throws -> [String] {
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
    return paths
}

/// Why `glossary export` wrote nothing (exit 2).
struct GlossaryExportError: Error, LocalizedError {
    var message: String
    var errorDescription: String? { message }
}
