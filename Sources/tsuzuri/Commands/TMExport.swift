import ArgumentParser
import Foundation
import TsuzuriMemory

/// `tsuzuri tm export FILE.tmx`
struct TMExport: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Write the whole memory as TMX 1.4b ('-' for stdout).",
        discussion: "The file is written beside its destination and renamed into place. With --format json a summary {file, units} goes to stdout (not with '-').")

    @OptionGroup var memoryOptions: MemoryOptions
    @OptionGroup var configOptions: ConfigOptions
    @OptionGroup var output: FormatOption

    @Argument(help: "The TMX file to write ('-' for stdout).")
    var file: String

    func validate() throws {
        if file == "-" && output.format == .json {
            throw ValidationError("--format json prints a summary on stdout, where '-' writes the TMX: give a file name.")
        }
    }

    func run() throws {
        let memory = try memoryOptions.open(readOnly: true, config: configOptions)
        if file == "-" {
            var out = BufferedOutput()
            try memory.exportTMX(into: &out, toolVersion: ToolVersion.current)
            out.flush()
            return
        }
        // Written beside the destination and renamed into place, so that a failure never leaves a torn file.
        let destination = URL(fileURLWithPath: file)
        let temporary = destination.deletingLastPathComponent().appendingPathComponent(".\(destination.lastPathComponent).\(getpid()).tmp")
        let folder = destination.deletingLastPathComponent().path
        var isDirectory: ObjCBool = false
        if !FileManager.default.fileExists(atPath: folder, isDirectory: &isDirectory) || !isDirectory.boolValue {
            throw ExportError(file: file, reason: "the folder \(folder) does not exist; create it first or give another path")
        }
        let fd = open(temporary.path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        guard fd >= 0 else {
            throw ExportError(file: file, reason: "cannot create a file in \(folder): \(String(cString: strerror(errno)))")
        }
        let handle = FileHandle(fileDescriptor: fd, closeOnDealloc: true)
        var out = BufferedOutput(handle: handle)
        let units: Int
        do {
            units = try memory.exportTMX(into: &out, toolVersion: ToolVersion.current)
            out.flush()
            try handle.synchronize()
            try handle.close()
            if rename(temporary.path, destination.path) != 0 {
                throw ExportError(file: file, reason: "cannot replace it: \(String(cString: strerror(errno)))")
            }
        } catch {
            try? FileManager.default.removeItem(at: temporary)
            throw error
        }
        switch output.format {
        case .json:
            struct Report: Encodable { var file: String; var units: Int }
            try JSONOutput.print(Report(file: file, units: units))
        case .text:
            Diagnostics.note("exported \(units) unit\(units == 1 ? "" : "s") to \(file)")
        }
    }
}


/// Why `tm export` could not write its file; the memory itself is never touched.
struct ExportError: Error, LocalizedError {
    var file: String
    var reason: String

    var errorDescription: String? { "\(file): cannot write the TMX file: \(reason); nothing was written" }
}
