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
    @OptionGroup var output: FormatOption

    @Argument(help: "The TMX file to write ('-' for stdout).")
    var file: String

    func validate() throws {
        if file == "-" && output.format == .json {
            throw ValidationError("--format json prints a summary on stdout, where '-' writes the TMX: give a file name.")
        }
    }

    func run() throws {
        let memory = try memoryOptions.open(readOnly: true)
        if file == "-" {
            var out = BufferedStandardOutput()
            try memory.exportTMX(into: &out, toolVersion: ToolVersion.current)
            out.flush()
            return
        }
        // Written beside the destination and renamed into place, so that a failure never leaves a torn file.
        let destination = URL(fileURLWithPath: file)
        let temporary = destination.deletingLastPathComponent().appendingPathComponent(".\(destination.lastPathComponent).\(getpid()).tmp")
        guard FileManager.default.createFile(atPath: temporary.path, contents: nil), let handle = FileHandle(forWritingAtPath: temporary.path) else {
            throw ValidationError("cannot write \(file)")
        }
        var out = FileOutput(handle: handle)
        do {
            try memory.exportTMX(into: &out, toolVersion: ToolVersion.current)
            out.flush()
            try handle.synchronize()
            try handle.close()
            if rename(temporary.path, destination.path) != 0 {
                throw ValidationError("cannot write \(file): \(String(cString: strerror(errno)))")
            }
        } catch {
            try? FileManager.default.removeItem(at: temporary)
            throw error
        }
        let units = try memory.statistics().units
        switch output.format {
        case .json:
            struct Report: Encodable { var file: String; var units: Int }
            try JSONOutput.print(Report(file: file, units: units))
        case .text:
            Diagnostics.note("exported \(units) unit\(units == 1 ? "" : "s") to \(file)")
        }
    }
}

/// Buffers text for a file handle, writing in 64 KiB blocks.
struct FileOutput: TextOutputStream {
    let handle: FileHandle
    var buffer = Data()

    init(handle: FileHandle) { self.handle = handle }

    mutating func write(_ string: String) {
        buffer.append(contentsOf: string.utf8)
        if buffer.count >= 1 << 16 { flush() }
    }

    mutating func flush() {
        handle.write(buffer)
        buffer.removeAll(keepingCapacity: true)
    }
}

/// `FileOutput` on stdout.
struct BufferedStandardOutput: TextOutputStream {
    var inner = FileOutput(handle: .standardOutput)
    mutating func write(_ string: String) { inner.write(string) }
    mutating func flush() { inner.flush() }
}
